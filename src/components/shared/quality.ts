/** Rendering quality of the page: elements draw less often and with less detail at lower levels. */
export type QualityLevel = 'high' | 'medium' | 'low';

/** The levels from best to cheapest. */
export const QUALITY_LEVELS: readonly QualityLevel[] = ['high', 'medium', 'low'];

/** Behaviour of the elements at one quality level. */
export interface QualitySettings {
  /**
   * Minimum milliseconds between two draws through an element's render
   * controller, such as a chart's canvas; 0 draws in every frame with new data.
   */
  updateIntervalMs: number;
  /**
   * Points a chart draws per device pixel column. 4 is M4 (first, last, min
   * and max per column), which is pixel-exact for lines; fewer points come
   * from a canvas with fewer pixel columns.
   */
  pointsPerColumn: number;
  /** Rows a grid renders beyond each edge of its viewport. */
  gridOverscanRows: number;
  /** Whether elements run animations and transitions. */
  animations: boolean;
}

export const QUALITY_SETTINGS: Readonly<Record<QualityLevel, Readonly<QualitySettings>>> = {
  high: { updateIntervalMs: 0, pointsPerColumn: 4, gridOverscanRows: 8, animations: true },
  medium: { updateIntervalMs: 100, pointsPerColumn: 4, gridOverscanRows: 4, animations: true },
  low: { updateIntervalMs: 250, pointsPerColumn: 2, gridOverscanRows: 1, animations: false },
};

/** Returns `value` as a quality level, or null when it is not one (unset, `auto` or a typo). */
export function parseQuality(value: unknown): QualityLevel | null {
  if (typeof value !== 'string') return null;
  const level = value.trim().toLowerCase();
  return (QUALITY_LEVELS as readonly string[]).includes(level) ? (level as QualityLevel) : null;
}

/** Returns the next cheaper level, or null at `low`. */
export function lowerQuality(level: QualityLevel): QualityLevel | null {
  return QUALITY_LEVELS[QUALITY_LEVELS.indexOf(level) + 1] ?? null;
}

/** Returns the next better level, or null at `high`. */
export function higherQuality(level: QualityLevel): QualityLevel | null {
  const index = QUALITY_LEVELS.indexOf(level);
  return index > 0 ? QUALITY_LEVELS[index - 1] : null;
}
