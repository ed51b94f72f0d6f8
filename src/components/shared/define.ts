import { warnOnce } from './dev-warnings.js';

/**
 * Registers `element` as `tag` unless the tag is taken, so loading the bundle
 * twice, or beside the npm build, never throws.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, element);
  } else if (existing !== element) {
    warnOnce(
      `redefine-${tag}`,
      `<${tag}> is already defined by another copy of Observatory; keeping the first.`,
    );
  }
}
