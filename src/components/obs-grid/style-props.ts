import { noChange } from 'lit';
import { directive, Directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through CSSOM, as an element directive:
 * `<div ${styleProps({height: '10px', '--_x': '1'})}>`. Lit's `styleMap`
 * writes the `style` attribute on its first render, which a Content Security
 * Policy without `'unsafe-inline'` for style attributes blocks. CSSOM writes
 * are outside that policy.
 */
class StylePropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('styleProps must be used on an element, as <div ${styleProps({...})}>.');
    }
  }

  render(_props: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#previous) {
      if (!(name in props)) style.removeProperty(name);
    }
    for (const [name, value] of Object.entries(props)) {
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    }
    this.#previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
