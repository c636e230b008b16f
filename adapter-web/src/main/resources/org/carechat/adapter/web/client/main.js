// The page: sign-in, then the signed-in session (conversations, one conversation, calls).
import {html, render, useEffect, useMemo, useState} from './vendor/preact-htm.js';
import {createApi} from './api.js';
import {Calls} from './calls.js';
import {Connection, State} from './connection.js';
import {ChatModel} from './model.js';
import {claimsOf, expired, forgetToken, keepToken, storedToken, watchIdle} from './session.js';
import {CallPanel, ConversationList, ConversationView, useChanges} from './views.js';

function SignIn({notice, onSignedIn}) {
  const [people, setPeople] = useState(null);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState(null);
  useEffect(() => {
    fetch('/app/demo-people', {cache: 'no-store'})
        .then(r => (r.ok ? r.json() : {people: []}))
        .then(body => setPeople(body.people), () => setPeople([]));
  }, []);
  const submit = e => {
    e.preventDefault();
    try {
      claimsOf(pasted);
      onSignedIn(pasted.trim());
    } catch (err) {
      setError(err.message);
    }
  };
  return html`
    <main class="signin">
      <h1><img src="/app/icon.svg" alt="" width="40" height="40"/> CareChat</h1>
      ${notice && html`<p class="notice" role="status">${notice}</p>`}
      ${people && people.length > 0 && html`
        <section aria-labelledby="demo-title" class="demo-people">
          <h2 id="demo-title">Demo: who are you?</h2>
          <ul>
            ${people.map(person => html`
              <li key=${person.id}>
                <button type="button" class="person" data-person-id=${person.id} onClick=${() => onSignedIn(person.token)}>
                  <span class="name">${person.name}</span>
                  <span class="role">${person.role}${person.specialty ? ' · ' + person.specialty : ''}</span>
                </button>
              </li>`)}
          </ul>
        </section>`}
      <form class="token-form" onSubmit=${submit}>
        <label for="token">${people && people.length > 0 ? 'Or paste a token' : 'Paste your token'}</label>
        <textarea id="token" rows="4" spellcheck="false" autocomplete="off" value=${pasted}
          onInput=${e => { setPasted(e.target.value); setError(null); }}></textarea>
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <button type="submit" disabled=${!pasted.trim()}>Sign in</button>
      </form>
      <p class="hint">Your sign-in is kept in this tab only, until you sign out or leave it idle; on a shared
        computer, sign out when you leave.</p>
    </main>`;
}

const STATE_TEXT = {
  [State.CONNECTING]: 'Connecting…',
  [State.ONLINE]: 'Connected',
  [State.RECONNECTING]: 'Reconnecting…',
  [State.CLOSED]: 'Disconnected',
};

