import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixedRowLayout, fixedRows } from '../../../src/components/obs-grid/fixed-row-layout.js';

/** The messages a layout sends to the virtualizer, in the shape the virtualizer reads. */
interface StateMessage {
  type: 'stateChanged';
  scrollSize: { width: number; height: number };
  range: { first: number; last: number; firstVisible: number; lastVisible: number };
  childPositions: Map<number, { top: number; left: number }>;
  scrollError?: { top: number; left: number };
}
type Message = StateMessage | { type: 'unpinned' } | { type: 'visibilityChanged' };

/** Sets the scroll position as the virtualizer does for a scroll container that the page shows whole. */
function scrollTo(layout: FixedRowLayout, top: number): void {
  layout.viewportScroll = { top, left: 0 };
  layout.offsetWithinScroller = { top: -top, left: 0 };
}

/** Creates a layout of `count` rows of 20 px in a 100 px viewport with 2 rows of overscan. */
function layoutOf(count: number): { layout: FixedRowLayout; messages: Message[] } {
  const messages: Message[] = [];
  const layout = new FixedRowLayout((message) => messages.push(message as Message), {
    rowHeight: 20,
    overscanRows: 2,
  });
  layout.items = Array.from({ length: count }, (_, index) => index);
  layout.viewportSize = { width: 300, height: 100 };
  scrollTo(layout, 0);
  return { layout, messages };
}

function lastState(messages: Message[]): StateMessage {
  const states = messages.filter((message): message is StateMessage => {
    return message.type === 'stateChanged';
  });
  assert.ok(states.length > 0, 'the layout sent no state');
  return states[states.length - 1];
}

