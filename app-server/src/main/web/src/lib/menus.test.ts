import { describe, expect, it } from 'vitest';
import { assetMenu, folderMenu, newFolderDialog, type DialogSpec, type MenuContext } from './menus';
import type { FolderPage, OrganizerAction } from './api/types';

const op = (id: string, targetType: string): OrganizerAction => ({ organizer: 'folders', id, label: id, description: '', targetType });
const FOLDER_OPS = [
  op('create-folder', ''),
  op('rename-folder', 'folder'),
  op('move-folder', 'folder'),
  op('delete-folder', 'folder'),
  op('move-asset', 'asset'),
];
const REVIEW: OrganizerAction = {
  organizer: 'reviews',
  id: 'request-review',
  label: 'Request review',
  description: 'Asks the project to look.',
  targetType: 'asset',
};

function page(actions: OrganizerAction[]): FolderPage {
  return {
    path: '/projects/P',
    title: 'Show',
    organizer: 'folders',
    projectId: 'P',
    breadcrumbs: [{ path: '/', name: 'Library' }, { path: '/projects', name: 'Projects' }],
    folders: [
      { path: '/projects/P/A', name: 'A', folderId: 'A', position: 0 },
      { path: '/projects/P/B', name: 'B', folderId: 'B', position: 1 },
    ],
    assets: [{ id: 'X', title: 'Cut', tags: [] }],
    actions,
    nextPageToken: null,
  };
}

function context(actions: OrganizerAction[]) {
  const runs: { action: string; target?: { type: string; id: string }; parameters?: Record<string, string> }[] = [];
  const dialogs: DialogSpec[] = [];
  const ctx: MenuContext = {
    page: page(actions),
    run: async (a, target, parameters) => {
      runs.push({ action: a.id, target, parameters });
    },
    attempt: (a, target, parameters) => {
      runs.push({ action: a.id, target, parameters });
    },
    open: (spec) => dialogs.push(spec),
  };
  return { ctx, runs, dialogs };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('library menus', () => {
  it('offer folder operations, reordering by position, and other organizers actions', () => {
    const { ctx } = context([...FOLDER_OPS, { ...REVIEW, targetType: 'folder', label: 'Archive' }]);
    expect(labels(folderMenu(ctx, ctx.page.folders[0]))).toEqual(['Rename…', 'Move to…', 'Move down', 'Archive', 'Delete']);
    expect(labels(folderMenu(ctx, ctx.page.folders[1]))).toEqual(['Rename…', 'Move to…', 'Move up', 'Archive', 'Delete']);
  });

  it('offer nothing to people who may only look', () => {
    const { ctx } = context([]);
    expect(folderMenu(ctx, ctx.page.folders[0])).toEqual([]);
    expect(assetMenu(ctx, 'X', 'Cut')).toEqual([]);
    expect(newFolderDialog(ctx)).toBeNull();
  });

  it('run a folder operation with the parameters the organizer expects', async () => {
    const { ctx, runs, dialogs } = context(FOLDER_OPS);
    folderMenu(ctx, ctx.page.folders[1]).find((i) => i.label === 'Move up')!.run();
    expect(runs[0]).toEqual({ action: 'move-folder', target: { type: 'folder', id: 'B' }, parameters: { parentPath: '/projects/P', position: '0' } });

    folderMenu(ctx, ctx.page.folders[0]).find((i) => i.label === 'Rename…')!.run();
    expect(dialogs[0].text?.value).toBe('A');
    await dialogs[0].run({ text: 'Plates', destination: '' });
    expect(runs[1]).toEqual({ action: 'rename-folder', target: { type: 'folder', id: 'A' }, parameters: { name: 'Plates' } });

    assetMenu(ctx, 'X', 'Cut').find((i) => i.label === 'Move to…')!.run();
    expect(dialogs[1].destinations?.map((d) => d.name)).toEqual(['A', 'B']);
    await dialogs[1].run({ text: '', destination: '/projects/P/B' });
    expect(runs[2]).toEqual({ action: 'move-asset', target: { type: 'asset', id: 'X' }, parameters: { folderPath: '/projects/P/B' } });
  });

  it('confirm a custom action by its label before running it on its target', async () => {
    const { ctx, runs, dialogs } = context([REVIEW]);
    const items = assetMenu(ctx, 'X', 'Cut');
    expect(labels(items)).toEqual(['Request review']);
    items[0].run();
    expect(runs).toHaveLength(0);
    expect(dialogs[0].confirm).toBe('Request review');
    expect(dialogs[0].question).toContain('Cut');
    await dialogs[0].run({ text: '', destination: '' });
    expect(runs[0]).toEqual({ action: 'request-review', target: { type: 'asset', id: 'X' }, parameters: undefined });
  });

  it('offer sharing of folders, assets and clips where the page allows it', () => {
    const { ctx } = context(FOLDER_OPS);
    const shared: { type: string; id: string; title: string }[] = [];
    const withShare: MenuContext = { ...ctx, share: (t) => shared.push(t) };
    expect(labels(assetMenu(ctx, 'X', 'Cut'))).not.toContain('Share…');
    assetMenu(withShare, 'X', 'Cut')[0].run();
    assetMenu(withShare, 'Y', 'Cut 2', true)[0].run();
    folderMenu(withShare, withShare.page.folders[0])[0].run();
    expect(shared).toEqual([
      { type: 'asset', id: 'X', title: 'Cut' },
      { type: 'clip', id: 'Y', title: 'Cut 2' },
      { type: 'folder', id: 'A', title: 'A' },
    ]);
  });

  it('name a new folder and refuse an empty name in words', async () => {
    const { ctx, runs } = context(FOLDER_OPS);
    const spec = newFolderDialog(ctx)!;
    expect(spec.text?.check?.(' ')).toMatch(/name/);
    await spec.run({ text: 'Shots', destination: '' });
    expect(runs[0]).toEqual({ action: 'create-folder', target: undefined, parameters: { name: 'Shots' } });
  });
});
