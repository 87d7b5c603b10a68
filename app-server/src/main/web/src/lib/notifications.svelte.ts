import { api } from './api/api';
import { describe } from './api/errors';
import type { AppNotification } from './api/types';

// In-app notifications come from organizers (a "Request review" action, an event hook). The server
// does not push them over the WebSocket, so the bell asks when the page starts, every half minute
// while the tab is visible, when the tab comes back, and right after the user runs an action.

export const notifications: { items: AppNotification[]; error: string | null; loaded: boolean } = $state({
  items: [],
  error: null,
  loaded: false,
});

export function unreadCount(items: AppNotification[]): number {
  return items.filter((n) => !n.readAt).length;
}

/** Newest first, unread before read within the list the server gives. */
export function ordered(items: AppNotification[]): AppNotification[] {
  return [...items].sort((a, b) => Number(!!a.readAt) - Number(!!b.readAt) || b.createdAt.localeCompare(a.createdAt));
}

export async function refreshNotifications(): Promise<void> {
  try {
    notifications.items = await api.notifications();
    notifications.error = null;
  } catch (e) {
    notifications.error = describe(e);
  } finally {
    notifications.loaded = true;
  }
}

export async function markRead(id: string): Promise<void> {
  const n = notifications.items.find((x) => x.id === id);
  if (!n || n.readAt) return;
  await api.markRead(id);
  n.readAt = new Date().toISOString();
}

export async function markAllRead(): Promise<void> {
  await Promise.all(notifications.items.filter((n) => !n.readAt).map((n) => markRead(n.id)));
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Starts watching for notifications; the returned function stops it. */
export function watchNotifications(everyMs = 30_000): () => void {
  refreshNotifications();
  const visible = () => {
    if (document.visibilityState === 'visible') refreshNotifications();
  };
  document.addEventListener('visibilitychange', visible);
  timer = setInterval(visible, everyMs);
  return () => {
    document.removeEventListener('visibilitychange', visible);
    if (timer) clearInterval(timer);
    timer = null;
  };
}
