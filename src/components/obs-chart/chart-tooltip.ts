import type { Hover, HoveredValue } from './chart-hover.js';
import type { ValueFormatter } from './value-format.js';

/** Distance between the pointer and the tooltip, in CSS pixels. */
const OFFSET = 12;

/** One series line of the tooltip, with the colour last written to it. */
interface TooltipRow {
  element: HTMLDivElement;
  swatch: HTMLSpanElement;
  name: Text;
  value: Text;
  color: string;
}

/** Returns the time the tooltip shows: that of the hovered point nearest to the crosshair. */
export function tooltipTime(hover: Hover): number {
  let best: HoveredValue | null = null;
  for (const value of hover.values) {
    if (best === null || Math.abs(value.time - hover.time) < Math.abs(best.time - hover.time)) {
      best = value;
    }
  }
  return best === null ? hover.time : best.time;
}

/**
 * The hover tooltip beside the crosshair, on the side with more room. It
 * builds its elements once and on each move writes only the text and styles
 * that changed. Series names, region labels and values are set as text
 * nodes, so markup in them never runs. Styles are set through the CSSOM,
 * which a Content Security Policy without `style-src-attr 'unsafe-inline'`
 * allows.
 */
export class ChartTooltip {
  readonly #element: HTMLDivElement;
  readonly #time: Text;
  readonly #regions: HTMLDivElement;
  readonly #rows: TooltipRow[] = [];
  #regionText = '';
  #transform = '';

  constructor() {
    this.#element = document.createElement('div');
    this.#element.className = 'tooltip';
    this.#element.setAttribute('part', 'tooltip');
    const time = document.createElement('div');
    time.className = 'tooltip-time';
    this.#time = document.createTextNode('');
    time.append(this.#time);
    // Region labels change only when the crosshair crosses a region's edge, so they share one box.
    this.#regions = document.createElement('div');
    this.#regions.className = 'tooltip-regions';
    this.#element.append(time, this.#regions);
  }

  /**
   * Shows `hover` in `layer`, or removes the tooltip for null or for a hover
   * without values.
   */
  render(
    layer: HTMLElement,
    hover: Hover | null,
    plotWidth: number,
    formatTime: (time: number) => string,
    formatValue: ValueFormatter,
  ): void {
    if (hover === null || hover.values.length === 0) {
      this.#element.remove();
      return;
    }
    setText(this.#time, formatTime(tooltipTime(hover)));
    this.#renderRegions(hover.regions);
    this.#renderRows(hover.values, formatValue);
    const flip = hover.x > plotWidth / 2;
    const x = flip ? `calc(${hover.x - OFFSET}px - 100%)` : `${hover.x + OFFSET}px`;
    // A transform moves the tooltip without a layout of the chart, unlike left and top.
    const transform = `translate(${x}, ${Math.max(0, hover.y - OFFSET)}px)`;
    if (transform !== this.#transform) {
      this.#transform = transform;
      this.#element.style.setProperty('transform', transform);
    }
    if (this.#element.parentNode !== layer) layer.append(this.#element);
  }

  #renderRegions(labels: readonly string[]): void {
    const text = labels.join('\n');
    if (text === this.#regionText) return;
    this.#regionText = text;
    this.#regions.replaceChildren(
      ...labels.map((label) => {
        const element = document.createElement('div');
        element.className = 'tooltip-region';
        element.textContent = label;
        return element;
      }),
    );
  }

  #renderRows(values: readonly HoveredValue[], formatValue: ValueFormatter): void {
    while (this.#rows.length < values.length) this.#rows.push(createRow());
    values.forEach((value, index) => {
      const row = this.#rows[index];
      if (row.element.parentNode !== this.#element) this.#element.append(row.element);
      setText(row.name, value.series);
      setText(row.value, formatValue(value.value));
      if (row.color !== value.color) {
        row.color = value.color;
        row.swatch.style.setProperty('background', value.color);
      }
    });
    for (let index = values.length; index < this.#rows.length; index++) {
      this.#rows[index].element.remove();
    }
  }
}

function createRow(): TooltipRow {
  const element = document.createElement('div');
  element.className = 'tooltip-row';
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  const nameElement = document.createElement('span');
  nameElement.className = 'name';
  const name = document.createTextNode('');
  nameElement.append(name);
  const valueElement = document.createElement('span');
  valueElement.className = 'value';
  const value = document.createTextNode('');
  valueElement.append(value);
  element.append(swatch, nameElement, valueElement);
  return { element, swatch, name, value, color: '' };
}

/** Writes `text` to a text node only when it differs, as every write invalidates layout. */
function setText(node: Text, text: string): void {
  if (node.data !== text) node.data = text;
}
