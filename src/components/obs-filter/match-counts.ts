import { usesClock, type FilterCriteria } from '../../core/criteria.js';
import { compileCriteria, type FilterClock, type RowPredicate } from '../../core/filter.js';
import type { Store } from '../../core/store.js';
import { groupCriteria, toCondition, type GroupDraft } from './filter-model.js';

/**
 * Rows per block of a tally. After an eviction only the block that holds the
 * new oldest row is counted again, so eviction costs at most this many tests.
 */
const BLOCK_ROWS = 8192;

/** Row tests per slice of work; after a slice the counter yields to the page. */
const SLICE_ROW_TESTS = 250_000;

/** A running count of the held rows that one set of criteria matches. */
interface Tally {
  predicate: RowPredicate;
  /** Whether the criteria compare with the clock, so every count starts from scratch. */
  usesClock: boolean;
  /** Matches per block of logical rows, in ascending block order. */
  blocks: Map<number, number>;
  /** Sum of `blocks`. */
  running: number;
  /** Rows from `from` up to `to` are counted in `blocks`. */
  from: number;
  to: number;
  /** The last complete count, shown while a new one is under way. */
  result: number | undefined;
}

/** A node's count: the last complete one, and whether a newer one is under way. */
export interface MatchCount {
  value: number | undefined;
  pending: boolean;
}

/**
 * Counts how many held rows each condition and nested group of the builder
 * matches on its own. Counts follow the store incrementally: appended rows are
 * tested once, and an eviction drops whole blocks of counts. Criteria with a
 * relative time are counted from scratch on each refresh. Work is cut into
 * slices of SLICE_ROW_TESTS row tests with a yield to the page in between, so
 * a large buffer delays a count instead of blocking the page until it is done.
 */
export class MatchCounter {
  /** Tallies by the JSON of their criteria, so equal conditions share one. */
  #tallies = new Map<string, Tally>();
  /** Criteria JSON by draft key. */
  #keys = new Map<number, string>();
  #store: Store | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #clock: FilterClock = { now: Date.now() };

  constructor(private readonly onUpdate: () => void) {}

  /**
   * Sets the store and the nodes to count. Disabled nodes are counted too, so a
   * user can see what enabling one would select. Invalid conditions get no count.
   */
  track(store: Store | null, root: GroupDraft): void {
    if (store !== this.#store) {
      this.#tallies.clear();
      this.#store = store;
    }
    const targets = countTargets(root);
    this.#keys = new Map();
    const used = new Set<string>();
    for (const [nodeKey, criteria] of targets) {
      const key = JSON.stringify(criteria);
      this.#keys.set(nodeKey, key);
      used.add(key);
      if (!this.#tallies.has(key) && store !== null) {
        this.#tallies.set(key, this.#createTally(criteria, store));
      }
    }
    for (const key of this.#tallies.keys()) if (!used.has(key)) this.#tallies.delete(key);
  }

  count(nodeKey: number): MatchCount | undefined {
    const key = this.#keys.get(nodeKey);
    const tally = key === undefined ? undefined : this.#tallies.get(key);
    if (tally === undefined) return undefined;
    return { value: tally.result, pending: !this.#complete(tally) };
  }

  /** Starts bringing every count up to date with the store. */
  refresh(): void {
    this.#clock.now = Date.now();
    for (const tally of this.#tallies.values()) {
      if (tally.usesClock && this.#complete(tally)) this.#restart(tally);
    }
    if (this.#timer === undefined) this.#slice();
  }

  /** Forgets the progress of every count, after the store dropped its rows and renumbered. */
  reset(): void {
    for (const tally of this.#tallies.values()) this.#restart(tally);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #createTally(criteria: FilterCriteria, store: Store): Tally {
    const tally: Tally = {
      predicate: compileCriteria(criteria, store, this.#clock),
      usesClock: usesClock(criteria),
      blocks: new Map(),
      running: 0,
      from: store.start,
      to: store.start,
      result: undefined,
    };
    return tally;
  }

  #complete(tally: Tally): boolean {
    const store = this.#store;
    return store !== null && tally.from === store.start && tally.to === store.end;
  }

  #restart(tally: Tally): void {
    const start = this.#store?.start ?? 0;
    tally.blocks.clear();
    tally.running = 0;
    tally.from = start;
    tally.to = start;
  }

  /** Runs one slice of counting and schedules the next one while work remains. */
  #slice(): void {
    this.#timer = undefined;
    const store = this.#store;
    if (store === null) return;
    let budget = SLICE_ROW_TESTS;
    let changed = false;
    for (const tally of this.#tallies.values()) {
      if (budget <= 0) break;
      // Rows past the end were counted before the store renumbered its rows.
      if (tally.to > store.end) this.#restart(tally);
      budget -= this.#dropEvicted(tally, store);
      const limit = Math.min(store.end, tally.to + Math.max(0, budget));
      budget -= limit - tally.to;
      this.#countRows(tally, limit);
      if (this.#complete(tally) && tally.result !== tally.running) {
        tally.result = tally.running;
        changed = true;
      }
    }
    if (changed) this.onUpdate();
    const remaining = [...this.#tallies.values()].some((tally) => !this.#complete(tally));
    if (remaining) this.#timer = setTimeout(() => this.#slice(), 0);
  }

  /** Drops the counts of evicted rows; returns how many rows it tested again. */
  #dropEvicted(tally: Tally, store: Store): number {
    const start = store.start;
    if (start <= tally.from) return 0;
    if (start >= tally.to) {
      this.#restart(tally);
      return 0;
    }
    const firstBlock = Math.floor(start / BLOCK_ROWS);
    for (const [block, count] of tally.blocks) {
      if (block >= firstBlock) break;
      tally.running -= count;
      tally.blocks.delete(block);
    }
    tally.from = start;
    const kept = tally.blocks.get(firstBlock);
    if (kept === undefined || start % BLOCK_ROWS === 0) return 0;
    // The oldest block lost some rows, which can no longer be read, so count what is left.
    const blockEnd = Math.min((firstBlock + 1) * BLOCK_ROWS, tally.to);
    let count = 0;
    for (let row = start; row < blockEnd; row++) {
      if (tally.predicate(row)) count++;
    }
    tally.blocks.set(firstBlock, count);
    tally.running += count - kept;
    return blockEnd - start;
  }

  #countRows(tally: Tally, limit: number): void {
    let row = tally.to;
    while (row < limit) {
      const block = Math.floor(row / BLOCK_ROWS);
      const blockEnd = Math.min((block + 1) * BLOCK_ROWS, limit);
      let count = 0;
      for (; row < blockEnd; row++) {
        if (tally.predicate(row)) count++;
      }
      tally.blocks.set(block, (tally.blocks.get(block) ?? 0) + count);
      tally.running += count;
    }
    tally.to = Math.max(tally.to, limit);
  }
}

/** Collects the criteria of every valid condition and of every nested group with one, by key. */
export function countTargets(root: GroupDraft): Map<number, FilterCriteria> {
  const targets = new Map<number, FilterCriteria>();
  const visit = (group: GroupDraft): void => {
    for (const child of group.children) {
      if (child.type === 'condition') {
        const result = toCondition(child);
        if (result.ok) targets.set(child.key, { logic: 'and', conditions: [result.condition] });
        continue;
      }
      const criteria = groupCriteria(child);
      if (criteria !== null) targets.set(child.key, criteria);
      visit(child);
    }
  };
  visit(root);
  return targets;
}
