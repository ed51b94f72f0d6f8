import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { FilterValidationError, type FilterCriteria } from '../../core/criteria.js';
import type { Store } from '../../core/store.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { StoreController } from '../shared/store-controller.js';
import type { BuilderView } from './condition-row.js';
import { BUILT_IN_FIELDS, operatorsFor, sampleMetadataFields, type FieldOption } from './fields.js';
import {
  buildCriteria,
  copyNode,
  createCondition,
  createGroup,
  draftFromCriteria,
  findNode,
  toCondition,
  type ConditionDraft,
  type DraftNode,
  type GroupDraft,
} from './filter-model.js';
import { renderRootGroup } from './group-view.js';
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
 * firing `obs-filter-change`.
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
  #attached: Store | null = null;
  #root: GroupDraft = createGroup();
  #errors = new Map<number, string>();
  #counts = new Map<number, number>();
  #fields: readonly FieldOption[] = BUILT_IN_FIELDS;
  #categories: readonly string[] = [];
  #sources: readonly string[] = [];
  /** Conditions added but not edited yet; a live apply does not flag them as incomplete. */
  readonly #pristine = new Set<number>();
  /** The applied criteria as JSON, to fire `obs-filter-change` only when they change. */
  #appliedKey = 'null';
  /** Criteria waiting for a store to apply to. */
  #pending = false;
  /** Whether the builder holds user or `criteria` input; if not, it adopts the store's filter. */
  #touched = false;
  #liveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last commit failed as a whole, shown in the status line until the next commit. */
  #commitError = '';

  /** The valid, enabled conditions of the builder as criteria, or null when there are none. */
  get criteria(): FilterCriteria | null {
    return buildCriteria(this.#root).criteria;
  }

  set criteria(value: FilterCriteria | null) {
    if (
      value !== null &&
      value !== undefined &&
      (typeof value !== 'object' || !('logic' in value))
    ) {
      warnOnce(
        'filter-criteria',
        `<obs-filter> ignored criteria that are not a group with 'logic' and 'conditions': ${String(value)}`,
      );
      return;
    }
    this.#root = value ? draftFromCriteria(value, (field) => this.#kindOf(field)) : createGroup();
    this.#touched = true;
    this.#pristine.clear();
    const { criteria, errors } = buildCriteria(this.#root);
    this.#errors = errors;
    this.#commit(criteria, false);
    this.requestUpdate();
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
    this.#root = createGroup(this.#root.logic);
    this.#errors.clear();
    this.#pristine.clear();
    this.#touched = true;
    this.#commit(null, true);
    this.requestUpdate();
  }

  /** Builds what the templates read and call, with the current fields, errors and counts. */
  #createView(): BuilderView {
    return {
      fields: this.#fields,
      errors: this.#errors,
      counts: this.#counts,
      choices: (field) => {
        if (field === 'category') return this.#categories;
        if (field === 'source') return this.#sources;
        return [];
      },
      editCondition: (draft, patch) => {
        Object.assign(draft, patch);
        this.#edited(draft);
      },
      changeField: (draft, field) => this.#changeField(draft, field),
      remove: (node) => this.#remove(node),
      duplicate: (node) => {
        const found = findNode(this.#root, node.key);
        if (found === null || found.parent === null) return;
        const copy = copyNode(node);
        found.parent.children.splice(found.parent.children.indexOf(node) + 1, 0, copy);
        this.#edited(copy);
        this.#focusNode(copy);
      },
      toggleDisabled: (node) => {
        node.disabled = !node.disabled;
        this.#edited(node);
      },
      addCondition: (group) => this.#add(group, createCondition()),
      addGroup: (group) => {
        const nested = createGroup(group.logic === 'and' ? 'or' : 'and');
        nested.children.push(createCondition());
        this.#add(group, nested);
      },
      setLogic: (group, logic) => {
        group.logic = logic;
        this.#edited(group);
      },
      toggleNot: (group) => {
        group.not = !group.not;
        this.#edited(group);
      },
    };
  }

  protected override render() {
    const view = this.#createView();
    return html`<form @submit=${this.#onSubmit} novalidate>
      ${renderRootGroup(this.#root, view)}
      <div class="buttons">
        <button type="button" part="add" @click=${() => view.addCondition(this.#root)}>
          Add condition
        </button>
        <button type="button" part="add-group" @click=${() => view.addGroup(this.#root)}>
          Add group
        </button>
        <button type="submit" part="apply">Apply</button>
        <button type="button" part="clear" @click=${this.#onClear}>Clear</button>
      </div>
      <p part="status" role="status">${this.#statusText()}</p>
    </form>`;
  }

  #onSubmit = (event: Event) => {
    event.preventDefault();
    this.apply();
  };

  #onClear = () => {
    this.clear();
    this.#focus('[part~="add"]');
  };

  #kindOf(field: string) {
    return this.#fields.find((option) => option.name === field)?.kind;
  }

  #changeField(draft: ConditionDraft, field: string): void {
    const kind = this.#kindOf(field) ?? draft.kind;
    if (kind !== draft.kind) {
      draft.text = '';
      draft.high = '';
    }
    draft.field = field;
    draft.kind = kind;
    const operators = operatorsFor(field, kind);
    if (!(operators as string[]).includes(draft.op)) draft.op = operators[0];
    this.#edited(draft);
  }

  #add(group: GroupDraft, node: DraftNode): void {
    group.children.push(node);
    if (node.type === 'condition') this.#pristine.add(node.key);
    else for (const child of node.children) this.#pristine.add(child.key);
    this.#edited(group);
    this.#focusNode(node);
  }

  #remove(node: DraftNode): void {
    const found = findNode(this.#root, node.key);
    if (found === null || found.parent === null) return;
    const siblings = found.parent.children;
    const index = siblings.indexOf(node);
    siblings.splice(index, 1);
    this.#errors.delete(node.key);
    this.#edited(found.parent);
    const next = siblings[index] ?? siblings[index - 1];
    if (next !== undefined) this.#focusNode(next);
    else if (found.parent === this.#root) this.#focus('[part~="add"]');
    else this.#focus(`[data-key="${found.parent.key}"] [part~="group-add"]`);
  }

  /** Records an edit: re-checks a condition already marked invalid and schedules a live apply. */
  #edited(node: DraftNode): void {
    this.#touched = true;
    this.#pristine.delete(node.key);
    if (node.type === 'condition' && this.#errors.has(node.key)) {
      const result = toCondition(node);
      if (result.ok) this.#errors.delete(node.key);
      else this.#errors.set(node.key, result.reason);
    }
    if (node.type === 'group' && node.children.length > 0) this.#errors.delete(node.key);
    this.requestUpdate();
    if (this.live) {
      clearTimeout(this.#liveTimer);
      this.#liveTimer = setTimeout(() => this.#applyDraft(false), Math.max(0, this.debounce));
    }
  }

  #applyDraft(markAll: boolean): void {
    clearTimeout(this.#liveTimer);
    this.#liveTimer = undefined;
    const { criteria, errors } = buildCriteria(this.#root);
    if (markAll) this.#pristine.clear();
    for (const key of this.#pristine) errors.delete(key);
    this.#errors = errors;
    this.#commit(criteria, true);
    this.requestUpdate();
  }

  /** Applies criteria to the store, or keeps them until one is found, and fires on a change. */
  #commit(criteria: FilterCriteria | null, notify: boolean): void {
    const store = this.#controller.store;
    this.#pending = store === null;
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
      if (this.#pending) {
        this.#commit(buildCriteria(this.#root).criteria, false);
      } else if (!this.#touched && store.filter !== null) {
        this.#root = draftFromCriteria(store.filter, (field) => this.#kindOf(field));
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
    } else {
      this.#fields = [...BUILT_IN_FIELDS, ...sampleMetadataFields(store)];
      this.#categories = [...store.categories()].sort();
      this.#sources = [...store.sources()].sort();
    }
    this.requestUpdate();
  }

  #statusText(): string {
    if (this.#commitError !== '') return this.#commitError;
    const store = this.#controller.store;
    if (store === null) return 'No stream found: the filter applies once one is connected.';
    const invalid = this.#errors.size;
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
