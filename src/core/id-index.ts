import { Dictionary } from './dictionary.js';
import { SlotQueue } from './slot-queue.js';

/** Prefix code that marks an id kept as text. */
const TEXT = 0xffff;
/** Most distinct prefixes coded; ids with further new prefixes are kept as text. */
const MAX_PREFIXES = TEXT;
const MAX_NUMBER = 0xffffffff;
/** Highest share of used table entries before the table grows. */
const MAX_LOAD = 0.75;
const EMPTY = 0;
/** Table entries per block; a power of two. */
const BLOCK = 16;

/**
 * The ids of the rows in the store's ring, and a hash set over them that finds
 * duplicates without a Map of strings.
 *
 * An id that ends in a decimal number without a leading zero and below 2^32,
 * such as `g42-1017`, is kept as a 2-byte prefix code and a 4-byte number, and
 * turned back into text only when read. Any other id is kept as its string.
 * Every id has exactly one such form, so two ids are equal exactly when their
 * forms are.
 *
 * Most streams number their ids upwards, one counter per prefix. So a numbered
 * id above the last one of its prefix's run joins that run, a queue of slots in
 * arrival order whose numbers increase. The store evicts in arrival order, so a
 * run only ever loses its oldest slot. Such an id is new without any lookup,
 * because its number is above every one stored with its prefix, and costs no
 * random memory access. A run is searched by binary search over its numbers.
 *
 * Every other id goes into a hash set: an open-addressing table with linear
 * probing over one Uint32Array of (ring slot + 1, hash) pairs, where slot 0
 * marks a free entry. The hash sits beside the slot so probing and removal read
 * the id columns only for an entry whose hash is equal, which keeps random
 * memory reads down. Removal shifts later entries of the probe run back, so no
 * tombstones build up.
 */
export class IdIndex {
  #prefixCodes = new Uint16Array(0);
  #numbers = new Uint32Array(0);
  #texts: (string | undefined)[] | null = null;
  readonly #prefixes = new Dictionary();
  /** Pairs of (slot + 1, hash); `#size` entries. */
  #table = new Uint32Array(0);
  #size = 0;
  /** Ids in the table. */
  #count = 0;
  /** Runs of numbered ids by prefix code, and how many ids they hold together. */
  readonly #runs: (SlotQueue | undefined)[] = [];
  #queued = 0;
  #limit = 0;
  /** Largest number stored with each prefix code since the last clear. */
  #maxNumbers = new Float64Array(16).fill(-1);

  // The form of the id last parsed by `#parse`.
  #prefix = 0;
  #number = 0;
  #text = '';
  #lastPrefix = '';
  #lastPrefixCode = -1;

  constructor(readonly capacity: number) {}

  /** Number of ids in the set. */
  get size(): number {
    return this.#count + this.#queued;
  }

