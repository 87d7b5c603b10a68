import { describe, expect, it } from 'vitest';
import {
  destinations,
  folderNameProblem,
  folderPathOf,
  hrefOf,
  normaliseTags,
  parentOf,
  pathInfo,
  sameTree,
  sortActions,
} from './folders';
import type { FolderPage, OrganizerAction } from './api/types';

const act = (organizer: string, id: string, targetType = '', label = id): OrganizerAction => ({
  organizer,
  id,
  label,
  description: '',
  targetType,
});

describe('folder paths', () => {
  it('reads projects, folders and homes from a path', () => {
    expect(pathInfo('/')).toMatchObject({ kind: 'root', projectId: null, folderId: null });
    expect(pathInfo('/projects')).toMatchObject({ kind: 'projects', base: null });
    expect(pathInfo('/projects/P')).toMatchObject({ kind: 'project', projectId: 'P', folderId: null, base: '/projects/P' });
    expect(pathInfo('/projects/P/F1/F2')).toMatchObject({ kind: 'project', projectId: 'P', folderId: 'F2' });
    expect(pathInfo('/users/U/F')).toMatchObject({ kind: 'home', ownerId: 'U', folderId: 'F', base: '/users/U' });
    expect(pathInfo('/users')).toMatchObject({ kind: 'users', ownerId: null });
    expect(pathInfo('/home')).toMatchObject({ kind: 'home', ownerId: null, base: null });
    expect(pathInfo('/contract/x').kind).toBe('other');
  });

  it('goes one level up and knows which paths share a tree', () => {
    expect(parentOf('/projects/P/F')).toBe('/projects/P');
    expect(parentOf('/projects')).toBe('/');
    expect(parentOf('/')).toBeNull();
    expect(sameTree('/projects/P/A', '/projects/P')).toBe(true);
    expect(sameTree('/projects/P/A', '/projects/Q/A')).toBe(false);
    expect(sameTree('/projects', '/projects')).toBe(false);
  });
});

describe('page actions', () => {
  it('keeps the folders organizer operations apart from custom actions, by target', () => {
    const sorted = sortActions([
      act('folders', 'create-folder'),
      act('folders', 'move-asset', 'asset'),
      act('confidential', 'request-review', 'asset', 'Request review'),
      act('reports', 'export', ''),
      act('reports', 'archive', 'folder'),
      act('reports', 'transcode', 'media'),
    ]);
    expect([...sorted.ops.keys()]).toEqual(['create-folder', 'move-asset']);
    expect(sorted.asset.map((a) => a.label)).toEqual(['Request review']);
    expect(sorted.page.map((a) => a.id)).toEqual(['export']);
    expect(sorted.folder.map((a) => a.id)).toEqual(['archive']);
  });

  it('treats an action named like a folder operation from another organizer as custom', () => {
    const sorted = sortActions([act('other', 'create-folder')]);
    expect(sorted.ops.size).toBe(0);
    expect(sorted.page).toHaveLength(1);
  });
});

describe('move destinations', () => {
  const page: FolderPage = {
    path: '/projects/P/A',
    title: 'A',
    organizer: 'folders',
    projectId: 'P',
    breadcrumbs: [
      { path: '/', name: 'Library' },
      { path: '/projects', name: 'Projects' },
      { path: '/projects/P', name: 'Show' },
    ],
    folders: [
      { path: '/projects/P/A/B', name: 'B', folderId: 'B', position: 0 },
      { path: '/projects/P/A/C', name: 'C', folderId: 'C', position: 1 },
    ],
    assets: [],
    actions: [],
    nextPageToken: null,
  };

  it('offers the folders above in the same project, this folder and the ones shown', () => {
    expect(destinations(page).map((d) => d.name)).toEqual(['Show', 'A', 'B', 'C']);
  });

  it('never offers a folder as its own destination', () => {
    expect(destinations(page, '/projects/P/A/B').map((d) => d.name)).toEqual(['Show', 'A', 'C']);
  });
});

describe('names and tags', () => {
  it('explains what is wrong with a folder name', () => {
    expect(folderNameProblem('  ')).toMatch(/name/);
    expect(folderNameProblem('x'.repeat(201))).toMatch(/200/);
    expect(folderNameProblem('Shots')).toBeNull();
  });

  it('normalises tags as the server stores them', () => {
    expect(normaliseTags([' Confidential', 'confidential', '', 'Hero Shot'])).toEqual(['confidential', 'hero shot']);
  });
});

describe('addresses of folder pages', () => {
  it('uses the folders organizer paths as addresses and puts other organizers paths under /library', () => {
    expect(hrefOf('/projects/P/F')).toBe('/projects/P/F');
    expect(hrefOf('/')).toBe('/library');
    expect(folderPathOf('/', new URLSearchParams())).toBeNull();
    expect(folderPathOf('/library', new URLSearchParams())).toBe('/');
    expect(hrefOf('/shows/S 1/E')).toBe('/library?path=%2Fshows%2FS%201%2FE');
    expect(folderPathOf('/library', new URLSearchParams('path=%2Fshows%2FS%201%2FE&q=x'))).toBe('/shows/S 1/E');
    expect(folderPathOf('/projects/P/', new URLSearchParams())).toBe('/projects/P');
    expect(folderPathOf('/home', new URLSearchParams())).toBe('/home');
    expect(folderPathOf('/review/A', new URLSearchParams())).toBeNull();
    expect(folderPathOf('/projectsX', new URLSearchParams())).toBeNull();
  });
});
