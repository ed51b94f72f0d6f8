import { html, nothing, svg, type TemplateResult } from 'lit';
import { MetricHistory, SPARK_HEIGHT, SPARK_WIDTH, sparklineRuns } from './metric-history.js';
import type { QualityLevel } from '../shared/quality.js';
import type { AlertKind, ElementMetrics, PerfMetrics } from './perf-types.js';

/** Histories of the page-wide metrics, one per table row. */
export interface PageHistories {
  fps: MetricHistory;
  longTasks: MetricHistory;
  heap: MetricHistory;
  ingest: MetricHistory;
  backlog: MetricHistory;
  invalid: MetricHistory;
  dropped: MetricHistory;
}

/** Histories of one element's render and filter times. */
export interface ElementHistories {
  render: MetricHistory;
  filter: MetricHistory;
}

export function createPageHistories(): PageHistories {
  return {
    fps: new MetricHistory(),
    longTasks: new MetricHistory(),
    heap: new MetricHistory(),
    ingest: new MetricHistory(),
    backlog: new MetricHistory(),
    invalid: new MetricHistory(),
    dropped: new MetricHistory(),
  };
}

/** Adds the values of one sample to the page-wide histories. */
export function recordPageHistories(histories: PageHistories, metrics: PerfMetrics): void {
  histories.fps.push(metrics.fps);
  histories.longTasks.push(metrics.longTasks?.totalMs ?? null);
  histories.heap.push(metrics.heap === null ? null : metrics.heap.usedBytes / 2 ** 20);
  histories.ingest.push(metrics.ingest.pointsPerSecond);
  histories.backlog.push(metrics.ingest.backlog);
  histories.invalid.push(metrics.ingest.invalidPerSecond);
  histories.dropped.push(metrics.ingest.dropped);
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats milliseconds with two decimals below 10 ms and one above. */
export function formatMs(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

function sparkline(history: MetricHistory): TemplateResult {
  const runs = sparklineRuns(history.values());
  return html`<svg
    viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}"
    preserveAspectRatio="none"
    aria-hidden="true"
    part="sparkline"
  >
    ${runs.map((points) => svg`<polyline points=${points}></polyline>`)}
  </svg>`;
}

function row(
  label: string,
  value: string,
  history: MetricHistory,
  alert: boolean,
  key: string,
): TemplateResult {
  return html`<tr part="metric" data-metric=${key} ?data-alert=${alert}>
    <th scope="row">${label}</th>
    <td class="value">${value}</td>
    <td>${sparkline(history)}</td>
  </tr>`;
}

/** Formats the frame rate, or returns `idle` when the page draws nothing and a dash when the rate is unknown. */
function frameRateText(metrics: PerfMetrics): string {
  if (metrics.fps !== null) return `${Math.round(metrics.fps)} fps`;
  return metrics.idle ? 'idle' : '–';
}

function pageRows(metrics: PerfMetrics, histories: PageHistories): TemplateResult {
  const alerting = new Set<AlertKind>(metrics.alerts.map((alert) => alert.kind));
  const { ingest, longTasks, heap } = metrics;
  const fps = frameRateText(metrics);
  const tasks =
    longTasks === null ? 'n/a' : `${longTasks.count} (${numbers.format(longTasks.totalMs)} ms)`;
  const heapText = heap === null ? 'n/a' : `${numbers.format(heap.usedBytes / 2 ** 20)} MB`;
  return html`
    ${row('Frame rate', fps, histories.fps, alerting.has('fps'), 'fps')}
    ${row('Long tasks', tasks, histories.longTasks, false, 'long-tasks')}
    ${row('JS heap', heapText, histories.heap, alerting.has('heap'), 'heap')}
    ${row('Ingest', `${numbers.format(ingest.pointsPerSecond)} pts/s`, histories.ingest, false, 'ingest')}
    ${row('Backlog', numbers.format(ingest.backlog), histories.backlog, alerting.has('backlog'), 'backlog')}
    ${row('Invalid', numbers.format(ingest.invalid), histories.invalid, false, 'invalid')}
    ${row('Dropped', numbers.format(ingest.dropped), histories.dropped, false, 'dropped')}
  `;
}

function elementRows(
  elements: readonly ElementMetrics[],
  histories: ReadonlyMap<string, ElementHistories>,
): TemplateResult | typeof nothing {
  if (elements.length === 0) return nothing;
  return html`<table part="elements">
    <caption>
      Render and filter time per update
    </caption>
    ${elements.map((element) => {
      const history = histories.get(element.name);
      return html`<tr part="element" data-element=${element.name}>
        <th scope="row">${element.name}</th>
        <td class="value" data-time="render">${formatMs(element.renderMs)}</td>
        <td>${history === undefined ? nothing : sparkline(history.render)}</td>
        <td class="value" data-time="filter">
          ${element.filterMs === null ? nothing : formatMs(element.filterMs)}
        </td>
      </tr>`;
    })}
  </table>`;
}

/** What the panel shows. */
export interface PerfViewState {
  metrics: PerfMetrics | null;
  page: PageHistories;
  elements: ReadonlyMap<string, ElementHistories>;
  /** The page's quality level, and whether it is pinned. */
  level: QualityLevel;
  pinned: boolean;
  /** Whether the alert badge may pulse; off at the low quality level. */
  animations: boolean;
}

/** Renders the panel: header with quality and alert badge, metric rows, elements, alerts. */
export function renderPerf(state: PerfViewState): TemplateResult {
  const { metrics } = state;
  const alerts = metrics?.alerts ?? [];
  const { level } = state;
  const badge =
    alerts.length === 0 ? 'OK' : `${alerts.length} alert${alerts.length > 1 ? 's' : ''}`;
  return html`<header part="header">
      <span class="title">Performance</span>
      <span part="quality" class="quality" data-level=${level}
        >Quality: ${level}${state.pinned ? ' (pinned)' : ''}</span
      >
      <span
        part="badge"
        class="badge ${state.animations ? 'pulse' : ''}"
        data-state=${alerts.length === 0 ? 'ok' : 'alert'}
        role="status"
        >${badge}</span
      >
    </header>
    ${
      metrics === null
        ? html`<p class="muted">Measuring…</p>`
        : html`<table part="table">
              ${pageRows(metrics, state.page)}
            </table>
            ${elementRows(metrics.elements, state.elements)}`
    }
    ${
      alerts.length === 0
        ? nothing
        : html`<ul part="alerts" class="alerts">
            ${alerts.map((alert) => html`<li data-kind=${alert.kind}>${alert.message}</li>`)}
          </ul>`
    }`;
}
