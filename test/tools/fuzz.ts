import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/**
 * Generators of hostile input for the HTTP port, and the list of routes the running server has, so a
 * route added later is fuzzed without anyone remembering to.
 */

export interface Route {
  method: string;
  /** fastify's form: /api/v1/inbound/lookup/:did */
  path: string;
}

/**
 * Every route the server registers, read from its router (fastify's printRoutes tree: each line is a
 * path segment, indented four characters a level, with its methods in brackets).
 */
export function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    segments.length = depth;
    segments.push(m[2]);
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, path: segments.join('') });
  }
  return routes;
}

/** A JSON text, written by hand where JSON.stringify cannot say it (an own "__proto__" key, 5,000 levels). */
export type JsonText = string;

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];

const hugeString = fc
  .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.integer({ min: 5_000, max: 120_000 }))
  .map(([s, n]) => JSON.stringify(s.repeat(n)));

const deepNesting = fc
  .tuple(
    fc.oneof(fc.integer({ min: 2, max: 70 }), fc.integer({ min: 70, max: 6_000 })),
    fc.constantFrom(['[', ']'], ['{"a":', '}']),
    fc.boolean(),
  )
  .map(([n, [open, close], balanced]) => open.repeat(n) + '1' + (balanced ? close.repeat(n) : ''));

const oddLiterals = fc.constantFrom(
  '1e999',
  '-0',
  '123456789012345678901234567890',
  '0.1e-400',
  '"\\ud800"',
  '"\\u0000"',
  '"\\uFEFF"',
  '""',
  '[]',
  '{}',
  'null',
  'true',
  '"2026-02-30T25:61:00Z"',
  '"+49 (0) 30 / 555"',
  '"\u202e\u0646\u0635"',
);

/** One JSON value as text: wrong types, deep nesting, huge strings, any unicode, prototype keys. */
export const jsonValueText: fc.Arbitrary<JsonText> = fc.letrec<{ value: JsonText; object: JsonText }>((tie) => ({
  value: fc.oneof(
    { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: oddLiterals },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: tie('object') },
  ),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ unit: 'binary', maxLength: 12 })), tie('value')), {
      maxLength: 4,
    })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
})).value;

/** A body for a route whose fields are `fields`: mostly an object using those names with hostile values. */
export function bodyText(fields: string[], extraValues: fc.Arbitrary<JsonText>[] = []): fc.Arbitrary<JsonText> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(fields.length ? fields : ['x'])) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  );
  const value = extraValues.length ? fc.oneof(jsonValueText, ...extraValues) : jsonValueText;
  const object = fc
    .array(fc.tuple(key, value), { maxLength: 10 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
  const broken = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    object.map((text) => text.slice(0, Math.max(1, Math.floor(text.length / 2)))),
    object.map((text) => text.replace(/:/, '::')),
  );
  return fc.oneof({ weight: 8, arbitrary: object }, { weight: 2, arbitrary: jsonValueText }, { weight: 2, arbitrary: broken });
}

const HOLE = 'fuzz-hole-5e1c9a';

/** Every place in a JSON value: the path to each object member and array item. */
function placesIn(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...at, i], ...placesIn(v, [...at, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...placesIn(v, [...at, k])]);
  return [];
}

/** `template` as JSON text with the value at `path` replaced (or, with `add`, a member added beside it) by raw text. */
function withHole(
  template: unknown,
  path: (string | number)[],
  text: JsonText,
  mode: 'replace' | 'add' | 'delete',
  added: string,
): JsonText {
  const copy = structuredClone(template) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (mode === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  if (mode === 'add' && !Array.isArray(parent))
    Object.defineProperty(parent, added, { value: HOLE, enumerable: true, configurable: true, writable: true });
  else parent[last] = HOLE;
  return JSON.stringify(copy).replace(JSON.stringify(HOLE), text);
}

/**
 * A body one or two edits away from `template` (a request the rules refuse only late, so the hostile
 * value travels through validation into the handler): a value replaced by a hostile one, a member
 * deleted, or a member added (a prototype key, or any name).
 */
export function nearValidBody(template: Record<string, unknown>): fc.Arbitrary<JsonText> {
  const places = placesIn(template);
  const edit = fc.record({
    path: fc.constantFrom(...places),
    mode: fc.constantFrom<'replace' | 'add' | 'delete'>('replace', 'replace', 'replace', 'add', 'delete'),
    added: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ unit: 'binary', maxLength: 12 })),
    text: jsonValueText,
  });
  return edit.map(({ path, mode, added, text }) => withHole(template, path, text, mode, added));
}

