import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { contentTypeFor, resolveInside } from '../../src/server/static-files.js';

describe('resolveInside', () => {
  const root = resolve('/srv/demo');

  it('maps a path below the root', () => {
    assert.equal(resolveInside(root, '/css/app.css'), join(root, 'css', 'app.css'));
  });

  it('decodes percent-encoded names', () => {
    assert.equal(resolveInside(root, '/my%20page.html'), join(root, 'my page.html'));
  });

  it('keeps .. that stays inside', () => {
    assert.equal(resolveInside(root, '/a/../b.js'), join(root, 'b.js'));
  });

  const escapes = [
    '/../package.json',
    '../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%2f..%2fetc%2fpasswd',
    '/a/../../etc/passwd',
    '/..%5c..%5cetc',
    '/%2e%2e',
  ];
  for (const path of escapes) {
    it(`rejects ${path}`, () => {
      const resolved = resolveInside(root, path);

      assert.ok(resolved === undefined || resolved.startsWith(root), `escaped to ${resolved}`);
    });
  }

  it('rejects malformed percent-encoding', () => {
    assert.equal(resolveInside(root, '/%E0%A4%A'), undefined);
  });

  it('rejects a NUL byte', () => {
    assert.equal(resolveInside(root, '/index.html%00.png'), undefined);
  });
});

describe('contentTypeFor', () => {
  const cases: [string, string][] = [
    ['index.html', 'text/html; charset=utf-8'],
    ['observatory.min.js', 'text/javascript; charset=utf-8'],
    ['observatory.min.js.map', 'application/json; charset=utf-8'],
    ['dashboard.CSS', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['archive.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ];
  for (const [file, type] of cases) {
    it(`types ${file}`, () => {
      assert.equal(contentTypeFor(file), type);
    });
  }
});