  /** Bytes held by the columns and the table, for memory statistics. */
  get byteLength(): number {
    let bytes = this.#prefixCodes.byteLength + this.#numbers.byteLength + this.#table.byteLength;
    for (const run of this.#runs) if (run !== undefined) bytes += run.byteLength;
    return bytes;
  }

  /** Grows the columns to `length` slots, keeping slots below the old length. */
  reserve(length: number): void {
    if (length <= this.#numbers.length) return;
    const prefixCodes = new Uint16Array(length);
    prefixCodes.set(this.#prefixCodes);
    const numbers = new Uint32Array(length);
    numbers.set(this.#numbers);
    this.#prefixCodes = prefixCodes;
    this.#numbers = numbers;
  }

  /** Returns whether an id equal to `id` is held, and keeps `id` for a following `addChecked`. */
  has(id: string): boolean {
    this.#parse(id);
    return this.#holdsParsed();
  }

  /**
   * Returns the prefix code under which ids made of `prefix` and a decimal number are kept, for
   * `hasNumbered`. Returns -1 when such ids are kept as text, because `prefix` ends in a digit
   * that would join the number or because no prefix code is left.
   */
  numberedPrefixCode(prefix: string): number {
    if (prefix.length > 0 && isDigit(prefix.charCodeAt(prefix.length - 1))) return -1;
    return this.#prefixCode(prefix, prefix.length);
  }

  /**
   * Like `has` for the id `prefix + number`, without building the string. `prefixCode` comes
   * from `numberedPrefixCode` since the last `clear`, and `number` is a whole number from 0 to
   * 2^32 - 1.
   */
  hasNumbered(prefixCode: number, number: number): boolean {
    this.#prefix = prefixCode;
    this.#number = number;
    return this.#holdsParsed();
  }

  /**
   * Stores `id` at ring `slot` and adds it to the set. Returns false and stores
   * nothing when an equal id is already held.
   */
  add(id: string, slot: number): boolean {
    if (this.has(id)) return false;
    this.addChecked(slot);
    return true;
  }

  /**
   * Stores the id last given to `has`, which must have returned false, at ring
   * `slot`. Removing other ids in between is allowed.
   */
  addChecked(slot: number): void {
    const prefix = this.#prefix;
    this.#prefixCodes[slot] = prefix;
    if (prefix === TEXT) {
      this.#numbers[slot] = 0;
      this.#texts ??= [];
      this.#texts[slot] = this.#text;
    } else {
      const number = this.#number;
      this.#numbers[slot] = number;
      if (this.#texts !== null) this.#texts[slot] = undefined;
      if (number > this.#maxNumbers[prefix]) this.#maxNumbers[prefix] = number;
      const run = (this.#runs[prefix] ??= new SlotQueue());
      if (run.length === 0 || number > this.#numbers[run.last()]) {
        run.push(slot);
        this.#queued++;
        return;
      }
    }
    if (this.#count + 1 > this.#limit) this.#grow();
    this.#insert(this.#hash(), slot);
  }

  /**
   * Removes the id at ring `slot` from the set, as its row leaves the store.
   * Removing the oldest held id is cheapest, as the store does.
   */
  remove(slot: number): void {
    const prefix = this.#prefixCodes[slot];
    const run = prefix === TEXT ? undefined : this.#runs[prefix];
    if (run !== undefined && run.length > 0 && run.first() === slot) {
      run.dropFirst();
      this.#queued--;
      return;
    }
    if (this.#removeFromTable(slot)) return;
    // A numbered id of a run that leaves before older ids of the run.
    const index = run === undefined ? -1 : this.#runIndexOf(run, this.#numbers[slot]);
    if (run !== undefined && index >= 0 && run.at(index) === slot) {
      run.removeAt(index);
      this.#queued--;
    }
  }

  idAt(slot: number): string {
    const prefix = this.#prefixCodes[slot];
    if (prefix === TEXT) return (this.#texts as string[])[slot];
    return this.#prefixes.decode(prefix) + this.#numbers[slot];
  }

  clear(): void {
    this.#table = new Uint32Array(0);
    this.#size = 0;
    this.#count = 0;
    this.#runs.length = 0;
    this.#queued = 0;
    this.#limit = 0;
    this.#texts = null;
    this.#prefixes.clear();
    this.#maxNumbers.fill(-1);
    this.#lastPrefix = '';
    this.#lastPrefixCode = -1;
  }

  /** Returns whether the id last parsed, or given to `hasNumbered`, is held. */
  #holdsParsed(): boolean {
    const prefix = this.#prefix;
    if (prefix !== TEXT) {
      // A number above every one stored with its prefix is new.
      if (this.#number > this.#maxNumbers[prefix]) return false;
      const run = this.#runs[prefix];
      if (run !== undefined && this.#runIndexOf(run, this.#number) >= 0) return true;
    }
    return this.#count > 0 && this.#find(this.#hash()) >= 0;
  }

  /** Position in `run` of the slot whose number is `number`, or -1. */
  #runIndexOf(run: SlotQueue, number: number): number {
    const numbers = this.#numbers;
    const length = run.length;
    if (length === 0 || number > numbers[run.last()]) return -1;
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (numbers[run.at(middle)] < number) low = middle + 1;
      else high = middle;
    }
    return low < length && numbers[run.at(low)] === number ? low : -1;
  }

  /** Removes the table entry of ring `slot`; returns false when the table contains none. */
  #removeFromTable(slot: number): boolean {
    if (this.#count === 0) return false;
    const hash = this.#hashOfSlot(slot);
    const table = this.#table;
    const size = this.#size;
    let index = this.#home(hash);
    while (table[2 * index] !== slot + 1) {
      if (table[2 * index] === EMPTY) return false;
      index = index + 1 === size ? 0 : index + 1;
    }
    this.#deleteAt(index);
    if (this.#texts !== null) this.#texts[slot] = undefined;
    return true;
  }

  /** Splits `id` into its stored form: a prefix code and number, or text. */
  #parse(id: string): void {
    let digits = 0;
    let number = 0;
    let scale = 1;
    for (let i = id.length - 1; i >= 0 && digits < 10; i--) {
      const code = id.charCodeAt(i);
      if (code < 48 || code > 57) break;
      number += (code - 48) * scale;
      scale *= 10;
      digits++;
    }
    const prefixLength = id.length - digits;
    const leadingZero = digits > 1 && id.charCodeAt(prefixLength) === 48;
    const beforeDigit = prefixLength > 0 && isDigit(id.charCodeAt(prefixLength - 1));
    if (digits === 0 || leadingZero || beforeDigit || number > MAX_NUMBER) {
      this.#setText(id);
      return;
    }
    const code = this.#prefixCode(id, prefixLength);
    if (code < 0) {
      this.#setText(id);
      return;
    }
    this.#prefix = code;
    this.#number = number;
  }

  #setText(id: string): void {
    this.#prefix = TEXT;
    this.#text = id;
  }

  /** Code of the first `length` characters of `id`, or -1 when no code is left. */
  #prefixCode(id: string, length: number): number {
    // Ids of one stream usually share a prefix, so the last one is checked first.
    const last = this.#lastPrefix;
    if (this.#lastPrefixCode >= 0 && last.length === length && id.startsWith(last)) {
      return this.#lastPrefixCode;
    }
    const prefix = id.slice(0, length);
    let code = this.#prefixes.lookup(prefix);
    if (code < 0) {
      if (this.#prefixes.size >= MAX_PREFIXES) return -1;
      code = this.#prefixes.encode(prefix);
      if (code >= this.#maxNumbers.length) {
        const grown = new Float64Array(this.#maxNumbers.length * 2).fill(-1);
        grown.set(this.#maxNumbers);
        this.#maxNumbers = grown;
      }
    }
    this.#lastPrefix = prefix;
    this.#lastPrefixCode = code;
    return code;
  }

  #hash(): number {
    return this.#prefix === TEXT ? hashText(this.#text) : hashNumber(this.#prefix, this.#number);
  }

  #hashOfSlot(slot: number): number {
    const prefix = this.#prefixCodes[slot];
    if (prefix === TEXT) return hashText((this.#texts as string[])[slot]);
    return hashNumber(prefix, this.#numbers[slot]);
  }

  /**
   * Table position where a probe for `hash` starts: the high 28 bits pick a
   * block of 16 entries by multiply-shift range reduction and the low 4 bits the
   * entry in it.
   */
  #home(hash: number): number {
    const block = Math.floor(((hash >>> 4) * (this.#size >>> 4)) / 268_435_456);
    return block * BLOCK + (hash & (BLOCK - 1));
  }

  /** Ring slot of the held id equal to the last parsed one, or -1. */
  #find(hash: number): number {
    const table = this.#table;
    const size = this.#size;
    if (size === 0) return -1;
    let index = this.#home(hash);
    for (;;) {
      const entry = table[2 * index];
      if (entry === EMPTY) return -1;
      if (table[2 * index + 1] === hash && this.#equalsParsed(entry - 1)) return entry - 1;
      index = index + 1 === size ? 0 : index + 1;
    }
  }

  #equalsParsed(slot: number): boolean {
    const prefix = this.#prefixCodes[slot];
    if (prefix !== this.#prefix) return false;
    if (prefix === TEXT) return (this.#texts as string[])[slot] === this.#text;
    return this.#numbers[slot] === this.#number;
  }

  #insert(hash: number, slot: number): void {
    const table = this.#table;
    const size = this.#size;
    let index = this.#home(hash);
    while (table[2 * index] !== EMPTY) index = index + 1 === size ? 0 : index + 1;
    table[2 * index] = slot + 1;
    table[2 * index + 1] = hash;
    this.#count++;
  }

  /** Empties table entry `index` and moves later entries of its probe run back into the gap. */
  #deleteAt(index: number): void {
    const table = this.#table;
    const size = this.#size;
    let gap = index;
    let next = gap + 1 === size ? 0 : gap + 1;
    while (table[2 * next] !== EMPTY) {
      const home = this.#home(table[2 * next + 1]);
      // The entry may fill the gap unless its home lies cyclically in (gap, next].
      const stays = gap <= next ? home > gap && home <= next : home > gap || home <= next;
      if (!stays) {
        table[2 * gap] = table[2 * next];
        table[2 * gap + 1] = table[2 * next + 1];
        gap = next;
      }
      next = next + 1 === size ? 0 : next + 1;
    }
    table[2 * gap] = EMPTY;
    this.#count--;
  }

  /** Rebuilds the table larger: room for four times the ids, up to the store's capacity. */
  #grow(): void {
    const old = this.#table;
    const count = this.#count;
    const target = Math.min(this.capacity, Math.max(1024, (count + 1) * 4));
    const size = BLOCK * Math.ceil(Math.max(count + 2, target / MAX_LOAD) / BLOCK);
    this.#table = new Uint32Array(2 * size);
    this.#size = size;
    this.#limit = Math.min(size - 1, Math.max(target, Math.floor(size * MAX_LOAD)));
    this.#count = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== EMPTY) this.#insert(old[i + 1], old[i] - 1);
    }
  }
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Hash of a numbered id, mixed in every bit. Keeping consecutive numbers in one
 * table block would save cache misses, but at high load whole blocks fill and
 * probe runs grow long, so they are spread like any other key.
 */
function hashNumber(prefix: number, number: number): number {
  let hash = Math.imul(number ^ Math.imul(prefix + 1, 0x27d4eb2d), 0x9e3779b1);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units, finished with a mix so the top bits spread. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return (hash ^ (hash >>> 13)) >>> 0;
}
