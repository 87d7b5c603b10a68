import { describe, expect, it } from 'vitest';
import { complete, matching, mentionAt, mentionedNames, type Mentionable } from './mentions';

const people: Mentionable[] = [
  { userId: '1', name: 'reviewer', displayName: 'Rita Reviewer' },
  { userId: '2', name: 'editor', displayName: 'Ed Itor' },
  { userId: '3', name: 'rob', displayName: 'Rob' },
];

describe('mentionAt', () => {
  it('finds the mention being typed', () => {
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('look @re', 8)).toEqual({ start: 5, query: 're' });
    expect(mentionAt('look @re here', 8)).toEqual({ start: 5, query: 're' });
  });

  it('ignores e-mail addresses and text without an @', () => {
    expect(mentionAt('mail ana@exa', 12)).toBeNull();
    expect(mentionAt('no mention', 10)).toBeNull();
    expect(mentionAt('@ro and more', 12)).toBeNull();
  });
});

describe('matching', () => {
  it('matches name or display name prefixes, case-insensitively, sorted by name', () => {
    expect(matching(people, 'r').map((p) => p.name)).toEqual(['reviewer', 'rob']);
    expect(matching(people, 'ED').map((p) => p.name)).toEqual(['editor']);
    expect(matching(people, 'rita').map((p) => p.name)).toEqual(['reviewer']);
    expect(matching(people, '').map((p) => p.name)).toEqual(['editor', 'reviewer', 'rob']);
    expect(matching(people, 'x')).toEqual([]);
    expect(matching(people, '', 1)).toHaveLength(1);
  });
});

describe('complete', () => {
  it('replaces the partial mention with the full name and a space', () => {
    expect(complete('look @re', 5, 8, 'reviewer')).toEqual({ text: 'look @reviewer ', caret: 15 });
  });

  it('keeps what follows and does not double the space', () => {
    expect(complete('@ed please', 0, 3, 'editor')).toEqual({ text: '@editor please', caret: 8 });
  });
});

describe('mentionedNames', () => {
  it('reads mentions as the server does', () => {
    expect(mentionedNames('@Reviewer and @rob. Mail ana@example.org, @rob again')).toEqual(['reviewer', 'rob']);
  });
});
