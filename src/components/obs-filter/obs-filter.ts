import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { FilterValidationError, type FilterCriteria } from '../../core/criteria.js';
import type { Store } from '../../core/store.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { StoreController } from '../shared/store-controller.js';
import type { BuilderView } from './condition-row.js';
import { DraftEditor } from './draft-editor.js';
import {
  BUILT_IN_FIELDS,
  sampleMetadataFields,
  type FieldKind,
  type FieldOption,
} from './fields.js';
import { createGroup, draftFromCriteria, type DraftNode } from './filter-model.js';
import { renderRootGroup } from './group-view.js';
import { countMatches } from './match-counts.js';
import { renderQueryForm } from './query-form.js';
import { QuerySyntaxError, formatQuery, parseQuery } from './query-text.js';
import { filterStyles } from './styles.js';
import { Throttle } from './throttle.js';

/** Detail of `obs-filter-change`: the criteria now applied, or null when no filter is. */
export interface ObsFilterChangeDetail {
  criteria: FilterCriteria | null;
}

/** Shortest time between refreshes of fields, known values and counts from a busy store. */
const REFRESH_INTERVAL_MS = 1000;

/**
 * A builder for filter criteria: conditions in nested AND/OR groups, applied
 * to the store of an `<obs-stream>`.
 *
 * Conditions that are incomplete or invalid are marked with the reason and
 * left out; the valid ones still apply. Timestamps are entered and shown in UTC.
 * Setting `criteria` fills the builder and applies its valid conditions without
 * firing `obs-filter-change`. A text query such as
 * `category in (cpu, memory) and value > 80` edits the same criteria.
 *
 * @summary Builds filter criteria and applies them to a stream's store.
 *
 * @fires obs-filter-change - The applied criteria changed through Apply, Clear or a live edit.
 *   Detail: `{criteria}`, null when the filter was removed.
 *
 * @csspart condition - One condition row; also `condition-disabled` and `condition-invalid`.
 * @csspart group - A nested group; also `group-disabled`.
 * @csspart conditions - The list of a group's conditions and groups.
 * @csspart field - The field select of a condition.
 * @csspart operator - The operator select of a condition.
 * @csspart value - An input or select for a condition's value (two for `between`).
 * @csspart choices - Checkboxes of the store's known values for `in` and `not_in`.
 * @csspart choice - One of those checkboxes with its label.
 * @csspart count - Rows a condition matches on its own.
 * @csspart error - Why a condition or group is not applied.
 * @csspart logic - The AND / OR choice of a group.
 * @csspart not - The NOT checkbox of a group.
 * @csspart toggle - Enables or disables a condition or group.
 * @csspart duplicate - Duplicates a condition or group.
 * @csspart remove - Removes a condition or group.
 * @csspart add - Adds a condition to the top-level group.
 * @csspart add-group - Adds a nested group to the top-level group.
 * @csspart group-add - Adds a condition to a nested group.
 * @csspart group-add-group - Adds a group inside a nested group.
 * @csspart apply - Applies the criteria.
 * @csspart clear - Removes every condition and the filter.
 * @csspart status - How many points match, or why nothing applies.
 * @csspart query - The text query form.
 * @csspart query-input - The text query input.
 * @csspart query-apply - Applies the text query.
 * @csspart query-error - Why the text query was rejected.
 *
 * @cssprop --obs-font - Font of the builder.
 * @cssprop --obs-filter-color - Text color.
 * @cssprop --obs-filter-background - Background color.
 * @cssprop --obs-filter-border-color - Border of groups and value lists.
 * @cssprop --obs-filter-error-color - Error messages and invalid inputs.
 * @cssprop --obs-filter-focus-color - Focus ring.
 * @cssprop --obs-filter-gap - Space between controls.
 */
export class ObsFilter extends LitElement {
  static override styles = filterStyles;

  /** Store to filter; it wins over `stream` and an ancestor `<obs-stream>`. */
  @property({ attribute: false }) store: Store | null = null;

  /** Id of the `<obs-stream>` in the same root whose store this filters. */
  @property() stream: string | null = null;

  /** Apply after each edit, once editing pauses for `debounce` milliseconds. */
  @property({ type: Boolean, reflect: true }) live = false;

  /** Pause in milliseconds before a live edit applies. */
  @property({ type: Number }) debounce = 300;

