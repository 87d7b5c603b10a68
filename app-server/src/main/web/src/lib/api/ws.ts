// The WebSocket half of the client: one connection per page, subscriptions and live-session
// messages in the server's protocol version 1 ({"v":1,"type":...}). It reconnects with a growing
// delay and re-sends its subscriptions, so a server restart only pauses live updates.

export type ServerMessage = { v: number; type: string; [field: string]: unknown };
export type Listener = (message: ServerMessage) => void;

export interface Topic {
  scope: 'library' | 'asset' | 'media';
  id?: string;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export class LiveSocket {
  private socket: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<(s: ConnectionState) => void>();
  private topics = new Map<string, Topic>();
  private queue: string[] = [];
  private retry = 0;
  private closedByUs = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  state: ConnectionState = 'closed';
  connectionId: string | null = null;

  constructor(private readonly url: string = LiveSocket.defaultUrl()) {}

  static defaultUrl(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}/api/ws`;
  }

  connect(): void {
    this.closedByUs = false;
    if (this.socket) return;
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      this.setState('open');
      for (const topic of this.topics.values()) this.rawSend({ type: 'subscribe', ...topic });
      const pending = this.queue;
      this.queue = [];
      pending.forEach((text) => socket.send(text));
    };
    socket.onmessage = (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (message.type === 'welcome') this.connectionId = String(message.connection ?? '');
      this.listeners.forEach((l) => l(message));
    };
    socket.onclose = () => {
      this.socket = null;
      this.setState('closed');
      if (!this.closedByUs) {
        const delay = Math.min(10_000, 500 * 2 ** this.retry++);
        this.timer = setTimeout(() => this.connect(), delay);
      }
    };
  }

  close(): void {
    this.closedByUs = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  subscribe(topic: Topic): void {
    this.topics.set(key(topic), topic);
    this.send({ type: 'subscribe', ...topic });
  }

  unsubscribe(topic: Topic): void {
    this.topics.delete(key(topic));
    this.send({ type: 'unsubscribe', ...topic });
  }

  /** Sends now when open, else once the connection opens (messages are never dropped silently). */
  send(message: { type: string; [field: string]: unknown }): void {
    const text = JSON.stringify({ v: 1, ...message });
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    else {
      this.queue.push(text);
      this.connect();
    }
  }

  private rawSend(message: { type: string; [field: string]: unknown }): void {
    this.socket?.send(JSON.stringify({ v: 1, ...message }));
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    this.stateListeners.forEach((l) => l(s));
  }
}

function key(t: Topic): string {
  return `${t.scope}:${t.id ?? ''}`;
}

let shared: LiveSocket | null = null;

/** The page's one connection, opened on first use. */
export function liveSocket(): LiveSocket {
  if (!shared) {
    shared = new LiveSocket();
    shared.connect();
  }
  return shared;
}
