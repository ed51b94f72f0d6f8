import { LABEL_GAP, labelWidth, TICK_LENGTH, type ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';

/** Returns the CSS coordinate of the centre of the device pixel at `position`, so hairlines stay sharp. */
export function crisp(position: number, pixelRatio: number): number {
  return (Math.floor(position * pixelRatio) + 0.5) / pixelRatio;
}

/** Draws grid lines, axis lines, ticks and tick labels of both axes. */
export function drawAxes(
  context: CanvasRenderingContext2D,
  layout: ChartLayout,
  colors: ChartColors,
  pixelRatio: number,
): void {
  const { plot, x, y } = layout;
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  context.save();
  context.lineWidth = 1 / pixelRatio;

  context.strokeStyle = colors.grid;
  context.beginPath();
  for (const tick of layout.yTicks) {
    const position = crisp(y(tick), pixelRatio);
    context.moveTo(plot.left, position);
    context.lineTo(right, position);
  }
  for (const tick of layout.xTicks) {
    const position = crisp(x(tick), pixelRatio);
    context.moveTo(position, plot.top);
    context.lineTo(position, bottom);
  }
  context.stroke();

  context.strokeStyle = colors.text;
  context.beginPath();
  const axisX = crisp(plot.left, pixelRatio);
  const axisY = crisp(bottom, pixelRatio);
  context.moveTo(axisX, plot.top);
  context.lineTo(axisX, axisY);
  context.lineTo(right, axisY);
  for (const tick of layout.yTicks) {
    const position = crisp(y(tick), pixelRatio);
    context.moveTo(axisX - TICK_LENGTH, position);
    context.lineTo(axisX, position);
  }
  for (const tick of layout.xTicks) {
    const position = crisp(x(tick), pixelRatio);
    context.moveTo(position, axisY);
    context.lineTo(position, axisY + TICK_LENGTH);
  }
  context.stroke();

  drawLabels(context, layout, colors);
  context.restore();
}

function drawLabels(
  context: CanvasRenderingContext2D,
  layout: ChartLayout,
  colors: ChartColors,
): void {
  const { plot, x, y } = layout;
  context.fillStyle = colors.text;

  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const tick of layout.yTicks) {
    context.fillText(layout.formatY(tick), plot.left - TICK_LENGTH - LABEL_GAP, y(tick));
  }

  context.textBaseline = 'top';
  const labelTop = plot.top + plot.height + TICK_LENGTH + LABEL_GAP / 2;
  for (const [index, tick] of layout.xTicks.entries()) {
    const position = x(tick);
    const label = layout.formatX(tick, index === 0);
    const half = labelWidth(context, label) / 2;
    // Keep the first and last labels inside the canvas instead of centring them past its edge.
    if (position - half < 0) context.textAlign = 'left';
    else if (position + half > layout.width) context.textAlign = 'right';
    else context.textAlign = 'center';
    context.fillText(label, position, labelTop);
  }
}
