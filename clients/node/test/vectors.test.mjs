// Copyright the hmac-signed authors.
// SPDX-License-Identifier: Apache-2.0

// The shared test vectors (test-vectors/protocol-v1.json): every accepted case is reproduced
// byte for byte; every rejected case is checked as far as a signer can check it; every keys
// file gives exactly the expected keys, or is refused without being quoted.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  KeysFileError,
  SCHEMES,
  SigningError,
  bodyDigest,
  canonicalString,
  macHex,
  parseKeysFile,
  sign,
} from '../hmac-signed.mjs';

const VECTORS = new URL('../../../test-vectors/protocol-v1.json', import.meta.url);
const vectors = JSON.parse(readFileSync(VECTORS, 'utf8'));

const base64 = (text) => Buffer.from(text ?? '', 'base64');
const valuesOf = (headers, name) =>
  headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

test('the vector file is protocol v1 and has cases of both kinds', () => {
  assert.equal(vectors.protocol, 'hmac-signed/1');
  assert.ok(vectors.accepted.length > 0);
  assert.ok(vectors.rejected.length > 0);
});

describe('accepted vectors are reproduced', () => {
  for (const vector of vectors.accepted) {
    test(vector.name, () => {
      const { key, request, sign: signed, expected } = vector;
      const scheme = key.algorithm;
      const secret = base64(key.secret_base64);
      const body = base64(request.body_base64);

      const digestHex = bodyDigest(scheme, body).toString('hex');
      assert.equal(digestHex, expected.body_digest_hex, 'body digest');

      const canonical = canonicalString({
        scheme,
        keyId: key.id,
        timestamp: signed.timestamp,
        nonce: signed.nonce,
        method: request.method,
        path: request.raw_path,
        query: request.raw_query,
        covered: signed.headers,
        headers: request.headers,
        authority: request.authority,
        bodyDigestHex: digestHex,
      });
      assert.equal(canonical, expected.canonical, 'canonical string');
      assert.equal(macHex(scheme, secret, canonical), expected.signature, 'signature');

      const { authorization, contentDigest } = sign({
        algorithm: scheme,
        keyId: key.id,
        secret,
        method: request.method,
        path: request.raw_path,
        query: request.raw_query,
        headers: request.headers,
        authority: request.authority,
        body,
        covered: signed.headers,
        timestamp: signed.timestamp,
        nonce: signed.nonce,
      });
      assert.equal(authorization, expected.authorization, 'Authorization');
      assert.equal(contentDigest, expected.content_digest, 'Content-Digest');
    });
  }
});

// What a signer can say about each rejection reason (the vector's informative `reason`).
// A reason missing here fails the last test, so a new kind of case is never skipped silently.
const TAMPERED = new Set(['SIGNATURE_MISMATCH']);
// Correctly signed requests rejected for something else: the MAC must reproduce.
const CORRECTLY_SIGNED = new Set([
  'STALE_TIMESTAMP',
  'KEY_REVOKED',
  'KEY_EXPIRED',
  'ALGORITHM_MISMATCH',
  'BODY_DIGEST_MISMATCH',
  'REPLAYED_NONCE',
  'BODY_TOO_LARGE',
]);
// Parameters or covered headers that sign() must refuse to produce, and what it says then.
const REFUSED_BY_SIGNER = new Map([
  ['UNKNOWN_SCHEME', /unknown scheme/],
  ['BAD_KEY_ID', /keyId must be/],
  ['BAD_NONCE', /nonce must be/],
  ['BAD_TIMESTAMP', /timestamp must be/],
  ['BAD_HEADERS', /headers must be/],
  ['COVERED_HEADER_MISSING', /is not on the request/],
  ['COVERED_HEADER_NOT_ASCII', /other than visible ASCII, space and tab/],
]);
// Header syntax and key-ring cases: authorizationValue() emits one fixed form, so these are
// the verifier's concern only (checked by the Java and Python verifiers on the same file).
const VERIFIER_ONLY = new Set([
  'MISSING_AUTHORIZATION',
  'NOT_HMAC_SCHEME',
  'MULTIPLE_AUTHORIZATION',
  'MISSING_PARAMETER',
  'REPEATED_PARAMETER',
  'UNKNOWN_PARAMETER',
  'BAD_SYNTAX',
  'BAD_SIGNATURE_FORMAT',
  'AUTHORIZATION_TOO_LARGE',
  'BAD_CONTENT_DIGEST',
  // A body without Content-Digest: sign() always sends one for a non-empty body.
  'CONTENT_DIGEST_MISSING',
  'UNKNOWN_KEY',
]);

/** The scheme and parameters of the request's single Authorization header. */
function authorizationOf(request) {
  const [value] = valuesOf(request.headers, 'authorization');
  assert.ok(value !== undefined, 'the request has an Authorization header');
  const space = value.indexOf(' ');
  const params = {};
  for (const [, name, parameter] of value.slice(space + 1).matchAll(/([A-Za-z]+)="([^"]*)"/g)) {
    params[name] = parameter;
  }
  return { scheme: value.slice(0, space), params };
}

/**
 * The digest a verifier checks the MAC over: Content-Digest's entry for the scheme, else the
 * empty body's (a non-empty body needs Content-Digest, docs/protocol.md §2.2).
 */
