/** Detail of `obs-zoom`. `domain` is the time range shown, or null when the chart follows the newest data again. */
export interface ObsZoomDetail {
  domain: [number, number] | null;
  /** Value range fixed by a value-axis zoom, or null while the value axis fits the data. */
  values: [number, number] | null;
  live: boolean;
}

/** Detail of `obs-range-select`: the selected time range in epoch milliseconds, start before end. */
export interface ObsRangeSelectDetail {
  start: number;
  end: number;
}

/** Dispatches an `obs-` event that bubbles out of shadow roots. */
export function fire<T>(host: HTMLElement, name: string, detail: T): void {
  host.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}
