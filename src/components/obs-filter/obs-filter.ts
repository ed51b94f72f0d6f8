import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { FilterValidationError, type FilterCriteria } from '../../core/criteria.js';
import { criteriaKey } from '../../core/criteria-key.js';
import type { Store } from '../../core/store.js';
import type { FilterDetail } from '../../core/types.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { renderErrorStyles } from '../shared/render-boundary.js';
import { RenderController } from '../shared/render-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { createBuilderView, statusText } from './builder-view.js';
import { DraftEditor } from './draft-editor.js';
import {
  BUILT_IN_FIELDS,
  sampleMetadataFields,
  type FieldKind,
  type FieldOption,
} from './fields.js';
import { createGroup, draftFromCriteria, type GroupDraft } from './filter-model.js';
import { renderRootGroup } from './group-view.js';
import { MatchCounter } from './match-counts.js';
import {
  renderPresets,
  resolvePresets,
  type FilterPreset,
  type ResolvedPreset,
} from './presets.js';
import { QueryForm } from './query-form.js';
import { formatQuery } from './query-text.js';
import { filterStyles } from './styles.js';
import { Throttle } from './throttle.js';
import { DEFAULT_HASH_KEY, HashPersistence } from './url-hash.js';
import { collectFieldChoices, type ChoiceSet } from './value-choices.js';

export type { FilterPreset } from './presets.js';

/** Detail of `obs-filter-change`: the criteria now applied, or null when no filter is. */
export interface ObsFilterChangeDetail {
  criteria: FilterCriteria | null;
}

/** Shortest time between refreshes of fields, known values and counts from a busy store. */
const REFRESH_INTERVAL_MS = 1000;

function sameCriteria(a: FilterCriteria | null, b: FilterCriteria | null): boolean {
  if (a === null || b === null) return a === b;
  return criteriaKey(a) === criteriaKey(b);
}

/**
 * A builder for filter criteria: conditions in nested AND/OR groups, applied
 * to the store of an `<obs-stream>`, with a text query form that edits the same criteria.
 *
 * Conditions that are incomplete or invalid are marked with the reason and
 * left out; the valid ones still apply. Timestamps are entered and shown in UTC.
 * Setting `criteria` fills the builder and applies its valid conditions without
 * firing `obs-filter-change`. When another element or script sets the store's
 * filter, the builder shows it.
 *
 * @summary Builds filter criteria and applies them to a stream's store.
 *
 * @fires obs-filter-change - The applied criteria changed through Apply, Clear, a preset, a
 *   text query, a live edit or the page address. Detail: `{criteria}`, null when the filter was removed.
 * @fires obs-error - Rendering the builder threw. Detail: `{message, phase, fatal, error}`.
 *
 * @csspart presets - The row of preset buttons.
 * @csspart preset - One preset button; `aria-pressed` is true while its criteria are applied.
 * @csspart query - The text query form.
 * @csspart query-input - The text query input.
 * @csspart query-apply - Applies the text query.
 * @csspart query-error - Why the text query was rejected, with the position marked.
 * @csspart builder - The form of groups and conditions.
 * @csspart render-error - Replaces the builder when rendering it threw: the message and a Retry button.
 * @csspart condition - One condition row; also `condition-disabled` and `condition-invalid`.
 * @csspart group - A nested group; also `group-disabled`.
 * @csspart conditions - The list of a group's conditions and groups.
 * @csspart field - The field select of a condition.
 * @csspart operator - The operator select of a condition.
 * @csspart value - An input or select for a condition's value (two for `between`).
 * @csspart unit - The unit select of a relative time ("in the last 15 minutes").
 * @csspart choices - The drop-down of known values with their counts, for `in` and `not_in`.
 * @csspart choice - One known value's checkbox with its label and count.
 * @csspart count - Rows a condition or group matches on its own.
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
 * @csspart status - How many points match, or why nothing applies. Only the reasons are
 *   announced to screen readers, because the count changes with every refresh while data streams.
 *
 * @cssprop --obs-font - Font of the builder.
 * @cssprop --obs-font-mono - Font of the text query.
 * @cssprop --obs-filter-color - Text color.
 * @cssprop --obs-filter-muted-color - Counts, joining words and hints.
 * @cssprop --obs-filter-background - Background color.
 * @cssprop --obs-filter-control-background - Background of inputs, selects and buttons.
 * @cssprop --obs-filter-border-color - Border of controls and groups.
 * @cssprop --obs-filter-accent-color - Pressed buttons, the Apply button and group bars.
 * @cssprop --obs-filter-error-color - Error messages and invalid inputs.
 * @cssprop --obs-filter-focus-color - Focus ring.
 * @cssprop --obs-filter-gap - Space between controls.
 */
export class ObsFilter extends LitElement {
  static override styles = [filterStyles, renderErrorStyles];

