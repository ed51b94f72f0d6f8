import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store, StoreEventName } from '../../core/store.js';
import { warnOnce } from './dev-warnings.js';

/** What an element needs to find a store: the element itself, plus an optional `store` and `stream`. */
export interface StoreHost extends ReactiveControllerHost, HTMLElement {
  /** Store set directly as a property; it wins over `stream` and ancestors. */
  store?: Store | null;
  /** Id of an `<obs-stream>` in the same root. */
  stream?: string | null;
}

interface StreamElement extends HTMLElement {
  readonly store: Store;
}

const STORE_EVENTS: StoreEventName[] = ['append', 'evict', 'reset', 'filter'];

/**
 * Finds the store an element reads and calls `onChange` at most once per
 * animation frame after the store fires any event.
 *
 * Lookup order: the host's `store` property, then the `<obs-stream>` whose id
 * is the host's `stream` attribute in the same root, then the nearest ancestor
 * `<obs-stream>`.
 */
export class StoreController implements ReactiveController {
  #store: Store | null = null;
  #frame = 0;
  #connected = false;
  readonly #onEvent = () => this.#schedule();

  constructor(
    private readonly host: StoreHost,
    private readonly onChange: (store: Store | null) => void,
  ) {
    host.addController(this);
  }

  get store(): Store | null {
    return this.#store;
  }

  hostConnected(): void {
    this.#connected = true;
    this.resolve();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#attach(null);
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Looks the store up again; call it when `store` or `stream` changes. */
  resolve(): void {
    if (!this.#connected) return;
    if (this.host.store) {
      this.#attach(this.host.store);
      return;
    }
    const stream = this.#findStream();
    if (stream === null) {
      this.#attach(null);
      // One code per tag, so a chart without a store does not hide the grid's warning.
      warnOnce(
        `${this.host.localName.replace(/^obs-/, '')}-no-store`,
        `<${this.host.localName}> found no store: set its store property, a stream attribute naming an <obs-stream id>, or place it inside an <obs-stream>.`,
      );
      return;
    }
    if (!('store' in stream) || !(stream as StreamElement).store) {
      // The stream element is not upgraded yet; look again once it is defined.
      customElements.whenDefined(stream.localName).then(() => this.resolve());
      this.#attach(null);
      return;
    }
    this.#attach((stream as StreamElement).store);
  }

  #findStream(): HTMLElement | null {
    const id = this.host.stream;
    if (id) {
      const root = this.host.getRootNode() as Document | ShadowRoot;
      const byId = root.getElementById?.(id) ?? null;
      return byId !== null && byId.localName.endsWith('-stream') ? byId : null;
    }
    return this.host.closest<HTMLElement>('obs-stream');
  }

  #attach(store: Store | null): void {
    if (store === this.#store) return;
    for (const name of STORE_EVENTS) this.#store?.removeEventListener(name, this.#onEvent);
    this.#store = store;
    for (const name of STORE_EVENTS) store?.addEventListener(name, this.#onEvent);
    this.onChange(store);
  }

  #schedule(): void {
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.onChange(this.#store);
    });
  }
}
