// Counts the resources a page holds: WebSockets, timers, animation frames, observers and
// window, document and media-query listeners. Import it before anything that creates them,
// so its wrappers see every one.

type Listener = EventListenerOrEventListenerObject;

/** What is open at one moment. */
export interface ResourceCounts {
  /** WebSockets neither closed nor closing. */
  sockets: number;
  /** Intervals not cleared. */
  intervals: number;
  /** Timeouts neither fired nor cleared. */
  timeouts: number;
  /** Animation frames neither run nor cancelled. */
  frames: number;
  /** Resize, mutation and intersection observers that still observe something. */
  observers: number;
  /** Listeners added to window, document or a MediaQueryList and not removed. */
  listeners: number;
}

const sockets = new Set<WebSocket>();
const intervals = new Set<number>();
const timeouts = new Set<number>();
const frames = new Set<number>();
const observing = new Map<object, number>();
const listeners = new Map<string, number>();

function installSocketProbe(): void {
  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.add(this);
      this.addEventListener('close', () => sockets.delete(this));
    }

    override close(code?: number, reason?: string): void {
      sockets.delete(this);
      super.close(code, reason);
    }
  }
  window.WebSocket = ProbedWebSocket;
}

function installTimerProbe(): void {
  const { setTimeout, clearTimeout, setInterval, clearInterval } = window;
  const { requestAnimationFrame, cancelAnimationFrame } = window;
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    const id: number = setTimeout(
      (...args: unknown[]) => {
        timeouts.delete(id);
        if (typeof handler === 'function') handler(...args);
      },
      delay,
      ...rest,
    );
    timeouts.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timeouts.delete(id);
    clearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
    const id = setInterval(handler, delay, ...rest);
    intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) intervals.delete(id);
    clearInterval(id);
  }) as typeof window.clearInterval;
  window.requestAnimationFrame = (callback: FrameRequestCallback) => {
    const id = requestAnimationFrame((time) => {
      frames.delete(id);
      callback(time);
    });
    frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id: number) => {
    frames.delete(id);
    cancelAnimationFrame(id);
  };
}

/** Wraps an observer class so `observing` counts the targets of each instance. */
function probeObserver(prototype: {
  observe(target: Node, options?: unknown): void;
  unobserve?(target: Element): void;
  disconnect(): void;
}): void {
  const targets = new WeakMap<object, Set<Node>>();
  const { observe, unobserve, disconnect } = prototype;
  prototype.observe = function (this: object, target: Node, options?: unknown) {
    const set = targets.get(this) ?? new Set<Node>();
    set.add(target);
    targets.set(this, set);
    observing.set(this, set.size);
    observe.call(this, target, options);
  };
  if (unobserve) {
    prototype.unobserve = function (this: object, target: Element) {
      const set = targets.get(this);
      set?.delete(target);
      if (set === undefined || set.size === 0) observing.delete(this);
      else observing.set(this, set.size);
      unobserve.call(this, target);
    };
  }
  prototype.disconnect = function (this: object) {
    targets.delete(this);
    observing.delete(this);
    disconnect.call(this);
  };
}

const targetIds = new WeakMap<object, number>();
const listenerIds = new WeakMap<object, number>();
let nextId = 0;

function idOf(map: WeakMap<object, number>, value: object): number {
  let id = map.get(value);
  if (id === undefined) {
    id = nextId++;
    map.set(value, id);
  }
  return id;
}

function listenerKey(target: object, type: string, listener: Listener, options: unknown): string {
  const capture =
    typeof options === 'boolean' ? options : Boolean((options as AddEventListenerOptions)?.capture);
  return `${idOf(targetIds, target)} ${type} ${idOf(listenerIds, listener)} ${capture}`;
}

/** Counts listeners added to window, document and media queries, the targets that outlive an element. */
function installListenerProbe(): void {
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  const watched = (target: object) =>
    target === window || target === document || target instanceof MediaQueryList;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    listener: Listener | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    const once = typeof options === 'object' && options?.once === true;
    if (listener !== null && !once && watched(this)) {
      const key = listenerKey(this, type, listener, options);
      if (!listeners.has(key)) listeners.set(key, 1);
    }
    addEventListener.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (
    this: EventTarget,
    type: string,
    listener: Listener | null,
    options?: boolean | EventListenerOptions,
  ) {
    if (listener !== null && watched(this))
      listeners.delete(listenerKey(this, type, listener, options));
    removeEventListener.call(this, type, listener, options);
  };
  const { addListener, removeListener } = MediaQueryList.prototype;
  MediaQueryList.prototype.addListener = function (this: MediaQueryList, listener) {
    if (listener !== null) this.addEventListener('change', listener);
    else addListener.call(this, listener);
  };
  MediaQueryList.prototype.removeListener = function (this: MediaQueryList, listener) {
    if (listener !== null) this.removeEventListener('change', listener);
    else removeListener.call(this, listener);
  };
}

installSocketProbe();
installTimerProbe();
probeObserver(ResizeObserver.prototype);
probeObserver(MutationObserver.prototype);
probeObserver(IntersectionObserver.prototype);
installListenerProbe();

/** Returns what is open now. */
export function openResources(): ResourceCounts {
  return {
    sockets: sockets.size,
    intervals: intervals.size,
    timeouts: timeouts.size,
    frames: frames.size,
    observers: observing.size,
    listeners: listeners.size,
  };
}

/** Errors logged with console.error, and uncaught errors and rejections, since the probe loaded. */
export const loggedErrors: string[] = [];

const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  loggedErrors.push(args.map(String).join(' '));
  consoleError(...args);
};
window.addEventListener('error', (event) => loggedErrors.push(`uncaught: ${event.message}`));
window.addEventListener('unhandledrejection', (event) =>
  loggedErrors.push(`unhandled rejection: ${String(event.reason)}`),
);
