// The conversation list, one conversation, and the call panel. Every text from the server is rendered as text
// (Preact escapes it): nothing a message or a name holds becomes markup.
import {html, useEffect, useLayoutEffect, useRef, useState} from './vendor/preact-htm.js';
import {Icon} from './icons.js';

const REACTIONS = ['👍', '❤️', '😂', '😮', '🙏'];
const TYPING_RENEW_MS = 3000;
const TYPING_IDLE_MS = 2500;

export function useChanges(target) {
  const [, setCount] = useState(0);
  useEffect(() => {
    const changed = () => setCount(n => n + 1);
    target.addEventListener('change', changed);
    return () => target.removeEventListener('change', changed);
  }, [target]);
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) : '';
}

function when(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today ? time(iso) : date.toLocaleDateString([], {day: 'numeric', month: 'short'}) + ' ' + time(iso);
}

function presenceText(person) {
  if (!person) {
    return '';
  }
  if (person.online) {
    return person.status && person.status !== 'available' ? `online · ${person.status}` : 'online';
  }
  return person.lastSeen ? `last seen ${when(person.lastSeen)}` : 'offline';
}

function roleText(person) {
  return person ? person.role + (person.specialty ? ' · ' + person.specialty : '') : '';
}

function size(bytes) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

function preview(message) {
  if (!message) {
    return 'No messages yet';
  }
  if (message.deleted) {
    return 'Message deleted';
  }
  switch (message.type) {
    case 'image': return 'Photo' + (message.content ? ': ' + message.content : '');
    case 'file': case 'audio': case 'video': return 'File: ' + (message.attachment ? message.attachment.name : 'file');
    case 'call': return callText(message.call);
    default: return message.content || '';
  }
}

function callText(call) {
  if (!call) {
    return 'Call';
  }
  const kind = call.media === 'video' ? 'Video call' : 'Voice call';
  const length = call.durationSeconds ? ` · ${Math.floor(call.durationSeconds / 60)}:${String(call.durationSeconds % 60).padStart(2, '0')}` : '';
  return `${kind} · ${call.outcome}${length}`;
}

function PresenceDot({person}) {
  const online = person && person.online;
  return html`<span class=${'dot' + (online ? ' online' : '')} role="img" aria-label=${online ? 'online' : 'offline'}></span>`;
}

// ---- the list ----

