/**
 * A string table that codes each distinct string as a small integer, so columns
 * can hold codes in a typed array instead of one string reference per row.
 */
export class Dictionary {
  readonly #codes = new Map<string, number>();
  readonly #strings: string[] = [];

  /** Returns the code of `value`, adding it to the table if it is new. */
  encode(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.#strings.length;
      this.#strings.push(value);
      this.#codes.set(value, code);
    }
    return code;
  }

  /** Returns the code of `value`, or -1 when the table has never seen it. */
  lookup(value: string): number {
    return this.#codes.get(value) ?? -1;
  }

  decode(code: number): string {
    return this.#strings[code];
  }

  get size(): number {
    return this.#strings.length;
  }

  values(): readonly string[] {
    return this.#strings;
  }

  clear(): void {
    this.#codes.clear();
    this.#strings.length = 0;
  }
}
