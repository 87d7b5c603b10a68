import { http, withQuery } from './http';
import type {
  Account,
  ActionResult,
  ApiTokenInfo,
  AssetTags,
  AppNotification,
  Home,
  FolderPage,
  OrganizerStatus,
  ApprovalStatus,
  Asset,
  AssetVersion,
  AuditEntry,
  AuthMode,
  IssuedToken,
  LoginAnswer,
  Me,
  Media,
  MediaPage,
  Member,
  Note,
  Project,
  SpriteIndex,
  WaveformData,
} from './types';
import { ApiError } from './errors';

const enc = encodeURIComponent;

/** Every REST call the pages make, typed. */
export const api = {
  async authMode(): Promise<AuthMode> {
    try {
      const cfg = await http.get<{ mode: AuthMode }>('/api/auth/config', { quiet401: true });
      return cfg.mode;
    } catch (e) {
      // A server without accounts has no auth endpoints: that is mode none.
      if (e instanceof ApiError && e.status === 404) return 'none';
      throw e;
    }
  },
  login: (username: string, password: string) =>
    http.post<LoginAnswer>('/api/auth/login', { username, password }, { quiet401: true }),
  logout: () => http.post<void>('/api/auth/logout'),
  me: () => http.get<Me>('/api/me', { quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string, revokeTokens = false) =>
    http.post<void>('/api/me/password', { currentPassword, newPassword, revokeTokens }),
  /** Ends every session and API token of the caller, this browser's included. */
  signOutEverywhere: () =>
    http.post<{ sessionsEnded: number; tokensRevoked: number }>('/api/me/sign-out-everywhere'),
  tokens: () => http.get<ApiTokenInfo[]>('/api/tokens'),
  createToken: (name: string, expiresAt?: string) =>
    http.post<IssuedToken>('/api/tokens', expiresAt ? { name, expiresAt } : { name }, { idempotent: true }),
  revokeToken: (id: string) => http.del<void>(`/api/tokens/${enc(id)}`),

  users: () => http.get<Account[]>('/api/admin/users'),
  createUser: (u: { name: string; displayName?: string; password: string; isAdmin?: boolean }) =>
    http.post<Account>('/api/admin/users', u, { idempotent: true }),
  updateUser: (id: string, patch: { displayName?: string; isAdmin?: boolean; disabled?: boolean; password?: string }) =>
    http.patch<Account>(`/api/admin/users/${enc(id)}`, patch),
  deleteUser: (id: string) => http.del<void>(`/api/admin/users/${enc(id)}`),
  members: (projectId: string) => http.get<Member[]>(`/api/projects/${enc(projectId)}/members`),
  setMembers: (projectId: string, members: { userId: string; role: string }[]) =>
    http.put<Member[]>(`/api/projects/${enc(projectId)}/members`, members),
  audit: (filter: { from?: string; to?: string; user?: string; action?: string }) =>
    http.get<AuditEntry[]>('/api/admin/audit', { query: { ...filter, format: 'json', limit: 500 } }),
  auditExportUrl: (format: 'csv' | 'json', filter: { from?: string; to?: string; user?: string; action?: string }) =>
    withQuery('/api/admin/audit', { ...filter, format }),

  projects: () => http.get<Project[]>('/api/projects'),
  createProject: (name: string) => http.post<Project>('/api/projects', { name }, { idempotent: true }),
  assets: (projectId: string) => http.get<Asset[]>(`/api/projects/${enc(projectId)}/assets`),
  asset: (id: string) => http.get<Asset>(`/api/assets/${enc(id)}`),
  /**
   * Without a project the server files the asset in its default project; a folder must be of the project.
   * `key` is the create's idempotency key when the caller keeps it across reloads (uploads do).
   */
  createAsset: (projectId: string | null, title: string, mediaId: string, folderId: string | null = null, key?: string) =>
    http.post<Asset>(
      '/api/assets',
      projectId ? { projectId, title, mediaId, ...(folderId ? { folderId } : {}) } : { title, mediaId },
      { idempotent: key ?? true },
    ),
  addVersion: (assetId: string, mediaId: string, key?: string) =>
    http.post<AssetVersion>(`/api/assets/${enc(assetId)}/versions`, { mediaId }, { idempotent: key ?? true }),
  approve: (assetId: string, number: number, status: ApprovalStatus) =>
    http.put<AssetVersion>(`/api/assets/${enc(assetId)}/versions/${number}/approval`, { status }),

  /** The organizer's page for a folder path, every page of it. */
  async folder(path: string): Promise<FolderPage> {
    const first = await http.get<FolderPage>('/api/folders', { query: { path, pageSize: 1000 } });
    let token = first.nextPageToken;
    while (token) {
      const more = await http.get<FolderPage>('/api/folders', { query: { path, pageSize: 1000, pageToken: token } });
      first.folders.push(...more.folders);
      first.assets.push(...more.assets);
      token = more.nextPageToken;
    }
    first.nextPageToken = null;
    return first;
  },
  runAction: (a: {
    organizer: string;
    action: string;
    path: string;
    target?: { type: string; id: string };
    parameters?: Record<string, string>;
  }) => http.post<ActionResult>('/api/actions', { ...a, parameters: a.parameters ?? {} }),
  tags: async (assetId: string) => (await http.get<AssetTags>(`/api/assets/${enc(assetId)}/tags`)).tags,
  setTags: async (assetId: string, tags: string[]) =>
    (await http.put<AssetTags>(`/api/assets/${enc(assetId)}/tags`, { tags })).tags,
  notifications: () => http.get<AppNotification[]>('/api/notifications', { query: { limit: 100 }, quiet401: true }),
  markRead: (id: string) => http.post<void>(`/api/notifications/${enc(id)}/read`),
  organizers: () => http.get<OrganizerStatus[]>('/api/admin/organizers'),

  media: (id: string) => http.get<Media>(`/api/media/${enc(id)}`),
  home: () => http.get<Home>('/api/home'),
  /** Where the signed-in person is in a media item, for their home page's "Continue watching". */
  savePosition: (mediaId: string, frame: number) =>
    http.put<unknown>(`/api/media/${enc(mediaId)}/position`, { frame }, { quiet401: true }),
  mediaPage: (after?: string) => http.get<MediaPage>('/api/media', { query: { limit: 1000, after } }),
  /** Every media item, page by page. */
  async allMedia(): Promise<Media[]> {
    const all: Media[] = [];
    let after: string | undefined;
    do {
      const page = await api.mediaPage(after);
      all.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    return all;
  },
  deleteMedia: (id: string) => http.del<void>(`/api/media/${enc(id)}`),
  sprites: (id: string) => http.get<SpriteIndex>(`/api/media/${enc(id)}/sprites.json`),
  waveform: (id: string) => http.get<WaveformData>(`/api/media/${enc(id)}/waveform.json`),

  // Without a limit the server answers every note of the media in one page, ordered by frame.
  notes: async (mediaId: string): Promise<Note[]> =>
    (await http.get<{ items: Note[] }>(`/api/media/${enc(mediaId)}/comments`)).items,
  createNote: (
    mediaId: string,
    note: { text: string; frame?: number; frameOut?: number | null; parentId?: string; drawing?: unknown },
  ) => http.post<Note>(`/api/media/${enc(mediaId)}/comments`, note, { idempotent: true }),
  updateNote: (id: string, patch: { text?: string; drawing?: unknown; resolved?: boolean }) =>
    http.patch<Note>(`/api/comments/${enc(id)}`, patch),
  deleteNote: (id: string) => http.del<void>(`/api/comments/${enc(id)}`),
};

export const urls = {
  stream: (id: string) => `/api/media/${enc(id)}/stream`,
  frame: (id: string, n: number, width?: number) =>
    `/api/media/${enc(id)}/frames/${n}?format=jpeg${width ? `&width=${width}` : ''}`,
  poster: (id: string) => `/api/media/${enc(id)}/poster`,
  sprites: (id: string) => `/api/media/${enc(id)}/sprites`,
};
