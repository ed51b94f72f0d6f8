/*
 * JSX declarations of the Observatory elements for React 19. Opt in from one file of the app:
 *
 *   import type {} from 'observatory/react';
 *
 * React 19 sets a prop as a property when the element has a property of that name (so
 * `columns`, `criteria` and `store` pass objects), as an attribute otherwise, and adds
 * `on<event-name>` props as event listeners, so `onobs-hover` listens to `obs-hover`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ElementProperties, ObservatoryElements } from './element-properties.js';

/** `on` plus the exact event name, as React 19 maps props of custom elements to listeners. */
type EventProps<Events> = {
  [Name in keyof Events as `on${Name & string}`]?: (event: Events[Name]) => void;
};

/** Props of one element in JSX: HTML attributes, the element's properties and its events. */
export type ReactElementProps<Tag extends keyof ObservatoryElements> = DetailedHTMLProps<
  HTMLAttributes<ObservatoryElements[Tag]['element']>,
  ObservatoryElements[Tag]['element']
> &
  ElementProperties<ObservatoryElements[Tag]['element']> &
  EventProps<ObservatoryElements[Tag]['events']>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'obs-stream': ReactElementProps<'obs-stream'>;
      'obs-chart': ReactElementProps<'obs-chart'>;
      'obs-grid': ReactElementProps<'obs-grid'>;
      'obs-filter': ReactElementProps<'obs-filter'>;
      'obs-perf': ReactElementProps<'obs-perf'>;
    }
  }
}
