import type { Metadata } from './types.js';

/** Most distinct metadata contents shared at once; further new contents are kept unshared. */
const MAX_SHARED = 65_536;
/** Number of objects remembered by identity and of shared codes compared first. */
const RECENT = 4;

/**
 * The metadata of the rows in the store's ring, as a column of codes into a
 * table of objects. Rows whose metadata has equal contents (the same own keys
 * with the same primitive values) share one object, so a stream whose points
 * carry a few distinct metadata objects costs 2 bytes per row instead of one
 * object per row. Shared objects are the first object appended with those
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
  /** Content hash of each shared code, or -1 for a code kept unshared. */
  readonly #hashes: number[] = [-1];
  /** Own keys of each shared object, so comparing with it skips one key walk. */
  readonly #keyLists: (string[] | undefined)[] = [undefined];
  #uses = new Uint32Array(16);
  readonly #free: number[] = [];
  /** Shared codes by content hash; a hash with several codes lists them all. */
  readonly #byHash = new Map<number, number | number[]>();
  #shared = 0;
  /**
   * The last few objects interned and their codes. Callers that pass one object
   * for many points, such as a stream's string table, skip the hash.
   */
  readonly #recentObjects: (Metadata | undefined)[] = new Array(RECENT).fill(undefined);
  readonly #recentCodes = new Int32Array(RECENT);
  #nextRecent = 0;
  /** Shared codes found last, compared by content before hashing. Code 0 marks a free entry. */
  readonly #recentShared = new Int32Array(RECENT);
  #nextShared = 0;

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
    const hash = this.#hashes[code];
    if (hash >= 0) this.#unshare(hash, code);
    for (let i = 0; i < RECENT; i++) {
      if (this.#recentCodes[i] === code) this.#recentObjects[i] = undefined;
      if (this.#recentShared[i] === code) this.#recentShared[i] = 0;
    }
    this.#objects[code] = undefined;
    this.#hashes[code] = -1;
    this.#keyLists[code] = undefined;
    this.#free.push(code);
  }

  /** Forgets every object; the column keeps its length, as the store's columns do. */
  clear(): void {
    this.#codes = null;
    this.#objects.length = 1;
    this.#hashes.length = 1;
    this.#keyLists.length = 1;
    this.#uses = new Uint32Array(16);
    this.#free.length = 0;
    this.#byHash.clear();
    this.#shared = 0;
    this.#recentObjects.fill(undefined);
    this.#recentShared.fill(0);
  }

  #grown(length: number): Uint16Array | Uint32Array {
    const wide = this.#codes instanceof Uint32Array;
    const codes = wide ? new Uint32Array(length) : new Uint16Array(length);
    if (this.#codes !== null) codes.set(this.#codes);
    return codes;
  }

  #intern(metadata: Metadata): number {
    const recent = this.#recentObjects;
    for (let i = 0; i < RECENT; i++) if (recent[i] === metadata) return this.#recentCodes[i];
    let code = this.#findRecentShared(metadata);
    if (code !== undefined) return code;
    const hash = contentHash(metadata);
    code = hash < 0 ? undefined : this.#findShared(hash, metadata);
    if (code === undefined) {
      code = this.#allocate(metadata);
      if (hash >= 0 && this.#shared < MAX_SHARED) this.#share(hash, code);
    }
    recent[this.#nextRecent] = metadata;
    this.#recentCodes[this.#nextRecent] = code;
    this.#nextRecent = (this.#nextRecent + 1) % RECENT;
    if (this.#hashes[code] >= 0) {
      this.#recentShared[this.#nextShared] = code;
      this.#nextShared = (this.#nextShared + 1) % RECENT;
    }
    return code;
  }

  /**
   * Returns the recently found shared code whose object has the contents of `metadata`. A
   * stream of fresh objects usually cycles through a few contents, and comparing values with a
   * few shared objects costs less than hashing every key and string.
   */
  #findRecentShared(metadata: Metadata): number | undefined {
    const codes = this.#recentShared;
    for (let i = 0; i < RECENT; i++) {
      const code = codes[i];
      if (code === 0) continue;
      const keys = this.#keyLists[code] as string[];
      const shared = this.#objects[code] as Metadata;
      let same = true;
      for (const name of keys) {
        if (!Object.is(shared[name], metadata[name]) || !Object.hasOwn(metadata, name)) {
          same = false;
          break;
        }
      }
      if (same && countOwnKeys(metadata) === keys.length) return code;
    }
    return undefined;
  }

  #findShared(hash: number, metadata: Metadata): number | undefined {
    const codes = this.#byHash.get(hash);
    if (codes === undefined) return undefined;
    if (typeof codes === 'number') {
      return this.#sameContent(codes, metadata) ? codes : undefined;
    }
    return codes.find((code) => this.#sameContent(code, metadata));
  }

  #share(hash: number, code: number): void {
    const codes = this.#byHash.get(hash);
    if (codes === undefined) this.#byHash.set(hash, code);
    else if (typeof codes === 'number') this.#byHash.set(hash, [codes, code]);
    else codes.push(code);
    this.#hashes[code] = hash;
    this.#keyLists[code] = ownKeys(this.#objects[code] as Metadata);
    this.#shared++;
  }

  #unshare(hash: number, code: number): void {
    const codes = this.#byHash.get(hash);
    if (codes === code) this.#byHash.delete(hash);
    else if (Array.isArray(codes)) {
      codes.splice(codes.indexOf(code), 1);
      if (codes.length === 1) this.#byHash.set(hash, codes[0]);
    }
    this.#shared--;
  }

  /**
   * Returns whether `metadata`, the object `contentHash` last walked, has the
   * same own keys as shared `code` with equal values by `Object.is`.
   */
  #sameContent(code: number, metadata: Metadata): boolean {
    const keys = this.#keyLists[code] as string[];
    if (keys.length !== walkedKeys) return false;
    const shared = this.#objects[code] as Metadata;
    for (const name of keys) {
      if (!Object.hasOwn(metadata, name) || !Object.is(shared[name], metadata[name])) return false;
    }
    return true;
  }

  #allocate(metadata: Metadata): number {
    const code = this.#free.pop() ?? this.#objects.length;
    this.#objects[code] = metadata;
    this.#hashes[code] = -1;
    if (code >= this.#uses.length) {
      const uses = new Uint32Array(this.#uses.length * 2);
      uses.set(this.#uses);
      this.#uses = uses;
    }
    this.#uses[code] = 0;
    return code;
  }
}

