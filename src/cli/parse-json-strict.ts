/**
 * A strict JSON (RFC 8259) parser for spec files. Unlike `JSON.parse` it rejects duplicate keys
 * (JSON.parse silently keeps the last: `"zones": 3, ..., "zones": 1` would be read as 1), reports
 * errors as line:column instead of a byte offset, never quotes the text it could not parse (it may
 * hold a secret), and accepts a leading UTF-8 byte-order mark as editors on Windows write one.
 */

export class JsonSyntaxError extends Error {
  constructor(
    public readonly reason: string,
    public readonly line: number,
    public readonly column: number,
  ) {
    super(`${line}:${column}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

export function parseJsonStrict(input: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let pos = 0;

  const fail = (reason: string, at = pos): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new JsonSyntaxError(reason, line, column);
  };
  const describe = (at: number): string => {
    if (at >= text.length) return 'the end of the file';
    const ch = text[at];
    if (ch === "'") return 'a single quote (JSON strings use double quotes)';
    return /[\x21-\x7e]/.test(ch) ? `'${ch}'` : `character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  };
  const skip = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };
  const expect = (ch: string, what: string): void => {
    skip();
    if (text[pos] !== ch) fail(`expected ${what}, found ${describe(pos)}`);
    pos++;
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string', start);
      const ch = text[pos];
      if (ch === '"') {
        pos++;
        return out;
      }
      if (ch === '\\') {
        const esc = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc in simple) {
          out += simple[esc];
          pos += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else fail('invalid escape in a string');
        continue;
      }
      if (ch < ' ') fail(ch === '\n' ? 'unterminated string (a line break inside quotes)' : 'control character inside a string');
      out += ch;
      pos++;
    }
  };

  const parseValue = (path: string): unknown => {
    skip();
    const ch = text[pos];
    if (ch === '{') return parseObject(path);
    if (ch === '[') return parseArray(path);
    if (ch === '"') return parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0 && m[0] !== '-') {
      pos += m[0].length;
      return Number(m[0]);
    }
    return fail(`expected a value, found ${describe(pos)}`);
  };

  const parseObject = (path: string): Record<string, unknown> => {
    pos++;
    const out: Record<string, unknown> = {};
    const seenAt = new Map<string, number>();
    skip();
    if (text[pos] === '}') {
      pos++;
      return out;
    }
    for (;;) {
      skip();
      if (text[pos] !== '"') fail(`expected a key in double quotes, found ${describe(pos)}`);
      const keyAt = pos;
      const key = parseString();
      if (seenAt.has(key)) {
        const first = seenAt.get(key) as number;
        const before = text.slice(0, first);
        fail(
          `duplicate key "${key}" in ${path} (first at ${before.split('\n').length}:${first - before.lastIndexOf('\n')}): ` +
            'JSON.parse would silently keep the last one',
          keyAt,
        );
      }
      seenAt.set(key, keyAt);
      expect(':', "':' after a key");
      out[key] = parseValue(path === '(spec)' ? key : `${path}.${key}`);
      skip();
      if (text[pos] === ',') {
        const comma = pos++;
        skip();
        if (text[pos] === '}') fail('trailing comma before }', comma);
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      fail(`expected ',' or '}' after a value, found ${describe(pos)}`);
    }
  };

  const parseArray = (path: string): unknown[] => {
    pos++;
    const out: unknown[] = [];
    skip();
    if (text[pos] === ']') {
      pos++;
      return out;
    }
    for (;;) {
      out.push(parseValue(`${path}[${out.length}]`));
      skip();
      if (text[pos] === ',') {
        const comma = pos++;
        skip();
        if (text[pos] === ']') fail('trailing comma before ]', comma);
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      fail(`expected ',' or ']' after a value, found ${describe(pos)}`);
    }
  };

  const value = parseValue('(spec)');
  skip();
  if (pos < text.length) fail(`unexpected ${describe(pos)} after the end of the JSON value`);
  return value;
}
