// Light and dark themes of every element: the `theme` attribute wins over the system's
// prefers-color-scheme, and text keeps a WCAG AA contrast of 4.5:1 with its background.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';

type Rgb = [number, number, number];

/**
 * Resolves any CSS colour to RGB through the browser's own parser, inside `context` so that
 * `light-dark()` picks the variant of the context's color-scheme.
 */
function toRgb(color: string, context: Element | ShadowRoot = document.body): Rgb {
  const probe = document.createElement('span');
  probe.style.color = color;
  context.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  const channels = resolved.match(/[\d.]+/g);
  if (channels === null || channels.length < 3) throw new Error(`cannot read colour ${color}`);
  return [Number(channels[0]), Number(channels[1]), Number(channels[2])];
}

/** Relative luminance as WCAG 2 defines it, from 0 for black to 1 for white. */
function luminance([red, green, blue]: Rgb): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** Contrast ratio of two resolved colours, from 1 to 21. */
function contrast(first: Rgb, second: Rgb): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** Text and background colours of one element, as its styles resolve them. */
interface Palette {
  text: Rgb;
  muted?: Rgb;
  background: Rgb;
}

function hostPalette(element: HTMLElement, mutedProperty?: string): Palette {
  const style = getComputedStyle(element);
  const muted = mutedProperty ? style.getPropertyValue(mutedProperty).trim() : undefined;
  return {
    text: toRgb(style.color),
    muted: muted === undefined ? undefined : toRgb(muted, element.shadowRoot!),
    background: toRgb(style.backgroundColor),
  };
}

/** How each element exposes its palette; the chart draws on a canvas from custom properties. */
const ELEMENTS: Record<string, (element: HTMLElement) => Palette> = {
  'obs-chart': (element) => {
    const style = getComputedStyle(element);
    return {
      text: toRgb(style.getPropertyValue('--_obs-text').trim(), element.shadowRoot!),
      background: toRgb(style.getPropertyValue('--_obs-background').trim(), element.shadowRoot!),
    };
  },
  'obs-grid': (element) => hostPalette(element),
  'obs-filter': (element) => hostPalette(element, '--_muted'),
  'obs-perf': (element) => hostPalette(element),
};

async function render(tag: string, theme: string | null): Promise<HTMLElement> {
  const element = await fixture<HTMLElement>(html`<div></div>`);
  const child = document.createElement(tag);
  if (theme !== null) child.setAttribute('theme', theme);
  element.append(child);
  await (child as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return child;
}

const isDark = (palette: Palette) => luminance(palette.background) < 0.2;

describe('element themes', () => {
  after(() => emulateMedia({ colorScheme: 'light' }));

  for (const [tag, paletteOf] of Object.entries(ELEMENTS)) {
    for (const theme of ['light', 'dark']) {
      it(`${tag} ${theme} text contrast`, async () => {
        const palette = paletteOf(await render(tag, theme));
        expect(isDark(palette), 'dark background').to.equal(theme === 'dark');
        expect(contrast(palette.text, palette.background), 'text').to.be.at.least(4.5);
        if (palette.muted !== undefined) {
          expect(contrast(palette.muted, palette.background), 'muted text').to.be.at.least(4.5);
        }
      });
    }

    it(`${tag} follows prefers-color-scheme`, async () => {
      await emulateMedia({ colorScheme: 'dark' });
      expect(isDark(paletteOf(await render(tag, null))), 'system dark').to.equal(true);
      expect(isDark(paletteOf(await render(tag, 'light'))), 'theme="light"').to.equal(false);
      await emulateMedia({ colorScheme: 'light' });
      expect(isDark(paletteOf(await render(tag, null))), 'system light').to.equal(false);
      expect(isDark(paletteOf(await render(tag, 'dark'))), 'theme="dark"').to.equal(true);
    });
  }
});