/** Number of own keys the last `contentHash` call walked. */
let walkedKeys = 0;
const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);

/** Mixes the UTF-16 code units of `text` into `hash` (FNV-1a steps). */
function mixText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ text.length, 0x01000193);
}

/**
 * Returns a 31-bit hash of a metadata object's own keys, in order, and their
 * values, or -1 when a value is not a primitive that `sameContent` can compare.
 */
function contentHash(metadata: Metadata): number {
  let hash = 0x811c9dc5;
  walkedKeys = 0;
  for (const name in metadata) {
    if (!Object.hasOwn(metadata, name)) continue;
    walkedKeys++;
    hash = mixText(hash, name);
    const value = metadata[name] as unknown;
    switch (typeof value) {
      case 'string':
        hash = mixText(hash ^ 1, value);
        break;
      case 'number':
        numberBits[0] = value;
        hash = Math.imul(hash ^ numberWords[0], 0x01000193);
        hash = Math.imul(hash ^ numberWords[1] ^ 2, 0x01000193);
        break;
      case 'boolean':
        hash = Math.imul(hash ^ (value ? 3 : 4), 0x01000193);
        break;
      default:
        if (value !== null) return -1;
        hash = Math.imul(hash ^ 5, 0x01000193);
    }
  }
  return hash & 0x7fffffff;
}

function countOwnKeys(metadata: Metadata): number {
  let count = 0;
  for (const name in metadata) if (Object.hasOwn(metadata, name)) count++;
  return count;
}

function ownKeys(metadata: Metadata): string[] {
  const keys: string[] = [];
  for (const name in metadata) if (Object.hasOwn(metadata, name)) keys.push(name);
  return keys;
}
