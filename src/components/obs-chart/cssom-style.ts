import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline styles through the CSSOM (`style.setProperty`) on every render.
 * Lit's `styleMap` (lit-html 3.3) writes a `style` attribute on the first
 * render, which a Content Security Policy without `style-src-attr
 * 'unsafe-inline'` blocks, while CSSOM writes are allowed. Every render must
 * set the same property names, as properties left out are not removed.
 */
class CssomStyle extends Directive {
  /** Values set on the last render; the element's own serialisation of a colour can differ. */
  readonly #previous = new Map<string, string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('cssomStyle must be used on an element, as in <div ${cssomStyle({...})}>.');
    }
  }

  render(_styles: Readonly<Record<string, string>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]): typeof nothing {
    const { style } = part.element as HTMLElement;
    for (const [name, value] of Object.entries(styles)) {
      if (this.#previous.get(name) === value) continue;
      this.#previous.set(name, value);
      style.setProperty(name, value);
    }
    return nothing;
  }
}

export const cssomStyle = directive(CssomStyle);
