import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Store } from '../../core/store.js';
import type { GroupDraft } from './filter-model.js';
import { formatList, parseList } from './value-text.js';

/** A value seen in the store with the number of held rows that have it. */
export interface ValueChoice {
  value: string;
  count: number;
}

/** The known values of one field, most frequent first. */
export interface ChoiceSet {
  /** The MAX_CHOICES most frequent values, offered as checkboxes. */
  values: readonly ValueChoice[];
  /** Row count of every distinct value seen, including those past `values`. */
  counts: ReadonlyMap<string, number>;
  /** Rows read to count them when that was only the newest rows of a larger store, else null. */
  sampledRows: number | null;
}

/** Values offered as checkboxes; past this the rest are typed into the list. */
const MAX_CHOICES = 40;

/** Newest rows read for the values of a metadata key, so a large store costs a bounded scan. */
const MAX_METADATA_ROWS = 100_000;

function top(counts: Map<string, number>, sampledRows: number | null): ChoiceSet {
  const all = [...counts].map(([value, count]) => ({ value, count }));
  all.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    if (a.value === b.value) return 0;
    return a.value < b.value ? -1 : 1;
  });
  return { values: all.slice(0, MAX_CHOICES), counts, sampledRows };
}

/**
 * Counts the distinct values of a field for the `in` and `not_in` checkboxes.
 * Category and source are counted over every held row from the store's
 * series index; a metadata key is counted over the newest MAX_METADATA_ROWS
 * rows. Returns null for fields whose values are all different or numeric (id,
 * value, timestamp), where a checkbox list does not help.
 */
export function collectChoices(store: Store, field: string): ChoiceSet | null {
  if (field === 'category' || field === 'source') {
    const counts = new Map<string, number>();
    for (const { value, count } of store.distinct(field)) counts.set(String(value), count);
    return top(counts, null);
  }
  if (!field.startsWith('metadata.')) return null;
  const key = field.slice('metadata.'.length);
  const counts = new Map<string, number>();
  const first = Math.max(store.start, store.end - MAX_METADATA_ROWS);
  for (let row = first; row < store.end; row++) {
    const metadata = store.metadataAt(row);
    if (metadata === undefined || !Object.hasOwn(metadata, key)) continue;
    const value = metadata[key];
    // A null never matches a comparison, so it is not offered.
    if (value === null || value === undefined) continue;
    const text = String(value);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return top(counts, first > store.start ? store.end - first : null);
}

/**
 * Known values of the text and boolean fields that the conditions of a draft
 * tree use. Fields found in `known` keep those values instead of a new count.
 */
export function collectFieldChoices(
  store: Store,
  root: GroupDraft,
  known: ReadonlyMap<string, ChoiceSet> = new Map(),
): Map<string, ChoiceSet> {
  const fields = new Set<string>();
  const visit = (group: GroupDraft) => {
    for (const child of group.children) {
      if (child.type === 'group') visit(child);
      else if (child.kind === 'string' || child.kind === 'boolean') fields.add(child.field);
    }
  };
  visit(root);
  const choices = new Map<string, ChoiceSet>();
  for (const field of fields) {
    const set = known.get(field) ?? collectChoices(store, field);
    if (set !== null) choices.set(field, set);
  }
  return choices;
}

export interface ChoiceListContext {
  /** Accessible name of the condition, such as "condition 2.1". */
  label: string;
  choices: ChoiceSet | undefined;
  /** The comma-separated list the checkboxes edit. */
  text: string;
  edit(text: string): void;
}

function summaryText(selected: number, total: number): string {
  const values = total === 1 ? 'value' : 'values';
  return `${selected.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${values}`;
}

function noteText(set: ChoiceSet): string {
  const notes: string[] = [];
  if (set.counts.size > set.values.length) {
    notes.push(
      `The ${set.values.length} most frequent values and any chosen ones are shown; type others in the list.`,
    );
  }
  if (set.sampledRows !== null) {
    notes.push(`Counts are of the newest ${set.sampledRows.toLocaleString('en-US')} points.`);
  }
  return notes.join(' ');
}

/**
 * Renders a drop-down of checkboxes, one per known value with its row count,
 * that adds and removes values in the comma-separated list of `in` and `not_in`.
 * Values already in the list stay offered even when they are not among the most
 * frequent or the store has none of them yet, so they can be unchecked. The
 * summary counts such values too, so it never shows more chosen than listed.
 * Escape closes the drop-down.
 */
export function renderChoiceList(context: ChoiceListContext): TemplateResult | typeof nothing {
  const set = context.choices;
  const selected = new Set(parseList(context.text));
  if (set === undefined || (set.counts.size === 0 && selected.size === 0)) return nothing;
  const offered = [...set.values];
  let unseen = 0;
  for (const value of selected) {
    if (offered.some((choice) => choice.value === value)) continue;
    const count = set.counts.get(value);
    if (count === undefined) unseen++;
    offered.push({ value, count: count ?? 0 });
  }
  const toggle = (value: string, checked: boolean) => {
    const items = parseList(context.text).filter((item) => item !== value);
    if (checked) items.push(value);
    context.edit(formatList(items));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    const details = event.currentTarget as HTMLDetailsElement;
    if (!details.open) return;
    event.stopPropagation();
    details.open = false;
    details.querySelector('summary')?.focus();
  };
  const note = noteText(set);
  return html`<details part="choices" class="choices" @keydown=${onKeyDown}>
    <summary>
      ${summaryText(selected.size, set.counts.size + unseen)}<span class="visually-hidden">
        chosen for ${context.label}</span
      >
    </summary>
    <div class="choice-list" role="group" aria-label=${`Known values of ${context.label}`}>
      ${offered.map(
        (choice) =>
          html`<label part="choice"
            ><input
              type="checkbox"
              .checked=${live(selected.has(choice.value))}
              @change=${(event: Event) =>
                toggle(choice.value, (event.target as HTMLInputElement).checked)}
            /><span class="choice-name">${choice.value}</span
            ><span class="choice-count">${choice.count.toLocaleString('en-US')}</span></label
          >`,
      )}
      ${note === '' ? nothing : html`<p class="note">${note}</p>`}
    </div>
  </details>`;
}
