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
/** A reply that takes longer means a connection that is dead without knowing it: it is dropped and made again. */
const REPLY_TIMEOUT_MS = 10000;

export class Connection {
  /**
   * @param token the bearer token (sent as access_token: browsers cannot set headers on a WebSocket)
   * @param handlers onEvent(event, data) for pushed events, onState(state) for changes, onOpen() after every
   *        (re)connect (the place to catch up with sync), onExpired() when the token has expired (the server's
 *        4401, or expired() true before a reconnection)
   */
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.pending = new Map();
    this.next = 0;
    this.attempts = 0;
    this.state = State.CONNECTING;
    this.stopped = false;
    this.backOnline = () => {
      if (this.state === State.RECONNECTING) {
        clearTimeout(this.retry);
        this.open();
      }
    };
    window.addEventListener('online', this.backOnline);
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
    socket.onmessage = e => socket === this.socket && this.receive(e.data);
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
      const {resolve, reject, timer} = this.pending.get(frame.re);
      clearTimeout(timer);
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
    this.socket = null;
    for (const {reject, timer} of this.pending.values()) {
      clearTimeout(timer);
      reject(new SocketError('DISCONNECTED', 'The connection dropped before the server answered.'));
    }
    this.pending.clear();
    if (this.stopped) {
      this.setState(State.CLOSED);
      return;
    }
    if (event.code === 4401 || (this.handlers.expired && this.handlers.expired())) {
      this.stopped = true;
      this.setState(State.CLOSED);
      this.handlers.onExpired && this.handlers.onExpired();
      return;
    }
    this.setState(State.RECONNECTING);
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts = Math.min(this.attempts + 1, 10);
    this.retry = setTimeout(() => {
      if (this.handlers.expired && this.handlers.expired()) {
        // a browser sees the upgrade's 401 only as a failed socket: an expired token is not retried
        this.stopped = true;
        this.setState(State.CLOSED);
        this.handlers.onExpired && this.handlers.onExpired();
        return;
      }
      this.open();
    }, delay);
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
    const socket = this.socket;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.has(id) && socket === this.socket) {
          // closing rejects every request in flight and reconnects; sends are retried with their clientMessageId
          socket.close(4000, 'no reply');
          this.closed(socket, {code: 4000}); // at once: a dead connection does not finish its closing handshake
        }
      }, REPLY_TIMEOUT_MS);
      this.pending.set(id, {resolve, reject, timer});
      socket.send(JSON.stringify({event, id, data}));
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
    window.removeEventListener('online', this.backOnline);
    if (this.socket) {
      this.socket.close(1000, 'signed out');
    }
  }
}
