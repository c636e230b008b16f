// The sign-in of this tab: the token lives in sessionStorage, never in a cookie or localStorage, and never in a
// URL the page shows. With it, when the person last did something and how long the server allows them to be
// idle: a browser that restores the tab (reopen closed tab, session restore) restores sessionStorage too, and
// a sign-in left idle too long, or expired, is then forgotten instead of used.
const TOKEN = 'carechat.token';
const ACTIVITY = 'carechat.activity';
const IDLE = 'carechat.idleSeconds';
const STAMP_EVERY_MS = 5000;
const CHECK_EVERY_MS = 1000;

export function storedToken() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) {
    return null;
  }
  const idle = Number(sessionStorage.getItem(IDLE) || 0);
  const last = Number(sessionStorage.getItem(ACTIVITY) || 0);
  let claims;
  try {
    claims = claimsOf(token);
  } catch (e) {
    forgetToken();
    return null;
  }
  if ((idle > 0 && Date.now() - last >= idle * 1000) || expired(claims)) {
    forgetToken();
    return null;
  }
  return token;
}

export function keepToken(token) {
  sessionStorage.setItem(TOKEN, token);
  sessionStorage.setItem(ACTIVITY, String(Date.now()));
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(ACTIVITY);
  sessionStorage.removeItem(IDLE);
}

/** Whether a token's exp has passed (tokens without exp never expire here; the server decides). */
export function expired(claims) {
  return typeof claims.exp === 'number' && Date.now() >= claims.exp * 1000;
}

/** The claims of a JWT, read (not verified: the server does that) to know who we are and when it expires. */
export function claimsOf(token) {
  const parts = String(token).trim().split('.');
  if (parts.length !== 3) {
    throw new Error('That is not a token: a token has three parts separated by dots.');
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - base64.length % 4) % 4)), c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims.sub !== 'string' || !claims.sub) {
      throw new Error('no sub');
    }
    return claims;
  } catch (e) {
    throw new Error('That token cannot be read: its middle part is not a JSON object with a "sub".');
  }
}

/**
 * Calls onIdle once nothing was typed, clicked, touched or scrolled for the given seconds (0: never), measured
 * on the wall clock (a computer that slept counts its sleep), and not while busy() (a call in progress). Returns a
 * function that stops watching.
 */
export function watchIdle(seconds, busy, onIdle) {
  sessionStorage.setItem(IDLE, String(seconds || 0));
  if (!seconds || seconds <= 0) {
    return () => {};
  }
  let last = Date.now();
  let stamped = 0;
  const active = () => {
    last = Date.now();
    if (last - stamped > STAMP_EVERY_MS) {
      stamped = last;
      sessionStorage.setItem(ACTIVITY, String(last));
    }
  };
  const check = () => {
    if (busy()) {
      active();
    } else if (Date.now() - last >= seconds * 1000) {
      stop();
      onIdle();
    }
  };
  const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'];
  events.forEach(name => window.addEventListener(name, active, {passive: true, capture: true}));
  document.addEventListener('visibilitychange', check);
  const timer = setInterval(check, CHECK_EVERY_MS);
  active();
  function stop() {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', check);
    events.forEach(name => window.removeEventListener(name, active, {capture: true}));
  }
  return stop;
}
