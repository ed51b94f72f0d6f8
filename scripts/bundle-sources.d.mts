// Types of bundle-sources.mjs for the TypeScript tests.
export function decodeSegment(text: string): number[];
export function piecesBySource(
  code: string,
  map: { mappings: string; sources: string[] },
): [string, string][];
export function costs(
  pieces: [string, string][],
  keyOf: (source: string) => string,
): [string, number, number][];
export function groupOf(source: string): string;
