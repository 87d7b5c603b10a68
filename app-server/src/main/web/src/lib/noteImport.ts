import { http } from './api/http';
import type { NoteImport } from './api/types';

// Importing an EDL or marker file's notes: the file goes as the raw body; the server tells the
// format from its content. A dry run answers what would be created and skipped.

export interface ImportOptions {
  dryRun: boolean;
  /** Frames added to every note (the file's timeline starts at another timecode). */
  offset: number;
  /** CMX3600 only: every event becomes a range note too. */
  events: boolean;
}

/** The endings of the files the review page takes when dropped. */
export const IMPORT_EXTENSIONS = ['.edl', '.xml', '.fcpxml', '.otio', '.json'];

/** Whether a dropped file looks like one the importer reads (by name; the server decides by content). */
export function isImportable(name: string): boolean {
  const lower = name.toLowerCase();
  return IMPORT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** The offset field as a whole number of frames, or an error message. */
export function parseOffset(text: string): number | string {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^[-+]?\d{1,10}$/.test(t)) return 'The offset is a whole number of frames (negative moves earlier).';
  const n = Number(t);
  return Math.abs(n) > 1_000_000_000 ? 'The offset is at most 1,000,000,000 frames either way.' : n;
}

/** One line that sums up an answer, for the dialog's headline. */
export function summarize(r: NoteImport): string {
  const what = r.dryRun ? 'would be created' : 'created';
  const notes = `${r.created} note${r.created === 1 ? '' : 's'} ${what}`;
  const parts = [notes];
  if (r.existing > 0) parts.push(`${r.existing} already imported`);
  if (r.skipped.length > 0) parts.push(`${r.skipped.length} skipped`);
  return parts.join(' · ');
}

export const noteImportApi = {
  run: (mediaId: string, file: Blob, o: ImportOptions) =>
    http.post<NoteImport>(`/api/media/${encodeURIComponent(mediaId)}/edl`, undefined, {
      raw: file,
      query: { dryRun: o.dryRun, offset: o.offset || undefined, events: o.events || undefined },
    }),
};
