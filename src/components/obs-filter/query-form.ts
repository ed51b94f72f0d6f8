import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FilterCriteria } from '../../core/criteria.js';
import { tokenLengthAt } from './query-lexer.js';
import { describeProblem, formatQuery, parseQuery, tryParseQuery } from './query-text.js';

const EXAMPLE = 'category in (cpu, memory) and value > 80 and timestamp > now - 15m';

/** Characters of the query shown on each side of a syntax error. */
const SNIPPET_CONTEXT = 30;

export interface QueryFormHost {
  /** The builder's criteria, shown as text while the user is not editing it. */
  criteria(): FilterCriteria | null;
  /** Whether typing applies the query once it pauses. */
  live(): boolean;
  /** Pause in milliseconds before typed text applies in live mode. */
  debounce(): number;
  /** Fills the builder with parsed criteria and applies them. */
  apply(criteria: FilterCriteria | null): void;
}

interface QueryError {
  message: string;
  /** Text and index of a syntax error, to show where it is; absent for other errors. */
  text?: string;
  position?: number;
}

/**
 * The text query form: an input that shows the builder's criteria as text
 * and applies edited text on Enter, or after a pause in live mode. A query
 * that does not parse leaves the builder and the filter as they were and shows
 * the position and what was expected.
 */
export class QueryForm implements ReactiveController {
  /** Text the user is editing, or null to show the builder's criteria. */
  #text: string | null = null;
  #error: QueryError | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly form: QueryFormHost,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Makes the input follow the builder again, dropping edited text and its error. */
  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#text = null;
    this.#error = null;
  }

  render() {
    const text = this.#text ?? formatQuery(this.form.criteria());
    const error = this.#error;
    return html`<form class="query" part="query" @submit=${this.#onSubmit} novalidate>
        <input
          part="query-input"
          type="text"
          autocomplete="off"
          spellcheck="false"
          aria-label="Filter query, such as: ${EXAMPLE}"
          placeholder=${EXAMPLE}
          aria-invalid=${error === null ? 'false' : 'true'}
          aria-describedby=${error === null ? nothing : 'query-error'}
          .value=${live(text)}
          @input=${this.#onInput}
          @change=${this.#onChange}
        />
        <button type="submit" part="query-apply">Apply query</button>
      </form>
      ${error === null ? nothing : renderError(error)}`;
  }

  /** Parses and applies the text now, as Enter does. */
  submit(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#apply(false);
  }

  #onSubmit = (event: Event) => {
    event.preventDefault();
    this.submit();
  };

  #onInput = (event: Event) => {
    this.#text = (event.target as HTMLInputElement).value;
    this.#error = null;
    this.host.requestUpdate();
    if (!this.form.live()) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#apply(true);
      },
      Math.max(0, this.form.debounce()),
    );
  };

  /** Once the user leaves the input, valid applied text is shown in its normal form. */
  #onChange = () => {
    if (this.#error === null && this.#timer === undefined && this.#text !== null) {
      const applied = formatQuery(this.form.criteria());
      if (this.#parsesTo(applied)) this.#text = null;
      this.host.requestUpdate();
    }
  };

  #parsesTo(applied: string): boolean {
    try {
      return formatQuery(parseQuery(this.#text ?? '')) === applied;
    } catch {
      return false;
    }
  }

  /** Applies the text; while typing, the text stays as typed so the caret does not jump. */
  #apply(typing: boolean): void {
    const text = this.#text;
    if (text === null) return;
    const result = tryParseQuery(text);
    if (!result.ok) {
      const { problem } = result;
      const position = problem.position;
      this.#error = { message: `Invalid query${describeProblem(problem)}.`, text, position };
      this.host.requestUpdate();
      if (!typing && position !== undefined) void this.#placeCaret(position);
      return;
    }
    this.form.apply(result.criteria);
    this.#text = typing ? text : null;
    this.#error = null;
    this.host.requestUpdate();
  }

  async #placeCaret(position: number): Promise<void> {
    await this.host.updateComplete;
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('[part~="query-input"]');
    input?.setSelectionRange(position, position);
  }
}

function renderError(error: QueryError) {
  const { text, position } = error;
  let snippet: unknown = nothing;
  if (text !== undefined && position !== undefined) {
    const start = Math.max(0, position - SNIPPET_CONTEXT);
    const end = position + tokenLengthAt(text, position);
    const token = text.slice(position, end);
    snippet = html`<code class="snippet" aria-hidden="true"
      >${start > 0 ? '…' : ''}${text.slice(start, position)}<mark>${token || ' '}</mark>${text.slice(end, end + SNIPPET_CONTEXT)}${end + SNIPPET_CONTEXT < text.length ? '…' : ''}</code
    >`;
  }
  return html`<div part="query-error" id="query-error" class="error query-error" role="alert">
    <span>${error.message}</span>${snippet}
  </div>`;
}
