import { warnOnce } from './dev-warnings.js';

/**
 * Registers `element` as `tag` unless the tag is taken, so loading the bundle twice, or the
 * bundle beside the npm build, never throws. The first definition wins; development builds
 * warn once when it came from another copy of Observatory.
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