function signedDigest(request, scheme) {
  const wanted = scheme === 'HMAC-SHA512' ? 'sha-512' : 'sha-256';
  for (const member of valuesOf(request.headers, 'content-digest').join(',').split(',')) {
    const match = /^[ \t]*([a-z0-9*_.-]+)=:([A-Za-z0-9+/=]*):[ \t]*$/.exec(member);
    if (match && match[1] === wanted) return base64(match[2]);
  }
  return bodyDigest(scheme, Buffer.alloc(0));
}

/** The MAC of the request as received, computed by this implementation. */
function receivedMac(vector) {
  const { request } = vector;
  const { scheme, params } = authorizationOf(request);
  assert.ok(Object.hasOwn(SCHEMES, scheme), `scheme ${scheme}`);
  const key = vector.keys.find((k) => k.id === params.keyId);
  assert.ok(key, `key ${params.keyId} is in the vector's key ring`);
  const canonical = canonicalString({
    scheme,
    keyId: params.keyId,
    timestamp: params.timestamp,
    nonce: params.nonce,
    method: request.method,
    path: request.raw_path,
    query: request.raw_query,
    covered: params.headers,
    headers: request.headers,
    authority: request.authority,
    bodyDigestHex: signedDigest(request, scheme).toString('hex'),
  });
  return { mac: macHex(scheme, base64(key.secret_base64), canonical), signature: params.signature };
}

describe('rejected vectors, as far as a signer can tell', () => {
  for (const vector of vectors.rejected) {
    if (TAMPERED.has(vector.reason)) {
      test(`${vector.name}: the received request does not reproduce the signature`, () => {
        const { mac, signature } = receivedMac(vector);
        assert.match(signature, /^[0-9a-f]+$/);
        assert.notEqual(mac, signature);
      });
    } else if (CORRECTLY_SIGNED.has(vector.reason)) {
      test(`${vector.name}: correctly signed, the signature reproduces`, () => {
        const { mac, signature } = receivedMac(vector);
        assert.equal(mac, signature);
      });
    } else if (REFUSED_BY_SIGNER.has(vector.reason)) {
      test(`${vector.name}: sign() refuses to produce it`, () => {
        const { request } = vector;
        const { scheme, params } = authorizationOf(request);
        const unsigned = request.headers.filter(
          ([n]) => !['authorization', 'content-digest'].includes(n.toLowerCase()),
        );
        assert.throws(
          () =>
            sign({
              algorithm: scheme,
              keyId: params.keyId,
              secret: base64(vector.keys[0].secret_base64),
              method: request.method,
              path: request.raw_path,
              query: request.raw_query,
              headers: unsigned,
              authority: request.authority,
              body: base64(request.body_base64),
              covered: params.headers,
              timestamp: params.timestamp,
              nonce: params.nonce,
            }),
          (error) => error instanceof SigningError && REFUSED_BY_SIGNER.get(vector.reason).test(error.message),
        );
      });
    }
  }

  test('every rejection reason in the file is one of the kinds above', () => {
    const known = [TAMPERED, CORRECTLY_SIGNED, REFUSED_BY_SIGNER, VERIFIER_ONLY];
    const unknown = vectors.rejected
      .filter((v) => !known.some((kind) => kind.has(v.reason)))
      .map((v) => `${v.name} (${v.reason})`);
    assert.deepEqual(unknown, []);
  });
});

/** The lines of a keys file (6 characters or more) and its base64 runs that a message quotes. */
function quoted(text, message) {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.replace(/^[ \t\f]+|[ \t\f]+$/g, ''));
  const runs = text.match(/[A-Za-z0-9+/_-]{16,}=*/g) ?? [];
  return [...lines, ...runs].filter((part) => part.length >= 6 && message.includes(part));
}

describe('keys files are read as every implementation reads them', () => {
  test('the file has readable and refused keys files', () => {
    assert.ok(vectors.keys_files.some((v) => !v.expected_error));
    assert.ok(vectors.keys_files.some((v) => v.expected_error));
  });

  for (const vector of vectors.keys_files) {
    if (vector.expected_error) {
      test(`${vector.name}: refused without quoting the file`, () => {
        assert.throws(
          () => parseKeysFile(vector.text),
          (error) => {
            assert.ok(error instanceof KeysFileError, String(error));
            assert.match(error.message, /^(line \d+ |key '[^']+' \(line \d+\) )/);
            assert.deepEqual(quoted(vector.text, error.message), []);
            return true;
          },
        );
      });
    } else {
      test(`${vector.name}: gives the expected keys`, () => {
        const keys = parseKeysFile(vector.text);
        const asVector = (key) => ({
          id: key.keyId,
          algorithm: key.algorithm,
          secret_base64: key.secret.toString('base64'),
          principal: key.principal,
          roles: [...new Set(key.roles)].sort(),
          status: key.status,
          not_after: key.notAfter,
        });
        const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        const expected = vector.expected.keys.map((k) => ({ ...k, roles: [...k.roles].sort() }));
        assert.deepEqual(keys.map(asVector).sort(byId), expected.sort(byId));
      });
    }
  }

  test('the bytes of a file are read as UTF-8, a byte order mark ignored', () => {
    const text = `\ufeffk.secret=base64:${Buffer.alloc(32, 7).toString('base64')}\nk.principal=Zoë\n`;
    const [key] = parseKeysFile(new TextEncoder().encode(text));
    assert.equal(key.principal, 'Zoë');
    assert.throws(() => parseKeysFile(Buffer.from(text, 'latin1')), /not valid UTF-8/);
  });
});
