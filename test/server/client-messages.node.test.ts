import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientMessage } from '../../src/server/client-messages.js';

describe('parseClientMessage', () => {
  it('reads a command with args', () => {
    const parsed = parseClientMessage(
      '{"type":"command","name":"scenario","args":{"name":"high_load"}}',
      false,
    );

    assert.deepEqual(parsed, {
      message: { type: 'command', name: 'scenario', args: { name: 'high_load' } },
    });
  });

  it('reads a command without args', () => {
    assert.deepEqual(parseClientMessage(Buffer.from('{"type":"command","name":"rate"}'), false), {
      message: { type: 'command', name: 'rate', args: undefined },
    });
  });

  const rejected: [string, string, boolean, string][] = [
    ['a binary frame', '{"type":"command","name":"rate"}', true, 'invalid_message'],
    ['invalid JSON', '{"type":', false, 'invalid_json'],
    ['an empty frame', '', false, 'invalid_json'],
    ['a JSON number', '42', false, 'invalid_message'],
    ['JSON null', 'null', false, 'invalid_message'],
    ['a JSON array', '[{"type":"command"}]', false, 'invalid_message'],
    ['a missing type', '{"name":"rate"}', false, 'invalid_message'],
    ['a numeric type', '{"type":7}', false, 'invalid_message'],
    ['an unknown type', '{"type":"subscribe"}', false, 'unknown_message_type'],
    ['a __proto__ type', '{"type":"__proto__"}', false, 'unknown_message_type'],
    ['a missing name', '{"type":"command"}', false, 'invalid_message'],
    ['array args', '{"type":"command","name":"rate","args":[1]}', false, 'invalid_command_args'],
    ['null args', '{"type":"command","name":"rate","args":null}', false, 'invalid_command_args'],
  ];
  for (const [name, text, isBinary, code] of rejected) {
    it(`rejects ${name}`, () => {
      const parsed = parseClientMessage(text, isBinary);

      assert.ok('error' in parsed, 'expected an error');
      assert.equal(parsed.error.code, code);
      assert.ok(parsed.error.message.length > 0);
    });
  }

  it('clips a huge type in the message', () => {
    const parsed = parseClientMessage(JSON.stringify({ type: 'x'.repeat(50_000) }), false);

    assert.ok('error' in parsed);
    assert.ok(parsed.error.message.length < 200);
  });

  it('keeps a __proto__ key as plain data', () => {
    const parsed = parseClientMessage(
      '{"type":"command","name":"scenario","args":{"__proto__":{"polluted":1}}}',
      false,
    );

    assert.ok('message' in parsed);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
