import { expect } from '@open-wc/testing';
import {
  MAX_SCROLL_HEIGHT,
  MAX_WINDOW_HEIGHT,
  ScrollModel,
} from '../../../src/components/obs-grid/scroll-model.js';
import { describe, it } from './helpers.js';

const ROW = 28;
const VIEWPORT = 290;

function modelWith(count: number): ScrollModel {
  const model = new ScrollModel();
  model.configure(count, ROW, VIEWPORT);
  return model;
}

describe('ScrollModel', () => {
  it('maps scroll positions one to one below the cap', () => {
    const model = modelWith(1_000);

    model.setTop(model.topForScrollTop(2_800));

    expect(model.scaled).to.equal(false);
    expect(model.scrollHeight).to.equal(28_000);
    expect(model.top).to.equal(2_800);
    expect(model.scrollTopFor()).to.equal(2_800);
    expect(model.firstVisibleIndex).to.equal(100);
  });

  it('scales ten million rows into the cap', () => {
    const model = modelWith(10_000_000);

    expect(model.scaled).to.equal(true);
    expect(model.scrollHeight).to.equal(MAX_SCROLL_HEIGHT);

    model.setTop(model.topForScrollTop(model.maxScrollTop));
    expect(model.top).to.equal(10_000_000 * ROW - VIEWPORT);
    expect(model.firstVisibleIndex).to.equal(9_999_989);

    model.setTop(model.topForScrollTop(model.maxScrollTop / 2));
    expect(model.firstVisibleIndex).to.be.closeTo(5_000_000, 10);
  });

  it('round-trips top through the scaled scrollbar', () => {
    const model = modelWith(10_000_000);

    model.setTop(123_456_789);
    const scrollTop = model.scrollTopFor();

    expect(scrollTop).to.be.below(MAX_SCROLL_HEIGHT);
    expect(model.topForScrollTop(scrollTop)).to.be.closeTo(123_456_789, 1e-3);
  });

  it('keeps a bounded window around the viewport', () => {
    const model = modelWith(10_000_000);

    model.setTop(7_000_000 * ROW);

    expect(model.windowLength * ROW).to.be.at.most(MAX_WINDOW_HEIGHT);
    expect(model.windowStart).to.be.at.most(7_000_000);
    expect(model.windowStart + model.windowLength).to.be.at.least(7_000_000 + model.pageSize);
    expect(model.windowOffset).to.equal(model.top - model.windowStart * ROW);
  });

  it('moves the window only near its edge', () => {
    const model = modelWith(1_000_000);
    model.setTop(500_000 * ROW);
    const start = model.windowStart;

    model.setTop(500_010 * ROW);
    expect(model.windowStart).to.equal(start);
    expect(model.setTop(500_010 * ROW + 1)).to.equal(false);

    const movedFar = model.setTop(900_000 * ROW);
    expect(movedFar).to.equal(true);
    expect(model.windowStart).to.be.above(start);
  });

  it('clamps top to the rows', () => {
    const model = modelWith(100);

    model.setTop(-50);
    expect(model.top).to.equal(0);

    model.setTop(1e12);
    expect(model.top).to.equal(100 * ROW - VIEWPORT);

    model.setTop(Number.NaN);
    expect(model.top).to.equal(0);

    model.setTop(Number.POSITIVE_INFINITY);
    expect(model.top).to.equal(100 * ROW - VIEWPORT);
  });

  it('reveals a row with the least movement', () => {
    const model = modelWith(1_000);
    model.setTop(1_000);

    expect(model.topToReveal(40)).to.equal(1_000);
    expect(model.topToReveal(10)).to.equal(280);
    expect(model.topToReveal(200)).to.equal(201 * ROW - VIEWPORT);
  });

  it('handles no rows and a zero viewport', () => {
    const model = new ScrollModel();
    model.configure(0, ROW, 0);

    expect(model.top).to.equal(0);
    expect(model.windowLength).to.equal(0);
    expect(model.firstVisibleIndex).to.equal(0);
    expect(model.pageSize).to.equal(1);
    expect(model.topForScrollTop(100)).to.equal(100);
  });

  it('ignores an invalid row height', () => {
    const model = new ScrollModel();

    model.configure(10, Number.NaN, VIEWPORT);
    model.configure(10, -5, VIEWPORT);

    expect(model.rowHeight).to.equal(28);
  });
});
