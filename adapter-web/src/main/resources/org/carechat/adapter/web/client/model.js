// What the page knows: conversations, the messages of those opened, typing, presence, the connection; changed
// by REST answers and by the events of the socket, announced to the views with 'change'.
import {State} from './connection.js';

const PAGE = 50;
const SYNC_LIMIT = 100;
const TYPING_SHOWN_MS = 8000;

let sends = 0;

/** A clientMessageId (at most 64 characters) unique to this tab's sends: a retry reuses it, nothing is stored twice. */
function clientMessageId() {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `w-${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}-${++sends}`;
}

function byConversationOrder(a, b) {
  if (a.pinned !== b.pinned) {
    return a.pinned ? -1 : 1;
  }
  const at = c => (c.lastMessage && c.lastMessage.createdAt) || c.updatedAt || '';
  return at(b).localeCompare(at(a));
}

export class ChatModel extends EventTarget {
  constructor(me, displayName, api) {
    super();
    this.me = me;
    this.displayName = displayName;
    this.api = api;
    this.conversations = new Map();
    this.threads = new Map();   // conversationId -> {bySeq: Map, pending: [], hasMoreBefore, loading}
    this.typing = new Map();    // conversationId -> Map(userId -> timer)
    this.presence = new Map();  // userId -> {online, status, lastSeen}
    this.openId = null;
    this.connection = null;
    this.connectionState = State.CONNECTING;
    this.notice = null;
    this.readUpTo = new Map();  // conversationId -> the highest seq we told the server we read
    this.scheduled = false;
    this.editWindowMs = 15 * 60 * 1000;
    this.maxTextLength = 4000;
  }

  /** The server's rules for a composer (GET /api/chat/client-settings). */
  follow(settings) {
    this.editWindowMs = settings.editWindowSeconds * 1000;
    this.maxTextLength = settings.maxTextLength;
  }

