import type { LiveSocket, ServerMessage } from './api/ws';
import type { Player, PlayerAction } from './player.svelte';
import { liveFrameAt, type LiveState } from './shuttle';

export interface LiveMember {
  id: string;
  name: string;
  driver: boolean;
}

export interface RemoteStroke {
  member: string;
  stroke: string;
  frame: number;
  color: string;
  width: number;
  points: [number, number][];
}

interface WireState extends LiveState {
  media: string;
  asset?: string;
  revision: number;
}

/**
 * One browser's side of a live review session (the server's session protocol): follows the
 * driver's playback state, passes on this player's actions while it drives, and shows presence,
 * laser pointers and strokes in progress.
 */
export class LiveReview {
  sessionId = $state<string | null>(null);
  you = $state<string | null>(null);
  members = $state<LiveMember[]>([]);
  follow = $state(true);
  lasers = $state<Record<string, { x: number; y: number; frame: number }>>({});
  strokes = $state<Record<string, RemoteStroke>>({});
  requests = $state<{ member: string; name: string }[]>([]);
  notice = $state<string | null>(null);
  state = $state<WireState | null>(null);

  private offset = 0;
  private revision = 0;
  private off: (() => void) | null = null;
  private drift: ReturnType<typeof setInterval> | null = null;
  private lastLaser = 0;
  private offState: (() => void) | null = null;
  private disconnected = false;

  constructor(
    private readonly ws: LiveSocket,
    private readonly player: Player,
    /** Shows another version; resolves once the player has loaded it. */
    private readonly switchMedia: (mediaId: string) => Promise<void>,
  ) {
    this.off = ws.on((m) => this.handle(m));
    // Session membership belongs to a connection: after a reconnect, join again and take the
    // snapshot, so a dropped link costs a moment, not the session.
    this.offState = ws.onState((state) => {
      if (state === 'closed' && this.sessionId) this.disconnected = true;
      if (state === 'open' && this.disconnected && this.sessionId) {
        this.disconnected = false;
        this.ws.send({ type: 'session.join', session: this.sessionId });
      }
    });
    player.onAction = (a) => this.passOn(a);
    this.drift = setInterval(() => this.correctDrift(), 1000);
  }

  get isDriver(): boolean {
    return this.members.some((m) => m.id === this.you && m.driver);
  }

  get driverName(): string | null {
    return this.members.find((m) => m.driver)?.name ?? null;
  }

  start(mediaId: string): void {
    this.notice = null;
    this.ws.send({ type: 'session.create', media: mediaId });
  }

  join(sessionId: string): void {
    this.notice = null;
    this.ws.send({ type: 'session.join', session: sessionId });
  }

  leave(): void {
    if (this.sessionId) this.ws.send({ type: 'session.leave', session: this.sessionId });
    this.reset();
  }

  requestDrive(): void {
    this.send('session.driver.request', {});
    this.notice = 'Asked the driver to hand over control…';
  }

  answer(member: string, grant: boolean): void {
    this.send('session.driver.answer', { member, grant });
    this.requests = this.requests.filter((r) => r.member !== member);
  }

  release(): void {
    this.send('session.driver.release', {});
  }

  /** Pointer at normalised picture coordinates; throttled to about 30 messages a second. */
  laser(x: number, y: number): void {
    const now = performance.now();
    if (now - this.lastLaser < 33) return;
    this.lastLaser = now;
    this.send('session.laser', { x, y, frame: this.player.frame });
  }

  laserOff(): void {
    this.send('session.laser.off', {});
  }

  stroke(id: string, color: string, width: number, points: [number, number][], done: boolean): void {
    this.send('session.stroke', { stroke: id, frame: this.player.frame, color, width, points, done });
  }

  cancelStroke(id: string): void {
    this.send('session.stroke.cancel', { stroke: id });
  }

  versionChanged(mediaId: string): void {
    if (this.isDriver) this.send('session.version', { media: mediaId });
  }

  nameOf(id: string): string {
    return this.members.find((m) => m.id === id)?.name ?? 'Someone';
  }

  destroy(): void {
    this.leave();
    this.off?.();
    this.offState?.();
    if (this.drift) clearInterval(this.drift);
    this.player.onAction = null;
  }

  private send(type: string, fields: Record<string, unknown>): void {
    if (!this.sessionId) return;
    this.ws.send({ type, session: this.sessionId, ...fields });
  }

  private reset(): void {
    this.sessionId = null;
    this.you = null;
    this.members = [];
    this.lasers = {};
    this.strokes = {};
    this.requests = [];
    this.state = null;
    this.revision = 0;
  }

