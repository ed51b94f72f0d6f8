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
  values: readonly ValueChoice[];
  /** Distinct values seen, which can be more than `values` holds. */
  distinct: number;
  /** Rows read to count them when that was only the newest rows of a larger store, else null. */
  sampledRows: number | null;
}

/** Values offered as checkboxes; past this the rest are typed into the list. */
const MAX_CHOICES = 40;

/** Newest rows read for the values of a metadata key, so a large store costs a bounded scan. */
const MAX_METADATA_ROWS = 100_000;

function top(counts: Iterable<[string, number]>, sampledRows: number | null): ChoiceSet {
  const all = [...counts].map(([value, count]) => ({ value, count }));
  all.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    if (a.value === b.value) return 0;
    return a.value < b.value ? -1 : 1;
  });
  return { values: all.slice(0, MAX_CHOICES), distinct: all.length, sampledRows };
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
    const values = store.distinct(field).map(({ value, count }) => [String(value), count]);
    return top(values as [string, number][], null);
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

function summaryText(selected: number, set: ChoiceSet): string {
  const values = set.distinct === 1 ? 'value' : 'values';
  return `${selected} of ${set.distinct.toLocaleString('en-US')} ${values}`;
}

function noteText(set: ChoiceSet): string {
  const notes: string[] = [];
  if (set.distinct > set.values.length) {
    notes.push(`The ${set.values.length} most frequent are shown; type others in the list.`);
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
 * frequent, so they can be unchecked. Escape closes the drop-down.
 */
export function renderChoiceList(context: ChoiceListContext): TemplateResult | typeof nothing {
  const set = context.choices;
  if (set === undefined || set.distinct === 0) return nothing;
  const chosen = parseList(context.text);
  const selected = new Set(chosen);
  const offered = [...set.values];
  for (const value of chosen) {
    if (!offered.some((choice) => choice.value === value)) offered.push({ value, count: 0 });
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
      ${summaryText(offered.filter((choice) => selected.has(choice.value)).length, set)}<span
        class="visually-hidden"
      >
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