  changed() {
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.dispatchEvent(new Event('change'));
      });
    }
  }

  attach(connection) {
    this.connection = connection;
  }

  setNotice(text) {
    this.notice = text;
    this.changed();
  }

  // ---- conversations ----

  sortedConversations() {
    return [...this.conversations.values()].sort(byConversationOrder);
  }

  other(conversation) {
    const others = conversation.participants.filter(p => p.id !== this.me);
    const person = others[0] || conversation.participants[0];
    const live = person && this.presence.get(person.id);
    return live ? {...person, ...live} : person;
  }

  myName() {
    for (const conversation of this.conversations.values()) {
      const self = conversation.participants.find(p => p.id === this.me);
      if (self) {
        return self.name;
      }
    }
    return this.displayName || this.me;
  }

  async loadConversations() {
    const all = [];
    let cursor;
    do {
      const page = await this.api.get('/api/chat/conversations', cursor ? {limit: 100, cursor} : {limit: 100});
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    this.conversations = new Map(all.map(c => [c.id, c]));
    for (const conversation of all) {
      this.deliveredUpTo(conversation);
    }
    this.changed();
  }

  /** Tells the server this device got what the conversation holds (its cursor never goes back). */
  deliveredUpTo(conversation) {
    const last = conversation.lastMessage;
    if (last && last.senderId !== this.me && this.connection) {
      this.connection.tell('mark_delivered', {conversationId: conversation.id, upToSeq: conversation.lastSeq});
    }
  }

  upsertConversation(conversation) {
    this.conversations.set(conversation.id, conversation);
    this.changed();
  }

  async ensureConversation(id) {
    if (!this.conversations.has(id)) {
      this.upsertConversation(await this.api.get(`/api/chat/conversations/${encodeURIComponent(id)}`));
    }
    return this.conversations.get(id);
  }

  async startWith(personId) {
    const conversation = await this.api.post('/api/chat/conversations', {participantId: personId});
    this.upsertConversation(conversation);
    await this.open(conversation.id);
    return conversation;
  }

  async setFlag(id, flag, value) {
    this.upsertConversation(await this.api.put(`/api/chat/conversations/${encodeURIComponent(id)}/${flag}`,
        {[flag === 'mute' ? 'muted' : 'pinned']: value}));
  }

  // ---- one conversation ----

  thread(id) {
    if (!this.threads.has(id)) {
      this.threads.set(id, {bySeq: new Map(), pending: [], hasMoreBefore: true, loading: false, loaded: false});
    }
    return this.threads.get(id);
  }

  messages(id) {
    const thread = this.thread(id);
    const stored = [...thread.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return stored.concat(thread.pending);
  }

  find(id, messageId) {
    for (const message of this.thread(id).bySeq.values()) {
      if (message.id === messageId) {
        return message;
      }
    }
    return null;
  }

  lastSeqOf(id) {
    let last = 0;
    for (const seq of this.thread(id).bySeq.keys()) {
      last = Math.max(last, seq);
    }
    return last;
  }

  async open(id) {
    this.openId = id;
    this.changed();
    const thread = this.thread(id);
    if (!thread.loaded) {
      await this.loadOlder(id);
      thread.loaded = true;
    } else {
      await this.catchUp(id);
    }
    this.markSeen();
  }

  close() {
    this.openId = null;
    this.changed();
  }

  keep(message) {
    const thread = this.thread(message.conversationId);
    const known = thread.bySeq.get(message.seq);
    // an event may bring an older view than one we hold (a status never goes back)
    if (known && rank(known.status) > rank(message.status)) {
      message = {...message, status: known.status};
    }
    thread.bySeq.set(message.seq, message);
    if (message.clientMessageId) {
      thread.pending = thread.pending.filter(p => p.clientMessageId !== message.clientMessageId);
    }
  }

  /** The page before the oldest message we hold (the newest page at first). */
  async loadOlder(id) {
    const thread = this.thread(id);
    if (thread.loading || !thread.hasMoreBefore) {
      return;
    }
    thread.loading = true;
    this.changed();
    try {
      const oldest = Math.min(...thread.bySeq.keys());
      const query = thread.bySeq.size ? {limit: PAGE, before: oldest} : {limit: PAGE};
      const page = await this.api.get(`/api/chat/conversations/${encodeURIComponent(id)}/messages`, query);
      page.items.forEach(m => this.keep(m));
      thread.hasMoreBefore = page.hasMore;
    } finally {
      thread.loading = false;
      this.changed();
    }
  }

  /** Asks for every message after the last one we hold (after a reconnect, or a gap in seq). */
  async catchUp(id) {
    const thread = this.thread(id);
    if (!thread.loaded && thread.bySeq.size === 0) {
      return;
    }
    let hasMore = true;
    while (hasMore) {
      const result = await this.connection.request('sync', {conversationId: id, afterSeq: this.lastSeqOf(id),
        limit: SYNC_LIMIT});
      result.messages.forEach(m => this.keep(m));
      hasMore = result.hasMore && result.messages.length > 0;
    }
    this.changed();
  }

  /** After every (re)connect: the list again, what was missed in the threads we hold, then what waited to go. */
  async reconnected() {
    await this.loadConversations();
    for (const [id, thread] of this.threads) {
      if (thread.loaded) {
        await this.catchUp(id);
      }
    }
    for (const thread of this.threads.values()) {
      for (const pending of thread.pending.filter(p => p.status === 'failed' || p.status === 'sending')) {
        this.transmit(pending);
      }
    }
    this.markSeen();
  }

  /** mark_read for the open conversation, when the page is shown, up to the newest message of someone else. */
  markSeen() {
    const id = this.openId;
    if (!id || document.visibilityState !== 'visible' || !this.connection) {
      return;
    }
    let upTo = 0;
    for (const message of this.thread(id).bySeq.values()) {
      if (message.senderId !== this.me) {
        upTo = Math.max(upTo, message.seq);
      }
    }
    const conversation = this.conversations.get(id);
    if (upTo > (this.readUpTo.get(id) || 0) || (conversation && conversation.unreadCount > 0 && upTo > 0)) {
      this.readUpTo.set(id, upTo);
      this.connection.tell('mark_read', {conversationId: id, upToSeq: upTo});
      if (conversation) {
        this.upsertConversation({...conversation, unreadCount: 0});
      }
    }
  }

  // ---- sending and changing ----

  send(id, {content, replyTo, attachment}) {
    const type = !attachment ? 'text'
        : attachment.mimeType.startsWith('image/') && attachment.mimeType !== 'image/svg+xml' ? 'image' : 'file';
    const pending = {
      id: null, conversationId: id, seq: null, senderId: this.me, type, content: content || null,
      attachment: attachment || null, replyTo: replyTo || null, clientMessageId: clientMessageId(),
      createdAt: new Date().toISOString(), editedAt: null, deleted: false, reactions: {}, status: 'sending',
    };
    this.thread(id).pending.push(pending);
    this.changed();
    this.transmit(pending);
  }

  transmit(pending) {
    const data = {conversationId: pending.conversationId, type: pending.type, clientMessageId: pending.clientMessageId};
    if (pending.content) {
      data.content = pending.content;
    }
    if (pending.attachment) {
      data.attachmentId = pending.attachment.id;
    }
    if (pending.replyTo) {
      data.replyTo = pending.replyTo;
    }
    pending.status = 'sending';
    pending.error = null;
    this.changed();
    this.connection.request('send_message', data).then(reply => {
      this.keep(reply.message);
      this.bump(reply.message);
      this.changed();
    }, error => {
      if (error.code === 'OFFLINE' || error.code === 'DISCONNECTED' || error.code === 'UNAVAILABLE') {
        pending.status = 'failed'; // sent again, with the same clientMessageId, once the connection is back
        pending.error = 'Waiting for the connection…';
      } else {
        pending.status = 'refused';
        pending.error = error.message;
        if (error.code === 'FORBIDDEN') {
          this.refresh(pending.conversationId);
        }
      }
      this.changed();
    });
  }

  discard(id, clientMessageIdOf) {
    const thread = this.thread(id);
    thread.pending = thread.pending.filter(p => p.clientMessageId !== clientMessageIdOf);
    this.changed();
  }

  async refresh(id) {
    try {
      this.upsertConversation(await this.api.get(`/api/chat/conversations/${encodeURIComponent(id)}`));
    } catch (e) {
      // the list stays as it is
    }
  }

  /** The conversation's summary after a message joined it. */
  bump(message) {
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation) {
      return;
    }
    const unread = message.senderId !== this.me && message.type !== 'system' && this.openId !== message.conversationId
        ? conversation.unreadCount + 1 : conversation.unreadCount;
    if (conversation.lastSeq < message.seq) {
      this.upsertConversation({...conversation, lastMessage: message, lastSeq: message.seq, unreadCount: unread,
        updatedAt: message.createdAt});
    }
  }

  request(event, data) {
    return this.connection.request(event, data).catch(error => {
      this.setNotice(error.message);
      throw error;
    });
  }

  // the device that makes a change gets only its ack (the event goes to the others): it applies the change itself
  edit(message, content) {
    return this.request('edit_message', {messageId: message.id, content}).then(() => this.changeLocally(message,
        current => ({...current, content, editedAt: new Date().toISOString()})));
  }

  remove(message) {
    return this.request('delete_message', {messageId: message.id}).then(() => this.changeLocally(message,
        current => ({...current, deleted: true, content: null, attachment: null})));
  }

  toggleReaction(message, emoji) {
    const mine = (message.reactions[emoji] || []).includes(this.me);
    return this.request(mine ? 'remove_reaction' : 'add_reaction', {messageId: message.id, emoji}).then(() =>
      this.changeLocally(message, current => {
        const reactions = {...current.reactions};
        const who = (reactions[emoji] || []).filter(u => u !== this.me);
        if (!mine) {
          who.push(this.me);
        }
        if (who.length) {
          reactions[emoji] = who;
        } else {
          delete reactions[emoji];
        }
        return {...current, reactions};
      }));
  }

  changeLocally(message, change) {
    const current = this.thread(message.conversationId).bySeq.get(message.seq);
    if (current) {
      const changed = change(current);
      this.keep(changed);
      this.bumpEdited(changed);
      this.changed();
    }
  }

  typingStart(id) {
    this.connection.tell('typing_start', {conversationId: id});
  }

  typingStop(id) {
    this.connection.tell('typing_stop', {conversationId: id});
  }

  typingIn(id) {
    const map = this.typing.get(id);
    return map ? [...map.keys()] : [];
  }

  setStatus(status) {
    return this.request('set_status', {status});
  }

  // ---- events ----

  handle(event, data) {
    switch (event) {
      case 'new_message':
        this.arrived(data.message);
        break;
      case 'message_edited':
        this.keep(data.message);
        this.bumpEdited(data.message);
        break;
      case 'message_deleted': {
        const message = this.find(data.conversationId, data.messageId);
        if (message) {
          this.keep({...message, deleted: true, content: null, attachment: null});
        }
        break;
      }
      case 'message_reaction_updated': {
        const message = this.find(data.conversationId, data.messageId);
        if (message) {
          this.keep({...message, reactions: data.reactions});
        }
        break;
      }
      case 'messages_delivered':
      case 'messages_read':
        if (data.userId !== this.me) {
          this.receipt(data.conversationId, data.upToSeq, event === 'messages_read' ? 'read' : 'delivered');
        }
        break;
      case 'conversation_updated':
        this.upsertConversation(data.conversation);
        break;
      case 'typing_start':
        this.typingSeen(data.conversationId, data.userId, true);
        break;
      case 'typing_stopped':
        this.typingSeen(data.conversationId, data.userId, false);
        break;
      case 'user_status_change':
        this.presence.set(data.userId, {online: data.isOnline, status: data.status, lastSeen: data.lastSeen});
        break;
      case 'error':
        this.setNotice(data.message);
        break;
      default:
        break;
    }
    this.changed();
  }

  arrived(message) {
    const id = message.conversationId;
    const thread = this.threads.get(id);
    if (thread && thread.loaded) {
      const last = this.lastSeqOf(id);
      this.keep(message);
      if (last && message.seq > last + 1) {
        this.catchUp(id).catch(() => {}); // a gap: fetch what is missing
      }
    }
    this.typingSeen(id, message.senderId, false);
    if (!this.conversations.has(id)) {
      this.ensureConversation(id).catch(() => {});
    } else {
      this.bump(message);
    }
    if (message.senderId !== this.me) {
      this.connection.tell('mark_delivered', {conversationId: id, upToSeq: message.seq});
      if (this.openId === id) {
        this.markSeen();
      }
    }
  }

  bumpEdited(message) {
    const conversation = this.conversations.get(message.conversationId);
    if (conversation && conversation.lastMessage && conversation.lastMessage.id === message.id) {
      this.upsertConversation({...conversation, lastMessage: message});
    }
  }

  receipt(id, upToSeq, status) {
    const thread = this.thread(id);
    for (const message of thread.bySeq.values()) {
      if (message.senderId === this.me && message.seq <= upToSeq && rank(message.status) < rank(status)) {
        thread.bySeq.set(message.seq, {...message, status});
      }
    }
  }

  typingSeen(id, userId, typing) {
    if (userId === this.me) {
      return;
    }
    if (!this.typing.has(id)) {
      this.typing.set(id, new Map());
    }
    const map = this.typing.get(id);
    clearTimeout(map.get(userId));
    if (typing) {
      map.set(userId, setTimeout(() => {
        map.delete(userId);
        this.changed();
      }, TYPING_SHOWN_MS));
    } else {
      map.delete(userId);
    }
  }

  nameOf(userId) {
    if (userId === this.me) {
      return 'You';
    }
    for (const conversation of this.conversations.values()) {
      const person = conversation.participants.find(p => p.id === userId);
      if (person) {
        return person.name;
      }
    }
    return userId;
  }
}

function rank(status) {
  return {sending: 0, failed: 0, refused: 0, sent: 1, delivered: 2, read: 3}[status] ?? 0;
}
