import { describe, expect, it } from 'vitest';
import { LiveReview } from './live.svelte';
import type { LiveSocket, Listener } from './api/ws';
import type { Player, PlayerAction } from './player.svelte';

class FakeSocket {
  sent: Record<string, unknown>[] = [];
  listeners: Listener[] = [];
  stateListeners: ((s: string) => void)[] = [];
  onState(l: (s: string) => void) {
    this.stateListeners.push(l);
    l('open');
    return () => {};
  }
  setState(s: string) {
    this.stateListeners.forEach((l) => l(s));
  }
  send(m: Record<string, unknown>) {
    this.sent.push(m);
  }
  on(l: Listener) {
    this.listeners.push(l);
    return () => {};
  }
  emit(m: Record<string, unknown>) {
    this.listeners.forEach((l) => l({ v: 1, ...m } as never));
  }
}

class FakePlayer {
  frame = 0;
  playing = false;
  mediaId = 'm1';
  loop: unknown = null;
  calls: string[] = [];
  onAction: ((a: PlayerAction) => void) | null = null;
  seek(f: number, local = true) {
    this.frame = f;
    this.calls.push(`seek ${f} ${local}`);
  }
  play(local = true, rate = 1) {
    this.playing = true;
    this.calls.push(`play ${local} ${rate}`);
  }
  pause(local = true) {
    this.playing = false;
    this.calls.push(`pause ${local}`);
  }
  setLoop(l: unknown, local = true) {
    this.loop = l;
    this.calls.push(`loop ${JSON.stringify(l)} ${local}`);
  }
}

const state = (over: Record<string, unknown> = {}) => ({
  media: 'm1',
  frameCount: 300,
  frameRate: { num: 30000, den: 1001 },
  playing: false,
  frame: 0,
  anchor: Date.now(),
  rate: 1,
  loop: null,
  revision: 1,
  ...over,
});

function setup() {
  const ws = new FakeSocket();
  const player = new FakePlayer();
  const switched: string[] = [];
  const live = new LiveReview(ws as unknown as LiveSocket, player as unknown as Player, async (m) => {
    switched.push(m);
    player.mediaId = m;
  });
  return { ws, player, live, switched };
}

function snapshot(ws: FakeSocket, you: string, driver: string, st = state()) {
  ws.emit({
    type: 'session.snapshot',
    session: 's1',
    you,
    serverTime: Date.now(),
    state: st,
    members: [
      { id: 'a', name: 'Ann', driver: driver === 'a' },
      { id: 'b', name: 'Ben', driver: driver === 'b' },
    ],
    lasers: [{ member: 'a', x: 0.5, y: 0.5, frame: 3 }],
    strokes: [],
  });
}

