/**
 * `@name` completion in note editors: where the mention being typed starts, which people match it,
 * and the text once one is chosen. Pure functions: the popup (MentionPopup.svelte) holds the state.
 * Names follow the server's rule (Mentions.java): an `@` at the start or after a character that
 * cannot be part of an address, then letters, digits and `. _ -`.
 */

export interface Mentionable {
  userId: string;
  name: string;
  displayName: string;
}

/** The mention under the caret: where its `@` is and what follows it so far; null when there is none. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  let i = caret;
  while (i > 0 && /[\p{L}\p{N}._-]/u.test(text[i - 1])) i--;
  if (i === 0 || text[i - 1] !== '@') return null;
  const at = i - 1;
  if (at > 0 && /[\p{L}\p{N}_.@-]/u.test(text[at - 1])) return null; // an e-mail address, not a mention
  const query = text.slice(i, caret);
  if (query.length > 64) return null;
  return { start: at, query };
}

/** The people whose name or display name starts with the query (case-insensitive), by name, at most `limit`. */
export function matching(people: Mentionable[], query: string, limit = 8): Mentionable[] {
  const q = query.toLowerCase();
  return people
    .filter((p) => p.name.toLowerCase().startsWith(q) || p.displayName.toLowerCase().startsWith(q))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The text with the mention at `start..caret` replaced by `@name ` and where the caret goes then. */
export function complete(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const after = text.slice(caret);
  const insert = `@${name}` + (after.startsWith(' ') ? '' : ' ');
  return { text: text.slice(0, start) + insert + after, caret: start + insert.length + (after.startsWith(' ') ? 1 : 0) };
}

/** The names mentioned in a note, lower case, each once (as the server reads them). */
export function mentionedNames(text: string): string[] {
  const out: string[] = [];
  const re = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}._-]{0,63})/gu;
  for (const m of text.matchAll(re)) {
    const name = m[1].replace(/[.-]+$/, '').toLowerCase();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
