import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkOf } from './shares';

// Hostile share-link tokens and server answers against the guest page's logic: the address's token
// must reach the server as one path segment of the link lookup, never as a path of its own, and a
// bad link must never stop the app or make the copied URL point somewhere else.

let match: (pattern: string, path: string) => Record<string, string> | null;
let guestApi: typeof import('./api/clipshare').guestApi;

beforeAll(async () => {
  // The router reads the page's address when it loads; a bare stand-in is enough here.
  (globalThis as { window?: unknown }).window = { addEventListener: () => {} };
  (globalThis as { location?: unknown }).location = { pathname: '/', search: '' };
  match = (await import('./router.svelte')).match;
  guestApi = (await import('./api/clipshare')).guestApi;
});

afterEach(() => vi.unstubAllGlobals());

/** The path the guest page asks for a token typed into the address bar as /s/{raw}. */
async function lookupPathOf(raw: string): Promise<string> {
  const token = match('/s/:token', `/s/${raw}`)?.token;
  if (token === undefined) throw new Error(`no guest route for ${raw}`);
  const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'not_found', message: 'gone' } }), { status: 404 }));
  vi.stubGlobal('fetch', fetch);
  await guestApi.link(token).catch(() => null);
  const url = (fetch.mock.calls[0] as unknown as [string])[0];
  return new URL(url, 'http://server.example').pathname;
}

describe('the guest page against hostile tokens', () => {
  it('keeps an encoded path, a backslash path and markup as one segment of the link lookup', async () => {
    for (const raw of ['..%2F..%2Fapi%2Fshares', '%2E%2E%5C..%5Capi%5Cme', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'x%3Fadmin%3D1%23frag']) {
      const path = await lookupPathOf(raw);
      expect(path.startsWith('/api/guest/links/'), `${raw} -> ${path}`).toBe(true);
      expect(path.slice('/api/guest/links/'.length)).not.toContain('/');
    }
  });

  it('does not stop on percent-encoding that is not UTF-8, and looks the token up as it came', async () => {
    expect(() => match('/s/:token', '/s/%E0%A4')).not.toThrow();
    expect(match('/s/:token', '/s/%E0%A4')).toEqual({ token: '%E0%A4' });
    expect(await lookupPathOf('%E0%A4')).toBe('/api/guest/links/%25E0%25A4');
  });

  it('shows a link on this server whatever URL or token the server answers', () => {
    const origin = 'http://framewise.local';
    expect(linkOf('javascript:alert(1)', 't', origin)).toBe(`${origin}/s/t`);
    expect(linkOf('data:text/html,<script>alert(1)</script>', 't', origin)).toBe(`${origin}/s/t`);
    expect(linkOf(null, '../../api/me', origin)).toBe(`${origin}/s/..%2F..%2Fapi%2Fme`);
    // A scheme-relative answer stays a path on this server rather than another host.
    expect(new URL(linkOf('//evil.example/s/t', 't', origin)).host).toBe('framewise.local');
  });
});
