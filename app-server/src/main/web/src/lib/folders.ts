import type { FolderPage, OrganizerAction } from './api/types';

// Library navigation speaks the organizer's folder paths: '/', '/projects', '/projects/P/F1/F2',
// '/users', '/users/U/F1', '/home'. The web UI's own URLs are these paths, so a folder can be
// shared and reloaded. These helpers read a path and sort a page's actions; no network here.

export type PathKind = 'root' | 'projects' | 'users' | 'project' | 'home' | 'other';

export interface PathInfo {
  kind: PathKind;
  /** The project of a project path. */
  projectId: string | null;
  /** The user whose home folders a '/users/U...' path shows ('/home' names no one yet). */
  ownerId: string | null;
  /** The innermost real folder, null at a project's or a home's top level. */
  folderId: string | null;
  /** '/projects/P' or '/users/U': the top of the tree a folder belongs to. */
  base: string | null;
}

export function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export function pathInfo(path: string): PathInfo {
  const s = segments(path);
  const none = { projectId: null, ownerId: null, folderId: null, base: null };
  if (s.length === 0) return { kind: 'root', ...none };
  if (s[0] === 'home' && s.length === 1) return { kind: 'home', ...none };
  if (s[0] === 'projects' || s[0] === 'users') {
    if (s.length === 1) return { kind: s[0], ...none };
    const folderId = s.length > 2 ? s[s.length - 1] : null;
    const base = `/${s[0]}/${s[1]}`;
    return s[0] === 'projects'
      ? { kind: 'project', projectId: s[1], ownerId: null, folderId, base }
      : { kind: 'home', projectId: null, ownerId: s[1], folderId, base };
  }
  return { kind: 'other', ...none };
}

/** The path one level up; '/' has no parent. */
export function parentOf(path: string): string | null {
  const s = segments(path);
  if (s.length === 0) return null;
  return '/' + s.slice(0, -1).join('/');
}

/** True when both paths are inside the same project or home, where folders and assets can move. */
export function sameTree(a: string, b: string): boolean {
  const x = pathInfo(a).base;
  return x !== null && x === pathInfo(b).base;
}

/** The folder operations of the built-in folders organizer, which the page draws as its own controls. */
export const FOLDER_OPS = ['create-folder', 'rename-folder', 'move-folder', 'delete-folder', 'move-asset'] as const;
export type FolderOp = (typeof FOLDER_OPS)[number];

export interface PageActions {
  /** The folder operations offered here, with the organizer that runs them. */
  ops: Map<FolderOp, OrganizerAction>;
  /** Other actions, by what they apply to: the page itself, a folder, an asset. */
  page: OrganizerAction[];
  folder: OrganizerAction[];
  asset: OrganizerAction[];
}

export function sortActions(actions: OrganizerAction[]): PageActions {
  const out: PageActions = { ops: new Map(), page: [], folder: [], asset: [] };
  for (const a of actions) {
    if (a.organizer === 'folders' && (FOLDER_OPS as readonly string[]).includes(a.id)) {
      out.ops.set(a.id as FolderOp, a);
      continue;
    }
    if (a.targetType === 'folder') out.folder.push(a);
    else if (a.targetType === 'asset') out.asset.push(a);
    else if (!a.targetType) out.page.push(a);
    // Actions on other things (media) have no control on a library page.
  }
  return out;
}

export interface Destination {
  path: string;
  name: string;
}

/**
 * Where something on this page can be moved: the folders above it in the same project or home,
 * this folder, and the folders shown here. {@code except} leaves out a folder being moved (and it
 * cannot go inside itself).
 */
export function destinations(page: FolderPage, except: string | null = null): Destination[] {
  const out: Destination[] = [];
  const seen = new Set<string>();
  const add = (path: string, name: string) => {
    if (seen.has(path) || !sameTree(path, page.path)) return;
    if (except && (path === except || path.startsWith(except + '/'))) return;
    seen.add(path);
    out.push({ path, name });
  };
  for (const c of page.breadcrumbs) add(c.path, c.name);
  add(page.path, page.title);
  for (const f of page.folders) add(f.path, f.name);
  return out;
}

/** A folder name as the server accepts it; null when fine, else what is wrong in words. */
export function folderNameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return 'Give the folder a name.';
  if (n.length > 200) return 'A folder name can have at most 200 characters.';
  return null;
}

/** Tags as the server keeps them: trimmed, lower case, no duplicates, in the order given. */
export function normaliseTags(raw: string[]): string[] {
  const out: string[] = [];
  for (const t of raw) {
    const tag = t.trim().toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

// The server's own organizer uses '/', '/projects...', '/users...' and '/home', which are the web
// UI's addresses as they are. A plugin may serve any other path ('/shows/S/E'): those live under
// '/library?path=...' so they can never collide with the UI's other pages.
const OWN = /^\/(projects|users|home)(\/|$)/;

/** The address of the library page for a folder path. */
export function hrefOf(path: string): string {
  // '/' itself is the home page: the library's top level is '/library'.
  if (path === '/') return '/library';
  if (OWN.test(path)) return path;
  return `/library?path=${encodeURIComponent(path)}`;
}

/** The folder path an address shows, or null when the address is another page of the UI. */
export function folderPathOf(routePath: string, query: URLSearchParams): string | null {
  if (routePath === '/library') {
    const p = query.get('path') ?? '/';
    return p.startsWith('/') ? p : '/';
  }
  if (OWN.test(routePath)) return routePath.replace(/\/+$/, '') || '/';
  return null;
}