  /** Forces the light or dark palette; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  readonly #controller = new StoreController(this, (store) => this.#storeChanged(store));
  readonly #refresh = new Throttle(() => this.#refreshFromStore(), REFRESH_INTERVAL_MS);
  readonly #editor = new DraftEditor(
    (node) => this.#edited(node),
    (field) => this.#kindOf(field),
  );
  #attached: Store | null = null;
  #counts = new Map<number, number>();
  #fields: readonly FieldOption[] = BUILT_IN_FIELDS;
  #categories: readonly string[] = [];
  #sources: readonly string[] = [];
  /** The criteria last applied, kept to apply again when the element finds another store. */
  #applied: FilterCriteria | null = null;
  /** The applied criteria as JSON, to fire `obs-filter-change` only when they change. */
  #appliedKey = 'null';
  /** Whether the builder contains user or `criteria` input; if not, it adopts the store's filter. */
  #touched = false;
  #liveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Message of a commit the store rejected as a whole, shown in the status line until the next commit. */
  #commitError = '';
  /** Query text the user is editing, or null to show the builder's criteria as text. */
  #queryText: string | null = null;
  #queryError = '';

  /** The valid, enabled conditions of the builder as criteria, or null when there are none. */
  get criteria(): FilterCriteria | null {
    return this.#editor.criteria;
  }

  set criteria(value: FilterCriteria | null) {
    const isGroup = typeof value === 'object' && value !== null && 'logic' in value;
    if (value !== null && value !== undefined && !isGroup) {
      warnOnce(
        'filter-criteria',
        `<obs-filter> ignored criteria that are not a group with 'logic' and 'conditions': ${String(value)}`,
      );
      return;
    }
    this.#load(value ?? null);
    this.#commit(this.#editor.criteria, false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#liveTimer);
    this.#liveTimer = undefined;
    this.#refresh.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#controller.resolve();
  }

  /** Applies the builder now, marking every invalid condition. */
  apply(): void {
    this.#applyDraft(true);
  }

  /** Removes every condition and the filter. */
  clear(): void {
    this.#editor.replace(createGroup(this.#editor.root.logic));
    this.#touched = true;
    this.#queryText = null;
    this.#queryError = '';
    this.#commit(null, true);
    this.requestUpdate();
  }

  protected override render() {
    const editor = this.#editor;
    const view = this.#createView();
    return html`${renderQueryForm({
        text: this.#queryText ?? formatQuery(editor.criteria),
        error: this.#queryError,
        input: (text) => {
          this.#queryText = text;
          this.#queryError = '';
          this.requestUpdate();
        },
        submit: () => this.#applyQuery(),
      })}
      <form @submit=${this.#onSubmit} novalidate>
        ${renderRootGroup(editor.root, view)}
        <div class="buttons">
          <button type="button" part="add" @click=${() => view.addCondition(editor.root)}>
            Add condition
          </button>
          <button type="button" part="add-group" @click=${() => view.addGroup(editor.root)}>
            Add group
          </button>
          <button type="submit" part="apply">Apply</button>
          <button type="button" part="clear" @click=${this.#onClear}>Clear</button>
        </div>
        <p part="status" role="status">${this.#statusText()}</p>
      </form>`;
  }