describe('live review', () => {
  it('a late joiner lands on the session frame at once', async () => {
    const { ws, player, live } = setup();
    live.join('s1');
    expect(ws.sent[0]).toEqual({ type: 'session.join', session: 's1' });
    snapshot(ws, 'b', 'a', state({ frame: 42, loop: { in: 10, out: 50 }, revision: 7 }));
    await Promise.resolve();
    expect(player.frame).toBe(42);
    expect(player.loop).toEqual({ in: 10, out: 50 });
    expect(live.isDriver).toBe(false);
    expect(live.driverName).toBe('Ann');
    expect(live.lasers.a).toEqual({ member: 'a', x: 0.5, y: 0.5, frame: 3 });
  });

  it('a follower follows play, pause and version changes but ignores stale state', async () => {
    const { ws, player, live, switched } = setup();
    live.join('s1');
    snapshot(ws, 'b', 'a');
    ws.emit({ type: 'session.state', session: 's1', cause: 'play', serverTime: Date.now(), state: state({ playing: true, frame: 30, revision: 3 }) });
    await Promise.resolve();
    expect(player.playing).toBe(true);
    expect(player.frame).toBeGreaterThanOrEqual(30);
    ws.emit({ type: 'session.state', session: 's1', cause: 'pause', serverTime: Date.now(), state: state({ frame: 77, revision: 4 }) });
    await Promise.resolve();
    expect(player.playing).toBe(false);
    expect(player.frame).toBe(77);
    ws.emit({ type: 'session.state', session: 's1', cause: 'seek', serverTime: Date.now(), state: state({ frame: 5, revision: 2 }) });
    await Promise.resolve();
    expect(player.frame).toBe(77);
    ws.emit({ type: 'session.state', session: 's1', cause: 'version', serverTime: Date.now(), state: state({ media: 'm2', frame: 9, revision: 5 }) });
    await new Promise((r) => setTimeout(r, 0));
    expect(switched).toEqual(['m2']);
    expect(player.frame).toBe(9);
    // Local actions of a follower are not sent.
    player.onAction?.({ type: 'seek', frame: 3 });
    expect(ws.sent.filter((m) => m.type === 'session.seek')).toHaveLength(0);
  });

  it('the driver passes its actions on in the protocol', () => {
    const { ws, player, live } = setup();
    live.start('m1');
    expect(ws.sent[0]).toEqual({ type: 'session.create', media: 'm1' });
    snapshot(ws, 'a', 'a');
    expect(live.isDriver).toBe(true);
    player.onAction?.({ type: 'play', frame: 4 });
    player.onAction?.({ type: 'step', delta: -1 });
    player.onAction?.({ type: 'loop', in: 1, out: 9 });
    player.onAction?.({ type: 'pause', frame: 12 });
    expect(ws.sent.slice(1)).toEqual([
      { type: 'session.play', session: 's1', frame: 4 },
      { type: 'session.step', session: 's1', delta: -1 },
      { type: 'session.loop', session: 's1', in: 1, out: 9 },
      { type: 'session.pause', session: 's1', frame: 12 },
    ]);
    live.versionChanged('m2');
    expect(ws.sent.at(-1)).toEqual({ type: 'session.version', session: 's1', media: 'm2' });
  });

  it('shows drive requests, strokes and refusals', () => {
    const { ws, live } = setup();
    live.join('s1');
    snapshot(ws, 'a', 'a');
    ws.emit({ type: 'session.driver.requested', session: 's1', member: 'b', name: 'Ben' });
    expect(live.requests).toEqual([{ member: 'b', name: 'Ben' }]);
    live.answer('b', true);
    expect(ws.sent.at(-1)).toEqual({ type: 'session.driver.answer', session: 's1', member: 'b', grant: true });
    expect(live.requests).toEqual([]);
    ws.emit({ type: 'session.stroke', session: 's1', member: 'b', stroke: 'k', frame: 2, color: '#ff0000', width: 0.01, phase: 'drawing', points: [[0.1, 0.1]] });
    ws.emit({ type: 'session.stroke', session: 's1', member: 'b', stroke: 'k', frame: 2, color: '#ff0000', width: 0.01, phase: 'done', points: [[0.2, 0.2]] });
    expect(live.strokes['b/k'].points).toEqual([[0.1, 0.1], [0.2, 0.2]]);
    ws.emit({ type: 'session.stroke', session: 's1', member: 'b', stroke: 'k', frame: 2, color: '#ff0000', width: 0.01, phase: 'cancelled', points: [] });
    expect(live.strokes['b/k']).toBeUndefined();
    ws.emit({ type: 'session.driver.denied', session: 's1', reason: 'driver changed' });
    expect(live.notice).toMatch(/driver changed/);
    ws.emit({ type: 'session.laser', session: 's1', visible: false, member: 'a', x: 0, y: 0, frame: 0 });
    expect(live.lasers.a).toBeUndefined();
    ws.emit({ type: 'session.state', session: 'other', cause: 'seek', serverTime: 0, state: state({ frame: 99, revision: 50 }) });
    expect(live.state?.frame).toBe(0);
  });

  it('joins again after the connection comes back, and gives up on a session that ended', () => {
    const { ws, live } = setup();
    live.join('s1');
    snapshot(ws, 'b', 'a');
    ws.setState('closed');
    ws.setState('connecting');
    ws.setState('open');
    expect(ws.sent.at(-1)).toEqual({ type: 'session.join', session: 's1' });
    ws.emit({ type: 'error', about: 'session.join', code: 'not_found', message: 'No such live session' });
    expect(live.sessionId).toBeNull();
    expect(live.notice).toBe('No such live session');
  });
});
