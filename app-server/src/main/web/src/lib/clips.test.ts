import { describe, expect, it } from 'vitest';
import { clipJobOfStatus, clipProblem, clipRange, clipRequest, nextClipJob, type ClipForm } from './clips';

const form: ClipForm = { title: '', mode: 'smart', templateId: '', copyNotes: false, as: 'asset', asVersionOf: '' };

describe('clip range from marks', () => {
  it('includes the frame marked out', () => {
    expect(clipRange(10, 19, 100)).toEqual({ in: 10, out: 20 });
  });
  it('runs to the end or from the start when one mark is missing', () => {
    expect(clipRange(90, null, 100)).toEqual({ in: 90, out: 100 });
    expect(clipRange(null, 4, 100)).toEqual({ in: 0, out: 5 });
    expect(clipRange(null, null, 100)).toBeNull();
  });
});

describe('clip request', () => {
  it('sends only what was chosen', () => {
    expect(clipRequest({ in: 3, out: 9 }, form)).toEqual({ in: 3, out: 9, mode: 'smart' });
    expect(
      clipRequest({ in: 3, out: 9 }, { ...form, title: ' Cut ', templateId: 't1', copyNotes: true, as: 'version', asVersionOf: 'a2' }),
    ).toEqual({ in: 3, out: 9, mode: 'smart', title: 'Cut', templateId: 't1', copyNotes: true, asVersionOf: 'a2' });
    // A version target left over from an earlier choice is not sent for a new asset.
    expect(clipRequest({ in: 0, out: 1 }, { ...form, asVersionOf: 'a2' }).asVersionOf).toBeUndefined();
  });
  it('names what is missing', () => {
    expect(clipProblem(null, form)).toMatch(/in point/);
    expect(clipProblem({ in: 0, out: 5 }, { ...form, mode: 'copy', templateId: 't' })).toMatch(/Copy/);
    expect(clipProblem({ in: 0, out: 5 }, { ...form, as: 'version' })).toMatch(/version/);
    expect(clipProblem({ in: 0, out: 5 }, form)).toBeNull();
  });
});

describe('clip job progress', () => {
  const ev = (kind: string, extra: Record<string, unknown> = {}) => ({ v: 1, type: 'library.event', kind, media: 'c1', ...extra });
  it('follows the clip media events and ignores others', () => {
    let job = nextClipJob({ state: 'queued' }, ev('progress', { progress: 0.4 }), 'c1');
    expect(job).toEqual({ state: 'running', progress: 0.4 });
    job = nextClipJob(job, ev('progress', { progress: 0.9, media: 'other' }), 'c1');
    expect(job).toEqual({ state: 'running', progress: 0.4 });
    job = nextClipJob(job, ev('failed', { reason: 'disk full' }), 'c1');
    expect(job).toEqual({ state: 'failed', reason: 'disk full' });
    // A finished job stays finished.
    expect(nextClipJob(job, ev('ready'), 'c1')).toEqual(job);
  });
  it('reads percentages and the media status', () => {
    expect(nextClipJob({ state: 'queued' }, ev('progress', { progress: 55 }), 'c1')).toEqual({ state: 'running', progress: 0.55 });
    expect(clipJobOfStatus('ready', null, { state: 'queued' })).toEqual({ state: 'ready' });
    expect(clipJobOfStatus('processing', null, { state: 'queued' })).toEqual({ state: 'queued' });
  });
});
