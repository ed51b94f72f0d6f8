// Property types shared by the React and Vue declarations.
import type { LitElement } from 'lit';
import type { ObsChart, ObsChartEventMap } from '../obs-chart.js';
import type { ObsFilter, ObsFilterEventMap } from '../obs-filter.js';
import type { ObsGrid, ObsGridEventMap } from '../obs-grid.js';
import type { ObsPerf, ObsPerfEventMap } from '../obs-perf.js';
import type { ObsStream, ObsStreamEventMap } from '../obs-stream.js';

type IfEqual<X, Y, Then, Else> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? Then : Else;

/** Keys of `T` that can be assigned: read-only properties and getters are left out. */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEqual<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never>;
}[keyof T];

/**
 * The settable public properties an element adds to LitElement, without methods. Derived from
 * the class, so a property added to an element is typed in every framework without edits here.
 */
export type ElementProperties<E extends LitElement> = {
  [
    K in Exclude<WritableKeys<E>, keyof LitElement> as E[K] extends (...args: never[]) => unknown
      ? never
      : K
  ]?: E[K];
};

/** Each element with the map of the events it fires. */
export interface ObservatoryElements {
  'obs-stream': { element: ObsStream; events: ObsStreamEventMap };
  'obs-chart': { element: ObsChart; events: ObsChartEventMap };
  'obs-grid': { element: ObsGrid; events: ObsGridEventMap };
  'obs-filter': { element: ObsFilter; events: ObsFilterEventMap };
  'obs-perf': { element: ObsPerf; events: ObsPerfEventMap };
}
