// Marker colours of notes (the server's neutral palette, from imported EDL locators and marker
// files) as screen colours: the timeline's tick and the note's edge show the colour the editor
// chose in their editing application.

const PALETTE: Record<string, string> = {
  red: '#e5484d',
  pink: '#e93d82',
  orange: '#f76b15',
  yellow: '#ffc53d',
  green: '#46a758',
  cyan: '#00a2c7',
  blue: '#3e63dd',
  purple: '#8e4ec6',
  magenta: '#d6409f',
  black: '#8b8d98',
  white: '#f0f0f0',
};

/** The default tick of an open note without a colour. */
export const OPEN_NOTE = '#e0a43a';
/** The tick of a resolved note, whatever its colour. */
export const RESOLVED_NOTE = '#6f6f6f';

/** The screen colour of a note's marker colour, or null for none or a name not in the palette. */
export function noteColour(colour: string | null | undefined): string | null {
  if (!colour) return null;
  return PALETTE[colour.toLowerCase()] ?? null;
}

/** The timeline tick of a note: grey once resolved, else its colour, else the default. */
export function tickColour(note: { colour?: string | null; resolved: boolean }): string {
  if (note.resolved) return RESOLVED_NOTE;
  return noteColour(note.colour) ?? OPEN_NOTE;
}
