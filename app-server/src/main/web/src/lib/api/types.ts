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
