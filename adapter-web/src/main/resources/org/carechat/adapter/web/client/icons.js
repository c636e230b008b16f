// Small line icons drawn in SVG, so that buttons look the same whatever fonts the device has (no emoji).
import {html} from './vendor/preact-htm.js';

const PATHS = {
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  video: 'M3 7h12v10H3z M15 10l6-3v10l-6-3',
  clip: 'M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7',
  image: 'M3 5h18v14H3z M3 16l5-5 4 4 3-3 6 6 M15.5 9.5a1 1 0 1 0 0-.01',
  pin: 'M9 3h6l-1 6 4 4H6l4-4z M12 13v8',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4z M10 20a2 2 0 0 0 4 0 M3 3l18 18',
  back: 'M15 5l-7 7 7 7',
};

export function Icon({name, label}) {
  return html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden=${label ? 'false' : 'true'}
    role=${label ? 'img' : null} aria-label=${label || null} fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round"><path d=${PATHS[name]}/></svg>`;
}
