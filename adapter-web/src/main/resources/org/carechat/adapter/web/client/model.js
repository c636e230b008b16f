// What the page knows: conversations, the messages of those opened, typing, presence, the connection; changed
// by REST answers and by the events of the socket, announced to the views with 'change'.
import {State} from './connection.js';

const PAGE = 50;
const SYNC_LIMIT = 100;
const TYPING_SHOWN_MS = 8000;
const LINK_MARGIN_MS = 5000;
const RETRYABLE = new Set(['OFFLINE', 'DISCONNECTED', 'TIMEOUT', 'UNAVAILABLE', 'RATE_LIMITED']);

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

function rank(status) {
  return {sending: 0, failed: 0, refused: 0, sent: 1, delivered: 2, read: 3}[status] ?? 0;
}

export class ChatModel extends EventTarget {
  constructor(me, displayName, api) {
    super();
    this.me = me;
    this.displayName = displayName;
    this.api = api;
    this.conversations = new Map();
    this.threads = new Map();     // conversationId -> thread (see thread())
    this.typing = new Map();      // conversationId -> Map(userId -> timer)
    this.presence = new Map();    // userId -> {online, status, lastSeen}, from events newer than the REST answers
    this.delivered = new Map();   // conversationId -> the highest seq we reported delivered
    this.readUpTo = new Map();    // conversationId -> the highest seq we reported read
    this.links = new Map();       // attachmentId -> Promise of {url, expiresAt}
    this.openId = null;
    this.connection = null;
    this.connectionState = State.CONNECTING;
    this.status = 'available';
    this.notice = null;
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

  /** The open conversation, when the page is actually shown (a hidden tab reads nothing). */
  isSeen(id) {
    return this.openId === id && document.visibilityState === 'visible';
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
    // the answers carry presence as of now: events from before them are older
    this.presence.clear();
    for (const conversation of all) {
      this.merge(conversation);
      this.deliveredUpTo(conversation);
    }
    this.changed();
  }

  /** A conversation from the server, unless what events brought since is newer. */
  merge(conversation) {
    const known = this.conversations.get(conversation.id);
    if (known && known.lastSeq > conversation.lastSeq) {
      this.conversations.set(conversation.id, {...conversation, lastMessage: known.lastMessage, lastSeq: known.lastSeq,
        unreadCount: known.unreadCount});
    } else {
      this.conversations.set(conversation.id, conversation);
    }
  }

  /** Tells the server this device got what the conversation holds, once per seq (its cursor never goes back). */
  deliveredUpTo(conversation) {
    const last = conversation.lastMessage;
    if (last && last.senderId !== this.me && conversation.lastSeq > (this.delivered.get(conversation.id) || 0)) {
      this.delivered.set(conversation.id, conversation.lastSeq);
      this.connection.tell('mark_delivered', {conversationId: conversation.id, upToSeq: conversation.lastSeq});
    }
  }

  upsertConversation(conversation) {
    this.conversations.set(conversation.id, conversation);
    this.changed();
  }

  async ensureConversation(id) {
    if (!this.conversations.has(id)) {
      this.merge(await this.api.get(`/api/chat/conversations/${encodeURIComponent(id)}`));
      this.changed();
    }
    return this.conversations.get(id);
  }

  async startWith(personId) {
    const conversation = await this.api.post('/api/chat/conversations', {participantId: personId});
    this.merge(conversation);
    await this.open(conversation.id);
    return conversation;
  }

  async setFlag(id, flag, value) {
    this.upsertConversation(await this.api.put(`/api/chat/conversations/${encodeURIComponent(id)}/${flag}`,
        {[flag === 'mute' ? 'muted' : 'pinned']: value}));
  }

  // ---- one conversation ----

  /**
   * The messages held of one conversation: {@code syncedUpTo} is the seq up to which we hold every message from
   * the newest page on (what `sync` continues from), {@code oldest} the lowest seq a history page brought.
   */
  thread(id) {
    if (!this.threads.has(id)) {
      this.threads.set(id, {bySeq: new Map(), pending: [], hasMoreBefore: true, loading: false, loaded: false,
        syncedUpTo: 0, oldest: null, syncing: null});
    }
    return this.threads.get(id);
  }

  messages(id) {
    const thread = this.thread(id);
    const stored = [...thread.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return stored.concat(thread.pending);
  }

  find(id, messageId) {
    const thread = this.threads.get(id);
    if (thread) {
      for (const message of thread.bySeq.values()) {
        if (message.id === messageId) {
          return message;
        }
      }
    }
    return null;
  }

  async open(id) {
    this.openId = id;
    this.changed();
    const thread = this.thread(id);
    if (!thread.loaded) {
      await this.loadOlder(id);
    }
    await this.catchUp(id);
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
    if (thread.loaded) {
      while (thread.bySeq.has(thread.syncedUpTo + 1)) {
        thread.syncedUpTo++;
      }
    }
  }

  /** The page before the oldest message a page brought (the newest page at first). */
  async loadOlder(id) {
    const thread = this.thread(id);
    if (thread.loading || (thread.loaded && !thread.hasMoreBefore)) {
      return;
    }
    thread.loading = true;
    this.changed();
    try {
      const query = thread.oldest !== null ? {limit: PAGE, before: thread.oldest} : {limit: PAGE};
      const page = await this.api.get(`/api/chat/conversations/${encodeURIComponent(id)}/messages`, query);
      const first = !thread.loaded;
      page.items.forEach(m => this.keep(m));
      if (page.items.length) {
        thread.oldest = Math.min(...page.items.map(m => m.seq));
      }
      thread.hasMoreBefore = page.hasMore;
      if (first) {
        // the newest page holds everything up to its newest message; what events brought meanwhile joins on
        thread.loaded = true;
        thread.syncedUpTo = page.items.length ? Math.max(...page.items.map(m => m.seq)) : 0;
        while (thread.bySeq.has(thread.syncedUpTo + 1)) {
          thread.syncedUpTo++;
        }
      }
    } finally {
      thread.loading = false;
      this.changed();
    }
  }

  /** Every message after the last one held without a gap (after a reconnect, or a gap in seq); one at a time. */
  catchUp(id) {
    const thread = this.thread(id);
    if (!thread.loaded) {
      return Promise.resolve();
    }
    const run = async () => {
      let hasMore = true;
      while (hasMore) {
        const from = thread.syncedUpTo;
        const result = await this.connection.request('sync', {conversationId: id, afterSeq: from, limit: SYNC_LIMIT});
        result.messages.forEach(m => this.keep(m));
        // a message missing for good (never the case: seq is gap-free) must not loop forever
        hasMore = result.hasMore && thread.syncedUpTo > from;
      }
      this.changed();
    };
    thread.syncing = (thread.syncing || Promise.resolve()).then(run, run);
    return thread.syncing;
  }

  /** After every (re)connect: the list again, what was missed in the threads we hold, then what waited to go. */
  async reconnected() {
    const steps = [() => this.loadConversations()];
    for (const [id, thread] of this.threads) {
      if (thread.loaded) {
        steps.push(() => this.catchUp(id));
      }
    }
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        this.setNotice(`Could not catch up: ${e.message}`);
      }
    }
    for (const thread of this.threads.values()) {
      for (const pending of thread.pending.filter(p => p.status === 'failed' || p.status === 'sending')) {
        this.transmit(pending);
      }
    }
    if (this.status !== 'available') {
      this.connection.tell('set_status', {status: this.status});
    }
    this.markSeen();
  }

