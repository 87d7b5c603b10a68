import type { Note } from './api/types';

// The "Export notes" menu's view logic: the formats offered, the authors to pick from, the frame
// range, and the download URL of GET /api/media/{id}/markers. No DOM and no network here.

export type MarkerFormat = 'resolve-edl' | 'avid' | 'avid-edl' | 'fcp7' | 'fcpxml' | 'otio' | 'premiere-csv' | 'csv';
export type NoteStatus = 'all' | 'open' | 'resolved';

export const MARKER_FORMATS: { format: MarkerFormat; label: string }[] = [
  { format: 'resolve-edl', label: 'DaVinci Resolve (marker EDL)' },
  { format: 'avid', label: 'Avid Media Composer (marker list)' },
  { format: 'avid-edl', label: 'Avid (EDL with locators)' },
  { format: 'premiere-csv', label: 'Premiere Pro (marker list)' },
  { format: 'fcp7', label: 'Premiere Pro / FCP 7 (XML)' },
  { format: 'fcpxml', label: 'Final Cut Pro (FCPXML)' },
  { format: 'otio', label: 'OpenTimelineIO' },
  { format: 'csv', label: 'Spreadsheet (CSV)' },
];

export interface ExportForm {
  format: MarkerFormat;
  status: NoteStatus;
  /** Author ids to keep; empty keeps everyone. */
  authors: string[];
  /** First and last frame (inclusive) of the range, as typed; '' for open-ended. */
  from: string;
  to: string;
}

export function defaultForm(): ExportForm {
  return { format: 'resolve-edl', status: 'all', authors: [], from: '', to: '' };
}

/** The people who started threads on the media, in the order they first appear, for the author filter. */
export function authorsOf(notes: Note[], nameOf: (id: string) => string): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const n of notes) {
    if (n.parentId || seen.has(n.authorId)) continue;
    seen.set(n.authorId, n.authorName || nameOf(n.authorId));
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

function frame(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

/** A sentence naming what is wrong with the form, or null when it can be downloaded. */
export function exportProblem(form: ExportForm): string | null {
  const from = frame(form.from);
  const to = frame(form.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return 'Frames are whole numbers, 0 or more.';
  if (from !== null && to !== null && from > to) return 'The range must not end before it starts.';
  return null;
}

/** How many threads the form keeps, for the menu to say before downloading. */
export function countKept(notes: Note[], form: ExportForm): number {
  const from = frame(form.from);
  const to = frame(form.to);
  return notes.filter((n) => {
    if (n.parentId) return false;
    if (form.status === 'open' && n.resolved) return false;
    if (form.status === 'resolved' && !n.resolved) return false;
    if (form.authors.length > 0 && !form.authors.includes(n.authorId)) return false;
    const last = n.frameOut == null ? n.frame : n.frameOut - 1;
    if (from !== null && !Number.isNaN(from) && last < from) return false;
    if (to !== null && !Number.isNaN(to) && n.frame > to) return false;
    return true;
  }).length;
}

/** The download URL for the form (only meaningful when exportProblem is null). */
export function markersUrl(mediaId: string, form: ExportForm): string {
  const q = new URLSearchParams();
  q.set('format', form.format);
  q.set('status', form.status);
  for (const a of form.authors) q.append('author', a);
  if (form.from.trim() !== '') q.set('from', form.from.trim());
  if (form.to.trim() !== '') q.set('to', form.to.trim());
  return `/api/media/${encodeURIComponent(mediaId)}/markers?${q.toString()}`;
}
