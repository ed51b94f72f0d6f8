import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/server/logger.js';
import { startObservatoryServer, type ObservatoryServer } from '../../src/server/server.js';

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, method = 'GET'): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static routes', () => {
  let root: string;
  let outside: string;
  let server: ObservatoryServer;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'observatory-root-'));
    outside = mkdtempSync(join(tmpdir(), 'observatory-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    mkdirSync(join(root, 'demo', 'examples'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(root, 'demo', 'dashboard.css'), 'body{}');
    writeFileSync(join(root, 'demo', 'examples', 'index.html'), 'examples');
    writeFileSync(join(root, 'dist', 'observatory.min.js'), 'export{};');
    writeFileSync(join(root, 'dist', 'observatory.min.js.map'), '{"version":3}');
    writeFileSync(join(root, 'package.json'), '{"name":"observatory"}');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'demo', 'link.txt'));
    server = await startObservatoryServer({
      host: '127.0.0.1',
      port: 0,
      root,
      logger: createLogger(() => {}),
    });
  });

  after(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const served: [string, string, string][] = [
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/?panel=grid', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/dashboard.css', 'text/css; charset=utf-8', 'body{}'],
    ['/examples/', 'text/html; charset=utf-8', 'examples'],
    ['/dist/observatory.min.js', 'text/javascript; charset=utf-8', 'export{};'],
    ['/dist/observatory.min.js.map', 'application/json; charset=utf-8', '{"version":3}'],
  ];
  for (const [path, type, body] of served) {
    it(`serves ${path}`, async () => {
      const response = await send(server.port, path);

      assert.equal(response.status, 200);
      assert.equal(response.headers['content-type'], type);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.body, body);
    });
  }

  const missing = [
    '/missing.html',
    '/dist/',
    '/dist/missing.js',
    '/package.json',
    '/../package.json',
    '/dist/../package.json',
    '/%2e%2e/package.json',
    '/dist/%2E%2E/%2E%2E/package.json',
    '/link.txt',
    '/index.html%00',
  ];
  for (const path of missing) {
    it(`answers 404 for ${path}`, async () => {
      const response = await send(server.port, path);

      assert.equal(response.status, 404);
      assert.doesNotMatch(response.body, /secret|observatory/);
    });
  }

  it('answers HEAD without a body', async () => {
    const response = await send(server.port, '/dist/observatory.min.js', 'HEAD');

    assert.equal(response.status, 200);
    assert.equal(response.headers['content-length'], '9');
    assert.equal(response.body, '');
  });

  it('answers 405 for POST', async () => {
    const response = await send(server.port, '/', 'POST');

    assert.equal(response.status, 405);
    assert.equal(response.headers.allow, 'GET, HEAD');
  });

  it('answers 204 for a missing favicon', async () => {
    const response = await send(server.port, '/favicon.ico');

    assert.equal(response.status, 204);
    assert.equal(response.body, '');
  });

  it('answers 426 for plain HTTP on /ws', async () => {
    assert.equal((await send(server.port, '/ws')).status, 426);
  });

  it('reports no clients on /healthz', async () => {
    const response = await send(server.port, '/healthz');

    assert.deepEqual(Object.keys(JSON.parse(response.body)), [
      'status',
      'clients',
      'uptimeSeconds',
    ]);
    assert.equal(JSON.parse(response.body).clients, 0);
  });
});
