// Copyright the hmac-signed authors.
// SPDX-License-Identifier: Apache-2.0

/**
 * Reference client of the hmac-signed wire protocol, version 1 with Amendment 1 (Node 20,
 * no dependencies: `node:crypto` and the global `fetch`).
 *
 * It is the project's second non-Java implementation of docs/protocol.md, kept small and
 * literal. It only signs; verification is the servers' business. Library use:
 *
 * ```js
 * import { signedFetch } from './hmac-signed.mjs';
 * const key = { keyId: 'orders-2026-11', secret: Buffer.from(process.env.HMAC_SECRET, 'base64') };
 * const response = await signedFetch('https://api.example.com/api/orders', {
 *   method: 'POST',
 *   headers: { 'Content-Type': 'application/json; charset=utf-8' },
 *   body: JSON.stringify({ sku: 'A-1001' }),
 * }, key);
 * ```
 *
 * or, to sign a request that another HTTP stack sends, {@link sign}.
 *
 * Security: the secret, the MAC input and the body are never logged or put in an error message;
 * the canonical string is shown only when asked (`onCanonical`, the CLI's `--debug`).
 *
 * @module hmac-signed
 */

import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Scheme token -> node:crypto hash name. The scheme names both the MAC and the body hash. */
export const SCHEMES = Object.freeze({ 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' });

// Scheme token -> RFC 9530 algorithm key in Content-Digest.
const DIGEST_KEYS = { 'HMAC-SHA256': 'sha-256', 'HMAC-SHA512': 'sha-512' };

// Parameter rules of docs/protocol.md section 2.1, ASCII only.
const KEY_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const TIMESTAMP = /^(?:0|[1-9][0-9]{0,11})$/;
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

const OWS = ' \t';

/** A request that cannot be signed as given (bad parameter, missing covered header, ...). */
export class SigningError extends Error {
  /** @param {string} message what is wrong and how to fix it (never a secret) */
  constructor(message) {
    super(message);
    this.name = 'SigningError';
  }
}

// ---------------------------------------------------------------------------------------------
// Amendment 1: percent-normalization, canonical host and content-type
// ---------------------------------------------------------------------------------------------

const UTF8 = new TextEncoder();
const HEX = '0123456789ABCDEF';

function isUnreserved(byte) {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

function hexValue(byte) {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

function percentEncoded(byte) {
  return '%' + HEX[byte >> 4] + HEX[byte & 0x0f];
}

/**
 * Percent-normalization of Amendment 1, on the UTF-8 bytes of `text`, left to right: `%XX`
 * (any hex case) becomes the byte itself when unreserved, else `%` and two uppercase hex
 * digits; any other unreserved byte or byte of `keep` stays; every other byte (a lone `%`
 * too) is percent-encoded in uppercase.
 *
 * @param {string} text the raw path or query part
 * @param {string} keep the literal delimiters kept as they are (ASCII characters)
 * @returns {string} the normalized form (ASCII)
 */
export function percentNormalize(text, keep) {
  const keepBytes = new Set([...keep].map((c) => c.charCodeAt(0)));
  const bytes = UTF8.encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x25 && i + 2 < bytes.length && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
      const value = hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]);
      out += isUnreserved(value) ? String.fromCharCode(value) : percentEncoded(value);
      i += 2;
    } else if (isUnreserved(byte) || keepBytes.has(byte)) {
      out += String.fromCharCode(byte);
    } else {
      out += percentEncoded(byte);
    }
  }
  return out;
}

/** Characters a path keeps literal: everything legal in a path segment, and `/`. */
export const PATH_KEEP = "!$&'()*+,;=:@/";
/** Characters a query part keeps literal. */
export const QUERY_KEEP = '=+';

/**
 * Line 6: the path of the request target (no query), percent-normalized with
 * {@link PATH_KEEP}; `/` when empty. No dot-segment removal.
 *
 * @param {string | null | undefined} rawPath the path as sent, e.g. `/a/%7e%41b/c;v=1/%2f`
 * @returns {string} e.g. `/a/~Ab/c;v=1/%2F`
 */
export function canonicalPath(rawPath) {
  if (!rawPath) return '/';
  return percentNormalize(rawPath, PATH_KEEP);
}

