import { html, nothing, svg, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { OPERATOR_LABELS, operatorsFor, type FieldOption } from './fields.js';
import type { ConditionDraft, DraftNode, GroupDraft } from './filter-model.js';
import type { MatchCount } from './match-counts.js';
import type { ChoiceSet } from './value-choices.js';
import { renderValueEditor } from './value-editor.js';

/** State and callbacks the builder's templates use; the element provides them. */
export interface BuilderView {
  readonly fields: readonly FieldOption[];
  readonly errors: ReadonlyMap<number, string>;
  /** Rows of the store that a condition or nested group matches on its own, by draft key. */
  count(key: number): MatchCount | undefined;
  /** Values seen in the store for a field with their counts, offered as choices. */
  choices(field: string): ChoiceSet | undefined;
  editCondition(draft: ConditionDraft, patch: Partial<ConditionDraft>, typing?: boolean): void;
  changeField(draft: ConditionDraft, field: string): void;
  remove(node: DraftNode): void;
  duplicate(node: DraftNode): void;
  toggleDisabled(node: DraftNode): void;
  addCondition(group: GroupDraft): void;
  addGroup(group: GroupDraft): void;
  setLogic(group: GroupDraft, logic: 'and' | 'or'): void;
  toggleNot(group: GroupDraft): void;
}

function fieldSelect(draft: ConditionDraft, view: BuilderView, label: string): TemplateResult {
  const known = view.fields.some((field) => field.name === draft.field);
  return html`<select
    part="field"
    aria-label=${`Field of ${label}`}
    @change=${(event: Event) => view.changeField(draft, (event.target as HTMLSelectElement).value)}
  >
    ${draft.field === '' ? html`<option value="" selected>choose a field</option>` : nothing}
    ${
      known || draft.field === ''
        ? nothing
        : html`<option .value=${draft.field} selected>${draft.field}</option>`
    }
    ${view.fields.map(
      (field) =>
        html`<option .value=${field.name} ?selected=${field.name === draft.field}>
          ${field.label}
        </option>`,
    )}
  </select>`;
}

function operatorSelect(draft: ConditionDraft, view: BuilderView, label: string): TemplateResult {
  const operators: string[] = operatorsFor(draft.field, draft.kind);
  // An operator set through `criteria` stays visible even when the builder would not offer it.
  if (!operators.includes(draft.op)) operators.unshift(draft.op);
  const onChange = (event: Event) => {
    view.editCondition(draft, { op: (event.target as HTMLSelectElement).value });
  };
  return html`<select part="operator" aria-label=${`Operator of ${label}`} @change=${onChange}>
    ${operators.map(
      (op) =>
        html`<option .value=${op} ?selected=${op === draft.op}>
          ${OPERATOR_LABELS[op as keyof typeof OPERATOR_LABELS] ?? op}
        </option>`,
    )}
  </select>`;
}

/** Renders how many rows a condition or group matches, or that the count is under way. */
export function renderMatchCount(
  count: MatchCount | undefined,
  what: string,
): TemplateResult | typeof nothing {
  if (count === undefined) return nothing;
  const title = `Rows this ${what} matches on its own`;
  if (count.value === undefined) {
    return html`<span part="count" class="count" title=${title} aria-busy="true">counting…</span>`;
  }
  const noun = count.value === 1 ? 'match' : 'matches';
  return html`<span
    part="count"
    class="count"
    title=${title}
    aria-busy=${count.pending ? 'true' : 'false'}
    >${count.value.toLocaleString('en-US')} ${noun}</span
  >`;
}

const COPY_ICON = svg`<rect x="5.5" y="5.5" width="8" height="8" rx="1.5" /><path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-7a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h1" />`;
const REMOVE_ICON = svg`<path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />`;

function icon(paths: TemplateResult) {
  return html`<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">${paths}</svg>`;
}

/** Renders the enable, duplicate and remove buttons of a condition or group. */
export function renderNodeActions(node: DraftNode, view: BuilderView, label: string) {
  return html`<span class="actions">
    <button
      type="button"
      part="toggle"
      class="switch"
      aria-pressed=${node.disabled ? 'false' : 'true'}
      aria-label=${`Enable ${label}`}
      title=${node.disabled ? `Enable ${label}` : `Disable ${label}`}
      @click=${() => view.toggleDisabled(node)}
    >
      <span class="knob" aria-hidden="true"></span>
    </button>
    <button
      type="button"
      part="duplicate"
      class="icon"
      aria-label=${`Duplicate ${label}`}
      title=${`Duplicate ${label}`}
      @click=${() => view.duplicate(node)}
    >
      ${icon(COPY_ICON)}
    </button>
    <button
      type="button"
      part="remove"
      class="icon"
      aria-label=${`Remove ${label}`}
      title=${`Remove ${label}`}
      @click=${() => view.remove(node)}
    >
      ${icon(REMOVE_ICON)}
    </button>
  </span>`;
}

/** Renders one condition: field, operator, value editor, match count, row actions and error. */
export function renderConditionRow(
  draft: ConditionDraft,
  view: BuilderView,
  label: string,
  joiner: TemplateResult,
): TemplateResult {
  const error = view.errors.get(draft.key);
  const errorId = error === undefined ? undefined : `error-${draft.key}`;
  const parts = `condition${draft.disabled ? ' condition-disabled' : ''}${error === undefined ? '' : ' condition-invalid'}`;
  return html`<li part=${parts} class="condition" data-key=${draft.key}>
    ${joiner}
    <div class="row">
      <span class="inputs">
        ${fieldSelect(draft, view, label)} ${operatorSelect(draft, view, label)}
        ${renderValueEditor(draft, {
          label,
          errorId,
          choices: view.choices(draft.field),
          edit: (patch, typing) => view.editCondition(draft, patch, typing),
        })}
      </span>
      ${renderMatchCount(view.count(draft.key), 'condition')}
      ${renderNodeActions(draft, view, label)}
    </div>
    ${
      error === undefined
        ? nothing
        : html`<p part="error" id=${ifDefined(errorId)} class="error">${error}</p>`
    }
  </li>`;
}