describe('FixedRowLayout', () => {
  it('renders the viewport plus overscan', () => {
    const { layout, messages } = layoutOf(1000);
    scrollTo(layout, 410);

    layout.reflowIfNeeded();

    const state = lastState(messages);
    assert.deepEqual(state.range, { first: 18, last: 27, firstVisible: 20, lastVisible: 25 });
    assert.equal(state.scrollSize.height, 20_000);
    assert.deepEqual(state.childPositions.get(18), { left: 0, top: 360 });
    assert.deepEqual(state.childPositions.get(27), { left: 0, top: 540 });
    assert.equal(state.childPositions.size, 10);
  });

  it('fills the container where the page clips it', () => {
    const { layout, messages } = layoutOf(1000);
    // The container is below the fold, so the page's viewport contains none of it.
    layout.viewportSize = { width: 300, height: 0 };
    layout.viewportScroll = { top: 400, left: 0 };
    layout.offsetWithinScroller = { top: -400, left: 0 };
    layout.config = { viewportHeight: 100 };

    layout.reflowIfNeeded();

    assert.deepEqual(lastState(messages).range, {
      first: 18,
      last: 26,
      firstVisible: 20,
      lastVisible: 24,
    });
  });

  it('keeps rows after shrinking until a scroll', async () => {
    const { layout, messages } = layoutOf(1000);
    layout.config = { viewportHeight: 200 };
    layout.reflowIfNeeded();
    const tall = { first: 0, last: 11, firstVisible: 0, lastVisible: 9 };
    assert.deepEqual(lastState(messages).range, tall);

    layout.config = { viewportHeight: 100 };
    await Promise.resolve();
    layout.reflowIfNeeded();

    assert.deepEqual(lastState(messages).range, tall);
    assert.equal(layout.config.viewportHeight, 100);
    scrollTo(layout, 20);
    layout.reflowIfNeeded();
    assert.deepEqual(lastState(messages).range, {
      first: 0,
      last: 7,
      firstVisible: 1,
      lastVisible: 5,
    });
  });

  it('clamps the range to the rows', () => {
    const { layout, messages } = layoutOf(4);
    scrollTo(layout, 0);

    layout.reflowIfNeeded();

    assert.deepEqual(lastState(messages).range, {
      first: 0,
      last: 3,
      firstVisible: 0,
      lastVisible: 3,
    });
  });

  it('sends an empty range without rows', () => {
    const { layout, messages } = layoutOf(0);

    layout.reflowIfNeeded();

    const state = lastState(messages);
    assert.equal(state.range.last < state.range.first, true);
    assert.equal(state.childPositions.size, 0);
    assert.equal(state.scrollSize.height, 0);
  });

  it('positions only rows new to the range', () => {
    const { layout, messages } = layoutOf(1000);
    layout.reflowIfNeeded();
    scrollTo(layout, 40);

    layout.reflowIfNeeded();

    const state = lastState(messages);
    assert.deepEqual(state.range, { first: 0, last: 8, firstVisible: 2, lastVisible: 6 });
    assert.deepEqual([...state.childPositions.keys()], [7, 8]);
  });

  it('positions every row after new items', () => {
    const { layout, messages } = layoutOf(1000);
    layout.reflowIfNeeded();

    layout.items = Array.from({ length: 1000 }, (_, index) => 5000 + index);
    layout.reflowIfNeeded();

    const state = lastState(messages);
    assert.equal(messages.length, 2);
    assert.deepEqual([...state.childPositions.keys()], [0, 1, 2, 3, 4, 5, 6]);
  });

  it('sends nothing when nothing changed', () => {
    const { layout, messages } = layoutOf(1000);
    scrollTo(layout, 10);
    layout.reflowIfNeeded();

    scrollTo(layout, 15);
    layout.reflowIfNeeded();
    layout.reflowIfNeeded();

    assert.equal(messages.length, 1);
  });

  it('ignores invalid settings', () => {
    const { layout } = layoutOf(10);
    const hostile = [
      { rowHeight: Number.NaN, overscanRows: Number.NaN, viewportHeight: Number.NaN },
      {
        rowHeight: Number.POSITIVE_INFINITY,
        overscanRows: Number.POSITIVE_INFINITY,
        viewportHeight: Number.POSITIVE_INFINITY,
      },
      { rowHeight: -28, overscanRows: -1, viewportHeight: -100 },
      { rowHeight: 0, overscanRows: 1.5 },
      { rowHeight: '28px', overscanRows: '8', viewportHeight: '100px' },
      JSON.parse('{"__proto__": {"rowHeight": 5}, "overscanRows": null}'),
    ];

    for (const config of hostile) layout.config = config;

    assert.deepEqual(layout.config, { rowHeight: 20, overscanRows: 2, viewportHeight: 0 });
  });

  it('reflows on its own after a new row height', async () => {
    const { layout, messages } = layoutOf(1000);
    layout.reflowIfNeeded();

    layout.config = { rowHeight: 40 };
    await Promise.resolve();

    const state = lastState(messages);
    assert.equal(state.scrollSize.height, 40_000);
    assert.deepEqual(state.childPositions.get(1), { left: 0, top: 40 });
  });

  it('computes scrollIntoView positions', () => {
    const { layout } = layoutOf(1000);
    scrollTo(layout, 200);

    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: 50 }), { top: 1000 });
    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: 50, block: 'end' }), {
      top: 920,
    });
    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: 50, block: 'center' }), {
      top: 960,
    });
    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: 11, block: 'nearest' }), {
      top: 200,
    });
    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: 2, block: 'nearest' }), {
      top: 40,
    });
    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: 5000 }), { top: 19_900 });
    assert.deepEqual(layout.getScrollIntoViewCoordinates({ index: -5 }), { top: 0 });
  });

  it('scrolls to a pinned row and reports the unpin', () => {
    const { layout, messages } = layoutOf(1000);
    scrollTo(layout, 100);

    layout.pin = { index: 30, block: 'start' };
    layout.reflowIfNeeded();

    const state = lastState(messages);
    assert.deepEqual(state.scrollError, { left: 0, top: -500 });
    assert.equal(state.range.firstVisible, 30);
    layout.unpin();
    assert.deepEqual(messages.at(-1), { type: 'unpinned' });
    assert.equal(layout.pin, null);
  });

  it('builds a layout option for the virtualizer', () => {
    const option = fixedRows({ rowHeight: 24, overscanRows: 3 });

    assert.equal(option.type, FixedRowLayout);
    assert.deepEqual(
      { ...option, type: undefined },
      {
        type: undefined,
        rowHeight: 24,
        overscanRows: 3,
      },
    );
  });
});
