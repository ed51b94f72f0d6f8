/**
 * Returns the display index that a navigation key moves the focus to, or null
 * when the key does not navigate. `current` is -1 when no row has focus, and
 * any navigation key then focuses the first row. `pageSize` is the number of
 * rows that fit in the viewport.
 */
export function navigationTarget(
  key: string,
  current: number,
  count: number,
  pageSize: number,
): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const page = Math.max(1, pageSize - 1);
  let target: number;
  switch (key) {
    case 'ArrowDown':
      target = current + 1;
      break;
    case 'ArrowUp':
      target = current - 1;
      break;
    case 'PageDown':
      target = current + page;
      break;
    case 'PageUp':
      target = current - page;
      break;
    case 'Home':
      target = 0;
      break;
    case 'End':
      target = last;
      break;
    default:
      return null;
  }
  if (current < 0 && key !== 'End') return 0;
  return Math.min(last, Math.max(0, target));
}

/**
 * Returns the column header index that a key moves the header focus to, or
 * null when the key does not move between headers.
 */
export function headerTarget(key: string, current: number, columnCount: number): number | null {
  if (columnCount === 0) return null;
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, current - 1);
    case 'ArrowRight':
      return Math.min(columnCount - 1, current + 1);
    case 'Home':
      return 0;
    case 'End':
      return columnCount - 1;
    default:
      return null;
  }
}

/** Grid state and operations that key presses map to. */
export interface GridKeyTarget {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Whole rows that fit in the viewport. */
  readonly pageSize: number;
  /** Display index of the row with keyboard focus, or -1. */
  readonly focusedIndex: number;
  /** Column index of the header with keyboard focus, or -1 while the focus is on the rows. */
  readonly focusedHeader: number;
  /** Moves the focus to a row and scrolls it into view; with `extend`, selects up to it. */
  focusRow(index: number, extend: boolean): void;
  focusHeader(index: number): void;
  /** Widens the column at `index` by `delta` pixels (narrows it when negative). */
  resizeHeader(index: number, delta: number): void;
  /** Sorts by the column at `index`; with `additive`, adds it as a further key. */
  sortByHeader(index: number, additive: boolean): void;
  activateFocusedRow(): void;
  toggleFocusedRow(range: boolean): void;
  selectAll(): void;
  clearSelection(): void;
}

/**
 * Applies a key press to the grid, following the ARIA grid pattern: arrows,
 * Page Up/Down, Home and End move the focus, ArrowUp from the first row
 * enters the header, Enter activates or sorts, Space selects, Ctrl-A or Cmd-A
 * selects all and Escape clears the selection. In the header, Shift with
 * ArrowLeft or ArrowRight resizes and Shift-Enter adds a sort key. Returns
 * whether the key was used, so the caller can prevent the browser's default.
 */
export function handleGridKey(event: KeyboardEvent, grid: GridKeyTarget): boolean {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
    grid.selectAll();
    return true;
  }
  if (grid.focusedHeader >= 0) return handleHeaderKey(event, grid);
  if (event.key === 'ArrowUp' && grid.focusedIndex <= 0 && grid.columnCount > 0) {
    grid.focusHeader(0);
    return true;
  }
  const target = navigationTarget(event.key, grid.focusedIndex, grid.rowCount, grid.pageSize);
  if (target !== null) {
    grid.focusRow(target, event.shiftKey);
    return true;
  }
  if (grid.focusedIndex < 0) return false;
  switch (event.key) {
    case 'Enter':
      grid.activateFocusedRow();
      return true;
    case ' ':
      grid.toggleFocusedRow(event.shiftKey);
      return true;
    case 'Escape':
      grid.clearSelection();
      return true;
    default:
      return false;
  }
}

/** Pixels that Shift with ArrowLeft or ArrowRight narrows or widens a column by. */
export const RESIZE_STEP = 10;

function handleHeaderKey(event: KeyboardEvent, grid: GridKeyTarget): boolean {
  const resize = { ArrowLeft: -RESIZE_STEP, ArrowRight: RESIZE_STEP }[event.key];
  if (event.shiftKey && resize !== undefined) {
    grid.resizeHeader(grid.focusedHeader, resize);
    return true;
  }
  const target = headerTarget(event.key, grid.focusedHeader, grid.columnCount);
  if (target !== null) {
    grid.focusHeader(target);
  } else if (event.key === 'ArrowDown') {
    grid.focusHeader(-1);
    if (grid.rowCount > 0) grid.focusRow(0, false);
  } else if (event.key === 'Enter' || event.key === ' ') {
    grid.sortByHeader(grid.focusedHeader, event.shiftKey);
  } else {
    return false;
  }
  return true;
}
