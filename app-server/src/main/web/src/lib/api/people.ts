import { http } from './http';
import type { components } from './schema';

// The REST calls of people getting told (openapi.json, tag notifications): settings, webhooks,
// review requests and who a note may mention.

export type NotificationSettings = components['schemas']['NotificationSettings'];
export type NotificationKind = keyof NotificationSettings['kinds'];
export type NotificationChannel = NotificationSettings['kinds']['mention'];
export type Webhook = components['schemas']['Webhook'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type ReviewRequest = components['schemas']['ReviewRequest'];
export type MentionablePerson = components['schemas']['Mentionable'];
export type WebhookEventKind = WebhookDelivery['event'];

const enc = encodeURIComponent;

export const peopleApi = {
  settings: () => http.get<NotificationSettings>('/api/me/notification-settings'),
  saveSettings: (patch: { email?: string | null; kinds?: Partial<NotificationSettings['kinds']> }) =>
    http.put<NotificationSettings>('/api/me/notification-settings', patch),
  webhooks: () => http.get<Webhook[]>('/api/webhooks'),
  createWebhook: (url: string, kinds: WebhookEventKind[], projectId?: string | null) =>
    http.post<Webhook>('/api/webhooks', projectId ? { url, kinds, projectId } : { url, kinds }),
  deleteWebhook: (id: string) => http.del<void>(`/api/webhooks/${enc(id)}`),
  deliveries: (id: string) => http.get<WebhookDelivery[]>(`/api/webhooks/${enc(id)}/deliveries`),
  requestReview: (assetId: string, userIds: string[], due: string, message?: string) =>
    http.post<ReviewRequest>(`/api/assets/${enc(assetId)}/review-requests`, { userIds, due, message: message ?? '' }),
  myReviewRequests: () => http.get<ReviewRequest[]>('/api/review-requests', { query: { mine: '1' } }),
  mentionable: (mediaId: string, q = '') =>
    http.get<MentionablePerson[]>(`/api/media/${enc(mediaId)}/mentionable`, { query: { q } }),
};

export const WEBHOOK_KINDS: WebhookEventKind[] = [
  'note.created',
  'approval.changed',
  'review_request.created',
  'share.opened',
  'media.ready',
  'media.failed',
];
