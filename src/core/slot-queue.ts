/** A growable first-in, first-out queue of ring slots over a circular Uint32Array. */
export class SlotQueue {
  #slots = new Uint32Array(16);
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  get byteLength(): number {
    return this.#slots.byteLength;
  }

  /** Slot at position `index`, counted from the oldest. */
  at(index: number): number {
    return this.#slots[(this.#head + index) & (this.#slots.length - 1)];
  }

  first(): number {
    return this.#slots[this.#head];
  }

  last(): number {
    return this.at(this.#length - 1);
  }

  push(slot: number): void {
    if (this.#length === this.#slots.length) this.#grow();
    this.#slots[(this.#head + this.#length) & (this.#slots.length - 1)] = slot;
    this.#length++;
  }

  dropFirst(): void {
    this.#head = (this.#head + 1) & (this.#slots.length - 1);
    this.#length--;
  }

  /** Removes the slot at position `index`, moving the later ones forward. */
  removeAt(index: number): void {
    for (let i = index; i < this.#length - 1; i++) {
      this.#slots[(this.#head + i) & (this.#slots.length - 1)] = this.at(i + 1);
    }
    this.#length--;
  }

  /** Doubles the buffer; the length is a power of two, so positions wrap with a mask. */
  #grow(): void {
    const grown = new Uint32Array(this.#slots.length * 2);
    for (let i = 0; i < this.#length; i++) grown[i] = this.at(i);
    this.#slots = grown;
    this.#head = 0;
  }
}
