import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { warnOnce } from './dev-warnings.js';

/** Detail of `obs-error`: what failed in an element's rendering. */
export interface ObsErrorDetail {
  /** The error message, as shown in the element. */
  message: string;
  /** Step that failed: `render`, `draw`, or a description such as `formatter of column 'value'`. */
  phase: string;
  /**
   * True when the element replaced its content with the error state. False
   * when it keeps rendering and shows the error beside its content, as a grid
   * does for a cell formatter.
   */
  fatal: boolean;
  /** The thrown value. */
  error: unknown;
}

/** A failure the element currently shows. */
export interface RenderFailure {
  message: string;
  phase: string;
  fatal: boolean;
}

/** Maximum length of the message shown in the element; the event carries the full message. */
const MAX_SHOWN_MESSAGE = 300;

/** Styles of the error state; add them to the element's `static styles`. */
export const renderErrorStyles = css`
  .obs-error,
  .obs-error-banner {
    color-scheme: light dark;
    box-sizing: border-box;
    color: var(--obs-error-color, light-dark(#a40e26, #ff8182));
    background: var(--obs-error-background, light-dark(#fff5f5, #2d1216));
    font: inherit;
    overflow-wrap: anywhere;
  }

  .obs-error {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    height: 100%;
    min-height: 6em;
    padding: 12px;
    text-align: center;
    border: 1px solid currentColor;
  }

  .obs-error-banner {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    z-index: 3;
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 8px;
    border-top: 1px solid currentColor;
  }

  .obs-error-banner .obs-error-message {
    flex: 1 1 auto;
    min-width: 0;
  }

  .obs-error-retry {
    font: inherit;
    padding: 2px 10px;
    cursor: pointer;
  }
`;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * Contains errors thrown while an element renders, so one broken element
 * shows an error state inside its own box and the rest of the page keeps
 * working.
 *
 * A fatal failure, where the template or the drawing threw, replaces the
 * content with the message and a Retry button. A non-fatal one, such as a
 * formatter of a few cells, shows the same in a banner over the content.
 * Each new failure fires `obs-error` once, and the same message again does
 * not fire until a retry.
 */
export class RenderBoundary {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onRetry: () => void;
  #failure: RenderFailure | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, onRetry: () => void) {
    this.#host = host;
    this.#onRetry = onRetry;
  }

  /** The failure shown, or null. */
  get failure(): RenderFailure | null {
    return this.#failure;
  }

  /** Whether a fatal failure replaced the content; rendering work is skipped until a retry. */
  get failed(): boolean {
    return this.#failure?.fatal === true;
  }

  /** Runs `work`; a throw becomes a fatal failure. Returns undefined when it threw or was skipped. */
  run<T>(phase: string, work: () => T): T | undefined {
    if (this.failed) return undefined;
    try {
      return work();
    } catch (error) {
      this.fail(error, phase, true);
      return undefined;
    }
  }

  /** Builds the element's template through `content`, or the error state after a fatal failure. */
  render(content: () => unknown): unknown {
    if (!this.failed) {
      try {
        const template = content();
        return this.#failure === null ? template : html`${template}${this.#banner()}`;
      } catch (error) {
        this.fail(error, 'render', true);
      }
    }
    return this.#panel();
  }

  /**
   * Wraps a callback from the page, such as a cell formatter, so a throw is
   * shown as a non-fatal failure and then thrown on to the caller, which
   * handles it as before.
   */
  watch<A extends unknown[], R>(callback: (...args: A) => R, phase: string): (...args: A) => R {
    return (...args: A) => {
      try {
        return callback(...args);
      } catch (error) {
        this.fail(error, phase, false);
        throw error;
      }
    };
  }

  /** Shows `error` and fires `obs-error`, unless the same failure is already shown. */
  fail(error: unknown, phase: string, fatal: boolean): void {
    const message = messageOf(error);
    const current = this.#failure;
    if (current !== null && current.message === message && current.phase === phase) return;
    // A fatal failure stays in place until a retry; a later non-fatal one does not hide it.
    if (current?.fatal && !fatal) return;
    this.#failure = { message, phase, fatal };
    // A non-fatal error goes on to the caller, which logs it; a fatal one ends here.
    if (fatal) {
      const tag = this.#host.localName;
      warnOnce(`render-error-${tag}-${phase}`, `<${tag}> ${phase} failed: ${message}`);
    }
    this.#host.requestUpdate();
    const detail: ObsErrorDetail = { message, phase, fatal, error };
    this.#host.dispatchEvent(
      new CustomEvent<ObsErrorDetail>('obs-error', { detail, bubbles: true, composed: true }),
    );
  }

  /** Clears the failure and renders again; a failure that persists shows again. */
  retry(): void {
    if (this.#failure === null) return;
    this.#failure = null;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#onRetry());
  }

  #message(): string {
    const message = this.#failure?.message ?? '';
    return message.length > MAX_SHOWN_MESSAGE
      ? `${message.slice(0, MAX_SHOWN_MESSAGE - 1)}…`
      : message;
  }

  #retryButton() {
    return html`<button
      type="button"
      class="obs-error-retry"
      part="render-error-retry"
      @click=${() => this.retry()}
    >
      Retry
    </button>`;
  }

  #panel() {
    const failure = this.#failure;
    if (failure === null) return nothing;
    return html`<div class="obs-error" part="render-error" role="alert">
      <strong>Rendering failed</strong>
      <span class="obs-error-message" part="render-error-message"
        >${failure.phase}: ${this.#message()}</span
      >
      ${this.#retryButton()}
    </div>`;
  }

  #banner() {
    const failure = this.#failure;
    if (failure === null) return nothing;
    return html`<div class="obs-error-banner" part="render-error" role="alert">
      <span class="obs-error-message" part="render-error-message"
        >${failure.phase} failed: ${this.#message()}</span
      >
      ${this.#retryButton()}
    </div>`;
  }
}
