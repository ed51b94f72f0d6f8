import { html, nothing, type TemplateResult } from 'lit';
import { FilterValidationError, parseCriteria, type FilterCriteria } from '../../core/criteria.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { QuerySyntaxError, parseQuery } from './query-text.js';

/**
 * A named filter offered as a button, for example
 * `{label: 'Last 5 minutes', query: 'timestamp > now - 5m'}` or
 * `{label: 'Anomalies', criteria: {logic: 'and', conditions: [...]}}`.
 * `criteria: null` or an empty `query` removes the filter.
 */
export interface FilterPreset {
  label: string;
  criteria?: FilterCriteria | null;
  query?: string;
}

/** A preset that passed validation, with its criteria resolved. */
export interface ResolvedPreset {
  label: string;
  criteria: FilterCriteria | null;
}

/** Presets offered; past this the rest are ignored, so a bad property cannot flood the toolbar. */
const MAX_PRESETS = 50;
const MAX_LABEL_LENGTH = 80;

function resolveOne(input: unknown): ResolvedPreset | string {
  if (input === null || typeof input !== 'object') return 'it is not an object';
  const record = input as Record<string, unknown>;
  const label = typeof record.label === 'string' ? record.label.trim() : '';
  if (label === '' || label.length > MAX_LABEL_LENGTH) {
    return `its label must be text of 1 to ${MAX_LABEL_LENGTH} characters`;
  }
  const hasCriteria = Object.hasOwn(record, 'criteria');
  const hasQuery = Object.hasOwn(record, 'query');
  if (hasCriteria === hasQuery) return `'${label}' needs either criteria or a query`;
  try {
    if (hasQuery) {
      if (typeof record.query !== 'string') return `the query of '${label}' is not text`;
      return { label, criteria: parseQuery(record.query) };
    }
    const criteria = record.criteria === null ? null : parseCriteria(record.criteria);
    return { label, criteria };
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      return `the query of '${label}' is invalid at character ${error.position + 1}: ${error.message}`;
    }
    if (error instanceof FilterValidationError) return `'${label}' is invalid: ${error.message}`;
    throw error;
  }
}

/**
 * Validates presets, keeping the valid ones in order, and warns once with the
 * reason each rejected preset was left out.
 */
export function resolvePresets(input: unknown): ResolvedPreset[] {
  const { presets, problems } = checkPresets(input);
  if (problems.length > 0) {
    warnOnce('filter-presets', `<obs-filter> left out presets: ${problems.join('; ')}`);
  }
  return presets;
}

function checkPresets(input: unknown): { presets: ResolvedPreset[]; problems: string[] } {
  if (!Array.isArray(input)) {
    return {
      presets: [],
      problems: input === null || input === undefined ? [] : ['presets must be an array'],
    };
  }
  const presets: ResolvedPreset[] = [];
  const problems: string[] = [];
  for (const [index, item] of input.slice(0, MAX_PRESETS).entries()) {
    const result = resolveOne(item);
    if (typeof result === 'string') problems.push(`preset ${index + 1}: ${result}`);
    else presets.push(result);
  }
  if (input.length > MAX_PRESETS) problems.push(`only the first ${MAX_PRESETS} presets are used`);
  return { presets, problems };
}

/**
 * Renders the presets as toggle buttons; the one whose criteria are applied
 * is pressed. `isActive` compares a preset's criteria with the applied ones.
 */
export function renderPresets(
  presets: readonly ResolvedPreset[],
  isActive: (criteria: FilterCriteria | null) => boolean,
  pick: (preset: ResolvedPreset) => void,
): TemplateResult | typeof nothing {
  if (presets.length === 0) return nothing;
  return html`<div part="presets" class="presets" role="group" aria-label="Preset filters">
    ${presets.map(
      (preset) =>
        html`<button
          type="button"
          part="preset"
          aria-pressed=${isActive(preset.criteria) ? 'true' : 'false'}
          @click=${() => pick(preset)}
        >
          ${preset.label}
        </button>`,
    )}
  </div>`;
}
