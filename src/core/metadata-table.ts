import type { Metadata } from './types.js';

/** Most distinct metadata contents shared at once; further new contents are kept unshared. */
const MAX_SHARED = 65_536;

/**
 * The metadata of the rows in the store's ring, as a column of codes into a
 * table of objects. Rows whose metadata has equal contents (the same keys in the
 * same order with the same primitive values) share one object, so a stream whose
 * points carry a few distinct metadata objects costs 4 bytes per row instead of
 * one object per row. Shared objects are the first object appended with those
 * contents, so callers must not change metadata after appending it.
 *
 * Code 0 means no metadata. Each code counts the rows using it and is reused
 * once no held row does. Codes take 2 bytes until more than 65,535 objects are
 * held at once, then 4.
 */
export class MetadataTable {
  #codes: Uint16Array | Uint32Array | null = null;
  #length = 0;
  readonly #objects: (Metadata | undefined)[] = [undefined];
  readonly #keys: (string | undefined)[] = [undefined];
  #uses = new Uint32Array(16);
  readonly #free: number[] = [];
  readonly #byKey = new Map<string, number>();
  #lastObject: Metadata | undefined;
  #lastCode = 0;

  /** Bytes held by the code column, for memory statistics. */
  get byteLength(): number {
    return this.#codes === null ? 0 : this.#codes.byteLength;
  }

  /** Number of distinct metadata objects held. */
  get distinct(): number {
    return this.#objects.length - 1 - this.#free.length;
  }

  /** Grows the column to `length` slots; it is allocated only once metadata arrives. */
  reserve(length: number): void {
    this.#length = Math.max(this.#length, length);
    if (this.#codes !== null && this.#codes.length < length) this.#codes = this.#grown(length);
  }

  at(slot: number): Metadata | undefined {
    return this.#codes === null ? undefined : this.#objects[this.#codes[slot]];
  }

  /** Stores `metadata` for ring `slot`, which must hold none. */
  set(slot: number, metadata: Metadata | undefined): void {
    if (metadata === undefined) {
      if (this.#codes !== null) this.#codes[slot] = 0;
      return;
    }
    this.#codes ??= this.#grown(this.#length);
    const code = this.#intern(metadata);
    this.#uses[code]++;
    if (code > 0xffff && this.#codes instanceof Uint16Array)
      this.#codes = Uint32Array.from(this.#codes);
    this.#codes[slot] = code;
  }

  /** Drops the metadata of ring `slot`, as its row leaves the store. */
  release(slot: number): void {
    if (this.#codes === null) return;
    const code = this.#codes[slot];
    if (code === 0) return;
    this.#codes[slot] = 0;
    if (--this.#uses[code] > 0) return;
    const key = this.#keys[code];
    if (key !== undefined) this.#byKey.delete(key);
    if (this.#lastCode === code) this.#lastObject = undefined;
    this.#objects[code] = undefined;
    this.#keys[code] = undefined;
    this.#free.push(code);
  }

  /** Forgets every object; the column keeps its length, as the store's columns do. */
  clear(): void {
    this.#codes = null;
    this.#objects.length = 1;
    this.#keys.length = 1;
    this.#uses = new Uint32Array(16);
    this.#free.length = 0;
    this.#byKey.clear();
    this.#lastObject = undefined;
    this.#lastCode = 0;
  }

  #grown(length: number): Uint16Array | Uint32Array {
    const wide = this.#codes instanceof Uint32Array;
    const codes = wide ? new Uint32Array(length) : new Uint16Array(length);
    if (this.#codes !== null) codes.set(this.#codes);
    return codes;
  }

  #intern(metadata: Metadata): number {
    // A caller that passes one object for many points skips the key.
    if (metadata === this.#lastObject) return this.#lastCode;
    const key = contentKey(metadata);
    let code = key === undefined ? undefined : this.#byKey.get(key);
    if (code === undefined) {
      code = this.#allocate(metadata);
      if (key !== undefined && this.#byKey.size < MAX_SHARED) {
        this.#keys[code] = key;
        this.#byKey.set(key, code);
      }
    }
    this.#lastObject = metadata;
    this.#lastCode = code;
    return code;
  }

  #allocate(metadata: Metadata): number {
    const code = this.#free.pop() ?? this.#objects.length;
    this.#objects[code] = metadata;
    this.#keys[code] = undefined;
    if (code >= this.#uses.length) {
      const uses = new Uint32Array(this.#uses.length * 2);
      uses.set(this.#uses);
      this.#uses = uses;
    }
    this.#uses[code] = 0;
    return code;
  }
}

/**
 * A string that is equal for two metadata objects exactly when they have the
 * same own keys in the same order with the same values, or undefined when a
 * value is not a primitive a key can describe.
 */
function contentKey(metadata: Metadata): string | undefined {
  let key = '';
  for (const name of Object.keys(metadata)) {
    const value = metadata[name] as unknown;
    let text: string;
    switch (typeof value) {
      case 'string':
        text = `s${value.length}:${value}`;
        break;
      case 'number':
        text = Object.is(value, -0) ? 'n-0' : `n${value}`;
        break;
      case 'boolean':
        text = value ? 't' : 'f';
        break;
      default:
        if (value !== null) return undefined;
        text = 'z';
    }
    key += `${name.length}:${name}${text};`;
  }
  return key;
}
