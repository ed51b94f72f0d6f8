/*
 * Declarations of the Observatory elements for Vue 3 templates (vue-tsc and editors). Opt in
 * from one file of the app:
 *
 *   import type {} from 'observatory/vue';
 *
 * Vue must also treat the tags as custom elements: set
 * `compilerOptions.isCustomElement = (tag) => tag.startsWith('obs-')`. Vue binds a prop as a
 * property when the element has one of that name, so `:columns`, `:criteria` and `:store`
 * pass objects, and `@obs-hover` listens to the `obs-hover` event.
 */
import type { DefineComponent } from 'vue';
import type { ElementProperties, ObservatoryElements } from './element-properties.js';

type Camelize<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camelize<Tail>>}`
  : Name;

/** `@obs-hover` in a template is the prop `onObsHover`. */
type EventProps<Events> = {
  [Name in keyof Events as `on${Capitalize<Camelize<Name & string>>}`]?: (
    event: Events[Name],
  ) => void;
};

/** Props of one element in a Vue template: its properties and its events. */
export type VueElementProps<Tag extends keyof ObservatoryElements> = ElementProperties<
  ObservatoryElements[Tag]['element']
> &
  EventProps<ObservatoryElements[Tag]['events']>;

declare module 'vue' {
  interface GlobalComponents {
    'obs-stream': DefineComponent<VueElementProps<'obs-stream'>>;
    'obs-chart': DefineComponent<VueElementProps<'obs-chart'>>;
    'obs-grid': DefineComponent<VueElementProps<'obs-grid'>>;
    'obs-filter': DefineComponent<VueElementProps<'obs-filter'>>;
    'obs-perf': DefineComponent<VueElementProps<'obs-perf'>>;
  }
}
