import { loopRange } from './shuttle';

// The cut-clip dialog's view logic: the range from the I/O marks, the request body, and the job's
// progress read from the server's library events. No DOM and no network here.

export type ClipMode = 'copy' | 'smart' | 'reencode';

export const CLIP_MODES: { mode: ClipMode; label: string; explains: string }[] = [
  {
    mode: 'smart',
    label: 'Smart',
    explains: 'Frame-exact: re-encodes only the first and last stretch, copies the rest. Fast and exact.',
  },
  {
    mode: 'reencode',
    label: 'Re-encode',
    explains: 'Frame-exact: encodes the whole range again. Slowest; needed for templates.',
  },
  {
    mode: 'copy',
    label: 'Copy',
    explains: 'Fastest, no quality loss, but snaps to the nearest keyframes: the clip may start or end a little off your marks.',
  },
];

/** The clip's frames [in, out) from the marks: O is inclusive, so the frame marked O is in the clip. */
export function clipRange(markIn: number | null, markOut: number | null, frameCount: number): { in: number; out: number } | null {
  return loopRange(markIn, markOut, frameCount);
}

export interface ClipForm {
  title: string;
  mode: ClipMode;
  templateId: string;
  copyNotes: boolean;
  /** 'asset' files a new asset next to the source; 'version' adds a version to asVersionOf. */
  as: 'asset' | 'version';
  asVersionOf: string;
}

export interface ClipRequest {
  in: number;
  out: number;
  mode: ClipMode;
  title?: string;
  templateId?: string;
  asVersionOf?: string;
  copyNotes?: boolean;
}

/** A sentence naming what is wrong with the form, or null when it can be sent. */
export function clipProblem(range: { in: number; out: number } | null, form: ClipForm): string | null {
  if (!range) return 'Mark an in point (I) and an out point (O) on the timeline first.';
  if (range.out <= range.in) return 'The out point must come after the in point.';
  if (form.templateId && form.mode === 'copy') return 'A template changes the picture, so it needs Smart or Re-encode, not Copy.';
  if (form.as === 'version' && !form.asVersionOf) return 'Pick the asset the clip becomes a new version of.';
  return null;
}

export function clipRequest(range: { in: number; out: number }, form: ClipForm): ClipRequest {
  const body: ClipRequest = { in: range.in, out: range.out, mode: form.mode };
  const title = form.title.trim();
  if (title) body.title = title;
  if (form.templateId) body.templateId = form.templateId;
  if (form.as === 'version' && form.asVersionOf) body.asVersionOf = form.asVersionOf;
  if (form.copyNotes) body.copyNotes = true;
  return body;
}

/** A default clip title: the source's title and the range's timecodes. */
export function defaultClipTitle(sourceTitle: string, tcIn: string, tcOut: string): string {
  return `${sourceTitle} ${tcIn}–${tcOut}`;
}

export type ClipJob =
  | { state: 'queued' }
  | { state: 'running'; progress: number }
  | { state: 'ready' }
  | { state: 'failed'; reason: string };

/**
 * The clip job's next state after a server message: clip jobs report like every media job, as
 * library events for the clip's media (progress, ready, failed with its reason).
 */
export function nextClipJob(job: ClipJob, message: { type: string; [k: string]: unknown }, clipMediaId: string): ClipJob {
  if (message.type !== 'library.event' || String(message.media) !== clipMediaId) return job;
  if (job.state === 'ready' || job.state === 'failed') return job;
  switch (message.kind) {
    case 'progress': {
      const p = Number(message.progress);
      return Number.isFinite(p) ? { state: 'running', progress: Math.max(0, Math.min(1, p > 1 ? p / 100 : p)) } : job;
    }
    case 'ready':
      return { state: 'ready' };
    case 'failed':
      return { state: 'failed', reason: typeof message.reason === 'string' && message.reason ? message.reason : 'The clip could not be made.' };
    default:
      return job;
  }
}

/** The job state from the clip media's status, for when an event was missed (reconnects). */
export function clipJobOfStatus(status: string, error: string | null | undefined, job: ClipJob): ClipJob {
  if (status === 'ready') return { state: 'ready' };
  if (status === 'failed') return { state: 'failed', reason: error || 'The clip could not be made.' };
  return job;
}
