// Shapes of the server's JSON, as the REST API answers them.

export type MediaStatus = 'processing' | 'ready' | 'failed';
export type ApprovalStatus = 'needs_review' | 'changes_requested' | 'approved';
export type AuthMode = 'none' | 'local' | 'proxy';

export interface Rendition {
  kind: string;
  status: string;
  url: string;
}

export interface Media {
  id: string;
  name: string;
  status: MediaStatus;
  frameCount: number | null;
  frameRate: string | null;
  startTimecode: string | null;
  dropFrame: boolean | null;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  hasAudio: boolean | null;
  sizeBytes: number | null;
  error: string | null;
  renditions: Rendition[];
  createdAt: string;
}

export interface MediaPage {
  items: Media[];
  next: string | null;
  total: number;
}

export interface Project {
  id: string;
  name: string;
  createdAt?: string;
  role?: string;
}

export interface Approval {
  status: ApprovalStatus;
  by: string | null;
  at: string | null;
}

export interface AssetVersion {
  id: string;
  number: number;
  mediaId: string;
  createdAt: string;
  approval: Approval;
}

export interface Asset {
  id: string;
  projectId: string;
  folderId: string | null;
  title: string;
  createdAt: string;
  versionCount: number;
  versions: AssetVersion[];
}

export interface Note {
  id: string;
  mediaId: string;
  parentId: string | null;
  frame: number;
  frameOut: number | null;
  text: string;
  drawing: unknown | null;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  authorId: string;
  authorName?: string;
  created: string;
  edited: string | null;
}

export interface NotePage {
  items: Note[];
  next?: string | null;
}

export interface User {
  id: string;
  name: string;
  displayName: string;
  isAdmin: boolean;
  disabled?: boolean;
}

export interface Me extends User {
  authMode: AuthMode;
  projects: Project[];
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface IssuedToken extends ApiTokenInfo {
  token: string;
}

export interface Member {
  userId: string;
  role: 'owner' | 'editor' | 'reviewer' | 'viewer';
  name?: string;
  displayName?: string;
}

export interface SpriteIndex {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  frames: number[];
}

export interface WaveformData {
  sampleRate: number;
  samplesPerPeak: number;
  length: number;
  peaks: number[];
}

export type AuditEntry = Record<string, unknown>;

/** A library page made by an organizer plugin (GET /api/folders). */
export interface FolderPage {
  path: string;
  title: string;
  organizer: string;
  breadcrumbs: { path: string; name: string }[];
  folders: FolderEntry[];
  assets: { id: string; title: string; tags: string[] }[];
  actions: OrganizerAction[];
  nextPageToken: string | null;
}

export interface FolderEntry {
  path: string;
  name: string;
  /** Null for virtual folders (a project, a user's home, the projects list). */
  folderId: string | null;
  position: number;
}

export interface OrganizerAction {
  organizer: string;
  id: string;
  label: string;
  description: string;
  /** asset, folder, media, or empty for the page itself. */
  targetType: string;
}

export interface ActionResult {
  message: string;
  navigatePath: string | null;
}

export interface AppNotification {
  id: string;
  text: string;
  subject: { type: string; id: string } | null;
  source: string;
  createdAt: string;
  readAt: string | null;
}

export interface OrganizerStatus {
  name: string;
  state: 'starting' | 'running' | 'restarting' | 'failed' | 'stopped';
  builtIn: boolean;
  command: string[];
  version: string;
  apiVersion: string;
  hooks: string[];
  restarts: number;
  lastError: string | null;
  since: string;
}
