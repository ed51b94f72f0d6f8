/** Number of series colours; series past this reuse them in order. */
export const SERIES_COLOR_COUNT = 8;

/** Colours and font of one frame, read from the element's computed style. */
export interface ChartColors {
  background: string;
  text: string;
  grid: string;
  threshold: string;
  region: string;
  series: string[];
  fontFamily: string;
}

const LIGHT = {
  background: '#ffffff',
  text: '#1f2328',
  grid: '#d8dee4',
  threshold: '#cf222e',
  region: '#d97706',
  series: ['#2563eb', '#ea580c', '#16a34a', '#dc2626', '#9333ea', '#0891b2', '#a16207', '#db2777'],
};

const DARK = {
  background: '#0d1117',
  text: '#e6edf3',
  grid: '#30363d',
  threshold: '#ff7b72',
  region: '#fbbf24',
  series: ['#60a5fa', '#fb923c', '#4ade80', '#f87171', '#c084fc', '#22d3ee', '#facc15', '#f472b6'],
};

/** Declarations that map the public `--obs-*` properties, with defaults, onto the ones the chart reads. */
function paletteDeclarations(palette: typeof LIGHT): string {
  const lines = [
    `--_obs-background: var(--obs-chart-background, ${palette.background});`,
    `--_obs-text: var(--obs-text, ${palette.text});`,
    `--_obs-grid: var(--obs-grid-line, ${palette.grid});`,
    `--_obs-threshold: var(--obs-threshold-line, ${palette.threshold});`,
    `--_obs-region: var(--obs-region, ${palette.region});`,
  ];
  palette.series.forEach((color, index) => {
    lines.push(`--_obs-series-${index}: var(--obs-series-${index}, ${color});`);
  });
  return lines.join('\n');
}

/**
 * CSS text for the theme: light by default, dark when the system prefers it
 * unless `theme="light"`, and dark whenever `theme="dark"`.
 */
export const THEME_CSS = `
:host {
${paletteDeclarations(LIGHT)}
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme='light'])) {
${paletteDeclarations(DARK)}
    color-scheme: dark;
  }
}
:host([theme='dark']) {
${paletteDeclarations(DARK)}
  color-scheme: dark;
}
`;

/** Reads the resolved theme colours of `host`, falling back to the light palette for empty values. */
export function readChartColors(host: HTMLElement): ChartColors {
  const style = getComputedStyle(host);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const series: string[] = [];
  for (let index = 0; index < SERIES_COLOR_COUNT; index++) {
    series.push(read(`--_obs-series-${index}`, LIGHT.series[index]));
  }
  return {
    background: read('--_obs-background', LIGHT.background),
    text: read('--_obs-text', LIGHT.text),
    grid: read('--_obs-grid', LIGHT.grid),
    threshold: read('--_obs-threshold', LIGHT.threshold),
    region: read('--_obs-region', LIGHT.region),
    series,
    fontFamily: style.fontFamily || 'sans-serif',
  };
}