export function ConversationList({model}) {
  useChanges(model);
  const [query, setQuery] = useState('');
  // what the last search answered: {messages} or {error}; null while the box holds less than two characters
  const [found, setFound] = useState(null);
  const [contacts, setContacts] = useState(null);
  useEffect(() => {
    const words = query.trim();
    if (words.length < 2) {
      setFound(null);
      return undefined;
    }
    // an answer to an older query that comes in late is dropped: only the text now in the box is shown
    let current = true;
    const timer = setTimeout(() => {
      model.api.get('/api/chat/search', {query: words, limit: 20}).then(
          messages => current && setFound({messages}),
          e => current && setFound({error: e.message}));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  const showContacts = async () => {
    if (contacts) {
      setContacts(null);
      return;
    }
    try {
      setContacts(await model.api.get('/api/chat/contacts'));
    } catch (e) {
      model.setNotice(e.message);
    }
  };
  const needle = query.trim().toLowerCase();
  const conversations = model.sortedConversations()
      .filter(c => !needle || (model.other(c).name || '').toLowerCase().includes(needle));
  return html`
    <div class="list">
      <div class="list-tools">
        <label class="visually-hidden" for="search">Search conversations and messages</label>
        <input id="search" type="search" placeholder="Search" value=${query} onInput=${e => setQuery(e.target.value)}/>
        <button type="button" class="new-conversation" aria-expanded=${contacts ? 'true' : 'false'} onClick=${showContacts}>
          ${contacts ? 'Close' : 'New'}</button>
      </div>
      ${contacts && html`
        <section class="contacts" aria-label="People in your care">
          <h2>Start a conversation</h2>
          ${contacts.length === 0 && html`<p class="empty">No one you are in care with right now.</p>`}
          <ul>${contacts.map(person => html`
            <li key=${person.id}>
              <button type="button" class="contact" data-person-id=${person.id}
                onClick=${() => { setContacts(null); model.startWith(person.id).catch(e => model.setNotice(e.message)); }}>
                <${PresenceDot} person=${person}/>
                <span class="name">${person.name}</span>
                <span class="role">${roleText(person)}</span>
              </button>
            </li>`)}</ul>
        </section>`}
      <ul class="conversations" aria-label="Conversations">
        ${conversations.map(c => html`<${ConversationItem} key=${c.id} model=${model} conversation=${c}/>`)}
        ${conversations.length === 0 && html`<li class="empty">${needle ? 'No conversation with that name.' : 'No conversations yet.'}</li>`}
      </ul>
      ${found && html`
        <section class="found" aria-label="Messages found">
          <h2>Messages</h2>
          ${found.error && html`<p class="error" role="alert">The search did not work: ${found.error}</p>`}
          ${found.messages && found.messages.length === 0 && html`<p class="empty">No message holds that text.</p>`}
          <ul>${(found.messages || []).map(message => html`
            <li key=${message.id}>
              <button type="button" class="found-message" onClick=${() => model.open(message.conversationId)}>
                <span class="name">${model.nameOf(message.senderId)}</span>
                <span class="snippet">${preview(message)}</span>
                <time>${when(message.createdAt)}</time>
              </button>
            </li>`)}</ul>
        </section>`}
    </div>`;
}

function ConversationItem({model, conversation}) {
  const person = model.other(conversation);
  const active = model.openId === conversation.id;
  const unread = conversation.unreadCount;
  return html`
    <li>
      <button type="button" class=${'conversation' + (active ? ' active' : '') + (conversation.muted ? ' muted' : '')}
        data-conversation-id=${conversation.id} aria-current=${active ? 'true' : 'false'}
        onClick=${() => model.open(conversation.id).catch(e => model.setNotice(e.message))}>
        <${PresenceDot} person=${person}/>
        <span class="summary">
          <span class="line">
            <span class="name">${person.name}</span>
            ${conversation.pinned && html`<span class="flag pinned" title="Pinned"><${Icon} name="pin" label="pinned"/></span>`}
            ${conversation.muted && html`<span class="flag muted" title="Muted"><${Icon} name="bell" label="muted"/></span>`}
            <time>${when(conversation.lastMessage && conversation.lastMessage.createdAt)}</time>
          </span>
          <span class="line small">
            <span class="role">${roleText(person)}</span>
            <span class="presence">${presenceText(person)}</span>
          </span>
          <span class="line small">
            <span class="last">${preview(conversation.lastMessage)}</span>
            ${unread > 0 && html`<span class="badge" role="img" aria-label=${unread + ' unread'}>${unread}</span>`}
          </span>
        </span>
      </button>
    </li>`;
}

// ---- one conversation ----

export function ConversationView({model, calls, conversation}) {
  useChanges(model);
  const person = model.other(conversation);
  const id = conversation.id;
  const messages = model.messages(id);
  const thread = model.thread(id);
  const list = useRef(null);
  const atBottom = useRef(true);
  const before = useRef(null);
  const [replyTo, setReplyTo] = useState(null);

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) {
      return;
    }
    if (before.current !== null && !thread.loading) {
      // older messages came in above: keep what was on screen where it was
      element.scrollTop = element.scrollHeight - before.current;
      before.current = null;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  });
  const scrolled = () => {
    const element = list.current;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    if (element.scrollTop < 40 && thread.hasMoreBefore && !thread.loading) {
      before.current = element.scrollHeight - element.scrollTop;
      model.loadOlder(id).catch(e => model.setNotice(e.message));
    }
  };
  const typing = model.typingIn(id).map(u => model.nameOf(u));
  // screen readers hear who wrote, not the history being paged in nor every tick (and never the text itself)
  const newest = messages.length ? messages[messages.length - 1] : null;
  const [announced, setAnnounced] = useState('');
  const lastAnnounced = useRef(null);
  useEffect(() => {
    if (newest && newest.seq && newest.senderId !== model.me && lastAnnounced.current !== null
        && newest.seq > lastAnnounced.current) {
      setAnnounced(`New message from ${model.nameOf(newest.senderId)}`);
    }
    if (newest && newest.seq) {
      lastAnnounced.current = Math.max(lastAnnounced.current || 0, newest.seq);
    }
  }, [newest && newest.seq]);
  return html`
    <section class="conversation-view" aria-label=${'Conversation with ' + person.name} data-conversation-id=${id}>
      <header class="conversation-head">
        <button type="button" class="back" onClick=${() => model.close()} aria-label="Back to conversations"><${Icon} name="back"/></button>
        <${PresenceDot} person=${person}/>
        <span class="who">
          <span class="name">${person.name}</span>
          <span class="small"><span class="role">${roleText(person)}</span> · <span class="presence">${presenceText(person)}</span></span>
        </span>
        <span class="head-actions">
          <button type="button" class="call-audio" disabled=${!conversation.canSend || !!calls.call}
            onClick=${() => calls.start(id, 'audio')} aria-label="Voice call" title="Voice call"><${Icon} name="phone"/></button>
          <button type="button" class="call-video" disabled=${!conversation.canSend || !!calls.call}
            onClick=${() => calls.start(id, 'video')} aria-label="Video call" title="Video call"><${Icon} name="video"/></button>
          <button type="button" class="pin" aria-pressed=${conversation.pinned ? 'true' : 'false'}
            onClick=${() => model.setFlag(id, 'pin', !conversation.pinned).catch(e => model.setNotice(e.message))}>
            ${conversation.pinned ? 'Unpin' : 'Pin'}</button>
          <button type="button" class="mute" aria-pressed=${conversation.muted ? 'true' : 'false'}
            onClick=${() => model.setFlag(id, 'mute', !conversation.muted).catch(e => model.setNotice(e.message))}>
            ${conversation.muted ? 'Unmute' : 'Mute'}</button>
        </span>
      </header>
      ${!conversation.canSend && html`
        <p class="readonly-banner" role="status">This care relationship has ended: you can read this conversation,
          but no longer write in it.</p>`}
      <p class="visually-hidden" aria-live="polite">${announced}</p>
      <ol class="messages" ref=${list} onScroll=${scrolled} tabindex="0" aria-label="Messages">
        ${thread.loading && html`<li class="loading">Loading…</li>`}
        ${!thread.hasMoreBefore && messages.length > 0 && html`<li class="start">Start of the conversation</li>`}
        ${messages.map(message => html`<${Message} key=${message.id || message.clientMessageId} model=${model}
          message=${message} canSend=${conversation.canSend} onReply=${setReplyTo}/>`)}
      </ol>
      <p class="typing" aria-live="polite">${typing.length ? `${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…` : ''}</p>
      ${conversation.canSend && html`<${Composer} key=${id} model=${model} id=${id} replyTo=${replyTo}
        onReplyDone=${() => setReplyTo(null)}/>`}
    </section>`;
}

function Quote({model, conversationId, messageId}) {
  const original = model.find(conversationId, messageId);
  return html`
    <blockquote class="quote">
      ${original ? html`<span class="name">${model.nameOf(original.senderId)}</span>
        <span class="snippet">${preview(original)}</span>` : html`<span class="snippet">An earlier message</span>`}
    </blockquote>`;
}

function Message({model, message, canSend, onReply}) {
  const mine = message.senderId === model.me;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [reacting, setReacting] = useState(false);
  const stored = message.id !== null;
  const editable = mine && stored && !message.deleted && message.type === 'text' && canSend
      && Date.now() - new Date(message.createdAt).getTime() < model.editWindowMs;
  const save = e => {
    e.preventDefault();
    model.edit(message, draft.trim()).then(() => setEditing(false), () => {});
  };
  return html`
    <li class=${'message ' + (mine ? 'mine' : 'theirs') + (message.deleted ? ' deleted' : '')
        + (message.priority === 'urgent' ? ' urgent' : '')}
      data-seq=${message.seq || ''} data-message-id=${message.id || ''} data-status=${message.status}
      data-client-message-id=${message.clientMessageId || ''}>
      ${!mine && html`<span class="sender">${model.nameOf(message.senderId)}</span>`}
      ${message.priority === 'urgent' && html`<span class="urgent-badge">Urgent</span>`}
      ${message.replyTo && html`<${Quote} model=${model} conversationId=${message.conversationId} messageId=${message.replyTo}/>`}
      ${editing ? html`
        <form class="edit" onSubmit=${save}>
          <label class="visually-hidden" for=${'edit-' + message.id}>Edit message</label>
          <textarea id=${'edit-' + message.id} value=${draft} onInput=${e => setDraft(e.target.value)}
            onKeyDown=${e => e.key === 'Escape' && setEditing(false)}></textarea>
          <button type="submit" class="save" disabled=${!draft.trim()}>Save</button>
          <button type="button" class="cancel" onClick=${() => setEditing(false)}>Cancel</button>
        </form>` : html`<${Body} model=${model} message=${message}/>`}
      <span class="meta">
        <time datetime=${message.createdAt}>${time(message.createdAt)}</time>
        ${message.editedAt && !message.deleted && html`<span class="edited">edited</span>`}
        ${mine && html`<${Ticks} status=${message.status}/>`}
      </span>
      ${Object.keys(message.reactions).length > 0 && html`
        <span class="reactions">${Object.entries(message.reactions).map(([emoji, who]) => html`
          <button type="button" class="reaction" key=${emoji} aria-pressed=${who.includes(model.me) ? 'true' : 'false'}
            disabled=${!canSend || !stored} title=${who.map(u => model.nameOf(u)).join(', ')}
            onClick=${() => model.toggleReaction(message, emoji).catch(() => {})}>${emoji} ${who.length}</button>`)}
        </span>`}
      ${message.priority === 'urgent' && !message.deleted && html`<${Acknowledgements} model=${model} message=${message}/>`}
      ${(message.status === 'failed' || message.status === 'refused') && html`
        <span class="send-error" role="alert">${message.error}
          ${model.connection.state === 'online' && html`<button type="button" class="link retry"
            onClick=${() => model.retry(message.conversationId, message.clientMessageId)}>Retry</button>`}
          <button type="button" class="link discard" onClick=${() => model.discard(message.conversationId, message.clientMessageId)}>Discard</button>
        </span>`}
      ${stored && !message.deleted && canSend && !editing && html`
        <span class="actions">
          <button type="button" class="reply" onClick=${() => onReply(message)}>Reply</button>
          <button type="button" class="react" aria-expanded=${reacting ? 'true' : 'false'}
            onClick=${() => setReacting(!reacting)}>React</button>
          ${editable && html`<button type="button" class="edit-button"
            onClick=${() => { setDraft(message.content || ''); setEditing(true); }}>Edit</button>`}
          ${mine && !confirming && html`<button type="button" class="delete" onClick=${() => setConfirming(true)}>Delete</button>`}
          ${mine && confirming && html`<span class="confirm">Delete for everyone?
            <button type="button" class="confirm-delete" onClick=${() => { setConfirming(false); model.remove(message).catch(() => {}); }}>Delete</button>
            <button type="button" class="cancel" onClick=${() => setConfirming(false)}>Keep</button></span>`}
          ${reacting && html`<span class="palette" role="group" aria-label="Reactions">${REACTIONS.map(emoji => html`
            <button type="button" class="emoji" key=${emoji} aria-label=${'React ' + emoji}
              onClick=${() => { setReacting(false); model.toggleReaction(message, emoji).catch(() => {}); }}>${emoji}</button>`)}</span>`}
        </span>`}
    </li>`;
}

function Ticks({status}) {
  const text = {sending: 'Sending', failed: 'Not sent yet', refused: 'Not sent', sent: 'Sent', delivered: 'Delivered', read: 'Read'}[status];
  const mark = {sending: '…', failed: '!', refused: '✕', sent: '✓', delivered: '✓✓', read: '✓✓'}[status];
  return html`<span class=${'ticks ' + status} title=${text} role="img" aria-label=${text}>${mark}</span>`;
}

function Body({model, message}) {
  if (message.deleted) {
    return html`<p class="text tombstone">Message deleted</p>`;
  }
  if (message.type === 'call') {
    return html`<p class="text call-record"><${Icon} name=${message.call && message.call.media === 'video' ? 'video' : 'phone'}/> ${callText(message.call)}</p>`;
  }
  const attachment = message.attachment;
  return html`
    ${attachment && message.type === 'image' && html`<${Picture} model=${model} attachment=${attachment}/>`}
    ${attachment && message.type !== 'image' && html`<${Download} model=${model} attachment=${attachment}/>`}
    ${message.content && html`<p class="text">${message.content}</p>`}`;
}

function Picture({model, attachment}) {
  const [src, setSrc] = useState(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    // a signed link: the browser cannot send the bearer header with <img src>
    model.linkFor(attachment).then(url => live && setSrc(url), () => live && setFailed(true));
    return () => { live = false; };
  }, [attachment.id]);
  if (failed) {
    return html`<p class="text"><${Icon} name="image"/> ${attachment.name} (not available)</p>`;
  }
  return src ? html`<img class="picture" src=${src} alt=${attachment.name} loading="lazy"/>`
      : html`<span class="picture placeholder" role="img" aria-label=${'Loading ' + attachment.name}></span>`;
}

function Download({model, attachment}) {
  // a signed link, followed by a link element of the page: a refusal is a notice here, never a page of JSON
  const download = () => model.linkFor(attachment).then(url => {
    const link = document.createElement('a');
    link.href = url;
    link.download = attachment.name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }, e => model.setNotice(`${attachment.name}: ${e.message}`));
  return html`<button type="button" class="download" onClick=${download}><${Icon} name="clip"/> ${attachment.name} <span class="small">(${size(attachment.size)})</span></button>`;
}

/** Who acknowledged an urgent message, and for a recipient who has not yet, the button to do it. */
function Acknowledgements({model, message}) {
  const acks = message.acknowledgements || [];
  const mine = message.senderId === model.me;
  const done = acks.some(a => a.userId === model.me);
  return html`
    <span class="acknowledgements">
      ${acks.length === 0 && mine && html`<span class="unacknowledged">Not acknowledged yet</span>`}
      ${acks.length === 0 && message.followUp === 'reminded' && html`<span class="followed-up">Reminder sent</span>`}
      ${acks.length === 0 && message.followUp === 'escalated' && html`<span class="followed-up">Escalated</span>`}
      ${acks.map(a => html`<span class="acknowledged" key=${a.userId}>Acknowledged by ${model.nameOf(a.userId)} at ${time(a.at)}</span>`)}
      ${!mine && !done && message.id && html`<button type="button" class="acknowledge"
        onClick=${() => model.acknowledge(message).catch(e => model.setNotice(e.message))}>Acknowledge</button>`}
    </span>`;
}

function Composer({model, id, replyTo, onReplyDone}) {
  const [text, setText] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [upload, setUpload] = useState(null); // {name, progress}
  const [error, setError] = useState(null);
  const picker = useRef(null);
  const typing = useRef({sentAt: 0, timer: null});
  useEffect(() => () => {
    clearTimeout(typing.current.timer);
    if (typing.current.sentAt) {
      model.typingStop(id);
    }
  }, [id]);
  const typed = value => {
    setText(value);
    const state = typing.current;
    const now = Date.now();
    if (value && now - state.sentAt > TYPING_RENEW_MS) {
      state.sentAt = now;
      model.typingStart(id);
    }
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      if (state.sentAt) {
        state.sentAt = 0;
        model.typingStop(id);
      }
    }, TYPING_IDLE_MS);
  };
  const send = e => {
    e && e.preventDefault();
    const content = text.trim();
    if (!content) {
      return;
    }
    model.send(id, {content, replyTo: replyTo && replyTo.id, urgent});
    setUrgent(false);
    clearTimeout(typing.current.timer);
    typing.current.sentAt = 0; // sending ends typing on the server
    setText('');
    onReplyDone();
  };
  const attach = async e => {
    const file = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!file) {
      return;
    }
    setError(null);
    // the caption and the reply are what the box holds now; the box is free again while the file goes
    const caption = text.trim() || null;
    const quoting = replyTo && replyTo.id;
    const sendUrgent = urgent;
    setText('');
    setUrgent(false);
    onReplyDone();
    setUpload({name: file.name, progress: 0});
    try {
      const attachment = await model.api.upload(file, progress => setUpload({name: file.name, progress}));
      model.send(id, {content: caption, replyTo: quoting, attachment, urgent: sendUrgent});
    } catch (err) {
      setError(`${file.name}: ${err.message}`);
    } finally {
      setUpload(null);
    }
  };
  return html`
    <form class="composer" onSubmit=${send}>
      ${replyTo && html`
        <div class="replying">
          <span>Replying to ${model.nameOf(replyTo.senderId)}:</span>
          <${Quote} model=${model} conversationId=${id} messageId=${replyTo.id}/>
          <button type="button" class="link cancel-reply" onClick=${onReplyDone}>Cancel</button>
        </div>`}
      ${upload && html`
        <div class="upload"><label for="upload-progress">Uploading ${upload.name}</label>
          <progress id="upload-progress" max="1" value=${upload.progress}></progress></div>`}
      ${error && html`<p class="error" role="alert">${error}</p>`}
      <div class="compose-row">
        <input type="file" ref=${picker} class="visually-hidden" id="attach-file" onChange=${attach} tabindex="-1"/>
        <button type="button" class="attach" aria-label="Attach a file" disabled=${!!upload}
          onClick=${() => picker.current.click()} title="Attach a file"><${Icon} name="clip"/></button>
        <label class="visually-hidden" for="compose">Message</label>
        <textarea id="compose" rows="1" placeholder="Write a message" value=${text} maxlength=${model.maxTextLength}
          onInput=${e => typed(e.target.value)}
          onKeyDown=${e => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              send(e);
            } else if (e.key === 'Escape' && replyTo) {
              onReplyDone();
            }
          }}></textarea>
        <label class="urgent-toggle"><input type="checkbox" id="urgent" checked=${urgent}
          onChange=${e => setUrgent(e.target.checked)}/> Urgent</label>
        <button type="submit" class="send" disabled=${!text.trim()}>Send</button>
      </div>
    </form>`;
}

