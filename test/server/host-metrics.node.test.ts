import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  cpuPercent,
  HostMetrics,
  networkRates,
  parseCpuTimes,
  parseLoad1,
  parseMemoryUsedPercent,
  parseNetworkBytes,
} from '../../src/server/host-metrics.js';
import { createLogger } from '../../src/server/logger.js';

const STAT = `cpu  4705 356 584 3699 23 0 20 0 100 0
cpu0 1393280 32966 572056 13343292 6130 0 17875 0 0 0
intr 114930548 113199788 3 0 5 263 0 4 [...]
ctxt 1990473
`;

const MEMINFO = `MemTotal:        2000000 kB
MemFree:          500000 kB
MemAvailable:     500000 kB
Buffers:          100000 kB
Cached:           300000 kB
`;

const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 9999999   100    0    0    0     0          0         0  9999999   100    0    0    0     0       0          0
  eth0: 1000      10     0    0    0     0          0         0  2000      20     0    0    0     0       0          0
 wlan0:500        5      0    0    0     0          0         0   700       7     0    0    0     0       0          0
`;

describe('parseCpuTimes', () => {
  it('sums the first eight columns of the cpu line', () => {
    assert.deepEqual(parseCpuTimes(STAT), {
      idle: 3699 + 23,
      total: 4705 + 356 + 584 + 3699 + 23 + 0 + 20 + 0,
    });
  });

  it('returns undefined without a cpu line', () => {
    assert.equal(parseCpuTimes('cpu0 1 2 3 4\n'), undefined);
    assert.equal(parseCpuTimes(''), undefined);
  });

  it('returns undefined for non-numeric columns', () => {
    assert.equal(parseCpuTimes('cpu  a b c d\n'), undefined);
  });
});

describe('cpuPercent', () => {
  it('returns the busy share between samples', () => {
    assert.equal(cpuPercent({ idle: 100, total: 200 }, { idle: 175, total: 300 }), 25);
  });

  it('returns undefined when no time passed', () => {
    assert.equal(cpuPercent({ idle: 100, total: 200 }, { idle: 100, total: 200 }), undefined);
  });

  it('returns undefined when counters went back', () => {
    assert.equal(cpuPercent({ idle: 100, total: 200 }, { idle: 50, total: 300 }), undefined);
  });
});

describe('parseMemoryUsedPercent', () => {
  it('uses MemAvailable', () => {
    assert.equal(parseMemoryUsedPercent(MEMINFO), 75);
  });

  it('falls back to free, buffers and cached', () => {
    const old = MEMINFO.replace(/^MemAvailable.*\n/m, '');

    assert.equal(parseMemoryUsedPercent(old), 55);
  });

  it('returns undefined without MemTotal', () => {
    assert.equal(parseMemoryUsedPercent('MemFree: 10 kB\n'), undefined);
    assert.equal(parseMemoryUsedPercent('MemTotal: 0 kB\n'), undefined);
  });
});

describe('parseLoad1', () => {
  it('reads the first field', () => {
    assert.equal(parseLoad1('0.42 0.30 0.10 2/96 7318\n'), 0.42);
  });

  it('returns undefined for empty or garbled text', () => {
    assert.equal(parseLoad1(''), undefined);
    assert.equal(parseLoad1('busy 0.3'), undefined);
  });
});

describe('parseNetworkBytes', () => {
  it('sums every interface except loopback', () => {
    assert.deepEqual(parseNetworkBytes(NET_DEV), { rx: 1500, tx: 2700 });
  });

  it('returns undefined with loopback only', () => {
    const loopbackOnly = NET_DEV.split('\n').slice(0, 3).join('\n');

    assert.equal(parseNetworkBytes(loopbackOnly), undefined);
  });
});

describe('networkRates', () => {
  it('divides the byte deltas by the seconds', () => {
    assert.deepEqual(networkRates({ rx: 1000, tx: 0 }, { rx: 3000, tx: 500 }, 2), {
      rx: 1000,
      tx: 250,
    });
  });

  it('returns undefined when a counter went down', () => {
    assert.equal(networkRates({ rx: 1000, tx: 0 }, { rx: 10, tx: 500 }, 1), undefined);
  });
});

describe('HostMetrics', () => {
  const folder = mkdtempSync(join(tmpdir(), 'observatory-proc-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  function writeProc(stat: string, netDev: string): void {
    mkdirSync(join(folder, 'net'), { recursive: true });
    writeFileSync(join(folder, 'stat'), stat);
    writeFileSync(join(folder, 'meminfo'), MEMINFO);
    writeFileSync(join(folder, 'loadavg'), '1.50 1.00 0.50 1/100 42\n');
    writeFileSync(join(folder, 'net', 'dev'), netDev);
  }

  it('samples every metric from the second sample on', async () => {
    writeProc('cpu  100 0 0 100 0 0 0 0\n', NET_DEV);
    const metrics = new HostMetrics({
      hostname: 'box-1',
      logger: createLogger(() => {}),
      procRoot: folder,
    });

    const first = await metrics.sample(10_000);
    writeProc('cpu  150 0 0 150 0 0 0 0\n', NET_DEV.replace('1000      10', '3000      10'));
    const second = await metrics.sample(12_000);

    assert.deepEqual(
      first.map((point) => point.category),
      ['host_memory', 'host_load'],
    );
    const values = Object.fromEntries(second.map((point) => [point.category, point.value]));
    assert.deepEqual(values, {
      host_cpu: 50,
      host_memory: 75,
      host_load: 1.5,
      host_network_rx: 1000,
      host_network_tx: 0,
    });
    assert.ok(second.every((point) => point.source === 'box-1' && point.timestamp === 12_000));
    assert.equal(second[0].id, 'host_cpu/box-1/12000');
    assert.deepEqual(second[0].metadata, { unit: 'percent' });
  });

  it('skips missing files and logs each once', async () => {
    const lines: string[] = [];
    const metrics = new HostMetrics({
      hostname: 'box-2',
      logger: createLogger((line) => lines.push(line)),
      procRoot: join(folder, 'missing'),
    });

    assert.deepEqual(await metrics.sample(1000), []);
    assert.deepEqual(await metrics.sample(2000), []);
    assert.equal(lines.length, 4);
    assert.ok(lines.every((line) => JSON.parse(line).event === 'host_metric_unavailable'));
  });
});
