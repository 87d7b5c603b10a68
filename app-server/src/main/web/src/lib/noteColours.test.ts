import { describe, expect, it } from 'vitest';
import { noteColour, OPEN_NOTE, RESOLVED_NOTE, tickColour } from './noteColours';

describe('note colours', () => {
  it('maps the palette and nothing else', () => {
    expect(noteColour('red')).toBe('#e5484d');
    expect(noteColour('GREEN')).toBe('#46a758');
    expect(noteColour('chartreuse')).toBeNull();
    expect(noteColour('red;background:url(x)')).toBeNull();
    expect(noteColour(null)).toBeNull();
  });

  it('greys resolved notes and falls back to the default tick', () => {
    expect(tickColour({ colour: 'blue', resolved: true })).toBe(RESOLVED_NOTE);
    expect(tickColour({ colour: 'blue', resolved: false })).toBe('#3e63dd');
    expect(tickColour({ colour: null, resolved: false })).toBe(OPEN_NOTE);
  });
});
