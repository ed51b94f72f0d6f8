import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { TIME_UNITS } from '../../core/criteria.js';
import type { ConditionDraft } from './filter-model.js';
import { renderChoiceList, type ChoiceSet } from './value-choices.js';

export interface ValueEditorContext {
  /** Accessible name of the condition, such as "condition 2.1". */
  label: string;
  /** Id of the element that explains the condition's error, when it has one. */
  errorId: string | undefined;
  /** Values seen in the store for the field with their counts, such as its categories. */
  choices: ChoiceSet | undefined;
  /** Applies a change; `typing` is true for each key press in a text input. */
  edit(patch: Partial<ConditionDraft>, typing?: boolean): void;
}

function textInput(
  draft: ConditionDraft,
  context: ValueEditorContext,
  which: 'text' | 'high',
  name: string,
): TemplateResult {
  const invalid = context.errorId !== undefined;
  const value = which === 'text' ? draft.text : draft.high;
  const onInput = (event: Event) => {
    context.edit({ [which]: (event.target as HTMLInputElement).value }, true);
  };
  const common = {
    label: `${name} of ${context.label}`,
    described: ifDefined(context.errorId),
    invalid: invalid ? 'true' : 'false',
  };
  const list = draft.op === 'in' || draft.op === 'not_in';
  const relative = draft.op === 'within_last';
  if (draft.kind === 'date' && !list && !relative) {
    return html`<input
      part="value"
      type="datetime-local"
      step="1"
      aria-label=${`${common.label} (UTC)`}
      aria-invalid=${common.invalid}
      aria-describedby=${common.described}
      .value=${live(value)}
      @input=${onInput}
    />`;
  }
  // A text input with a decimal keyboard instead of type="number", because a number
  // input hides what was typed once it is not a number, and the error should name it.
  const numeric = draft.kind === 'number' || relative;
  const suggestions = context.choices?.values ?? [];
  const suggest = !numeric && !list && suggestions.length > 0;
  const listId = suggest ? `choices-${draft.key}` : undefined;
  return html`<input
      part="value"
      type="text"
      inputmode=${numeric ? 'decimal' : 'text'}
      autocomplete="off"
      spellcheck="false"
      aria-label=${common.label}
      aria-invalid=${common.invalid}
      aria-describedby=${common.described}
      list=${ifDefined(listId)}
      .value=${live(value)}
      @input=${onInput}
    />${
      listId === undefined
        ? nothing
        : html`<datalist id=${listId}>
            ${suggestions.map((choice) => html`<option .value=${choice.value}></option>`)}
          </datalist>`
    }`;
}

function unitSelect(draft: ConditionDraft, context: ValueEditorContext): TemplateResult {
  const onChange = (event: Event) => {
    context.edit({ unit: (event.target as HTMLSelectElement).value });
  };
  return html`<select part="unit" aria-label=${`Unit of ${context.label}`} @change=${onChange}>
    ${Object.keys(TIME_UNITS).map(
      (unit) => html`<option .value=${unit} ?selected=${unit === draft.unit}>${unit}</option>`,
    )}
  </select>`;
}

function booleanSelect(draft: ConditionDraft, context: ValueEditorContext): TemplateResult {
  const onChange = (event: Event) => {
    context.edit({ text: (event.target as HTMLSelectElement).value });
  };
  return html`<select
    part="value"
    aria-label=${`Value of ${context.label}`}
    aria-describedby=${ifDefined(context.errorId)}
    @change=${onChange}
  >
    <option value="" ?selected=${draft.text === ''}>choose</option>
    <option value="true" ?selected=${draft.text === 'true'}>true</option>
    <option value="false" ?selected=${draft.text === 'false'}>false</option>
  </select>`;
}

/**
 * Renders the inputs for a condition's value: none for `exists`, an amount and a
 * unit for `within_last`, two bounds for
 * `between`, a comma-separated list (with checkboxes for known values) for `in`
 * and `not_in`, and one input of the field's kind otherwise.
 */
export function renderValueEditor(
  draft: ConditionDraft,
  context: ValueEditorContext,
): TemplateResult | typeof nothing {
  switch (draft.op) {
    case 'exists':
      return nothing;
    case 'within_last':
      return html`<span class="relative"
        >${textInput(draft, context, 'text', 'Amount of time')}${unitSelect(draft, context)}</span
      >`;
    case 'between':
      return html`${textInput(draft, context, 'text', 'Lower bound')}
        <span class="and">and</span> ${textInput(draft, context, 'high', 'Upper bound')}`;
    case 'in':
    case 'not_in':
      return html`${textInput(draft, context, 'text', 'Values (comma-separated)')}
      ${renderChoiceList({
        label: context.label,
        choices: context.choices,
        text: draft.text,
        edit: (text) => context.edit({ text }),
      })}`;
    default:
      return draft.kind === 'boolean'
        ? booleanSelect(draft, context)
        : textInput(draft, context, 'text', 'Value');
  }
}
