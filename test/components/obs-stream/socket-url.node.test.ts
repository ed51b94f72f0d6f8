import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSocketUrl } from '../../../src/components/obs-stream/socket-url.js';

describe('resolveSocketUrl', () => {
  it('resolves a path against the page', () => {
    assert.deepEqual(resolveSocketUrl('/ws', 'http://localhost:8080/demo/index.html'), {
      url: 'ws://localhost:8080/ws',
    });
    assert.deepEqual(resolveSocketUrl('stream?x=1', 'https://example.test/app/'), {
      url: 'wss://example.test/app/stream?x=1',
    });
  });

  it('turns http into ws', () => {
    assert.deepEqual(resolveSocketUrl('http://127.0.0.1:9/ws', 'https://a.test/'), {
      url: 'ws://127.0.0.1:9/ws',
    });
    assert.deepEqual(resolveSocketUrl('https://a.test/ws#x', 'http://b.test/'), {
      url: 'wss://a.test/ws',
    });
  });

  it('keeps ws and wss', () => {
    assert.deepEqual(resolveSocketUrl('wss://a.test/ws', 'http://b.test/'), {
      url: 'wss://a.test/ws',
    });
    assert.deepEqual(resolveSocketUrl('ws://a.test:1/', 'http://b.test/'), {
      url: 'ws://a.test:1/',
    });
  });

  it('rejects other schemes', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/plain,x',
      'file:///etc/passwd',
      'ftp://a.test/',
    ]) {
      const result = resolveSocketUrl(url, 'http://b.test/');
      assert.ok('error' in result, url);
      assert.match(result.error, /must use ws:, wss:, http: or https:/);
    }
  });

  it('rejects an unparsable url', () => {
    assert.deepEqual(resolveSocketUrl('http://[::1', 'http://b.test/'), {
      error: "url 'http://[::1' is not a valid URL",
    });
  });
});
