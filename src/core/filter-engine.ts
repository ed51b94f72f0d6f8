import { TIME_UNITS, usesClock, type FilterCriteria, type FilterNode } from './criteria.js';
import { criteriaKey } from './criteria-key.js';
import { FilterCache } from './filter-cache.js';
import { compilePlan, type ColumnFrame, type PlanNode, type PlanSource } from './filter-plan.js';
import { compileCriteria, type FilterClock, type RowPredicate } from './filter.js';
import { RowList } from './row-list.js';
import { range, type Selection } from './selection.js';
import type { SeriesIndex } from './series-index.js';

/** The store's row readers, indices and bounds, as the filter engine uses them. */
export interface FilterHost extends PlanSource {
  readonly start: number;
  readonly end: number;
  frame(): ColumnFrame;
  allSeries(): Iterable<SeriesIndex>;
}

export interface FilterEngineOptions {
  /** Clock of relative time conditions, in epoch milliseconds. */
  now: () => number;
  /** Minimum milliseconds between two automatic refreshes of relative time conditions. */
  refreshInterval: number;
  /** Whether a timer refreshes relative time conditions; without it the host calls `refresh`. */
  autoRefresh: boolean;
  /** Called after an automatic refresh changed the filtered rows. */
  onRefresh: () => void;
}

/** Timings and cache counters of the filter engine, as `Store.stats()` reports them. */
export interface FilterStats {
  /** Full evaluations: filters set (cache misses and top-ups included) and refreshes. */
  runs: number;
  meanMs: number;
  lastMs: number;
  /** Time to test the rows of the last appended batch. */
  lastAppendMs: number;
  cacheEntries: number;
  cacheHits: number;
  cacheMisses: number;
  /** Hits over lookups, or 0 before the first lookup. */
  cacheHitRate: number;
}

/**
 * The current filter of a store: its compiled plan, the filtered rows in
 * arrival order, a cache of earlier results, and the timer that moves relative
 * time conditions forward.
 */
export class FilterEngine {
  #criteria: FilterCriteria | null = null;
  #key: string | null = null;
  #plan: PlanNode | null = null;
  #predicate: RowPredicate | null = null;
  #rows = new RowList(1024);
  #spans: number[] = [];
  readonly #clock: FilterClock = { now: 0 };
  readonly #cache: FilterCache;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastRefresh = -Infinity;
  #runs = 0;
  #totalMs = 0;
  #lastMs = 0;
  #lastAppendMs = 0;

  constructor(
    readonly host: FilterHost,
    readonly options: FilterEngineOptions,
    capacity: number,
  ) {
    this.#cache = new FilterCache(Math.max(4096, 2 * capacity));
  }

  get criteria(): FilterCriteria | null {
    return this.#criteria;
  }

  get active(): boolean {
    return this.#plan !== null;
  }

  /** Filtered rows; meaningful only while a filter is active. */
  get rows(): RowList {
    return this.#rows;
  }

  matches(row: number): boolean {
    return this.#predicate === null || this.#predicate(row);
  }