// ---- calls ----

function Video({stream, muted, className}) {
  const element = useRef(null);
  useEffect(() => {
    if (element.current && element.current.srcObject !== stream) {
      element.current.srcObject = stream || null;
    }
  });
  return html`<video class=${className} ref=${element} autoplay playsinline muted=${muted}></video>`;
}

export function CallPanel({calls, model}) {
  useChanges(calls);
  const call = calls.call;
  const accept = useRef(null);
  const ringing = call && call.phase === 'ringing' && call.direction === 'incoming';
  useEffect(() => {
    if (ringing && accept.current) {
      const before = document.activeElement;
      accept.current.focus();
      return () => before && before.focus && document.body.contains(before) && before.focus();
    }
    return undefined;
  }, [ringing, call && call.callId]);
  if (!call) {
    return calls.ended ? html`<p class="call-ended notice" role="status">${calls.ended}
      <button type="button" class="link" onClick=${() => { calls.ended = null; calls.changed(); }}>Dismiss</button></p>` : null;
  }
  const name = call.peerId ? model.nameOf(call.peerId) : 'them';
  const kind = call.media === 'video' ? 'video call' : 'voice call';
  const state = call.pc ? call.pc.connectionState : 'new';
  return html`
    <section class="call" role=${ringing ? 'alertdialog' : 'dialog'} aria-label=${'Call with ' + name} data-phase=${call.phase}
      data-connection-state=${state} data-call-id=${call.callId || ''}>
      ${call.phase === 'ringing' && call.direction === 'incoming' && html`
        <p class="call-title">${name} is calling you (${kind})</p>
        <div class="call-actions">
          <button type="button" class="accept" ref=${accept} onClick=${() => calls.accept()}>Accept</button>
          <button type="button" class="decline" onClick=${() => calls.reject()}>Decline</button>
        </div>`}
      ${call.phase === 'ringing' && call.direction === 'outgoing' && html`
        <p class="call-title">Calling ${name} (${kind})…</p>`}
      ${call.phase !== 'ringing' && html`
        <p class="call-title">${call.phase === 'connected' ? `In a ${kind} with ${name}` : `Connecting to ${name}…`}</p>`}
      ${call.error && html`<p class="error" role="alert">${call.error}</p>`}
      ${call.pc && html`
        <div class="videos">
          <${Video} className="remote" stream=${call.remote} muted=${false}/>
          ${call.media === 'video' && html`<${Video} className="local" stream=${call.local} muted=${true}/>`}
        </div>`}
      ${(call.phase !== 'ringing' || call.direction === 'outgoing') && html`
        <div class="call-actions">
          ${call.pc && html`<button type="button" class="mute-mic" aria-pressed=${call.muted ? 'true' : 'false'}
            onClick=${() => calls.toggleMute()}>${call.muted ? 'Unmute' : 'Mute'}</button>`}
          <button type="button" class="hang-up" onClick=${() => calls.hangUp()}>Hang up</button>
        </div>`}
    </section>`;
}
