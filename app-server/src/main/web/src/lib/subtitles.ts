// Subtitles in the player: which cue is on a frame, and which track shows first. Pure, so the
// frame rule is tested without a browser.
//
// The server places every cue on frames [startFrame, endFrame) by the rule start <= t(n) < end over
// the media's frame map (openapi.json, getSubtitleCues); the player only compares frame indexes, so
// what shows is frame-exact while paused and stepping, not only while the <video> plays.

export interface PlacedCue {
  index: number;
  startFrame: number;
  endFrame: number;
  text: string;
}

/** The cues on frame n, in start order (overlapping cues show together). */
export function cuesAt<T extends PlacedCue>(cues: readonly T[], frame: number): T[] {
  // Cues are sorted by start: stop at the first that starts after the frame.
  const on: T[] = [];
  for (const c of cues) {
    if (c.startFrame > frame) break;
    if (frame < c.endFrame) on.push(c);
  }
  return on;
}

/** The track to show when the review opens: the one marked default, else none (off). */
export function initialTrack(tracks: readonly { id: string; default: boolean; text: boolean }[]): string | null {
  return tracks.find((t) => t.default && t.text)?.id ?? null;
}

/** What a track menu shows for a track. */
export function trackName(t: { label?: string | null; language?: string | null; source: string; text: boolean }): string {
  const name = t.label || t.language || 'Subtitles';
  const from = t.source === 'embedded' ? 'embedded' : 'file';
  return t.text ? `${name} (${from})` : `${name} (picture subtitles, not shown)`;
}

/** The note a cue starts: its frames as the range and its text quoted. */
export function noteOfCue(cue: PlacedCue): { range: { in: number; out: number }; text: string } {
  return { range: { in: cue.startFrame, out: cue.endFrame }, text: `“${cue.text.replace(/\n/g, ' ')}” ` };
}

// Adding sidecar subtitle files (editors). The server checks everything again; these checks only
// spare an upload that cannot succeed and say why in the form.

/** The file kinds the server reads (SRT, WebVTT, ASS/SSA), as the picker's accept list. */
export const SUBTITLE_ACCEPT = '.srt,.vtt,.ass,.ssa';

/** The server's limit on a subtitle file (SubtitleService.MAX_BYTES). */
export const MAX_SUBTITLE_BYTES = 2 * 1024 * 1024;

/** Why this file cannot be sent, or null when it may be. */
export function subtitleFileProblem(file: { name: string; size: number } | null): string | null {
  if (!file) return 'Choose a subtitle file (.srt, .vtt, .ass or .ssa).';
  const dot = file.name.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.name.slice(dot).toLowerCase();
  if (!SUBTITLE_ACCEPT.split(',').includes(ext)) return 'Choose an .srt, .vtt, .ass or .ssa file.';
  if (file.size === 0) return 'The file is empty.';
  if (file.size > MAX_SUBTITLE_BYTES) return 'A subtitle file is at most 2 MiB.';
  return null;
}

/** Why this language is not accepted (the server's rule: a tag such as en, fra or pt-BR), or null. */
export function languageProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  return t.length <= 35 && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(t)
    ? null
    : 'The language is a tag such as en, fra or pt-BR.';
}

/** The language a file name carries the usual way ("film.en.srt", "film.pt-BR.vtt"), or ''. */
export function languageOfFileName(name: string): string {
  const m = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.(srt|vtt|ass|ssa)$/i.exec(name);
  return m ? m[1] : '';
}

/**
 * Whether the signed-in person may add and remove subtitle files of a project's media: editors and
 * owners of the project and administrators; everyone on a server without accounts.
 */
export function mayManageSubtitles(
  me: { isAdmin: boolean; projects?: readonly { id: string; role: string }[] } | null,
  authMode: string | null,
  projectId: string | null | undefined,
): boolean {
  if (!me) return authMode === 'none';
  if (me.isAdmin) return true;
  const role = me.projects?.find((p) => p.id === projectId)?.role;
  return role === 'owner' || role === 'editor' || role === 'admin';
}
