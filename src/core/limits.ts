/** Longest accepted `id`, `category` or `source`, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 256;
