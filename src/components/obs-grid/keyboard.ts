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