  /** Applies validated criteria, or removes the filter when given null. */
  apply(criteria: FilterCriteria | null): void {
    if (this.#key !== null) this.#cache.put(this.#key, this.#rows, this.host.end);
    this.#stopTimer();
    this.#criteria = criteria;
    if (criteria === null) {
      this.#plan = null;
      this.#predicate = null;
      this.#key = null;
      this.#spans = [];
      this.#rows = new RowList(1024);
      return;
    }
    this.#plan = compilePlan(criteria, this.host, this.#clock);
    this.#predicate = compileCriteria(criteria, this.host, this.#clock);
    const relative = usesClock(criteria);
    this.#key = relative ? null : criteriaKey(criteria);
    this.#spans = relative ? relativeSpans(criteria) : [];
    const began = performance.now();
    const cached = this.#key === null ? undefined : this.#cache.take(this.#key);
    if (cached === undefined) {
      this.#rows = this.#evaluate();
    } else {
      this.#rows = cached.rows;
      this.#rows.dropFront(this.#rows.lowerBound(this.host.start));
      this.#testNew(Math.max(cached.end, this.host.start));
    }
    this.#record(performance.now() - began);
    if (relative) this.#lastRefresh = this.options.now();
    this.#schedule();
  }

  /** Tests the rows appended from logical row `from` on. */
  afterAppend(from: number): void {
    if (this.#plan === null) return;
    const began = performance.now();
    this.#testNew(Math.max(from, this.host.start));
    this.#lastAppendMs = performance.now() - began;
    if (this.#spans.length > 0) this.#schedule();
  }

  /** Drops filtered rows below the new oldest row `start`. */
  afterEvict(start: number): void {
    if (this.#plan !== null) this.#rows.dropFront(this.#rows.lowerBound(start));
  }

  /**
   * Empties the filtered rows and the cache, as logical rows start again from
   * zero, and compiles the filter again because dictionary codes start over too.
   */
  reset(): void {
    this.#rows.clear();
    this.#cache.clear();
    this.#stopTimer();
    if (this.#criteria !== null) {
      this.#plan = compilePlan(this.#criteria, this.host, this.#clock);
      this.#predicate = compileCriteria(this.#criteria, this.host, this.#clock);
    }
  }

  /**
   * Tests every held row again against the clock's current time when the filter
   * has relative time conditions. Returns whether the filtered rows changed.
   */
  refresh(): boolean {
    if (this.#plan === null || this.#spans.length === 0) return false;
    const began = performance.now();
    const rows = this.#evaluate();
    this.#record(performance.now() - began);
    this.#lastRefresh = this.#clock.now;
    const changed = !sameRows(rows, this.#rows);
    this.#rows = rows;
    this.#schedule();
    return changed;
  }

  stats(): FilterStats {
    const lookups = this.#cache.hits + this.#cache.misses;
    return {
      runs: this.#runs,
      meanMs: this.#runs === 0 ? 0 : this.#totalMs / this.#runs,
      lastMs: this.#lastMs,
      lastAppendMs: this.#lastAppendMs,
      cacheEntries: this.#cache.size,
      cacheHits: this.#cache.hits,
      cacheMisses: this.#cache.misses,
      cacheHitRate: lookups === 0 ? 0 : this.#cache.hits / lookups,
    };
  }

  /** Forgets cached results, so the next filter is evaluated from scratch. */
  clearCache(): void {
    this.#cache.clear();
  }

  #record(ms: number): void {
    this.#runs++;
    this.#totalMs += ms;
    this.#lastMs = ms;
  }

  /** Tests every held row. */
  #evaluate(): RowList {
    this.#clock.now = this.options.now();
    const frame = this.host.frame();
    const selection = (this.#plan as PlanNode).select(range(0, frame.size), frame);
    return toRowList(selection, frame.start);
  }

  #testNew(from: number): void {
    const frame = this.host.frame();
    if (from >= frame.start + frame.size) return;
    if (this.#spans.length > 0) this.#clock.now = this.options.now();
    const offsets = range(from - frame.start, frame.size);
    const selection = (this.#plan as PlanNode).select(offsets, frame);
    appendRows(this.#rows, selection, frame.start);
  }

  /**
   * Sets the timer for the next moment a held row enters or leaves a relative
   * time window, but no sooner than `refreshInterval` after the last refresh.
   */
  #schedule(): void {
    this.#stopTimer();
    if (!this.options.autoRefresh || this.#spans.length === 0) return;
    const next = this.#nextChange();
    if (next === Infinity) return;
    const now = this.options.now();
    const at = Math.max(next, this.#lastRefresh + this.options.refreshInterval);
    // The timer holds the engine weakly, so a store dropped with an active
    // relative filter can still be garbage collected, and its timers stop.
    const engine = new WeakRef(this);
    const timer = setTimeout(() => FilterEngine.#fire(engine), Math.max(0, at - now));
    // In Node a pending refresh must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
    this.#timer = timer;
  }

  static #fire(reference: WeakRef<FilterEngine>): void {
    const engine = reference.deref();
    if (engine === undefined) return;
    engine.#timer = undefined;
    if (engine.refresh()) engine.options.onRefresh();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Epoch ms at which the oldest row still inside a window falls out of it, or Infinity. */
  #nextChange(): number {
    let next = Infinity;
    for (const span of this.#spans) {
      const time = this.#oldestTimeFrom(this.#clock.now - span);
      // A row stays inside while its time >= now - span, so it leaves 1 ms after time + span.
      if (time !== Infinity) next = Math.min(next, time + span + 1);
    }
    return next;
  }

  /** Smallest held time at or after `cutoff`, or Infinity. */
  #oldestTimeFrom(cutoff: number): number {
    const frame = this.host.frame();
    const timeAt = (row: number) => this.host.timeAt(row);
    if (frame.timeSorted) {
      let low = 0;
      let high = frame.size;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (timeAt(frame.start + middle) < cutoff) low = middle + 1;
        else high = middle;
      }
      return low < frame.size ? timeAt(frame.start + low) : Infinity;
    }
    let oldest = Infinity;
    for (const series of this.host.allSeries()) {
      const index = series.lowerBound(cutoff, timeAt);
      if (index < series.rows.length) oldest = Math.min(oldest, timeAt(series.rows.at(index)));
    }
    return oldest;
  }
}

function relativeSpans(node: FilterNode): number[] {
  if ('logic' in node) return node.conditions.flatMap(relativeSpans);
  if (node.op !== 'within_last') return [];
  return [(node.value as number) * TIME_UNITS[node.unit ?? 'seconds']];
}

function toRowList(selection: Selection, start: number): RowList {
  if (selection.kind === 'list')
    return RowList.fromOffsets(start, selection.offsets, selection.length);
  const rows = new RowList(selection.to - selection.from);
  for (let offset = selection.from; offset < selection.to; offset++) rows.push(start + offset);
  return rows;
}

function appendRows(rows: RowList, selection: Selection, start: number): void {
  if (selection.kind === 'range') {
    for (let offset = selection.from; offset < selection.to; offset++) rows.push(start + offset);
    return;
  }
  for (let i = 0; i < selection.length; i++) rows.push(start + selection.offsets[i]);
}

function sameRows(a: RowList, b: RowList): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.at(i) !== b.at(i)) return false;
  return true;
}