  private passOn(a: PlayerAction): void {
    if (!this.sessionId || !this.isDriver) return;
    switch (a.type) {
      case 'play':
        this.send('session.play', { frame: a.frame });
        break;
      case 'pause':
        this.send('session.pause', { frame: a.frame });
        break;
      case 'seek':
        this.send('session.seek', { frame: a.frame });
        break;
      case 'step':
        this.send('session.step', { delta: a.delta });
        break;
      case 'rate':
        this.send('session.rate', { rate: a.rate });
        break;
      case 'loop':
        this.send('session.loop', { in: a.in, out: a.out });
        break;
      case 'loop.clear':
        this.send('session.loop.clear', {});
        break;
    }
  }

  private handle(m: ServerMessage): void {
    if (m.type === 'error' && typeof m.about === 'string' && m.about.startsWith('session')) {
      this.notice = String(m.message ?? 'The live session refused that.');
      // A session that ended while we were away cannot be joined again.
      if (m.about === 'session.join') this.reset();
      return;
    }
    if (!m.type.startsWith('session.')) return;
    if (m.type !== 'session.snapshot' && m.session !== this.sessionId) return;
    switch (m.type) {
      case 'session.snapshot': {
        this.sessionId = String(m.session);
        this.you = String(m.you);
        this.offset = Number(m.serverTime) - Date.now();
        this.members = m.members as LiveMember[];
        const lasers: Record<string, { x: number; y: number; frame: number }> = {};
        for (const l of m.lasers as { member: string; x: number; y: number; frame: number }[]) lasers[l.member] = l;
        this.lasers = lasers;
        const strokes: Record<string, RemoteStroke> = {};
        for (const s of m.strokes as RemoteStroke[]) strokes[`${s.member}/${s.stroke}`] = s;
        this.strokes = strokes;
        this.revision = 0;
        this.applyState(m.state as WireState, 'snapshot', true);
        break;
      }
      case 'session.state':
        this.offset = Number(m.serverTime) - Date.now();
        this.applyState(m.state as WireState, String(m.cause ?? ''), false);
        break;
      case 'session.presence': {
        this.members = m.members as LiveMember[];
        const ids = new Set(this.members.map((x) => x.id));
        for (const id of Object.keys(this.lasers)) if (!ids.has(id)) delete this.lasers[id];
        break;
      }
      case 'session.laser':
        if (m.visible) this.lasers[String(m.member)] = { x: Number(m.x), y: Number(m.y), frame: Number(m.frame) };
        else delete this.lasers[String(m.member)];
        break;
      case 'session.stroke': {
        const key = `${m.member}/${m.stroke}`;
        const pts = (m.points as [number, number][]) ?? [];
        if (m.phase === 'cancelled' || m.phase === 'cancel') {
          delete this.strokes[key];
        } else {
          const prev = this.strokes[key];
          this.strokes[key] = {
            member: String(m.member),
            stroke: String(m.stroke),
            frame: Number(m.frame),
            color: String(m.color),
            width: Number(m.width),
            points: [...(prev?.points ?? []), ...pts],
          };
        }
        break;
      }
      case 'session.driver.requested':
        if (!this.requests.some((r) => r.member === m.member)) {
          this.requests = [...this.requests, { member: String(m.member), name: String(m.name ?? 'Someone') }];
        }
        break;
      case 'session.driver.denied':
        this.notice = `Your request to drive was turned down${m.reason ? ` (${m.reason})` : ''}.`;
        break;
    }
  }

  private async applyState(s: WireState, cause: string, snapshot: boolean): Promise<void> {
    if (s.revision < this.revision) return;
    this.revision = s.revision;
    this.state = s;
    // The driver's own player already shows what it asked for; only a snapshot or the server
    // changing things on its own (driver left) moves it.
    if (this.isDriver && !snapshot && cause !== 'driver-left') return;
    if (!this.follow && !snapshot) return;
    if (s.media !== this.player.mediaId) await this.switchMedia(s.media);
    this.player.setLoop(s.loop, false);
    if (s.playing) {
      const f = liveFrameAt(s, Date.now() + this.offset);
      this.player.seek(f, false);
      if (!this.player.playing) this.player.play(false, s.rate);
    } else {
      if (this.player.playing) this.player.pause(false);
      this.player.seek(s.frame, false);
    }
  }

  private correctDrift(): void {
    const s = this.state;
    if (!s || !s.playing || !this.follow || this.isDriver || !this.player.playing) return;
    const expected = liveFrameAt(s, Date.now() + this.offset);
    if (Math.abs(expected - this.player.frame) > 3) this.player.seek(expected, false);
  }

  setFollow(on: boolean): void {
    this.follow = on;
    if (on && this.state) this.applyState({ ...this.state }, 'follow', true);
  }
}
