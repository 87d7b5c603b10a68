import { describe, expect, it } from 'vitest';
import { ordered, unreadCount } from './notifications.svelte';
import type { AppNotification } from './api/types';

const n = (id: string, createdAt: string, readAt: string | null = null): AppNotification => ({
  id,
  kind: 'organizer',
  text: id,
  subject: null,
  source: 'test',
  mediaId: null,
  assetId: null,
  frame: null,
  createdAt,
  readAt,
});

describe('notifications', () => {
  it('counts the unread ones and lists them first, newest first', () => {
    const items = [
      n('old-read', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
      n('old', '2026-01-01T00:00:00Z'),
      n('new', '2026-02-01T00:00:00Z'),
      n('new-read', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'),
    ];
    expect(unreadCount(items)).toBe(2);
    expect(ordered(items).map((x) => x.id)).toEqual(['new', 'old', 'new-read', 'old-read']);
  });
});
