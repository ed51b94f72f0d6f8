import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseServerOptions, UsageError } from '../../src/server/options.js';

describe('parseServerOptions', () => {
  it('defaults to loopback port 8080 with host metrics', () => {
    assert.deepEqual(parseServerOptions([]), {
      port: 8080,
      host: '127.0.0.1',
      scenario: undefined,
      rate: undefined,
      replay: [],
      speed: 'max',
      loop: false,
      hostMetrics: true,
      allowOrigins: [],
      retain: 100_000,
      stateDir: undefined,
      heartbeatTimeoutMs: 10_000,
      controlToken: undefined,
      help: false,
    });
  });

  it('reads every option', () => {
    const options = parseServerOptions([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--scenario',
      'high_load',
      '--rate',
      '12.5',
      '--no-host-metrics',
    ]);

    assert.equal(options.port, 0);
    assert.equal(options.host, '0.0.0.0');
    assert.equal(options.scenario, 'high_load');
    assert.equal(options.rate, 12.5);
    assert.equal(options.hostMetrics, false);
  });

  it('reads repeated replay paths and a speed', () => {
    const options = parseServerOptions(['--replay', 'a.csv', '--replay=b', '--speed', '60']);

    assert.deepEqual(options.replay, ['a.csv', 'b']);
    assert.equal(options.speed, 60);
  });

  it('reads allowed origins in browser form', () => {
    const options = parseServerOptions([
      '--allow-origin',
      'https://Portal.Example.com/',
      '--allow-origin=http://localhost:3000',
    ]);

    assert.deepEqual(options.allowOrigins, ['https://portal.example.com', 'http://localhost:3000']);
  });

  it('reads --help before checking other values', () => {
    assert.equal(parseServerOptions(['--rate', 'fast', '-h']).help, true);
  });

  it('takes the port from PORT', () => {
    assert.equal(parseServerOptions([], { PORT: '9000' }).port, 9000);
  });

  it('prefers --port over PORT', () => {
    assert.equal(parseServerOptions(['--port', '9001'], { PORT: '9000' }).port, 9001);
  });

  it('reads retention, heartbeat and loop options', () => {
    const live = parseServerOptions([
      '--retain',
      '5000',
      '--state-dir',
      'state',
      '--heartbeat-timeout',
      '2500',
      '--control-token',
      'a-long-secret',
    ]);
    const replay = parseServerOptions(['--replay', 'a.ndjson', '--loop']);

    assert.equal(live.retain, 5000);
    assert.equal(live.stateDir, 'state');
    assert.equal(live.heartbeatTimeoutMs, 2500);
    assert.equal(live.controlToken, 'a-long-secret');
    assert.equal(replay.loop, true);
  });

  it('takes the control token from the environment', () => {
    const options = parseServerOptions([], { OBSERVATORY_CONTROL_TOKEN: 'from-the-env' });

    assert.equal(options.controlToken, 'from-the-env');
  });

  it('reads --speed max in any case', () => {
    assert.equal(parseServerOptions(['--replay', 'a', '--speed', 'MAX']).speed, 'max');
  });

  const rejected: [string, string[], RegExp, NodeJS.ProcessEnv?][] = [
    [
      'an unknown option',
      ['--verbose'],
      /^Unknown option --verbose\. Run observatory-server --help/,
    ],
    ['an unknown short option', ['-x'], /^Unknown option -x\./],
    ['a positional argument', ['data.csv'], /^Unexpected argument 'data\.csv'.*--replay data\.csv/],
    ['a missing value', ['--port'], /^Option --port is missing its value, such as --port 8080/],
    ['a value on a flag', ['--no-host-metrics=yes'], /^Option --no-host-metrics takes no value/],
    [
      'a text port',
      ['--port', 'http'],
      /^--port is 'http', but a port must be a whole number from 0 to 65535/,
    ],
    ['a negative port', ['--port', '-1'], /^--port is '-1'/],
    ['a port above 65535', ['--port', '65536'], /^--port is '65536'/],
    ['a fractional port', ['--port', '80.5'], /^--port is '80\.5'/],
    ['a bad PORT', [], /^The PORT environment variable is 'abc'/, { PORT: 'abc' }],
    [
      'an unknown scenario',
      ['--scenario', 'chaos'],
      /^--scenario is 'chaos', an unknown scenario; use one of normal, /,
    ],
    [
      'a text rate',
      ['--rate', 'fast'],
      /^--rate is 'fast', but it must be a number of points per second above 0/,
    ],
    ['a negative rate', ['--rate', '-5'], /^--rate is '-5'/],
    ['a zero rate', ['--rate', '0'], /^--rate is '0'/],
    ['an infinite rate', ['--rate', 'Infinity'], /^--rate is 'Infinity'/],
    ['a huge rate', ['--rate', '1e9'], /^--rate is '1e9'/],
    ['a hex rate', ['--rate', '0x10'], /^--rate is '0x10'/],
    ['a zero speed', ['--replay', 'a', '--speed', '0'], /^--speed is '0'/],
    ['a text speed', ['--replay', 'a', '--speed', 'fast'], /^--speed is 'fast'/],
    ['a speed without replay', ['--speed', '2'], /^--speed applies only to --replay/],
    ['a loop without replay', ['--loop'], /^--loop applies only to --replay/],
    ['a zero retention', ['--retain', '0'], /^--retain is '0', but it must be a whole number/],
    ['a fractional retention', ['--retain', '1.5'], /^--retain is '1\.5'/],
    ['a huge retention', ['--retain', '10000001'], /^--retain is '10000001'/],
    ['a retention with replay', ['--replay', 'a', '--retain', '5'], /^--retain has no effect/],
    [
      'a state folder with replay',
      ['--replay', 'a', '--state-dir', 's'],
      /^--state-dir has no effect/,
    ],
    ['an empty state folder', ['--state-dir', ' '], /^--state-dir needs a folder path/],
    ['a short heartbeat timeout', ['--heartbeat-timeout', '999'], /^--heartbeat-timeout is '999'/],
    ['a text heartbeat timeout', ['--heartbeat-timeout', 'soon'], /^--heartbeat-timeout is 'soon'/],
    ['a short control token', ['--control-token', 'abc'], /^The control token must be at least 8/],
    [
      'a scenario with replay',
      ['--replay', 'a', '--scenario', 'normal'],
      /^--scenario has no effect with --replay/,
    ],
    ['a rate with replay', ['--replay', 'a', '--rate', '5'], /^--rate has no effect with --replay/],
    ['an empty replay path', ['--replay', ''], /^--replay needs a file or folder path/],
    ['an empty host', ['--host', ''], /^--host is ''/],
    [
      'an origin without scheme',
      ['--allow-origin', 'portal.example.com'],
      /^--allow-origin is 'portal\.example\.com', but it must be an http or https origin/,
    ],
    [
      'an origin with a path',
      ['--allow-origin', 'https://a.example/app'],
      /^--allow-origin is 'https:\/\/a\.example\/app'/,
    ],
    ['an origin with a query', ['--allow-origin', 'https://a.example?x=1'], /^--allow-origin is /],
    ['a file origin', ['--allow-origin', 'file:///tmp'], /^--allow-origin is 'file:\/\/\/tmp'/],
    [
      'a javascript origin',
      ['--allow-origin', 'javascript:alert(1)'],
      /^--allow-origin is 'javascript:alert\(1\)'/,
    ],
  ];
  for (const [name, argv, message, env] of rejected) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => parseServerOptions(argv, env),
        (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    });
  }
});