function Session({token, onSignOut}) {
  const claims = useMemo(() => claimsOf(token), [token]);
  const [session, setSession] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let stopped = false;
    let connection = null;
    let calls = null;
    let stopIdle = () => {};
    const expiry = setInterval(() => {
      if (expired(claims)) {
        onSignOut('Your sign-in expired. Sign in again.');
      }
    }, 5000);
    const api = createApi(token, () => onSignOut('The server did not accept your sign-in (it may have expired). Sign in again.'));
    const model = new ChatModel(claims.sub, typeof claims.name === 'string' ? claims.name : null, api);
    api.get('/api/chat/client-settings').then(settings => {
      if (stopped) {
        return;
      }
      model.follow(settings);
      calls = new Calls(model, settings.iceServers);
      const idle = settings.idleSignOutSeconds;
      stopIdle = watchIdle(idle, () => !!calls.call, () => onSignOut(`Signed out after ${idle < 120 ? idle + " seconds" : Math.round(idle / 60) + " minutes"} without activity.`));
      connection = new Connection(token, {
        onEvent: (event, data) => {
          model.handle(event, data);
          calls.handle(event, data);
        },
        onState: state => {
          model.connectionState = state;
          model.changed();
        },
        onOpen: () => model.reconnected().catch(e => model.setNotice(e.message)),
        onExpired: () => onSignOut('Your sign-in expired. Sign in again.'),
        expired: () => expired(claims),
      });
      model.attach(connection);
      setSession({model, calls});
    }, e => {
      if (!stopped && e.status !== 401) {
        setError(e.message);
      }
    });
    const shown = () => model.markSeen();
    document.addEventListener('visibilitychange', shown);
    // leaving the page mid-call ends the call for the other side too, instead of leaving them with frozen media
    const leaving = () => calls && calls.hangUp();
    window.addEventListener('pagehide', leaving);
    const unsentWarning = e => {
      if (model.unsent() > 0) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', unsentWarning);
    return () => {
      stopped = true;
      stopIdle();
      clearInterval(expiry);
      document.removeEventListener('visibilitychange', shown);
      window.removeEventListener('pagehide', leaving);
      window.removeEventListener('beforeunload', unsentWarning);
      if (calls) {
        calls.hangUp();
      }
      if (connection) {
        connection.close();
      }
    };
  }, [token]);
  if (error) {
    return html`<main class="signin"><p class="error" role="alert">${error}</p>
      <button type="button" onClick=${() => onSignOut(null)}>Sign out</button></main>`;
  }
  if (!session) {
    return html`<main class="signin"><p role="status">Signing in…</p></main>`;
  }
  return html`<${Shell} model=${session.model} calls=${session.calls} onSignOut=${() => onSignOut(null)}/>`;
}

function Shell({model, calls, onSignOut}) {
  useChanges(model);
  const unread = model.sortedConversations().reduce((n, c) => n + (c.muted ? 0 : c.unreadCount), 0);
  useEffect(() => {
    // never message content in the title: only a count
    document.title = unread > 0 ? `(${unread}) CareChat` : 'CareChat';
  }, [unread]);
  const open = model.openId && model.conversations.get(model.openId);
  return html`
    <div class=${'shell' + (open ? ' has-open' : '')}>
      <header class="topbar">
        <span class="brand"><img src="/app/icon.svg" alt="" width="24" height="24"/> CareChat</span>
        <span class="me" data-me=${model.me}>${model.myName()}</span>
        <label class="status-pick">
          <span class="visually-hidden">My status</span>
          <select value=${model.status} onChange=${e => model.setStatus(e.target.value).catch(() => {})}>
            <option value="available">Available</option>
            <option value="busy">Busy</option>
            <option value="away">Away</option>
          </select>
        </label>
        <span class=${'connection ' + model.connectionState} role="status" data-state=${model.connectionState}>
          ${STATE_TEXT[model.connectionState]}
        </span>
        <button type="button" class="signout" onClick=${onSignOut}>Sign out</button>
      </header>
      ${model.notice && html`
        <p class="notice app-notice" role="alert">${model.notice}
          <button type="button" class="link" onClick=${() => model.setNotice(null)}>Dismiss</button></p>`}
      <aside class="sidebar"><${ConversationList} model=${model}/></aside>
      <main class="pane">
        ${open ? html`<${ConversationView} key=${open.id} model=${model} calls=${calls} conversation=${open}/>`
            : html`<p class="empty">Pick a conversation, or start one with someone in your care.</p>`}
      </main>
      <${CallPanel} calls=${calls} model=${model}/>
    </div>`;
}

function App() {
  const [token, setToken] = useState(storedToken());
  const [notice, setNotice] = useState(null);
  const signOut = why => {
    forgetToken();
    document.title = 'CareChat';
    setToken(null);
    setNotice(why || 'You are signed out.');
  };
  if (!token) {
    return html`<${SignIn} notice=${notice} onSignedIn=${t => { keepToken(t); setNotice(null); setToken(t); }}/>`;
  }
  return html`<${Session} key=${token} token=${token} onSignOut=${signOut}/>`;
}

render(html`<${App}/>`, document.getElementById('app'));
