/** A chart in a sync group: what it shows when another member moves its crosshair or window. */
export interface SyncMember {
  /** Shows the crosshair at `time`, or hides it for null. */
  syncCursor(time: number | null): void;
  /** Shows the time range `times`, or follows the newest data again for null. */
  syncWindow(times: [number, number] | null): void;
}

interface Group {
  members: Set<SyncMember>;
  /** The window the group last agreed on, which a chart joining later adopts. */
  window: [number, number] | null;
}

/** Groups by name, across the whole page, so charts of different streams and roots can link. */
const groups = new Map<string, Group>();

/**
 * Membership of one chart in a named sync group. Every member passes its
 * crosshair time and its time window to the others, never back to itself.
 */
export class ChartSync {
  readonly #member: SyncMember;
  #name: string | null = null;

  constructor(member: SyncMember) {
    this.#member = member;
  }

  get group(): string | null {
    return this.#name;
  }

  /** Joins the group `name` (leaving any other), or only leaves for null or blank. */
  join(name: string | null): void {
    const trimmed = name?.trim() ?? '';
    const next = trimmed === '' ? null : trimmed;
    if (next === this.#name) return;
    this.leave();
    if (next === null) return;
    let group = groups.get(next);
    if (group === undefined) {
      group = { members: new Set(), window: null };
      groups.set(next, group);
    }
    group.members.add(this.#member);
    this.#name = next;
    if (group.window !== null) this.#member.syncWindow([group.window[0], group.window[1]]);
  }

  leave(): void {
    if (this.#name === null) return;
    const group = groups.get(this.#name);
    group?.members.delete(this.#member);
    if (group !== undefined && group.members.size === 0) groups.delete(this.#name);
    this.#name = null;
  }

  /** Moves the crosshair of the other members. */
  cursor(time: number | null): void {
    for (const member of this.#others()) member.syncCursor(time);
  }

  /** Sets the time window of the other members and remembers it for charts that join later. */
  window(times: [number, number] | null): void {
    const group = this.#name === null ? undefined : groups.get(this.#name);
    if (group === undefined) return;
    group.window = times === null ? null : [times[0], times[1]];
    for (const member of this.#others()) {
      member.syncWindow(times === null ? null : [times[0], times[1]]);
    }
  }

  #others(): SyncMember[] {
    const group = this.#name === null ? undefined : groups.get(this.#name);
    if (group === undefined) return [];
    return [...group.members].filter((member) => member !== this.#member);
  }
}
