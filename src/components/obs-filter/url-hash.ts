import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FilterCriteria } from '../../core/criteria.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { describeProblem, tryParseQuery } from './query-text.js';

/** Hash parameter used when `persist` is present without a value. */
export const DEFAULT_HASH_KEY = 'filter';

/**
 * Encodes a value for the hash. Spaces become `+` and commas, colons and
 * parentheses stay as they are, which keeps a shared link readable.
 */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+').replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/** Decodes a value written by `encodeValue`; throws URIError on a malformed escape. */
function decodeValue(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/**
 * Reads one `key=value` parameter from a location hash such as
 * `#filter=value+>+80&tab=2`. Returns null when the key is absent.
 * Throws URIError when the value has a malformed percent escape.
 */
export function readHashParam(hash: string, key: string): string | null {
  const prefix = `${key}=`;
  for (const segment of hash.replace(/^#/, '').split('&')) {
    if (segment.startsWith(prefix)) return decodeValue(segment.slice(prefix.length));
  }
  return null;
}

/**
 * Returns the hash with one parameter set, or removed when `value` is null.
 * Other segments of the hash, including a plain anchor, are kept in order.
 */
export function writeHashParam(hash: string, key: string, value: string | null): string {
  const prefix = `${key}=`;
  const segments = hash
    .replace(/^#/, '')
    .split('&')
    .filter((segment) => segment !== '');
  const index = segments.findIndex((segment) => segment.startsWith(prefix));
  const written = value === null ? null : `${prefix}${encodeValue(value)}`;
  if (index >= 0) {
    if (written === null) segments.splice(index, 1);
    else segments[index] = written;
  } else if (written !== null) {
    segments.push(written);
  }
  return segments.length === 0 ? '' : `#${segments.join('&')}`;
}

export interface HashPersistenceOptions {
  /** The hash parameter to use, or null when persistence is off. */
  key(): string | null;
  /**
   * Called with the criteria of the parameter when it is new, at first read or on
   * `hashchange`, and with null when a navigation removed the parameter.
   */
  apply(criteria: FilterCriteria | null): void;
  /** Called, after a development warning, when the parameter is not a valid query. */
  reject(reason: string): void;
}

/**
 * Keeps one parameter of `location.hash` in step with the element. Writing
 * uses `history.replaceState`, so editing a filter adds no history entries
 * and fires no `hashchange`. A `hashchange` from the user (an edited address,
 * Back, a pasted link) loads the new text.
 */
export class HashPersistence implements ReactiveController {
  /** The text last read or written, to skip loading what is already applied. */
  #current: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: HashPersistenceOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.#onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  /**
   * Reads the parameter now, as when `persist` is first set, and applies it when
   * present and new. After a navigation, a parameter that disappeared removes the filter.
   */
  read(navigated = false): void {
    const key = this.options.key();
    if (key === null) return;
    let text: string | null;
    try {
      text = readHashParam(location.hash, key);
    } catch {
      this.#reject(`'#${key}=' has a malformed percent escape`);
      return;
    }
    if (text === this.#current) return;
    if (text === null) {
      if (!navigated) return;
      this.#current = null;
      this.options.apply(null);
      return;
    }
    this.#current = text;
    const result = tryParseQuery(text);
    if (result.ok) this.options.apply(result.criteria);
    else this.#reject(`invalid query${describeProblem(result.problem)}`);
  }

  #reject(reason: string): void {
    warnOnce('filter-persist', `<obs-filter> ignored the filter in the page address: ${reason}`);
    this.options.reject(reason);
  }

  /** Writes the text, or removes the parameter for null. */
  write(text: string | null): void {
    const key = this.options.key();
    if (key === null) return;
    this.#current = text;
    const hash = writeHashParam(location.hash, key, text === '' ? null : text);
    if (hash === location.hash || (hash === '' && location.hash === '')) return;
    const url = new URL(location.href);
    url.hash = hash;
    history.replaceState(history.state, '', url.href);
  }

  readonly #onHashChange = () => this.read(true);
}