  /** mark_read for the open conversation, when the page is shown, up to the newest message held. */
  markSeen() {
    const id = this.openId;
    if (!id || !this.isSeen(id) || !this.connection) {
      return;
    }
    const thread = this.thread(id);
    const upTo = thread.syncedUpTo;
    const conversation = this.conversations.get(id);
    if (upTo > 0 && (upTo > (this.readUpTo.get(id) || 0) || (conversation && conversation.unreadCount > 0))) {
      this.readUpTo.set(id, upTo);
      this.connection.tell('mark_read', {conversationId: id, upToSeq: upTo});
      if (conversation) {
        this.upsertConversation({...conversation, unreadCount: Math.max(0, conversation.lastSeq - upTo)});
      }
    }
  }

  // ---- sending and changing ----

  send(id, {content, replyTo, attachment, urgent}) {
    const type = !attachment ? 'text'
        : attachment.mimeType.startsWith('image/') && attachment.mimeType !== 'image/svg+xml' ? 'image' : 'file';
    const pending = {
      id: null, conversationId: id, seq: null, senderId: this.me, type, content: content || null,
      attachment: attachment || null, replyTo: replyTo || null, clientMessageId: clientMessageId(),
      createdAt: new Date().toISOString(), editedAt: null, deleted: false, reactions: {}, status: 'sending',
      priority: urgent ? 'urgent' : 'routine', acknowledgements: urgent ? [] : undefined,
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
    if (pending.priority === 'urgent') {
      data.priority = 'urgent';
    }
    clearTimeout(pending.retry);
    pending.status = 'sending';
    pending.error = null;
    this.changed();
    this.connection.request('send_message', data).then(reply => {
      if (reply.notice) {
        // a patient who sent urgent: the server says CareChat is not an emergency service
        this.setNotice(reply.notice);
      }
      this.keep(reply.message);
      this.bump(reply.message);
      this.changed();
    }, error => {
      if (!this.thread(pending.conversationId).pending.includes(pending)) {
        return; // discarded meanwhile
      }
      if (RETRYABLE.has(error.code)) {
        // the same clientMessageId again: stored once, whatever reached the server before
        pending.status = 'failed';
        pending.error = error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE'
            ? 'Not sent yet: trying again in a moment…' : 'Waiting for the connection…';
        if (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') {
          pending.retry = setTimeout(() => this.connection.state === State.ONLINE && this.transmit(pending),
              Math.max(500, error.retryAfterMs || 1000));
        }
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
    thread.pending.filter(p => p.clientMessageId === clientMessageIdOf).forEach(p => clearTimeout(p.retry));
    thread.pending = thread.pending.filter(p => p.clientMessageId !== clientMessageIdOf);
    this.changed();
  }

  retry(id, clientMessageIdOf) {
    const pending = this.thread(id).pending.find(p => p.clientMessageId === clientMessageIdOf);
    if (pending) {
      this.transmit(pending);
    }
  }

  /** Messages typed but not stored yet: the page warns before they are lost with it. */
  unsent() {
    let count = 0;
    for (const thread of this.threads.values()) {
      count += thread.pending.length;
    }
    return count;
  }

  async refresh(id) {
    try {
      this.upsertConversation(await this.api.get(`/api/chat/conversations/${encodeURIComponent(id)}`));
    } catch (e) {
      // the list stays as it is
    }
  }

  /**
   * The conversation's summary after a message joined it. Unread counts as the server does: everything after
   * one's read cursor, the server's call and system records included; a message of one's own marks what came
   * before as read.
   */
  bump(message) {
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation || conversation.lastSeq >= message.seq) {
      return;
    }
    const ownWriting = message.senderId === this.me && message.type !== 'call' && message.type !== 'system';
    const unread = ownWriting ? 0 : this.isSeen(message.conversationId) ? conversation.unreadCount
        : conversation.unreadCount + 1;
    this.upsertConversation({...conversation, lastMessage: message, lastSeq: message.seq, unreadCount: unread,
      updatedAt: message.createdAt});
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

  /** A recipient acknowledges an urgent message. */
  acknowledge(message) {
    return this.request('acknowledge_message', {messageId: message.id}).then(reply =>
      this.acknowledged(reply.conversationId, reply.messageId, reply.by, reply.at));
  }

  acknowledged(conversationId, messageId, userId, at) {
    const message = this.find(conversationId, messageId);
    if (message && !(message.acknowledgements || []).some(a => a.userId === userId)) {
      this.keep({...message, acknowledgements: [...(message.acknowledgements || []), {userId, at}]});
      this.changed();
    }
  }

  /** An urgent message nobody acknowledged was followed up a step (reminded, escalated): shown on the message. */
  followedUp(conversationId, messageId, step) {
    const message = this.find(conversationId, messageId);
    if (message && message.followUp !== step && message.followUp !== 'escalated') {
      this.keep({...message, followUp: step});
    }
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
      this.lastMessageChanged(changed);
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
    this.status = status;
    this.changed();
    return this.request('set_status', {status});
  }

  /** A short-lived signed link to a file, shared by every view of it until shortly before it expires. */
  linkFor(attachment) {
    const known = this.links.get(attachment.id);
    const now = Date.now();
    if (known && (known.expiresAt === null || known.expiresAt - now > LINK_MARGIN_MS)) {
      return known.promise;
    }
    const entry = {expiresAt: null, promise: null};
    entry.promise = this.api.get(`/api/chat/attachments/${encodeURIComponent(attachment.id)}/link`).then(link => {
      entry.expiresAt = Date.parse(link.expiresAt);
      return link.url;
    }, error => {
      this.links.delete(attachment.id);
      throw error;
    });
    this.links.set(attachment.id, entry);
    return entry.promise;
  }

  // ---- events ----

  handle(event, data) {
    switch (event) {
      case 'new_message':
        this.arrived(data.message);
        break;
      case 'message_edited':
        if (this.find(data.message.conversationId, data.message.id)) {
          this.keep(data.message);
        }
        this.lastMessageChanged(data.message);
        break;
      case 'message_deleted': {
        const message = this.find(data.conversationId, data.messageId);
        if (message) {
          this.keep({...message, deleted: true, content: null, attachment: null});
        }
        this.lastMessageChanged({id: data.messageId, conversationId: data.conversationId, deleted: true,
          content: null, attachment: null}, true);
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
        for (const person of data.conversation.participants) {
          this.presence.delete(person.id);
        }
        this.merge(data.conversation);
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
      case 'message_acknowledged':
        this.acknowledged(data.conversationId, data.messageId, data.by, data.at);
        break;
      case 'urgent_reminder':
        // an urgent message nobody acknowledged: its recipients are asked again, its sender sees the reminder went
        this.followedUp(data.conversationId, data.messageId, 'reminded');
        if (data.senderId !== this.me) {
          this.setNotice(`Urgent message from ${this.nameOf(data.senderId)} is waiting for your acknowledgement.`);
        }
        break;
      case 'urgent_escalated':
        this.followedUp(data.conversationId, data.messageId, 'escalated');
        if (data.escalatedTo.includes(this.me)) {
          // a contact outside the conversation gets ids only: who sent it, for which patient
          const patient = data.patientId ? ` about ${this.nameOf(data.patientId)}` : '';
          this.setNotice(`Escalated to you: an urgent message from ${this.nameOf(data.senderId)}${patient}`
              + ' that nobody acknowledged.');
        }
        break;
      case 'break_glass_opened': {
        // told to the patient's care team: someone not in care with them is reading their conversations
        const until = new Date(data.until).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
        this.setNotice(`${data.byName} opened emergency access to the conversations of ${this.nameOf(data.patientId)}`
            + ` until ${until}. Reason given: ${data.reason}`);
        break;
      }
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
    if (thread) {
      this.keep(message);
      if (thread.loaded && message.seq > thread.syncedUpTo + 1) {
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
      this.deliveredUpTo({id, lastSeq: message.seq, lastMessage: message});
    }
    if (this.isSeen(id)) {
      this.markSeen();
    }
  }

  /** The list's preview follows an edit or a delete of the conversation's last message. */
  lastMessageChanged(message, partial = false) {
    const conversation = this.conversations.get(message.conversationId);
    if (conversation && conversation.lastMessage && conversation.lastMessage.id === message.id) {
      this.upsertConversation({...conversation,
        lastMessage: partial ? {...conversation.lastMessage, ...message} : message});
    }
  }

  receipt(id, upToSeq, status) {
    const thread = this.threads.get(id);
    if (!thread) {
      return;
    }
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
