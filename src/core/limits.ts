/** Longest accepted `id`, `category` or `source`, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 256;
/**
 * Largest epoch milliseconds, before or after 1970, that a Date can hold: 100,000,000 days. A
 * time past it has no calendar date, so no axis or cell could show it.
 */
export const MAX_EPOCH_MS = 8.64e15;

/** True for finite epoch milliseconds that a Date can hold. */
export function isEpochMs(time: number): boolean {
  return time >= -MAX_EPOCH_MS && time <= MAX_EPOCH_MS;
}
