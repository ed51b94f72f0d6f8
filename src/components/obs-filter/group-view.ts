import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { renderConditionRow, type BuilderView } from './condition-row.js';
import type { DraftNode, GroupDraft } from './filter-model.js';

function logicControls(group: GroupDraft, view: BuilderView, label: string): TemplateResult {
  const name = `logic-${group.key}`;
  const onChange = (event: Event) => {
    view.setLogic(group, (event.target as HTMLInputElement).value === 'or' ? 'or' : 'and');
  };
  return html`<div part="logic" role="radiogroup" aria-label=${`Combine ${label} with`}>
      <label
        ><input
          type="radio"
          name=${name}
          value="and"
          .checked=${group.logic === 'and'}
          @change=${onChange}
        />All (AND)</label
      >
      <label
        ><input
          type="radio"
          name=${name}
          value="or"
          .checked=${group.logic === 'or'}
          @change=${onChange}
        />Any (OR)</label
      >
    </div>
    <label part="not"
      ><input
        type="checkbox"
        aria-label=${`Negate ${label} (NOT)`}
        .checked=${group.not}
        @change=${() => view.toggleNot(group)}
      />NOT</label
    >`;
}

function childLabel(prefix: string, index: number): string {
  return prefix === '' ? `${index + 1}` : `${prefix}.${index + 1}`;
}

function renderChild(node: DraftNode, view: BuilderView, prefix: string): TemplateResult {
  return node.type === 'condition'
    ? renderConditionRow(node, view, `condition ${prefix}`)
    : renderNestedGroup(node, view, prefix);
}

function renderNestedGroup(group: GroupDraft, view: BuilderView, number: string): TemplateResult {
  const label = `group ${number}`;
  const error = view.errors.get(group.key);
  return html`<li
    part=${`group${group.disabled ? ' group-disabled' : ''}`}
    class="group"
    data-key=${group.key}
  >
    <div class="group-header">
      ${logicControls(group, view, label)}
      <span class="actions">
        <button
          type="button"
          part="toggle"
          aria-pressed=${group.disabled ? 'false' : 'true'}
          aria-label=${`Enable ${label}`}
          @click=${() => view.toggleDisabled(group)}
        >
          ${group.disabled ? 'Off' : 'On'}
        </button>
        <button
          type="button"
          part="duplicate"
          aria-label=${`Duplicate ${label}`}
          @click=${() => view.duplicate(group)}
        >
          Duplicate
        </button>
        <button
          type="button"
          part="remove"
          aria-label=${`Remove ${label}`}
          @click=${() => view.remove(group)}
        >
          Remove group
        </button>
      </span>
    </div>
    ${renderChildren(group, view, number)}
    ${error === undefined ? nothing : html`<p part="error" class="error">${error}</p>`}
    <div class="group-footer">
      <button
        type="button"
        part="group-add"
        aria-label=${`Add condition to ${label}`}
        @click=${() => view.addCondition(group)}
      >
        Add condition
      </button>
      <button
        type="button"
        part="group-add-group"
        aria-label=${`Add group to ${label}`}
        @click=${() => view.addGroup(group)}
      >
        Add group
      </button>
    </div>
  </li>`;
}

function renderChildren(group: GroupDraft, view: BuilderView, prefix: string): TemplateResult {
  return html`<ol part="conditions" class="children">
    ${repeat(
      group.children,
      (child) => child.key,
      (child, index) => renderChild(child, view, childLabel(prefix, index)),
    )}
  </ol>`;
}

/** Renders the top-level group: its logic controls and every condition and nested group. */
export function renderRootGroup(root: GroupDraft, view: BuilderView): TemplateResult {
  return html`<div class="group-header root">${logicControls(root, view, 'all conditions')}</div>
    ${renderChildren(root, view, '')}`;
}
