import { html, type TemplateResult } from 'lit';

/**
 * A link that a column formatter returns in place of text. The grid renders
 * it as an `<a>` only when `href` is an http:, https: or relative URL, and as
 * plain text otherwise.
 */
export interface GridLink {
  href: string;
  /** Text of the link; defaults to `href`. */
  text?: string;
}

/** Characters that the URL parser removes anywhere: tab, line feed, carriage return. */
const TAB_OR_NEWLINE = /[\t\n\r]/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Returns whether `href` is safe to follow: an absolute http: or https: URL, or a
 * relative URL, which keeps the scheme of the page. The check reads the
 * scheme the way browsers parse it, after stripping edge controls and
 * removing tabs and newlines, so `java\tscript:` counts as `javascript:`.
 */
export function isSafeUrl(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  const cleaned = trimControls(href).replace(TAB_OR_NEWLINE, '');
  const scheme = SCHEME.exec(cleaned)?.[1].toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https';
}

/** Strips leading and trailing C0 controls and spaces (U+0000 to U+0020), as the URL parser does. */
function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/** Returns whether a formatter result is a GridLink: a plain object with a string `href`. */
export function isGridLink(value: unknown): value is GridLink {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as { href?: unknown }).href === 'string';
}

/** Returns the text a link shows, which is also what exports contain. */
export function linkText(link: GridLink): string {
  return typeof link.text === 'string' ? link.text : link.href;
}

/** Renders a checked link; callers show `linkText` as text when `isSafeUrl` rejects it. */
export function renderLink(link: GridLink): TemplateResult {
  return html`<a part="link" class="link" href=${link.href} rel="noopener noreferrer"
    >${linkText(link)}</a
  >`;
}

const LINK_SELECTOR = 'a[href], area[href], a[*|href]';

/**
 * Removes unsafe `href` attributes from links that formatter templates render.
 * A template is page code, so the grid cannot check its bindings before Lit
 * writes them; a MutationObserver reports each link and each `href` change and
 * strips a rejected URL in a microtask, before the browser paints or a click
 * can follow it. The link then renders as plain text.
 */
export class LinkGuard {
  #observer: MutationObserver | null = null;

  observe(root: Node): void {
    this.disconnect();
    this.#observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') this.#check(record.target);
        else record.addedNodes.forEach((node) => this.#check(node));
      }
    });
    this.#observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['href', 'xlink:href'],
    });
    this.#check(root);
  }

  disconnect(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #check(node: Node): void {
    if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return;
    if (node instanceof Element && node.matches(LINK_SELECTOR)) stripUnsafe(node);
    for (const link of node.querySelectorAll(LINK_SELECTOR)) stripUnsafe(link);
  }
}

function stripUnsafe(link: Element): void {
  for (const name of ['href', 'xlink:href']) {
    const value = link.getAttribute(name);
    if (value !== null && !isSafeUrl(value)) link.removeAttribute(name);
  }
  const namespaced = link.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
  if (namespaced !== null && !isSafeUrl(namespaced)) {
    link.removeAttributeNS('http://www.w3.org/1999/xlink', 'href');
  }
}
