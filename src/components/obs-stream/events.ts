/** Status of an `<obs-stream>`, reflected to its `status` attribute. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'mock' | 'ended';

/** Data source used when the socket is offline: `none` keeps the store as it is. */
export type StreamFallback = 'none' | 'mock';

/** One rejected point or message. `index` is the point's position in its batch, or -1 for a whole message. */
export interface InvalidSample {
  index: number;
  reason: string;
}

/** Detail of `obs-invalid-data`. */
export interface ObsInvalidDataDetail {
  /** Rejected points or messages in this batch. */
  count: number;
  /** Rejected points and messages since the element was created. */
  total: number;
  /** The first few rejections of this batch. */
  samples: InvalidSample[];
  /** `network` for data from the socket, `inject` for `injectPoints()`. */
  origin: 'network' | 'inject';
}

/** Detail of `obs-status-change`. */
export interface ObsStatusChangeDetail {
  status: StreamStatus;
  /** Retry number while `reconnecting`, or while `offline` and still retrying. */
  attempt?: number;
  /** Epoch milliseconds of the next retry. */
  nextTryAt?: number;
  /** Reason the stream is `offline`. */
  reason?: string;
}

/** Most samples an `obs-invalid-data` event carries. */
export const MAX_INVALID_SAMPLES = 5;

/** Detail of `obs-gap`: points that will never arrive, and the markers stored for them. */
export interface ObsGapDetail {
  /** First and last sequence number lost; both 0 when the server's stream changed. */
  from: number;
  to: number;
  /** Points lost, or null when the server could not tell (a different stream after a restart). */
  count: number | null;
  /** `retention`, `backpressure`, `stream-changed` or `unannounced`. */
  reason: string;
  /**
   * Series that got a gap marker. That is every held series, up to the larger of 16 and 1% of
   * the store's capacity.
   */
  series: number;
  /** Points lost in all gaps of known size since the element was created. */
  lostTotal: number;
}

/** Detail of `obs-stale-change`. */
export interface ObsStaleChangeDetail {
  stale: boolean;
  /** Epoch milliseconds of the last valid point, or null before the first. */
  lastPointAt: number | null;
}

/**
 * Detail of `obs-end`: the server sent its last point, as a replay without `--loop` does, and
 * will send no more on this stream.
 */
export interface ObsEndDetail {
  /** Sequence number of the last point the server sent. */
  seq: number;
  /** Points the server sent in all on this stream, as its `end` message states. */
  total: number;
}

/** Detail of `obs-server-error`: an error message from the server that answers no command. */
export interface ObsServerErrorDetail {
  code: string;
  message: string;
}

/** The details of the events `<obs-stream>` fires, by event type. */
export interface StreamEventDetails {
  'obs-invalid-data': ObsInvalidDataDetail;
  'obs-status-change': ObsStatusChangeDetail;
  'obs-gap': ObsGapDetail;
  'obs-stale-change': ObsStaleChangeDetail;
  'obs-server-error': ObsServerErrorDetail;
  'obs-end': ObsEndDetail;
}
