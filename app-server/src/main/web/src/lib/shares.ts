// The share dialog's and the analytics view's logic: the form as the dialog edits it, the request
// bodies it sends, the words for a link's state, and the heat strip's shading. No DOM here.

export type ShareRight = 'view' | 'comment' | 'approve' | 'download' | 'downloadProxy';
export type ShareTargetType = 'asset' | 'clip' | 'folder';
export type ShareState = 'active' | 'expired' | 'revoked' | 'used-up';

export const RIGHTS: { right: ShareRight; label: string }[] = [
  { right: 'view', label: 'View' },
  { right: 'comment', label: 'Comment' },
  { right: 'approve', label: 'Approve' },
  { right: 'download', label: 'Download original' },
  { right: 'downloadProxy', label: 'Download proxy' },
];

export const STATE_TEXT: Record<ShareState, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  'used-up': 'Used up',
};

export interface ShareForm {
  title: string;
  /** Days until the link expires; 0 = never. */
  expiresInDays: number;
  password: string;
  /** On edit: whether to keep, set or clear the password. */
  passwordChange: 'keep' | 'set' | 'clear';
  rights: ShareRight[];
  /** 0 = unlimited. */
  maxViews: number;
  watermark: boolean;
  requireEmail: boolean;
  live: boolean;
  /** null = always the latest version. */
  version: number | null;
}

export function defaultShareForm(title = ''): ShareForm {
  return {
    title,
    expiresInDays: 14,
    password: '',
    passwordChange: 'set',
    rights: ['view', 'comment'],
    maxViews: 0,
    watermark: false,
    requireEmail: false,
    live: false,
    version: null,
  };
}

/** The expiry as an ISO instant, from a number of days after now; undefined for never. */
export function expiryOf(days: number, now: Date = new Date()): string | undefined {
  if (!days || days <= 0) return undefined;
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** Whole days from now until an ISO instant (at least 1), or 0 when there is none. */
export function daysUntil(iso: string | null | undefined, now: Date = new Date()): number {
  if (!iso) return 0;
  return Math.max(1, Math.round((Date.parse(iso) - now.getTime()) / 86_400_000));
}

export function shareProblem(form: ShareForm): string | null {
  if (!form.rights.includes('view')) return 'A link always lets people view: keep “View” on.';
  if (form.maxViews < 0 || !Number.isInteger(form.maxViews)) return 'Maximum views is a whole number (0 for no limit).';
  if (form.passwordChange === 'set' && form.password !== '' && form.password.length < 8) {
    return 'Use a password of at least 8 characters, or none.';
  }
  return null;
}

export interface ShareCreate {
  target: { type: ShareTargetType; id: string };
  rights: ShareRight[];
  title?: string;
  version?: number;
  expiresAt?: string;
  password?: string;
  maxViews?: number;
  watermark?: boolean;
  requireEmail?: boolean;
  live?: boolean;
}

/** Rights in the order the server lists them, without repeats. */
function ordered(rights: ShareRight[]): ShareRight[] {
  return RIGHTS.map((r) => r.right).filter((r) => rights.includes(r));
}

export function createRequest(target: { type: ShareTargetType; id: string }, form: ShareForm, now: Date = new Date()): ShareCreate {
  const body: ShareCreate = { target, rights: ordered(form.rights) };
  if (form.title.trim()) body.title = form.title.trim();
  if (form.version !== null && target.type !== 'folder') body.version = form.version;
  const expiresAt = expiryOf(form.expiresInDays, now);
  if (expiresAt) body.expiresAt = expiresAt;
  if (form.password) body.password = form.password;
  if (form.maxViews > 0) body.maxViews = form.maxViews;
  if (form.watermark) body.watermark = true;
  if (form.requireEmail) body.requireEmail = true;
  if (form.live) body.live = true;
  return body;
}

export interface SharePatch {
  title?: string | null;
  expiresAt?: string | null;
  password?: string | null;
  rights?: ShareRight[];
  maxViews?: number | null;
  watermark?: boolean;
  requireEmail?: boolean;
  live?: boolean;
}

/** What an edit changes: fields left as they were are not sent. */
export function patchRequest(
  before: {
    title: string | null;
    expiresAt: string | null;
    rights: string[];
    maxViews: number | null;
    watermark: boolean;
    requireEmail: boolean;
    live: boolean;
  },
  form: ShareForm,
  now: Date = new Date(),
): SharePatch {
  const patch: SharePatch = {};
  if ((before.title ?? '') !== form.title.trim()) patch.title = form.title.trim();
  if (form.expiresInDays !== daysUntil(before.expiresAt, now)) patch.expiresAt = expiryOf(form.expiresInDays, now) ?? null;
  if (form.passwordChange === 'set' && form.password) patch.password = form.password;
  if (form.passwordChange === 'clear') patch.password = null;
  const rights = ordered(form.rights);
  if (rights.join() !== ordered(before.rights as ShareRight[]).join()) patch.rights = rights;
  const max = form.maxViews > 0 ? form.maxViews : null;
  if (max !== (before.maxViews ?? null)) patch.maxViews = max;
  if (form.watermark !== before.watermark) patch.watermark = form.watermark;
  if (form.requireEmail !== before.requireEmail) patch.requireEmail = form.requireEmail;
  if (form.live !== before.live) patch.live = form.live;
  return patch;
}

/** The link as people open it: the server's url when it is absolute, else this page's origin. */
export function linkOf(url: string | null | undefined, token: string, origin: string): string {
  if (url && /^https?:\/\//.test(url)) return url;
  return `${origin}${url && url.startsWith('/') ? url : `/s/${encodeURIComponent(token)}`}`;
}

/** Watch time in words: "42 s", "3 min 05 s", "1 h 02 min". */
export function formatWatch(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/**
 * The heat strip's cells: each bucket's share of the most watched one (0..1), merged down to at most
 * `cells` cells so a long media still draws one cell per few pixels.
 */
export function heatCells(buckets: number[], cells: number): number[] {
  if (buckets.length === 0 || cells <= 0) return [];
  const n = Math.min(cells, buckets.length);
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < buckets.length; i++) {
    const c = Math.min(n - 1, Math.floor((i * n) / buckets.length));
    out[c] = Math.max(out[c], buckets[i]);
  }
  const peak = Math.max(...out);
  return peak > 0 ? out.map((v) => v / peak) : out;
}

/** The colour of a heat cell: transparent for unwatched, the accent from faint to full. */
export function heatColour(level: number): string {
  if (level <= 0) return 'transparent';
  return `rgba(76, 154, 255, ${(0.2 + 0.8 * Math.min(1, level)).toFixed(2)})`;
}

/** The form filled from an existing link, for editing it. */
export function formOf(
  share: { title: string | null; expiresAt: string | null; rights: string[]; maxViews: number | null; watermark: boolean; requireEmail: boolean; live: boolean; version: number | null },
  now: Date = new Date(),
): ShareForm {
  return {
    title: share.title ?? '',
    expiresInDays: daysUntil(share.expiresAt, now),
    password: '',
    passwordChange: 'keep',
    rights: share.rights as ShareRight[],
    maxViews: share.maxViews ?? 0,
    watermark: share.watermark,
    requireEmail: share.requireEmail,
    live: share.live,
    version: share.version,
  };
}
