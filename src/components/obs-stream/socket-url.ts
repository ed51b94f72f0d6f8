const SCHEMES: Record<string, string> = {
  'ws:': 'ws:',
  'wss:': 'wss:',
  'http:': 'ws:',
  'https:': 'wss:',
};

/**
 * Resolves `url` against `base` (usually the page) and turns http: into ws:
 * and https: into wss:, so `/ws` works on any page the server serves. Any
 * other scheme, such as `javascript:`, is rejected.
 */
export function resolveSocketUrl(url: string, base: string): { url: string } | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return { error: `url '${url}' is not a valid URL` };
  }
  const scheme = Object.hasOwn(SCHEMES, parsed.protocol) ? SCHEMES[parsed.protocol] : undefined;
  if (scheme === undefined) {
    return { error: `url '${url}' must use ws:, wss:, http: or https:, not ${parsed.protocol}` };
  }
  parsed.protocol = scheme;
  parsed.hash = '';
  return { url: parsed.href };
}
