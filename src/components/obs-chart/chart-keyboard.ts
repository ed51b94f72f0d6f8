import type { CursorStep } from './chart-hover.js';
import { LatestThrottle } from './latest-throttle.js';

/** Action of a key on a focused chart. */
export type KeyAction =
  | { kind: 'step'; step: CursorStep }
  | { kind: 'extend'; step: CursorStep }
  | { kind: 'select' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; fraction: number }
  | { kind: 'clear' };

/** Zoom factor of one + or - press. */
const KEY_ZOOM = 1.5;
/** Fraction of the time window one Page Up or Page Down press pans by. */
const KEY_PAN = 0.1;

/** Instructions read with the chart, matching `keyAction`. */
export const KEY_HELP =
  'Left and Right arrows move between points, Home and End jump to the first and last point, Shift with these keys selects a time range and Enter confirms it, plus and minus zoom, Page Up and Page Down pan, Escape hides the crosshair.';

/** Crosshair moves of the arrow, Home and End keys. */
const STEP_KEYS: Readonly<Record<string, CursorStep>> = {
  ArrowRight: 'next',
  ArrowLeft: 'previous',
  Home: 'first',
  End: 'last',
};

/** Returns the action of a key press, or null for a key the chart leaves alone. */
export function keyAction(event: KeyboardEvent): KeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const step = Object.hasOwn(STEP_KEYS, event.key) ? STEP_KEYS[event.key] : undefined;
  if (step !== undefined) return { kind: event.shiftKey ? 'extend' : 'step', step };
  switch (event.key) {
    case 'Enter':
      return { kind: 'select' };
    case 'PageDown':
      return { kind: 'pan', fraction: KEY_PAN };
    case 'PageUp':
      return { kind: 'pan', fraction: -KEY_PAN };
    case '+':
    case '=':
      return { kind: 'zoom', factor: KEY_ZOOM };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / KEY_ZOOM };
    case 'Escape':
      return { kind: 'clear' };
    default:
      return null;
  }
}

/** Minimum milliseconds between two announcements. */
export const ANNOUNCE_INTERVAL_MS = 1000;

/**
 * Text for a polite live region, throttled so that holding an arrow key does
 * not queue an announcement per point: the first text shows at once, later
 * ones at most every `interval` ms, and the last one always shows.
 */
export class Announcer {
  /** The text the live region shows. */
  text = '';
  readonly #onChange: () => void;
  readonly #throttle: LatestThrottle;

  constructor(onChange: () => void, interval = ANNOUNCE_INTERVAL_MS) {
    this.#onChange = onChange;
    this.#throttle = new LatestThrottle(interval);
  }

  announce(text: string): void {
    this.#throttle.run(() => this.#show(text));
  }

  /** Drops a pending announcement; call it when the chart is disconnected. */
  stop(): void {
    this.#throttle.stop();
  }

  #show(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.#onChange();
  }
}