  /** Store to filter; it wins over `stream` and an ancestor `<obs-stream>`. */
  @property({ attribute: false }) store: Store | null = null;

  /** Id of the `<obs-stream>` in the same root whose store this filters. */
  @property() stream: string | null = null;

  /** Apply each edit: choices at once, typing once it pauses for `debounce` milliseconds. */
  @property({ type: Boolean, reflect: true }) live = false;

  /** Pause in milliseconds before typed text applies in `live` mode. */
  @property({ type: Number }) debounce = 300;

  /** Forces the light or dark palette; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  /**
   * Keeps the applied criteria in the page address as a text query, such as
   * `#filter=value+>+80`, so a link opens with the same filter. The attribute's
   * value names the hash parameter (`filter` when empty).
   */
  @property() persist: string | null = null;

  /** Hides the text query form. */
  @property({ type: Boolean, reflect: true, attribute: 'hide-query' }) hideQuery = false;

  /** Named filters offered as buttons; see FilterPreset. Invalid ones are left out with a warning. */
  @property({ attribute: false }) presets: FilterPreset[] = [];

  readonly #controller = new StoreController(this, (store) => this.#storeChanged(store));
  // Times filter applications and renders, and contains render errors.
  readonly #render = new RenderController(this, () => this.requestUpdate());
  readonly #refresh = new Throttle(() => this.#refreshFromStore(), REFRESH_INTERVAL_MS);
  readonly #editor = new DraftEditor(
    (_node, typing) => this.#edited(typing),
    (field) => this.#kindOf(field),
  );
  readonly #counter = new MatchCounter(() => this.requestUpdate());
  readonly #query = new QueryForm(this, {
    criteria: () => this.#editor.criteria,
    live: () => this.live,
    debounce: () => this.debounce,
    apply: (criteria) => this.#loadAndApply(criteria),
  });
  readonly #persistence = new HashPersistence(this, {
    key: () => (this.persist === null ? null : this.persist.trim() || DEFAULT_HASH_KEY),
    apply: (criteria) => this.#loadAndApply(criteria),
    reject: (reason) => this.#rejectAddress(reason),
  });
  #attached: Store | null = null;
  #fields: readonly FieldOption[] = BUILT_IN_FIELDS;
  #choices: ReadonlyMap<string, ChoiceSet> = new Map();
  #presets: ResolvedPreset[] = [];
  /** The criteria last applied, kept to apply again when the element finds another store. */
  #applied: FilterCriteria | null = null;
  /** The applied criteria as JSON, to fire `obs-filter-change` only when they change. */
  #appliedKey = 'null';
  /** Whether the builder contains user or `criteria` input; if not, it adopts the store's filter. */
  #touched = false;
  /** True while this element sets the store's filter, so its own `filter` event is not adopted. */
  #applying = false;
  #liveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Reason the last commit or the page address filter was rejected, shown until the next commit. */
  #notice = '';

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
    this.#counter.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#controller.resolve();
    if (changed.has('presets')) this.#presets = resolvePresets(this.presets);
    if (changed.has('persist') && this.isConnected) this.#persistence.read();
  }

  /** Applies the builder now, marking every invalid condition. */
  apply(): void {
    this.#applyDraft(true);
  }

  /** Removes every condition and the filter. */
  clear(): void {
    this.#editor.replace(createGroup(this.#editor.root.logic));
    this.#touched = true;
    this.#query.reset();
    this.#commit(null, true);
    this.#refreshCounts();
    this.requestUpdate();
  }

  protected override render() {
    return this.#render.render(() => this.#renderBuilder());
  }

  #renderBuilder() {
    const store = this.#controller.store;
    const view = createBuilderView(this, this.#editor, {
      fields: this.#fields,
      choices: this.#choices,
      counter: this.#counter,
    });
    return html`${renderPresets(
        this.#presets,
        (criteria) => sameCriteria(criteria, this.#applied),
        (preset) => this.#loadAndApply(preset.criteria),
      )}
      ${this.hideQuery ? nothing : this.#query.render()}
      <form part="builder" class="builder" @submit=${this.#onSubmit} novalidate>
        ${renderRootGroup(this.#editor.root, view)}
        <div class="footer">
          <p part="status" class="status">
            ${this.#notice || statusText(store, this.#editor.errors.size)}
          </p>
          <span class="visually-hidden" role="status">${this.#notice}</span>
          <button type="submit" part="apply" class="primary">Apply</button>
          <button type="button" part="clear" @click=${this.#onClear}>Clear</button>
        </div>
      </form>`;
  }

  #onSubmit = (event: Event) => {
    event.preventDefault();
    this.apply();
  };

  #onClear = async () => {
    this.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="add"]')?.focus();
  };

  #kindOf(field: string): FieldKind | undefined {
    return this.#fields.find((option) => option.name === field)?.kind;
  }

  #draftOf(criteria: FilterCriteria | null): GroupDraft {
    return criteria ? draftFromCriteria(criteria, (field) => this.#kindOf(field)) : createGroup();
  }

  /** Replaces the builder's tree with criteria, or with an empty group for null. */
  #load(criteria: FilterCriteria | null): void {
    this.#editor.replace(this.#draftOf(criteria));
    this.#touched = true;
    this.#query.reset();
    this.#recountChoices();
    this.#refreshCounts();
    this.requestUpdate();
  }

  #loadAndApply(criteria: FilterCriteria | null): void {
    this.#load(criteria);
    this.#applyDraft(true);
  }

  #rejectAddress(reason: string): void {
    this.#notice = `The filter in the page address was ignored: ${reason}.`;
    this.requestUpdate();
  }

  /** Records an edit. In live mode a choice applies at once and typing once it pauses. */
  #edited(typing: boolean): void {
    this.#touched = true;
    this.#query.reset();
    this.#refreshCounts();
    const store = this.#controller.store;
    if (store !== null)
      this.#choices = collectFieldChoices(store, this.#editor.root, this.#choices);
    this.#refresh.request();
    this.requestUpdate();
    if (!this.live) return;
    clearTimeout(this.#liveTimer);
    this.#liveTimer = undefined;
    if (!typing) {
      this.#applyDraft(false);
      return;
    }
    this.#liveTimer = setTimeout(() => this.#applyDraft(false), Math.max(0, this.debounce));
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
      this.#applying = true;
      try {
        this.#render.measureFilter(() => store.setFilter(criteria));
      } catch (error) {
        // Each condition was checked on its own, but the whole can still fail, for example by depth.
        if (!(error instanceof FilterValidationError)) throw error;
        this.#notice = `Filter not applied: ${error.message}`;
        return;
      } finally {
        this.#applying = false;
      }
    }
    this.#notice = '';
    const key = JSON.stringify(criteria);
    const changed = key !== this.#appliedKey;
    this.#applied = criteria;
    this.#appliedKey = key;
    if (!changed) return;
    this.#persistence.write(formatQuery(criteria));
    if (notify) {
      this.dispatchEvent(
        new CustomEvent<ObsFilterChangeDetail>('obs-filter-change', {
          detail: { criteria },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  /** Shows criteria that were applied to the store from elsewhere, replacing any unapplied edits. */
  #adopt(criteria: FilterCriteria | null): void {
    clearTimeout(this.#liveTimer);
    this.#liveTimer = undefined;
    this.#editor.replace(this.#draftOf(criteria));
    this.#query.reset();
    this.#applied = criteria;
    this.#appliedKey = JSON.stringify(criteria);
    this.#persistence.write(formatQuery(criteria));
    this.#recountChoices();
    this.#refreshCounts();
    this.requestUpdate();
  }

  #onStoreFilter = (event: Event) => {
    const detail = (event as CustomEvent<FilterDetail>).detail;
    // A refresh moves relative time windows; the criteria stay the same.
    if (this.#applying || detail?.refreshed === true) return;
    const criteria = this.#attached?.filter ?? null;
    if (!sameCriteria(criteria, this.#applied)) this.#adopt(criteria);
  };

  #onStoreReset = () => {
    this.#counter.reset();
    this.#refresh.request();
  };

  #storeChanged(store: Store | null): void {
    if (store === this.#attached) {
      this.#refresh.request();
      return;
    }
    this.#attached?.removeEventListener('filter', this.#onStoreFilter);
    this.#attached?.removeEventListener('reset', this.#onStoreReset);
    this.#attached = store;
    store?.addEventListener('filter', this.#onStoreFilter);
    store?.addEventListener('reset', this.#onStoreReset);
    if (store !== null) {
      if (this.#touched) {
        // The builder owns the filter, so a newly found store gets what was last applied.
        this.#commit(this.#applied, false);
      } else if (store.filter !== null) {
        this.#adopt(store.filter);
      }
    }
    this.#refreshFromStore();
  }

  /** Starts counting the builder's current conditions, without waiting for the next refresh. */
  #refreshCounts(): void {
    this.#counter.track(this.#controller.store, this.#editor.root);
    this.#counter.refresh();
  }

  /**
   * Counts the known values of the builder's fields from the store as it is now.
   * A replaced tree needs this at once, because values kept from an earlier count,
   * or none before the next throttled refresh, would not match the store.
   */
  #recountChoices(): void {
    const store = this.#controller.store;
    this.#choices = store === null ? new Map() : collectFieldChoices(store, this.#editor.root);
  }

  #refreshFromStore(): void {
    const store = this.#controller.store;
    this.#fields =
      store === null ? BUILT_IN_FIELDS : [...BUILT_IN_FIELDS, ...sampleMetadataFields(store)];
    this.#recountChoices();
    this.#refreshCounts();
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementEventMap {
    'obs-filter-change': CustomEvent<ObsFilterChangeDetail>;
  }
}
