import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageQuality } from './page-quality.js';
import {
  parseQuality,
  QUALITY_SETTINGS,
  type QualityLevel,
  type QualitySettings,
} from './quality.js';

/**
 * Tells an element how to render: at which quality level, and whether to keep
 * drawing in a hidden tab.
 *
 * The level is the element's own `quality` attribute when that names a level,
 * otherwise the page's level. The element keeps drawing in a hidden tab when
 * it has an `always-render` attribute or the page policy requires it. `onChange`
 * runs after either answer changes.
 */
export class QualityController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onChange: () => void;
  #level: QualityLevel = 'high';
  #alwaysRender = false;
  #observer: MutationObserver | null = null;
  readonly #onPolicy = () => this.#update();

  constructor(host: ReactiveControllerHost & HTMLElement, onChange: () => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** The level this element renders at. */
  get level(): QualityLevel {
    return parseQuality(this.#host.getAttribute('quality')) ?? pageQuality.level;
  }

  /** What the element does at its level. */
  get settings(): Readonly<QualitySettings> {
    return QUALITY_SETTINGS[this.level];
  }

  /** Whether the element keeps drawing while the tab is hidden. */
  get alwaysRender(): boolean {
    return this.#host.hasAttribute('always-render') || pageQuality.alwaysRender;
  }

  hostConnected(): void {
    this.#level = this.level;
    this.#alwaysRender = this.alwaysRender;
    pageQuality.addEventListener('change', this.#onPolicy);
    pageQuality.addEventListener('policy', this.#onPolicy);
    this.#observer = new MutationObserver(this.#onPolicy);
    this.#observer.observe(this.#host, {
      attributes: true,
      attributeFilter: ['quality', 'always-render'],
    });
  }

  hostDisconnected(): void {
    pageQuality.removeEventListener('change', this.#onPolicy);
    pageQuality.removeEventListener('policy', this.#onPolicy);
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #update(): void {
    const level = this.level;
    const alwaysRender = this.alwaysRender;
    if (level === this.#level && alwaysRender === this.#alwaysRender) return;
    this.#level = level;
    this.#alwaysRender = alwaysRender;
    this.#onChange();
  }
}
