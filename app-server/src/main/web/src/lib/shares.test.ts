import { describe, expect, it } from 'vitest';
import { createRequest, formOf, daysUntil, defaultShareForm, formatWatch, heatCells, linkOf, patchRequest, shareProblem } from './shares';

const now = new Date('2026-01-01T00:00:00Z');

describe('share requests', () => {
  it('sends the options the form sets and nothing for the defaults it leaves', () => {
    const form = { ...defaultShareForm('Cut'), expiresInDays: 0 };
    expect(createRequest({ type: 'asset', id: 'a1' }, form, now)).toEqual({
      target: { type: 'asset', id: 'a1' },
      rights: ['view', 'comment'],
      title: 'Cut',
    });
    const full = {
      ...form,
      expiresInDays: 2,
      password: 'secret',
      rights: ['download' as const, 'view' as const],
      maxViews: 3,
      watermark: true,
      requireEmail: true,
      live: true,
      version: 2,
    };
    expect(createRequest({ type: 'asset', id: 'a1' }, full, now)).toEqual({
      target: { type: 'asset', id: 'a1' },
      rights: ['view', 'download'],
      title: 'Cut',
      version: 2,
      expiresAt: '2026-01-03T00:00:00.000Z',
      password: 'secret',
      maxViews: 3,
      watermark: true,
      requireEmail: true,
      live: true,
    });
    // A folder has no versions to pin.
    expect(createRequest({ type: 'folder', id: 'f' }, full, now).version).toBeUndefined();
  });

  it('names a problem in the form', () => {
    expect(shareProblem({ ...defaultShareForm(), rights: ['comment'] })).toMatch(/View/);
    expect(shareProblem({ ...defaultShareForm(), password: 'short' })).toMatch(/8 characters/);
    expect(shareProblem({ ...defaultShareForm(), maxViews: 1.5 })).toMatch(/whole number/);
    expect(shareProblem(defaultShareForm())).toBeNull();
  });

  it('patches only what changed, and can clear the password and the limits', () => {
    const before = { title: 'Cut', expiresAt: '2026-01-03T00:00:00Z', rights: ['view'], maxViews: 3, watermark: false, requireEmail: false, live: false, version: null };
    const form = formOf(before, now);
    expect(form.expiresInDays).toBe(daysUntil(before.expiresAt, now));
    expect(patchRequest(before, form, now)).toEqual({});
    expect(patchRequest(before, { ...form, maxViews: 0, expiresInDays: 0, passwordChange: 'clear', watermark: true }, now)).toEqual({
      maxViews: null,
      expiresAt: null,
      password: null,
      watermark: true,
    });
  });
});

describe('links and analytics', () => {
  it('builds the link from the token when the server gives no absolute url', () => {
    expect(linkOf('/s/abc', 'abc', 'http://h:1')).toBe('http://h:1/s/abc');
    expect(linkOf(null, 'a b', 'http://h:1')).toBe('http://h:1/s/a%20b');
    expect(linkOf('https://x/s/abc', 'abc', 'http://h:1')).toBe('https://x/s/abc');
  });
  it('formats watch time', () => {
    expect(formatWatch(42.4)).toBe('42 s');
    expect(formatWatch(185)).toBe('3 min 05 s');
    expect(formatWatch(3720)).toBe('1 h 02 min');
  });
  it('scales the heat strip to the most watched range and merges buckets', () => {
    expect(heatCells([0, 2, 4, 0], 4)).toEqual([0, 0.5, 1, 0]);
    expect(heatCells([1, 0, 0, 4, 2, 2], 3)).toEqual([0.25, 1, 0.5]);
    expect(heatCells([0, 0], 10)).toEqual([0, 0]);
    expect(heatCells([], 10)).toEqual([]);
  });
});
