import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

export interface QueryFormContext {
  /** Text in the query input. */
  text: string;
  /** Reason the last query was rejected, or '' when it was not. */
  error: string;
  input(text: string): void;
  submit(): void;
}

/** Renders the text query input, which reads and writes the same criteria as the builder. */
export function renderQueryForm(context: QueryFormContext): TemplateResult {
  const onSubmit = (event: Event) => {
    event.preventDefault();
    context.submit();
  };
  const invalid = context.error !== '';
  return html`<form class="query" part="query" @submit=${onSubmit} novalidate>
      <input
        part="query-input"
        type="text"
        autocomplete="off"
        spellcheck="false"
        aria-label="Filter query, such as: category in (cpu, memory) and value > 80"
        placeholder="category in (cpu, memory) and value > 80"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(invalid ? 'query-error' : undefined)}
        .value=${live(context.text)}
        @input=${(event: Event) => context.input((event.target as HTMLInputElement).value)}
      />
      <button type="submit" part="query-apply">Apply query</button>
    </form>
    ${
      invalid
        ? html`<p part="query-error" id="query-error" class="error">${context.error}</p>`
        : nothing
    }`;
}