  /** Builds what the templates read and call, with the current fields, errors and counts. */
  #createView(): BuilderView {
    const editor = this.#editor;
    return {
      fields: this.#fields,
      errors: editor.errors,
      counts: this.#counts,
      choices: (field) => {
        if (field === 'category') return this.#categories;
        if (field === 'source') return this.#sources;
        return [];
      },
      editCondition: (draft, patch) => editor.editCondition(draft, patch),
      changeField: (draft, field) => editor.changeField(draft, field),
      remove: (node) => {
        const next = editor.remove(node);
        if (next === editor.root) this.#focus('[part~="add"]');
        else if (next !== null && next.type === 'group' && next.children.length === 0) {
          this.#focus(`[data-key="${next.key}"] [part~="group-add"]`);
        } else if (next !== null) this.#focusNode(next);
      },
      duplicate: (node) => {
        const copy = editor.duplicate(node);
        if (copy !== null) this.#focusNode(copy);
      },
      toggleDisabled: (node) => editor.toggleDisabled(node),
      addCondition: (group) => this.#focusNode(editor.addCondition(group)),
      addGroup: (group) => this.#focusNode(editor.addGroup(group)),
      setLogic: (group, logic) => editor.setLogic(group, logic),
      toggleNot: (group) => editor.toggleNot(group),
    };
  }

  #onSubmit = (event: Event) => {
    event.preventDefault();
    this.apply();
  };

  #onClear = () => {
    this.clear();
    this.#focus('[part~="add"]');
  };

  #kindOf(field: string): FieldKind | undefined {
    return this.#fields.find((option) => option.name === field)?.kind;
  }

  /** Replaces the builder's tree with criteria, or with an empty group for null. */
  #load(criteria: FilterCriteria | null): void {
    const root = criteria ? draftFromCriteria(criteria, (field) => this.#kindOf(field)) : null;
    this.#editor.replace(root ?? createGroup());
    this.#touched = true;
    this.#queryText = null;
    this.#queryError = '';
    this.#refresh.request();
    this.requestUpdate();
  }

  #applyQuery(): void {
    const text = this.#queryText ?? formatQuery(this.#editor.criteria);
    let criteria: FilterCriteria | null;
    try {
      criteria = parseQuery(text);
    } catch (error) {
      if (error instanceof QuerySyntaxError) {
        this.#queryError = `Invalid query at character ${error.position + 1}: ${error.message}.`;
      } else if (error instanceof FilterValidationError) {
        this.#queryError = `Invalid query: ${error.message.replace(/^criteria[^:]*: /, '')}.`;
      } else {
        throw error;
      }
      this.requestUpdate();
      return;
    }
    this.#load(criteria);
    this.#applyDraft(true);
  }

  /** Records an edit: the query follows the builder again, and a live apply is scheduled. */
  #edited(_node: DraftNode): void {
    this.#touched = true;
    this.#queryText = null;
    this.#queryError = '';
    this.#refresh.request();
    this.requestUpdate();
    if (this.live) {
      clearTimeout(this.#liveTimer);
      this.#liveTimer = setTimeout(() => this.#applyDraft(false), Math.max(0, this.debounce));
    }
  }

  #applyDraft(markAll: boolean): void {
    clearTimeout(this.#liveTimer);
    this.#liveTimer = undefined;
    this.#commit(this.#editor.build(markAll), true);
    this.requestUpdate();
  }

  /** Applies criteria to the store, or keeps them until one is found, and fires on a change. */
  #commit(criteria: FilterCriteria | null, notify: boolean): void {
    const store = this.#controller.store;
    if (store !== null) {
      try {
        store.setFilter(criteria);
      } catch (error) {
        // Each condition was checked on its own, but the whole can still fail, for example by depth.
        if (!(error instanceof FilterValidationError)) throw error;
        this.#commitError = `Filter not applied: ${error.message}`;
        return;
      }
    }
    this.#commitError = '';
    const key = JSON.stringify(criteria);
    const changed = key !== this.#appliedKey;
    this.#applied = criteria;
    this.#appliedKey = key;
    if (notify && changed) {
      this.dispatchEvent(
        new CustomEvent<ObsFilterChangeDetail>('obs-filter-change', {
          detail: { criteria },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  #storeChanged(store: Store | null): void {
    if (store === this.#attached) {
      this.#refresh.request();
      return;
    }
    this.#attached = store;
    if (store !== null) {
      if (this.#touched) {
        // The builder owns the filter, so a newly found store gets what was last applied.
        this.#commit(this.#applied, false);
      } else if (store.filter !== null) {
        this.#editor.replace(draftFromCriteria(store.filter, (field) => this.#kindOf(field)));
        this.#applied = store.filter;
        this.#appliedKey = JSON.stringify(store.filter);
      }
    }
    this.#refreshFromStore();
  }

  #refreshFromStore(): void {
    const store = this.#controller.store;
    if (store === null) {
      this.#fields = BUILT_IN_FIELDS;
      this.#categories = [];
      this.#sources = [];
      this.#counts = new Map();
    } else {
      this.#fields = [...BUILT_IN_FIELDS, ...sampleMetadataFields(store)];
      this.#categories = [...store.categories()].sort();
      this.#sources = [...store.sources()].sort();
      this.#counts = countMatches(this.#editor.root, store);
    }
    this.requestUpdate();
  }

  #statusText(): string {
    if (this.#commitError !== '') return this.#commitError;
    const store = this.#controller.store;
    if (store === null) return 'No stream found: the filter applies once one is connected.';
    const invalid = this.#editor.errors.size;
    const notApplied = invalid === 0 ? '' : ` ${invalid} not applied (see the marked rows).`;
    const matching = store.view.length.toLocaleString('en-US');
    return `${matching} of ${store.size.toLocaleString('en-US')} points match.${notApplied}`;
  }

  #focusNode(node: DraftNode): void {
    const target = node.type === 'condition' ? '[part~="field"]' : 'input[type="radio"]:checked';
    this.#focus(`[data-key="${node.key}"] ${target}`);
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

declare global {
  interface HTMLElementEventMap {
    'obs-filter-change': CustomEvent<ObsFilterChangeDetail>;
  }
}
