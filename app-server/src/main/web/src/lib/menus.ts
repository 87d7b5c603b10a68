import type { FolderEntry, FolderPage, OrganizerAction } from './api/types';
import { destinations, folderNameProblem, sortActions, type Destination } from './folders';

// What the library's menus offer for a page, a folder and an asset, built from the page's actions:
// the folders organizer's operations get their own wording and dialogs; any other organizer's
// action appears by its label and is confirmed before it runs. No network and no DOM here.

export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
  title?: string;
}

/** A dialog: a name to type, a destination to pick, or a question to confirm. */
export interface DialogSpec {
  title: string;
  confirm: string;
  text?: { label: string; value: string; check?: (v: string) => string | null };
  destinations?: Destination[];
  question?: string;
  danger?: boolean;
  run: (values: { text: string; destination: string }) => Promise<void>;
}

export type Target = { type: string; id: string };

export interface MenuContext {
  page: FolderPage;
  /** Runs an action and refreshes the page; rejects with the server's words (dialogs show them). */
  run: (a: OrganizerAction, target: Target | undefined, parameters?: Record<string, string>) => Promise<void>;
  /** Runs an action straight from a menu; failures show on the page. */
  attempt: (a: OrganizerAction, target: Target | undefined, parameters?: Record<string, string>) => void;
  open: (spec: DialogSpec) => void;
  /** Opens the share dialog for a target; absent where the caller may not share (no menu item then). */
  share?: (target: { type: 'asset' | 'clip' | 'folder'; id: string; title: string }) => void;
}

export function newFolderDialog(ctx: MenuContext): DialogSpec | null {
  const a = sortActions(ctx.page.actions).ops.get('create-folder');
  if (!a) return null;
  return {
    title: `New folder in ${ctx.page.title}`,
    confirm: 'Create',
    text: { label: 'Name', value: '', check: folderNameProblem },
    run: ({ text }) => ctx.run(a, undefined, { name: text }),
  };
}

export function customDialog(ctx: MenuContext, a: OrganizerAction, t?: Target, what?: string): DialogSpec {
  return {
    title: a.label,
    question: `${a.description || `Run “${a.label}”`}${what ? ` — on ${what}` : ''}`,
    confirm: a.label,
    run: () => ctx.run(a, t),
  };
}

export function folderMenu(ctx: MenuContext, f: FolderEntry): MenuItem[] {
  const { page } = ctx;
  const sorted = sortActions(page.actions);
  const items: MenuItem[] = [];
  // Virtual folders (a project, a user's home) are not the folders organizer's to change.
  if (!f.folderId) return items;
  const t = { type: 'folder', id: f.folderId };
  const share = ctx.share;
  if (share) items.push({ label: 'Share…', run: () => share({ type: 'folder', id: f.folderId!, title: f.name }) });
  const rename = sorted.ops.get('rename-folder');
  const move = sorted.ops.get('move-folder');
  const del = sorted.ops.get('delete-folder');
  const index = page.folders.findIndex((x) => x.path === f.path);
  if (rename) {
    items.push({
      label: 'Rename…',
      run: () =>
        ctx.open({
          title: `Rename ${f.name}`,
          confirm: 'Rename',
          text: { label: 'Name', value: f.name, check: folderNameProblem },
          run: ({ text }) => ctx.run(rename, t, { name: text }),
        }),
    });
  }
  if (move) {
    items.push({
      label: 'Move to…',
      run: () =>
        ctx.open({
          title: `Move ${f.name}`,
          confirm: 'Move',
          destinations: destinations(page, f.path).filter((d) => d.path !== page.path),
          run: ({ destination }) => ctx.run(move, t, { parentPath: destination }),
        }),
    });
    // Reorder is a move within the same parent to a new position.
    if (index > 0) {
      items.push({ label: 'Move up', run: () => ctx.attempt(move, t, { parentPath: page.path, position: String(index - 1) }) });
    }
    if (index >= 0 && index < page.folders.length - 1) {
      items.push({ label: 'Move down', run: () => ctx.attempt(move, t, { parentPath: page.path, position: String(index + 1) }) });
    }
  }
  for (const a of sorted.folder) {
    items.push({ label: a.label, title: a.description, run: () => ctx.open(customDialog(ctx, a, t, f.name)) });
  }
  if (del) {
    items.push({
      label: 'Delete',
      danger: true,
      run: () =>
        ctx.open({
          title: `Delete ${f.name}?`,
          confirm: 'Delete',
          danger: true,
          question: 'Only an empty folder can be deleted: move or delete what it holds first.',
          run: () => ctx.run(del, t),
        }),
    });
  }
  return items;
}

export function assetMenu(ctx: MenuContext, id: string, title: string, isClip = false): MenuItem[] {
  const { page } = ctx;
  const sorted = sortActions(page.actions);
  const items: MenuItem[] = [];
  const share = ctx.share;
  if (share) items.push({ label: 'Share…', run: () => share({ type: isClip ? 'clip' : 'asset', id, title }) });
  const t = { type: 'asset', id };
  const move = sorted.ops.get('move-asset');
  if (move) {
    items.push({
      label: 'Move to…',
      run: () =>
        ctx.open({
          title: `Move ${title}`,
          confirm: 'Move',
          destinations: destinations(page).filter((d) => d.path !== page.path),
          run: ({ destination }) => ctx.run(move, t, { folderPath: destination }),
        }),
    });
  }
  for (const a of sorted.asset) {
    items.push({ label: a.label, title: a.description, run: () => ctx.open(customDialog(ctx, a, t, title)) });
  }
  return items;
}
