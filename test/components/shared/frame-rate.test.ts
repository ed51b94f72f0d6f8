import { expect } from '@open-wc/testing';
import { FrameRateMeter, type FrameRateSample } from '../../../src/components/shared/frame-rate.js';

/**
 * Replaces `requestAnimationFrame` with a queue that the test runs frame by
 * frame at chosen timestamps, so the meter receives exact frame times.
 */
class FakeFrames {
  readonly #original = window.requestAnimationFrame;
  readonly #originalCancel = window.cancelAnimationFrame;
  #queue = new Map<number, FrameRequestCallback>();
  #nextId = 1;
  /** Timestamp of the last frame run, starting at the current performance.now(). */
  time = performance.now();
  requests = 0;

  install(): void {
    window.requestAnimationFrame = (callback) => {
      this.requests++;
      const id = this.#nextId++;
      this.#queue.set(id, callback);
      return id;
    };
    window.cancelAnimationFrame = (id) => {
      this.#queue.delete(id);
    };
  }

  restore(): void {
    window.requestAnimationFrame = this.#original;
    window.cancelAnimationFrame = this.#originalCancel;
  }

  get pending(): number {
    return this.#queue.size;
  }

  /** Runs the callbacks requested so far as one frame, `afterMs` after the previous one. */
  frame(afterMs: number, beforeCallbacks: () => void = () => {}): void {
    this.time += afterMs;
    const callbacks = [...this.#queue.values()];
    this.#queue.clear();
    beforeCallbacks();
    for (const callback of callbacks) callback(this.time);
  }
}

describe('FrameRateMeter', () => {
  let frames: FakeFrames;
  let samples: FrameRateSample[];
  let idles: number;
  let meter: FrameRateMeter;

  beforeEach(() => {
    frames = new FakeFrames();
    frames.install();
    samples = [];
    idles = 0;
    meter = new FrameRateMeter({
      sample: (sample) => samples.push(sample),
      idle: () => idles++,
    });
    meter.start();
  });

  afterEach(() => {
    meter.stop();
    frames.restore();
  });

  /** Runs `count` frames `intervalMs` apart, each with a draw before the meter's callback. */
  function drawFrames(count: number, intervalMs: number): void {
    for (let i = 0; i < count; i++) frames.frame(intervalMs, () => meter.noteActivity());
  }

  it('requests no frame until something draws', () => {
    expect(frames.requests).to.equal(0);

    meter.noteActivity();

    expect(frames.requests).to.equal(1);
  });

  it('reports the rate of drawn frames', () => {
    meter.noteActivity();
    drawFrames(70, 20);

    expect(samples.length).to.be.at.least(1);
    expect(samples[0].fps).to.be.closeTo(50, 0.01);
    expect(samples[0].durationMs).to.be.at.least(1000);
    expect(meter.idle).to.equal(false);
  });

  it('ends the chain one frame after drawing stops', () => {
    meter.noteActivity();
    drawFrames(10, 16);

    frames.frame(16);

    expect(frames.pending).to.equal(0);
  });

  it('reports idle after a gap', () => {
    meter.noteActivity();
    drawFrames(3, 16);
    frames.frame(16);
    const idlesBefore = idles;

    meter.noteActivity();
    frames.frame(2000);

    expect(idles).to.equal(idlesBefore + 1);
    expect(samples).to.deep.equal([]);
  });

  it('measures one interval per sparse draw', () => {
    // A chart at a 100 ms update interval: a draw, one chained frame, then nothing until the next.
    for (let draw = 0; draw < 12; draw++) {
      meter.noteActivity();
      frames.frame(draw === 0 ? 0 : 84);
      frames.frame(16);
    }

    expect(samples.length).to.equal(1);
    expect(samples[0].fps).to.be.closeTo(62.5, 0.01);
  });

  it('measures every frame while forced', () => {
    meter.forced = true;
    for (let i = 0; i < 40; i++) frames.frame(40);

    expect(frames.pending).to.equal(1);
    expect(samples.length).to.be.at.least(1);
    expect(samples[0].fps).to.be.closeTo(25, 0.01);
  });

  it('ignores timestamps that go backwards', () => {
    meter.noteActivity();
    drawFrames(5, 16);
    frames.frame(-100, () => meter.noteActivity());
    drawFrames(70, 16);

    for (const sample of samples) expect(sample.fps).to.be.within(55, 70);
  });

  it('requests no frames in a hidden tab', () => {
    const setVisibility = (state: DocumentVisibilityState | null) => {
      if (state === null) delete (document as { visibilityState?: unknown }).visibilityState;
      else
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => state,
        });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      setVisibility('hidden');
      meter.noteActivity();
      meter.forced = true;
      expect(frames.requests).to.equal(0);

      setVisibility('visible');
      expect(frames.requests).to.equal(1);
    } finally {
      setVisibility(null);
    }
  });

  it('requests nothing after stop', () => {
    meter.stop();

    meter.noteActivity();
    meter.forced = true;

    expect(frames.requests).to.equal(0);
  });
});
