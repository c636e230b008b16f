// The sign-in of this tab: the token lives in sessionStorage (gone when the tab closes), never in a cookie or
// localStorage, and never in a URL the page shows.
const KEY = 'carechat.token';

export function storedToken() {
  return sessionStorage.getItem(KEY);
}

export function keepToken(token) {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
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
 * Calls onIdle once nothing was typed, clicked, touched or scrolled for the given seconds (0: never). Returns
 * a function that stops watching.
 */
export function watchIdle(seconds, onIdle) {
  if (!seconds || seconds <= 0) {
    return () => {};
  }
  let timer;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, seconds * 1000);
  };
  const events = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'focus'];
  events.forEach(name => window.addEventListener(name, restart, {passive: true, capture: true}));
  restart();
  return () => {
    clearTimeout(timer);
    events.forEach(name => window.removeEventListener(name, restart, {capture: true}));
  };
}
