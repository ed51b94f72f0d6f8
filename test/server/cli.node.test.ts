import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killAll, runCli, startServer, TestClient } from './support.js';

describe('observatory-server command line', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'observatory-cli-'));
    writeFileSync(
      join(folder, 'bad_value_0f0f0f.csv'),
      'timestamp,value\n2014-02-14 14:30:00,1\n\n2014-02-14 14:35:00,lots\n',
    );
    writeFileSync(join(folder, 'bad_header.csv'), 'when,how much\n2014-02-14 14:30:00,1\n');
    writeFileSync(join(folder, 'bad_time.csv'), 'timestamp,value\n2014-02-30 14:30:00,1\n');
    writeFileSync(join(folder, 'empty.csv'), '');
    writeFileSync(
      join(folder, 'binary.csv'),
      Buffer.from([0x00, 0x0d, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x01, 0x02]),
    );
    mkdirSync(join(folder, 'no-csv'));
  });

  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: observatory-server \[options\]/);
    assert.match(result.stdout, /--rate N +Generator points per second/);
    assert.equal(result.stderr, '');
  });

  const usageErrors: [string, string[], RegExp, NodeJS.ProcessEnv?][] = [
    ['an unknown flag', ['--colour'], /Unknown option --colour/],
    ['a non-numeric rate', ['--rate', 'fast'], /--rate is 'fast'/],
    ['a negative rate', ['--rate', '-5'], /--rate is '-5'/],
    [
      'an unknown scenario',
      ['--scenario', 'chaos'],
      /--scenario is 'chaos', an unknown scenario; use one of normal/,
    ],
    ['a port out of range', ['--port', '70000'], /--port is '70000'/],
    ['a bad PORT variable', [], /The PORT environment variable is '80a'/, { PORT: '80a' }],
    ['a bad speed', ['--replay', 'x.csv', '--speed', '-2'], /--speed is '-2'/],
    ['a host with a line break', ['--host', 'local\nhost'], /--host is 'local\\u000ahost'/],
    [
      'a missing replay file',
      ['--replay', 'no/such/file.csv'],
      /Replay path no\/such\/file\.csv does not exist/,
    ],
  ];
  for (const [name, args, message, env] of usageErrors) {
    it(`exits 2 on ${name}`, async () => {
      const result = await runCli(args, env);

      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.split('\n').length, 2, `stderr is not one line: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^observatory-server: .*${message.source}`));
    });
  }

  const fileErrors: [string, string, RegExp][] = [
    [
      'a malformed value',
      'bad_value_0f0f0f.csv',
      /bad_value_0f0f0f\.csv, line 4: value 'lots' is not a finite number/,
    ],
    ['a malformed header', 'bad_header.csv', /bad_header\.csv, line 1: header is 'when,how much'/],
    [
      'an impossible date',
      'bad_time.csv',
      /bad_time\.csv, line 2: timestamp '2014-02-30 14:30:00' is invalid/,
    ],
    ['an empty file', 'empty.csv', /empty\.csv is empty/],
    [
      'a binary file',
      'binary.csv',
      /binary\.csv, line 1: header is '\\u0000\\u000d\uFFFD\\u001b\[2J'/,
    ],
    ['a path below a file', 'empty.csv/data.csv', /empty\.csv\/data\.csv cannot be read \(ENOTDIR/],
    ['a folder without CSV files', 'no-csv', /no-csv contains no \.csv, \.ndjson or \.jsonl files/],
  ];
  for (const [name, file, message] of fileErrors) {
    it(`exits 2 on ${name}`, async () => {
      const result = await runCli(['--replay', join(folder, file)]);

      assert.equal(result.code, 2);
      assert.equal(result.stderr.split('\n').length, 2, `stderr is not one line: ${result.stderr}`);
      assert.match(result.stderr, message);
    });
  }

  it('exits 2 on a malformed file inside a folder', async () => {
    const result = await runCli(['--replay', folder]);

    assert.equal(result.code, 2);
    assert.match(result.stderr, /bad_header\.csv, line 1/);
  });

  it('exits 1 when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };

    const result = await runCli(['--port', String(port), '--no-host-metrics']);
    blocker.close();

    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      new RegExp(`^observatory-server: Port ${port} on 127\\.0\\.0\\.1 is already in use`),
    );
    assert.equal(result.stderr.split('\n').length, 2);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`shuts down cleanly on ${signal}`, async () => {
      const server = await startServer(['--no-host-metrics']);
      const client = await TestClient.connect(server);
      await client.waitFor((c) => c.of('data').length > 0, 'data arrived');

      server.child.kill(signal);
      await client.waitFor((c) => c.closeCode !== undefined, 'the client was closed');
      const code = await new Promise((resolve) => {
        if (server.child.exitCode !== null) resolve(server.child.exitCode);
        else server.child.once('exit', resolve);
      });

      assert.equal(client.closeCode, 1001);
      assert.equal(code, 0);
      const events = server
        .stderr()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).event);
      assert.deepEqual(events, [
        'server_started',
        'client_connected',
        'server_stopping',
        'client_disconnected',
        'server_stopped',
      ]);
    });
  }

  it('logs one JSON record per line', async () => {
    const server = await startServer(['--no-host-metrics']);
    const client = await TestClient.connect(server);
    client.socket.send('not json');
    await client.waitFor((c) => c.of('error').length === 1, 'an error arrived');
    client.close();
    await server.stop();

    const records = server
      .stderr()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    for (const record of records) {
      assert.match(record.time, /^\d{4}-\d{2}-\d{2}T/);
      assert.ok(['info', 'warn', 'error'].includes(record.level), `level ${record.level}`);
      assert.equal(typeof record.event, 'string');
    }
    const rejected = records.find((record) => record.event === 'client_message_rejected');
    assert.equal(rejected?.code, 'invalid_json');
    assert.equal(rejected?.client, 1);
  });
});
