import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { OPERATOR_LABELS, operatorsFor, type FieldOption } from './fields.js';
import type { ConditionDraft, DraftNode, GroupDraft } from './filter-model.js';
import { renderValueEditor } from './value-editor.js';

/** State and callbacks the builder's templates use; the element provides them. */
export interface BuilderView {
  readonly fields: readonly FieldOption[];
  readonly errors: ReadonlyMap<number, string>;
  /** Rows of the store that each condition matches on its own, by draft key. */
  readonly counts: ReadonlyMap<number, number>;
  /** Values seen in the store for a field, offered as suggestions. */
  choices(field: string): readonly string[];
  editCondition(draft: ConditionDraft, patch: Partial<ConditionDraft>): void;
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

function matchCount(draft: ConditionDraft, view: BuilderView): TemplateResult | typeof nothing {
  const count = view.counts.get(draft.key);
  if (count === undefined) return nothing;
  return html`<span part="count" title="Rows this condition matches on its own"
    >${count.toLocaleString('en-US')} ${count === 1 ? 'match' : 'matches'}</span
  >`;
}

/** Renders one condition: field, operator, value editor, row actions and its error. */
export function renderConditionRow(
  draft: ConditionDraft,
  view: BuilderView,
  label: string,
): TemplateResult {
  const error = view.errors.get(draft.key);
  const errorId = error === undefined ? undefined : `error-${draft.key}`;
  const parts = `condition${draft.disabled ? ' condition-disabled' : ''}${error === undefined ? '' : ' condition-invalid'}`;
  return html`<li part=${parts} class="condition" data-key=${draft.key}>
    <div class="row">
      ${fieldSelect(draft, view, label)} ${operatorSelect(draft, view, label)}
      ${renderValueEditor(draft, {
        label,
        errorId,
        choices: view.choices(draft.field),
        edit: (patch) => view.editCondition(draft, patch),
      })}
      ${matchCount(draft, view)}
      <span class="actions">
        <button
          type="button"
          part="toggle"
          aria-pressed=${draft.disabled ? 'false' : 'true'}
          aria-label=${`Enable ${label}`}
          @click=${() => view.toggleDisabled(draft)}
        >
          ${draft.disabled ? 'Off' : 'On'}
        </button>
        <button
          type="button"
          part="duplicate"
          aria-label=${`Duplicate ${label}`}
          @click=${() => view.duplicate(draft)}
        >
          Duplicate
        </button>
        <button
          type="button"
          part="remove"
          aria-label=${`Remove ${label}`}
          @click=${() => view.remove(draft)}
        >
          Remove
        </button>
      </span>
    </div>
    ${
      error === undefined
        ? nothing
        : html`<p part="error" id=${ifDefined(errorId)} class="error">${error}</p>`
    }
  </li>`;
}
