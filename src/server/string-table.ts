/**
 * The server's table of strings that columnar and binary data refer to by code: categories,
 * sources, id prefixes and metadata JSON. Codes are assigned once and never change, so one
 * encoded frame serves every client, and each client only needs the entries added since it
 * last received strings.
 * NOTE: entries are never removed, so a source that produces unbounded distinct categories,
 * sources, id prefixes or metadata grows the table without bound. The generator and host
 * metrics produce a few dozen entries. A replay adds each distinct string of its files once,
 * and looping adds one `<prefix>@loop` entry per prefix of ids without a number, however often
 * it loops.
 */
export class ServerStringTable {
  readonly #codes = new Map<string, number>();
  readonly #strings: string[] = [];
  readonly #json: (string | undefined)[] = [];
  readonly #metadataCodes = new WeakMap<object, number>();

  get length(): number {
    return this.#strings.length;
  }

  /** Returns the code of `text`, adding it when new. */
  code(text: string): number {
    let code = this.#codes.get(text);
    if (code === undefined) {
      code = this.#strings.length;
      this.#strings.push(text);
      this.#codes.set(text, code);
    }
    return code;
  }

  /**
   * Returns the code of the JSON text of `metadata`. The generator reuses metadata objects, so
   * the text is built once per object rather than once per point.
   */
  metadataCode(metadata: object): number {
    let code = this.#metadataCodes.get(metadata);
    if (code === undefined) {
      code = this.code(JSON.stringify(metadata));
      this.#metadataCodes.set(metadata, code);
    }
    return code;
  }

  at(code: number): string {
    return this.#strings[code];
  }

  /** Returns entry `code` as a JSON string literal, built once. */
  json(code: number): string {
    let text = this.#json[code];
    if (text === undefined) {
      text = JSON.stringify(this.#strings[code]);
      this.#json[code] = text;
    }
    return text;
  }

  /** Returns the entries from `start` to the end. */
  from(start: number): string[] {
    return this.#strings.slice(start);
  }
}