/** Content types that are not JSON in UTF-8, said many ways. */
export const wrongContentType = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    'application/octet-stream',
    'application/json; charset=utf-16',
    'application/json; charset=iso-8859-1',
    'application/json; charset="latin1"',
    'application/json; charset=',
    'application/jsonp',
    'json',
    '*/*',
    '',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }).filter((s) => !/^\s*application\/json\s*(;|$)/i.test(s)),
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 })
    .map((cs) => `application/json; charset=${cs}`)
    .filter((t) => !/charset=\s*"?utf-?8"?\s*$/i.test(t)),
);

/**
 * A request that breaks HTTP/1.1's framing or grammar in one place, for `path`: a bad method or version,
 * a header without a colon or with a control character, two Content-Lengths, Transfer-Encoding with
 * Content-Length, a bad chunk, a head over 16 KiB, a control character in the request target, no Host.
 */
export function malformedRequest(path: string): fc.Arbitrary<string> {
  const host = 'Host: 127.0.0.1';
  const token = fc.string({ unit: fc.constantFrom(...'abcxyzABC-_.'.split('')), minLength: 1, maxLength: 10 });
  const control = fc.constantFrom('\x00', '\x01', '\x07', '\x0b', '\x0c', '\x1b', '\x7f');
  const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
  return fc.oneof(
    fc
      .tuple(fc.string({ unit: fc.constantFrom(...' ()<>@,;:\\"/[]?={}\t'.split('')), minLength: 1, maxLength: 6 }), token)
      .map(([bad, t]) => head([`${t}${bad} ${path} HTTP/1.1`, host])),
    fc.constantFrom('HTTP/1.2', 'HTTP/9.9', 'HTTX/1.1', 'HTTP/1.1x', 'http/1.1', 'HTTP/ 1.1').map((v) => head([`GET ${path} ${v}`, host])),
    fc.tuple(token, control).map(([t, c]) => head([`GET ${path}${c}${t} HTTP/1.1`, host])),
    token.map((t) => head([`GET ${path} HTTP/1.1`, host, `X-${t} no colon here`])),
    fc.tuple(token, control).map(([t, c]) => head([`GET ${path} HTTP/1.1`, host, `X-Fuzz: ${t}${c}${t}`])),
    fc
      .tuple(fc.nat(50), fc.integer({ min: 51, max: 99 }))
      .map(
        ([a, b]) =>
          head([`POST ${path} HTTP/1.1`, host, 'Content-Type: application/json', `Content-Length: ${a}`, `Content-Length: ${b}`]) + '{}',
      ),
    fc
      .nat(99)
      .map(
        (n) =>
          head([`POST ${path} HTTP/1.1`, host, 'Content-Type: application/json', 'Transfer-Encoding: chunked', `Content-Length: ${n}`]) +
          '2\r\n{}\r\n0\r\n\r\n',
      ),
    fc
      .string({ unit: fc.constantFrom(...'ghijxyz-+ '.split('')), minLength: 1, maxLength: 6 })
      .map(
        (size) =>
          head([`POST ${path} HTTP/1.1`, host, 'Content-Type: application/json', 'Transfer-Encoding: chunked']) +
          `${size}\r\n{}\r\n0\r\n\r\n`,
      ),
    fc.integer({ min: 17_000, max: 40_000 }).map((n) => head([`GET ${path} HTTP/1.1`, host, `X-Big: ${'a'.repeat(n)}`])),
    token.map((t) => head([`GET ${path} HTTP/1.1`, host, ` ${t}: folded`])),
    fc.constant(head([`GET ${path} HTTP/1.1`, 'Accept: */*'])),
  );
}

/** %-encodes every byte but the unreserved ones (encodeURIComponent throws on a lone surrogate). */
const percentEncode = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** A query string: the route's own parameter names and others, values anything, some of it not even %-encoded right. */
export function queryString(names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...(names.length ? names : ['q'])), fc.string({ unit: 'binary', maxLength: 8 }));
  const pair = fc
    .tuple(
      name,
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        hugeString.map((s) => s.slice(0, 400)),
      ),
    )
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
  const raw = fc.constantFrom('%', '%zz', '%E0%A4%A', '&&&', '=', 'a=1&a=2&a=3', '__proto__[x]=1', 'constructor=1');
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: pair }, { weight: 1, arbitrary: raw }), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join('&'));
}

/** A path parameter: anything, %-encoded or not, up to well past the router's 100 characters. */
export const pathParam = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(percentEncode),
  fc.integer({ min: 101, max: 3000 }).map((n) => '9'.repeat(n)),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%00', '+', '%2B', '.', '..'),
);
