// Copyright the hmac-signed authors.
// SPDX-License-Identifier: Apache-2.0

// The debug output (issue 15): the canonical string signed and its fingerprint, in the form
// every hmac-signed tool prints (the Java client's debug log, `hmac-signed sign --debug`,
// `hmac-signed verify --explain`), so that a diff shows what changed between client and server.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  bodyDigest,
  canonicalDebugText,
  canonicalFingerprint,
  canonicalString,
  sign,
} from '../hmac-signed.mjs';

const CLI = fileURLToPath(new URL('../cli.mjs', import.meta.url));

// The vector post-json (docs/protocol.md section 9.2); its fingerprint is the one the Java and
// Python tests expect.
const POST_JSON = [
  'HMAC-SHA256', 'vec-sha256-a', '1763900000', 'ZCHZ90D8BEEey65extGrFA', 'POST',
  '/shop/api/orders', '', 'host;content-type', 'host:api.example.com',
  'content-type:application/json',
  '047bbe7daac9810141e2a2348e4633fde13b61cd2ae1bd449563b46af56d2802',
].join('\n');

describe('canonical string debug form', () => {
  test('the fingerprint is the first 12 hex digits of SHA-256', () => {
    assert.equal(canonicalFingerprint(POST_JSON), 'b7eb588440bf');
    assert.equal(
      canonicalFingerprint(POST_JSON),
      createHash('sha256').update(Buffer.from(POST_JSON, 'utf8')).digest('hex').slice(0, 12),
    );
  });

  test('each line is labelled by its place; an empty line has no trailing space', () => {
    assert.equal(
      canonicalDebugText(POST_JSON),
      [
        'fingerprint: b7eb588440bf',
        'scheme: HMAC-SHA256',
        'key-id: vec-sha256-a',
        'timestamp: 1763900000',
        'nonce: ZCHZ90D8BEEey65extGrFA',
        'method: POST',
        'path: /shop/api/orders',
        'query:',
        'headers: host;content-type',
        'header: host:api.example.com',
        'header: content-type:application/json',
        'body-digest: 047bbe7daac9810141e2a2348e4633fde13b61cd2ae1bd449563b46af56d2802',
      ].join('\n'),
    );
  });

  test('sign hands the canonical string it signed to onCanonical', () => {
    const seen = [];
    sign({
      keyId: 'k1',
      secret: randomBytes(32),
      method: 'GET',
      path: '/a',
      query: 'b=2&a=1',
      headers: [['Host', 'api.example']],
      covered: '',
      onCanonical: (c) => seen.push(c),
    });
    assert.equal(seen.length, 1);
    const text = canonicalDebugText(seen[0]);
    assert.match(text, /\nquery: a=1&b=2\nheaders:\nbody-digest: e3b0c442/);
    assert.doesNotMatch(text, /header: /);
  });
});

describe('cli.mjs request --debug', () => {
  let server;
  let base;
  const received = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
        res.end('ok');
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  after(() => new Promise((resolve) => server.close(resolve)));

  test('prints the canonical string of the request the server received, to stderr only', async () => {
    const secret = randomBytes(32);
    const { code, stdout, stderr } = await new Promise((resolve) => {
      execFile(
        process.execPath,
        [CLI, 'request', '--debug', '--key-id', 'node-debug', '--secret-base64', secret.toString('base64'),
          '--url', `${base}/api/items/42?q=hello%20world`],
        { timeout: 30_000 },
        (error, out, err) => resolve({ code: error ? error.code : 0, stdout: out, stderr: err }),
      );
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^\{"status": 200,/);
    const got = received.at(-1);
    const pairs = got.rawHeaders.flatMap((v, i) => (i % 2 === 0 ? [[v, got.rawHeaders[i + 1]]] : []));
    const authorization = pairs.find(([n]) => n.toLowerCase() === 'authorization')[1];
    const params = Object.fromEntries([...authorization.matchAll(/([A-Za-z]+)="([^"]*)"/g)].map(([, n, v]) => [n, v]));
    const question = got.url.indexOf('?');
    const serverSide = canonicalString({
      scheme: 'HMAC-SHA256',
      keyId: params.keyId,
      timestamp: params.timestamp,
      nonce: params.nonce,
      method: got.method,
      path: got.url.slice(0, question),
      query: got.url.slice(question + 1),
      covered: params.headers,
      headers: pairs,
      bodyDigestHex: bodyDigest('HMAC-SHA256', got.body).toString('hex'),
    });
    assert.equal(stderr, canonicalDebugText(serverSide) + '\n');
    assert.match(stderr, /\nquery: q=hello%20world\n/);
    assert.ok(!stderr.includes(secret.toString('base64')) && !stderr.includes(params.signature));
  });
});
