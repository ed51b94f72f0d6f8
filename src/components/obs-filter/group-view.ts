import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  renderConditionRow,
  renderMatchCount,
  renderNodeActions,
  type BuilderView,
} from './condition-row.js';
import type { DraftNode, GroupDraft } from './filter-model.js';

function logicControls(group: GroupDraft, view: BuilderView, label: string): TemplateResult {
  const name = `logic-${group.key}`;
  const onChange = (event: Event) => {
    view.setLogic(group, (event.target as HTMLInputElement).value === 'or' ? 'or' : 'and');
  };
  return html`<div
      part="logic"
      class="segmented"
      role="radiogroup"
      aria-label=${`Combine ${label} with`}
    >
      <label title="Every condition must match"
        ><input
          type="radio"
          name=${name}
          value="and"
          .checked=${group.logic === 'and'}
          @change=${onChange}
        /><span>All (AND)</span></label
      >
      <label title="At least one condition must match"
        ><input
          type="radio"
          name=${name}
          value="or"
          .checked=${group.logic === 'or'}
          @change=${onChange}
        /><span>Any (OR)</span></label
      >
    </div>
    <label part="not" class="not" title="Keep the rows that do not match"
      ><input
        type="checkbox"
        aria-label=${`Negate ${label} (NOT)`}
        .checked=${group.not}
        @change=${() => view.toggleNot(group)}
      /><span>NOT</span></label
    >`;
}

function childLabel(prefix: string, index: number): string {
  return prefix === '' ? `${index + 1}` : `${prefix}.${index + 1}`;
}

/** Renders the word before a child: "where" for the first, then the group's logic ("where a and b"). */
function joiner(group: GroupDraft, index: number): TemplateResult {
  const word = index === 0 ? 'where' : group.logic;
  return html`<span class="joiner" aria-hidden="true">${word}</span>`;
}

function renderChild(
  node: DraftNode,
  view: BuilderView,
  prefix: string,
  join: TemplateResult,
): TemplateResult {
  return node.type === 'condition'
    ? renderConditionRow(node, view, `condition ${prefix}`, join)
    : renderNestedGroup(node, view, prefix, join);
}

function addButtons(group: GroupDraft, view: BuilderView, label: string, nested: boolean) {
  const prefix = nested ? 'group-' : '';
  return html`<button
      type="button"
      part=${`${prefix}add`}
      class="add"
      aria-label=${nested ? `Add condition to ${label}` : nothing}
      @click=${() => view.addCondition(group)}
    >
      + Condition
    </button>
    <button
      type="button"
      part=${`${prefix}add-group`}
      class="add"
      aria-label=${nested ? `Add group to ${label}` : nothing}
      @click=${() => view.addGroup(group)}
    >
      + Group
    </button>`;
}

function renderNestedGroup(
  group: GroupDraft,
  view: BuilderView,
  number: string,
  join: TemplateResult,
): TemplateResult {
  const label = `group ${number}`;
  const error = view.errors.get(group.key);
  return html`<li
    part=${`group${group.disabled ? ' group-disabled' : ''}`}
    class="group"
    data-key=${group.key}
    data-logic=${group.logic}
  >
    ${join}
    <div class="group-box" role="group" aria-label=${label}>
      <div class="group-header">
        ${logicControls(group, view, label)}
        <span class="spacer"></span>
        ${renderMatchCount(view.count(group.key), 'group')} ${renderNodeActions(group, view, label)}
      </div>
      ${renderChildren(group, view, number)}
      ${error === undefined ? nothing : html`<p part="error" class="error">${error}</p>`}
      <div class="group-footer">${addButtons(group, view, label, true)}</div>
    </div>
  </li>`;
}

function renderChildren(group: GroupDraft, view: BuilderView, prefix: string): TemplateResult {
  return html`<ol part="conditions" class="children">
    ${repeat(
      group.children,
      (child) => child.key,
      (child, index) => renderChild(child, view, childLabel(prefix, index), joiner(group, index)),
    )}
  </ol>`;
}

/** Renders the top-level group: its logic controls and every condition and nested group. */
export function renderRootGroup(root: GroupDraft, view: BuilderView): TemplateResult {
  return html`<div class="group-header root">${logicControls(root, view, 'all conditions')}</div>
    ${
      root.children.length === 0
        ? html`<p class="empty">No conditions: every point is shown.</p>`
        : renderChildren(root, view, '')
    }
    <div class="group-footer root">${addButtons(root, view, 'all conditions', false)}</div>`;
}