/**
 * Line 7: the raw query split on `&`, empty parts dropped, each part percent-normalized with
 * {@link QUERY_KEEP}, sorted by byte order, joined with `&`; empty when there is no query.
 *
 * @param {string | null | undefined} rawQuery the query as sent, without `?`
 * @returns {string} e.g. `A=1&q=%7B%7D&q=a%2Fb&x=a+b` for `q=a/b&q=%7b%7d&x=a+b&%41=1`
 */
export function canonicalQuery(rawQuery) {
  if (!rawQuery) return '';
  const parts = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => percentNormalize(part, QUERY_KEEP));
  // Normalized parts are ASCII, but compare bytes anyway: byte order is the rule.
  parts.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return parts.join('&');
}

/** Lowercases A-Z only: the same in every language, whatever its Unicode tables. */
function asciiLowercase(text) {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function trimOws(text) {
  let start = 0;
  let end = text.length;
  while (start < end && OWS.includes(text[start])) start++;
  while (end > start && OWS.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

function splitOutsideQuotes(text) {
  // A simple toggle on '"': the amendment splits on ';' outside double quotes.
  const pieces = [];
  let quoted = false;
  let current = '';
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  pieces.push(current);
  return pieces;
}

function unquote(value) {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * The canonical `content-type` value of Amendment 1: split on `;` outside double quotes; the
 * media type trimmed and lowercased; each non-empty parameter as `name=value`, split on its
 * first `=`, the name trimmed and lowercased, the value trimmed (a parameter without `=` gives
 * `name=`); the `charset` value also unquoted and lowercased, other values kept as sent; joined
 * with `;`. "Trimmed" removes spaces and tabs.
 *
 * @param {string} value the header value as sent, e.g. `Text/Plain; Charset="UTF-8"`
 * @returns {string} e.g. `text/plain;charset=utf-8`
 */
export function canonicalContentType(value) {
  const [mediaType, ...parameters] = splitOutsideQuotes(value);
  const out = [asciiLowercase(trimOws(mediaType))];
  for (const parameter of parameters) {
    if (trimOws(parameter) === '') continue;
    const equals = parameter.indexOf('=');
    const name = asciiLowercase(trimOws(equals < 0 ? parameter : parameter.slice(0, equals)));
    let parameterValue = equals < 0 ? '' : trimOws(parameter.slice(equals + 1));
    if (name === 'charset') parameterValue = asciiLowercase(unquote(parameterValue));
    out.push(name + '=' + parameterValue);
  }
  return out.join(';');
}

// ---------------------------------------------------------------------------------------------
// The canonical string (docs/protocol.md section 3)
// ---------------------------------------------------------------------------------------------

/**
 * Header pairs from any usual shape: an array of `[name, value]` pairs (a name may repeat), a
 * `Headers` object, or a plain object of name -> value.
 */
function headerPairs(headers) {
  if (headers == null) return [];
  if (Array.isArray(headers) || typeof headers[Symbol.iterator] === 'function') {
    return [...headers].map(([name, value]) => [String(name), String(value)]);
  }
  return Object.entries(headers).map(([name, value]) => [name, String(value)]);
}

function coveredNames(covered) {
  return covered === '' ? [] : covered.split(';');
}

/**
 * Builds the canonical string of docs/protocol.md section 3 (with Amendment 1).
 *
 * @param {object} request
 * @param {string} request.scheme `HMAC-SHA256` or `HMAC-SHA512`
 * @param {string} request.keyId
 * @param {string} request.timestamp decimal Unix seconds, as in the Authorization header
 * @param {string} request.nonce
 * @param {string} request.method as sent
 * @param {string | null} [request.path] the raw path as sent (no query)
 * @param {string | null} [request.query] the raw query as sent, without `?` (null: none)
 * @param {string} request.covered the headers parameter, verbatim (line 8), e.g. `host;content-type`
 * @param {Array<[string, string]> | Headers | Record<string, string>} request.headers the
 *     request's headers; names match case-insensitively, repeated names are joined with `, `
 * @param {string | null} [request.authority] `host[:port]` used as `host` when there is no Host header
 * @param {string} request.bodyDigestHex lowercase hex digest of the body (see {@link bodyDigest})
 * @returns {string} the canonical string (LF-separated, no trailing LF)
 * @throws {SigningError} when a covered header is absent (and, for `host`, no authority is given)
 */
export function canonicalString({
  scheme,
  keyId,
  timestamp,
  nonce,
  method,
  path,
  query,
  covered,
  headers,
  authority,
  bodyDigestHex,
}) {
  const pairs = headerPairs(headers);
  const lines = [scheme, keyId, timestamp, nonce, method, canonicalPath(path), canonicalQuery(query), covered];
  for (const name of coveredNames(covered)) {
    // Names match case-insensitively (a signer only ever covers lowercase names).
    const lower = name.toLowerCase();
    const values = pairs.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => trimOws(v));
    let value;
    if (values.length > 0) {
      value = values.join(', ');
    } else if (lower === 'host' && authority) {
      value = authority;
    } else {
      throw new SigningError(`covered header '${name}' is not on the request`);
    }
    if (!/^[\x20-\x7e\t]*$/.test(value)) {
      // docs/protocol.md §3.4: servers decode other bytes in different ways.
      throw new SigningError(
        `covered header '${name}' has a character other than visible ASCII, space and tab; it cannot be signed`,
      );
    }
    if (lower === 'host') value = asciiLowercase(value);
    if (lower === 'content-type') value = canonicalContentType(value);
    lines.push(name + ':' + value);
  }
  lines.push(bodyDigestHex);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Digest, MAC, headers, signing
// ---------------------------------------------------------------------------------------------

function hashName(scheme) {
  if (!Object.hasOwn(SCHEMES, scheme)) {
    throw new SigningError(`unknown scheme '${scheme}'; use one of ${Object.keys(SCHEMES).join(', ')}`);
  }
  return SCHEMES[scheme];
}

function asBytes(body) {
  if (body == null) return new Uint8Array(0);
  if (typeof body === 'string') return UTF8.encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('the body must be a string, a Uint8Array/Buffer or an ArrayBuffer (its exact bytes are signed)');
}

/**
 * The raw SHA-256 or SHA-512 digest of the body bytes, per the scheme.
 *
 * @param {string} scheme
 * @param {Uint8Array | string | null} body a string is hashed as UTF-8
 * @returns {Buffer}
 */
export function bodyDigest(scheme, body) {
  return createHash(hashName(scheme)).update(asBytes(body)).digest();
}

/**
 * The Content-Digest value for a body: `sha-256=:<base64>:` (or `sha-512=:...:`).
 *
 * @param {string} scheme
 * @param {Uint8Array | string | null} body
 * @returns {string}
 */
export function contentDigestValue(scheme, body) {
  return `${DIGEST_KEYS[scheme]}=:${bodyDigest(scheme, body).toString('base64')}:`;
}

const DEBUG_LABELS = ['scheme', 'key-id', 'timestamp', 'nonce', 'method', 'path', 'query', 'headers'];

/**
 * The first 12 lowercase hex digits of the SHA-256 of the canonical string's UTF-8 bytes. A
 * server logs the fingerprint of the canonical string it computed with a signature mismatch:
 * equal to this one, the secrets differ; different, the request changed on its way. It reveals
 * nothing secret.
 *
 * @param {string} canonical
 * @returns {string}
 */
export function canonicalFingerprint(canonical) {
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 12);
}

/**
 * The canonical string as every hmac-signed tool shows it, to be compared with `diff`: the
 * fingerprint first, then one labelled line per line of the canonical string (scheme, key-id,
 * timestamp, nonce, method, path, query, headers, one `header` per covered header,
 * body-digest), `label: line`, or `label:` alone for an empty line. The Java client's debug
 * log, `hmac-signed sign --debug` and `hmac-signed verify --explain` print the same form.
 *
 * @param {string} canonical
 * @returns {string} lines joined by LF, no trailing LF
 */
export function canonicalDebugText(canonical) {
  const lines = canonical.split('\n');
  const out = [`fingerprint: ${canonicalFingerprint(canonical)}`];
  lines.forEach((line, index) => {
    const label =
      index === lines.length - 1 ? 'body-digest' : index < DEBUG_LABELS.length ? DEBUG_LABELS[index] : 'header';
    out.push(line === '' ? `${label}:` : `${label}: ${line}`);
  });
  return out.join('\n');
}

/**
 * Lowercase hex HMAC of the UTF-8 canonical string.
 *
 * @param {string} scheme
 * @param {Uint8Array} secret the raw secret bytes
 * @param {string} canonical
 * @returns {string}
 */
export function macHex(scheme, secret, canonical) {
  return createHmac(hashName(scheme), secret).update(canonical, 'utf8').digest('hex');
}

/**
 * The Authorization value, parameters in the order every implementation of the project emits.
 *
 * @returns {string}
 */
export function authorizationValue(scheme, keyId, timestamp, nonce, covered, signature) {
  return (
    `${scheme} keyId="${keyId}", timestamp="${timestamp}", nonce="${nonce}", ` +
    `headers="${covered}", signature="${signature}"`
  );
}

/** Connection-specific headers (RFC 9110 §7.6.1): proxies and servers remove or rewrite them (§3.4). */
export const HOP_BY_HOP_HEADERS = Object.freeze([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

/** Headers whose well-known values Jetty's header cache may hand over in another case (§3.4). */
export const RECASED_BY_JETTY = Object.freeze(['cache-control', 'accept-encoding']);

/** Refuses to cover a hop-by-hop header; warns when covering one that Jetty may recase. */
function checkCoverableNames(covered) {
  for (const name of coveredNames(covered)) {
    if (HOP_BY_HOP_HEADERS.includes(name)) {
      throw new SigningError(
        `cannot cover header '${name}': it is hop-by-hop, and proxies and servers remove or rewrite it (protocol v1 §3.4)`,
      );
    }
    if (RECASED_BY_JETTY.includes(name)) {
      process.emitWarning(
        `covering header '${name}': Jetty hands some of its values to the application in another case unless its header cache is case-sensitive, and the request then fails verification (protocol v1 §3.4)`,
        { code: 'HMAC_SIGNED_RECASED_HEADER' },
      );
    }
  }
}

function validate(scheme, keyId, timestamp, nonce, covered) {
  hashName(scheme);
  if (!KEY_ID.test(keyId)) throw new SigningError('keyId must be 1-128 characters of [A-Za-z0-9._~-]');
  if (!TIMESTAMP.test(timestamp)) {
    throw new SigningError('timestamp must be decimal seconds, no sign, no leading zero, <= 12 digits');
  }
  if (!NONCE.test(nonce)) throw new SigningError('nonce must be 16-128 characters of [A-Za-z0-9_-]');
  const names = coveredNames(covered);
  if (names.some((n) => !HEADER_NAME.test(n)) || new Set(names).size !== names.length || names.includes('authorization')) {
    throw new SigningError("headers must be distinct lowercase header names separated by ';', never authorization");
  }
}

/**
 * Signs a request and returns the two headers to add to it.
 *
 * @param {object} request
 * @param {string} [request.algorithm] `HMAC-SHA256` (default) or `HMAC-SHA512`: the key's algorithm
 * @param {string} request.keyId
 * @param {Uint8Array} request.secret the key's raw secret bytes
 * @param {string} request.method as it will be sent
 * @param {string | null} [request.path] the raw path as it will be sent (no query)
 * @param {string | null} [request.query] the raw query as it will be sent, without `?`
 * @param {Array<[string, string]> | Headers | Record<string, string>} [request.headers] the
 *     headers that will be sent
 * @param {string | null} [request.authority] `host[:port]` the request goes to; signed as
 *     `host` when the headers have no Host (an HTTP/2 client sends it as `:authority`)
 * @param {Uint8Array | string | null} [request.body] the exact body bytes (a string: UTF-8)
 * @param {string} [request.covered] headers parameter; default `host`, plus `content-type`
 *     when the request has one
 * @param {string | number} [request.timestamp] default: now
 * @param {string} [request.nonce] default: 16 random bytes, base64url
 * @param {(canonical: string) => void} [request.onCanonical] called with the canonical string
 *     signed, for debugging (see {@link canonicalDebugText})
 * @returns {{authorization: string, contentDigest: string | null}} `contentDigest` is null
 *     for an empty body (then no Content-Digest is sent)
 * @throws {SigningError} on a parameter the protocol does not allow or a missing covered header
 */
export function sign({
  algorithm = 'HMAC-SHA256',
  keyId,
  secret,
  method,
  path,
  query,
  headers,
  authority,
  body,
  covered,
  timestamp,
  nonce,
  onCanonical,
}) {
  if (!(secret instanceof Uint8Array) || secret.length === 0) {
    throw new SigningError('the secret must be the key\'s raw bytes, a non-empty Uint8Array or Buffer');
  }
  const pairs = headerPairs(headers);
  if (covered === undefined) {
    covered = pairs.some(([n]) => n.toLowerCase() === 'content-type') ? 'host;content-type' : 'host';
  }
  timestamp = String(timestamp ?? Math.floor(Date.now() / 1000));
  nonce = nonce ?? randomBytes(16).toString('base64url');
  validate(algorithm, keyId, timestamp, nonce, covered);
  checkCoverableNames(covered);
  const bytes = asBytes(body);
  const canonical = canonicalString({
    scheme: algorithm,
    keyId,
    timestamp,
    nonce,
    method,
    path,
    query,
    covered,
    headers: pairs,
    authority,
    bodyDigestHex: bodyDigest(algorithm, bytes).toString('hex'),
  });
  if (onCanonical) onCanonical(canonical);
  const signature = macHex(algorithm, secret, canonical);
  return {
    authorization: authorizationValue(algorithm, keyId, timestamp, nonce, covered, signature),
    contentDigest: bytes.length > 0 ? contentDigestValue(algorithm, bytes) : null,
  };
}

/**
 * Builds the signed `Request` that {@link signedFetch} sends: what is signed is what fetch
 * sends: the method, path and query as the `Request` serializes them, the URL's host as
 * `host`, the headers after fetch's own normalization, and the body as exactly the bytes that
 * were hashed. Redirects are not followed (`redirect: 'manual'`: following a 3xx would replay
 * the signature elsewhere).
 *
 * A string body is sent as UTF-8 and, without a Content-Type, as `text/plain;charset=UTF-8`
 * (as fetch would); bytes are sent as they are. Streams, `FormData`, `URLSearchParams` and
 * `Blob` bodies are refused: their bytes are not known before sending.
 *
 * @param {string | URL} url absolute http(s) URL
 * @param {RequestInit} [init] `method`, `headers`, `body`, `signal`, ... (no Host, Authorization
 *     or Content-Digest header: the URL gives the host and signing adds the other two)
 * @param {{keyId: string, secret: Uint8Array, algorithm?: string}} key the key to sign with
 * @param {{covered?: string, timestamp?: string | number, nonce?: string,
 *     onCanonical?: (canonical: string) => void}} [options] `onCanonical` is called with the
 *     canonical string signed, for debugging
 * @returns {Request} a request ready for `fetch`
 * @throws {SigningError | TypeError} when the request cannot be signed as given
 */
export function signedRequest(url, init = {}, key, options = {}) {
  if (!key) throw new TypeError('a key is needed: { keyId, secret, algorithm? }');
  const headers = new Headers(init.headers);
  for (const name of ['host', 'authorization', 'content-digest']) {
    if (headers.has(name)) {
      throw new SigningError(
        name === 'host'
          ? "fetch cannot send a Host header: the host is the URL's"
          : `the headers must not carry ${name}: signing adds it`,
      );
    }
  }
  const body = asBytes(init.body);
  if (typeof init.body === 'string' && body.length > 0 && !headers.has('content-type')) {
    headers.set('content-type', 'text/plain;charset=UTF-8');
  }
  // A Request serializes the URL and normalizes method and headers exactly as fetch sends them.
  const request = new Request(url, {
    ...init,
    headers,
    body: body.length > 0 ? body : undefined,
    redirect: 'manual',
  });
  const target = new URL(request.url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new SigningError(`only http and https URLs can be sent, not ${target.protocol}`);
  }
  const { authorization, contentDigest } = sign({
    algorithm: key.algorithm ?? 'HMAC-SHA256',
    keyId: key.keyId,
    secret: key.secret,
    method: request.method,
    path: target.pathname,
    query: target.search.slice(1),
    headers: [['host', target.host], ...request.headers],
    body,
    covered: options.covered,
    timestamp: options.timestamp,
    nonce: options.nonce,
    onCanonical: options.onCanonical,
  });
  request.headers.set('authorization', authorization);
  if (contentDigest !== null) request.headers.set('content-digest', contentDigest);
  return request;
}

/**
 * Signs a request and sends it with the global `fetch`; see {@link signedRequest} for what
 * is signed and which bodies are accepted.
 *
 * @param {string | URL} url absolute http(s) URL
 * @param {RequestInit} [init] as for `fetch`, without Host, Authorization or Content-Digest
 * @param {{keyId: string, secret: Uint8Array, algorithm?: string}} key the key to sign with
 * @param {{covered?: string, timestamp?: string | number, nonce?: string}} [options]
 * @returns {Promise<Response>}
 */
export async function signedFetch(url, init = {}, key, options = {}) {
  return fetch(signedRequest(url, init, key, options));
}

// ---------------------------------------------------------------------------------------------
// The keys file (docs/protocol.md section 7.1)
// ---------------------------------------------------------------------------------------------

/** A keys file that is not valid. The message names the line, never its content. */
export class KeysFileError extends Error {
  /** @param {string} message which line and what is wrong (never a value) */
  constructor(message) {
    super(message);
    this.name = 'KeysFileError';
  }
}

/** The attributes a keys-file line may set, after `<key-id>.`. */
export const KEYS_FILE_ATTRIBUTES = Object.freeze([
  'secret',
  'algorithm',
  'principal',
  'roles',
  'status',
  'not-after',
]);

const MINIMUM_SECRET_BYTES = { 'HMAC-SHA256': 32, 'HMAC-SHA512': 64 };
// Only LF, CR and CRLF end a line, as in a Java properties file.
const LINE_BREAK = /\r\n|\r|\n/;
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NOT_AFTER = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;
// Blanks of a Java properties file: space, tab, form feed. (String.prototype.trim() removes
// every Unicode space and line terminator: not the same set.)
const BLANKS = /^[ \t\f]+|[ \t\f]+$/g;
const trimBlanks = (text) => text.replace(BLANKS, '');
// The Unicode White_Space property, spelled out.
const WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const lineError = (number, what) => new KeysFileError(`line ${number} ${what}.`);

/** A principal or a role: not empty, no control character, no space of any kind at its ends. */
function checkText(number, what, text) {
  if (text === '') throw lineError(number, `gives ${what} empty`);
  if (CONTROL.test(text)) {
    throw lineError(number, `gives ${what} with a control character (U+0000-U+001F, U+007F-U+009F)`);
  }
  if (WHITE_SPACE.test(text[0]) || WHITE_SPACE.test(text[text.length - 1])) {
    throw lineError(
      number,
      `gives ${what} that starts or ends with a space character other than a plain space (such as U+00A0 or U+3000)`,
    );
  }
}

/** `YYYY-MM-DDThh:mm:ssZ`, a real date and time of the years 0001 to 9999. */
function validNotAfter(value) {
  const match = NOT_AFTER.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (
    year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days &&
    hour <= 23 && minute <= 59 && second <= 59
  );
}

function checkValue(number, keyId, attribute, value) {
  const what = `the ${attribute} of key '${keyId}'`;
  switch (attribute) {
    case 'secret':
      if (!value.startsWith('base64:') || !STANDARD_BASE64.test(value.slice('base64:'.length))) {
        throw lineError(
          number,
          `gives ${what} in another form than base64:<the raw secret bytes in standard base64, with padding>`,
        );
      }
      break;
    case 'algorithm':
      if (!Object.hasOwn(MINIMUM_SECRET_BYTES, value)) {
        throw lineError(number, `gives ${what} not as HMAC-SHA256 or HMAC-SHA512`);
      }
      break;
    case 'status':
      if (value !== 'active' && value !== 'revoked') {
        throw lineError(number, `gives ${what} not as active or revoked`);
      }
      break;
    case 'not-after':
      if (value !== '' && !validNotAfter(value)) {
        throw lineError(
          number,
          `gives ${what} not as a UTC instant YYYY-MM-DDThh:mm:ssZ, such as 2027-06-01T00:00:00Z`,
        );
      }
      break;
    case 'principal':
      checkText(number, what, value);
      break;
    case 'roles':
      if (value !== '') {
        for (const role of value.split(',')) checkText(number, `a role of key '${keyId}'`, trimBlanks(role));
      }
      break;
    default:
      throw new Error(`unlisted attribute ${attribute}`);
  }
}

/**
 * Reads a keys file (docs/protocol.md section 7.1), as every implementation of the protocol
 * reads it: a line whose first non-blank character is `#` or `!` is a comment, a `#` anywhere
 * else is part of the value, every other line is `<key-id>.<attribute>=<value>`.
 *
 * ```js
 * const [key] = parseKeysFile(readFileSync('keys.properties'));
 * await signedFetch(url, {}, key);
 * ```
 *
 * @param {string | Uint8Array} text the file's text, or its bytes (UTF-8)
 * @returns {Array<{keyId: string, algorithm: string, secret: Buffer, principal: string,
 *     roles: string[], status: string, notAfter: string | null}>} the keys in the order of
 *     their first line, defaults filled in, roles sorted; each is a key for {@link signedFetch}
 * @throws {KeysFileError} if the file is not valid; the message names the line, never its content
 */
export function parseKeysFile(text) {
  if (typeof text !== 'string') {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(text);
    } catch {
      throw new KeysFileError('the file is not valid UTF-8: save it as UTF-8.');
    }
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const entries = new Map();
  text.split(LINE_BREAK).forEach((line, index) => {
    const number = index + 1;
    const content = trimBlanks(line);
    if (content === '' || content[0] === '#' || content[0] === '!') return;
    if (content.includes('\\')) {
      throw lineError(
        number,
        'has a backslash; escapes and continued lines are not supported in a keys file: write each entry on one line, its characters as they are, in UTF-8',
      );
    }
    const equals = content.indexOf('=');
    if (equals < 0) {
      throw lineError(number, "has no '='; every line that is not a comment is <key-id>.<attribute>=<value>");
    }
    const name = trimBlanks(content.slice(0, equals));
    const value = trimBlanks(content.slice(equals + 1));
    const dot = name.lastIndexOf('.');
    if (dot < 0) {
      throw lineError(number, 'does not start with <key-id>.<attribute>=, the attribute after the last dot');
    }
    const keyId = name.slice(0, dot);
    const attribute = name.slice(dot + 1);
    if (!KEY_ID.test(keyId)) {
      throw lineError(
        number,
        'does not start with a valid key id (1 to 128 characters of [A-Za-z0-9._~-]) followed by .<attribute>=',
      );
    }
    if (!KEYS_FILE_ATTRIBUTES.includes(attribute)) {
      throw lineError(
        number,
        `names an unknown attribute; the attributes are [${KEYS_FILE_ATTRIBUTES.join(', ')}] (lowercase)`,
      );
    }
    if (!entries.has(keyId)) entries.set(keyId, { firstLine: number, values: new Map(), lines: new Map() });
    const entry = entries.get(keyId);
    if (entry.lines.has(attribute)) {
      throw lineError(
        number,
        `sets the ${attribute} of key '${keyId}' again (first on line ${entry.lines.get(attribute)})`,
      );
    }
    entry.lines.set(attribute, number);
    checkValue(number, keyId, attribute, value);
    entry.values.set(attribute, value);
  });

  const keys = [];
  for (const [keyId, { firstLine, values, lines }] of entries) {
    if (!values.has('secret')) {
      throw new KeysFileError(
        `key '${keyId}' (line ${firstLine}) has no secret: add a line ${keyId}.secret=base64:<the raw secret bytes in base64>.`,
      );
    }
    const algorithm = values.get('algorithm') ?? 'HMAC-SHA256';
    const secret = Buffer.from(values.get('secret').slice('base64:'.length), 'base64');
    const minimum = MINIMUM_SECRET_BYTES[algorithm];
    if (secret.length < minimum) {
      throw lineError(
        lines.get('secret'),
        `gives key '${keyId}' a secret of ${secret.length} bytes; ${algorithm} needs at least ${minimum} random bytes. Generate one with: head -c ${minimum} /dev/urandom | base64 | tr -d '\\n'`,
      );
    }
    const roles = values.get('roles') ?? '';
    keys.push({
      keyId,
      algorithm,
      secret,
      principal: values.get('principal') ?? keyId,
      roles: roles === '' ? [] : [...new Set(roles.split(',').map(trimBlanks))].sort(),
      status: values.get('status') ?? 'active',
      notAfter: values.get('not-after') || null,
    });
  }
  return keys;
}
