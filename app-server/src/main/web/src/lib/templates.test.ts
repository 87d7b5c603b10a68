import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIELDS, STEP_KINDS, debounce, moveStep, newStep, pathOfProblem, placeOfProblem, removeStep, templateBody } from './templates';

describe('template steps', () => {
  const steps = [newStep('text'), newStep('image'), newStep('slate')];
  it('moves and removes steps without changing the original list', () => {
    expect(moveStep(steps, 2, -1).map((s) => s.type)).toEqual(['text', 'slate', 'image']);
    expect(moveStep(steps, 0, -1)).toBe(steps);
    expect(moveStep(steps, 0, 5).map((s) => s.type)).toEqual(['image', 'slate', 'text']);
    expect(removeStep(steps, 1).map((s) => s.type)).toEqual(['text', 'slate']);
    expect(steps.map((s) => s.type)).toEqual(['text', 'image', 'slate']);
  });
  it('has fields for every field a fresh step carries', () => {
    for (const { kind } of STEP_KINDS) {
      const keys = Object.keys(newStep(kind)).filter((k) => k !== 'type' && k !== 'source');
      expect(keys.sort()).toEqual(FIELDS[kind].map((f) => f.key).sort());
    }
  });
  it('leaves empty optional fields out of the body', () => {
    const body = templateBody({
      name: ' Review ',
      steps: [{ ...newStep('text'), boxColor: '' }, { type: 'slate', frames: 24, lines: ['{title}', ''] }],
      output: { format: 'webm', maxHeight: 0 },
    });
    expect(body.name).toBe('Review');
    expect(body.steps[0]).not.toHaveProperty('boxColor');
    expect(body.steps[1]).toEqual({ type: 'slate', frames: 24, lines: ['{title}'] });
    expect(body.output).toEqual({ format: 'webm' });
  });
});

describe('server problems placed next to their field', () => {
  it('reads the path from the message or the details', () => {
    expect(pathOfProblem('steps[2].colour is not a known field')).toBe('steps[2].colour');
    expect(pathOfProblem('bad', { path: '/steps/1/opacity' })).toBe('steps[1].opacity');
    expect(pathOfProblem('output.format must be mp4 or webm')).toBe('output.format');
    expect(pathOfProblem('Something else went wrong')).toBeNull();
  });
  it('finds the step and the field', () => {
    expect(placeOfProblem('steps[2].colour')).toEqual({ step: 2, field: 'colour' });
    expect(placeOfProblem('steps[0]')).toEqual({ step: 0, field: null });
    expect(placeOfProblem('name')).toEqual({ step: null, field: 'name' });
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  it('calls once after the last change', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d(1);
    vi.advanceTimersByTime(200);
    d(2);
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith(2);
    d(3);
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
