// The WebSocket door: one socket, replies matched to requests by id, reconnection with backoff.

export const State = Object.freeze({CONNECTING: 'connecting', ONLINE: 'online', RECONNECTING: 'reconnecting', CLOSED: 'closed'});

export class SocketError extends Error {
  constructor(code, message, retryAfterMs) {
    super(message);
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;

export class Connection {
  /**
   * @param token the bearer token (sent as access_token: browsers cannot set headers on a WebSocket)
   * @param handlers onEvent(event, data) for pushed events, onState(state) for changes, onOpen() after every
   *        (re)connect (the place to catch up with sync), onExpired() when the server says the token expired
   */
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.pending = new Map();
    this.next = 0;
    this.attempts = 0;
    this.state = State.CONNECTING;
    this.stopped = false;
    this.open();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws?access_token=${encodeURIComponent(this.token)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.setState(State.ONLINE);
      this.handlers.onOpen && this.handlers.onOpen();
    };
    socket.onmessage = e => this.receive(e.data);
    socket.onclose = e => this.closed(socket, e);
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (e) {
      return;
    }
    const data = frame.data || {};
    if (frame.re && this.pending.has(frame.re)) {
      const {resolve, reject} = this.pending.get(frame.re);
      this.pending.delete(frame.re);
      if (frame.event === 'error') {
        reject(new SocketError(data.code, data.message, data.retryAfterMs));
      } else {
        resolve(data);
      }
      return;
    }
    this.handlers.onEvent(frame.event, data);
  }

  closed(socket, event) {
    if (socket !== this.socket) {
      return;
    }
    for (const {reject} of this.pending.values()) {
      reject(new SocketError('DISCONNECTED', 'The connection dropped before the server answered.'));
    }
    this.pending.clear();
    if (this.stopped) {
      this.setState(State.CLOSED);
      return;
    }
    if (event.code === 4401) {
      this.stopped = true;
      this.setState(State.CLOSED);
      this.handlers.onExpired && this.handlers.onExpired();
      return;
    }
    this.setState(State.RECONNECTING);
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts = Math.min(this.attempts + 1, 10);
    this.retry = setTimeout(() => this.open(), delay);
  }

  setState(state) {
    this.state = state;
    this.handlers.onState && this.handlers.onState(state);
  }

  /** Sends a client event and resolves with its reply's data (rejects with a SocketError). */
  request(event, data) {
    if (this.state !== State.ONLINE) {
      return Promise.reject(new SocketError('OFFLINE', 'Not connected: it will be sent when the connection is back.'));
    }
    const id = 'w' + (++this.next);
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject});
      this.socket.send(JSON.stringify({event, id, data}));
    });
  }

  /** Sends a client event whose reply does not matter (typing, receipts); dropped when offline. */
  tell(event, data) {
    if (this.state === State.ONLINE) {
      this.socket.send(JSON.stringify({event, data}));
    }
  }

  /** Closes for good (sign-out): no reconnection. */
  close() {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.socket) {
      this.socket.close(1000, 'signed out');
    }
  }
}
