// Copyright the hmac-signed authors.
// SPDX-License-Identifier: Apache-2.0

// End to end through fetch: the CLI (and signedFetch) send to a local node:http server that
// records what arrived. The request as received must reproduce the signature it carries: the
// bytes sent are the bytes signed (path and query as serialized, headers, body).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  SigningError,
  canonicalString,
  bodyDigest,
  contentDigestValue,
  macHex,
  signedFetch,
} from '../hmac-signed.mjs';

const CLI = fileURLToPath(new URL('../cli.mjs', import.meta.url));
const SECRET = randomBytes(32);
const SECRET_B64 = SECRET.toString('base64');
const KEY_ID = 'node-cli-test';

const received = [];
let server;
let base;

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method, url: req.url, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
      received.push(request);
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ n: received.length, method: req.method, url: req.url }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

async function cli(args, input) {
  const child = execFile(process.execPath, [CLI, ...args], { timeout: 30_000 });
  const done = new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  child.stdin.end(input ?? '');
  return done;
}

const request = (...args) => cli(['request', '--key-id', KEY_ID, '--secret-base64', SECRET_B64, ...args]);

/** Pairs of the received request's headers, and the ones named `name`. */
const pairsOf = (raw) => raw.flatMap((v, i) => (i % 2 === 0 ? [[v, raw[i + 1]]] : []));
const valuesOf = (raw, name) => pairsOf(raw).filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

/** Checks that a received request carries a signature that its own bytes reproduce. */
function assertVerifies(got, secret = SECRET) {
  const [authorization, ...more] = valuesOf(got.rawHeaders, 'authorization');
  assert.equal(more.length, 0, 'one Authorization header');
  const scheme = authorization.slice(0, authorization.indexOf(' '));
  const params = Object.fromEntries(
    [...authorization.matchAll(/([A-Za-z]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
  );
  const question = got.url.indexOf('?');
  const canonical = canonicalString({
    scheme,
    keyId: params.keyId,
    timestamp: params.timestamp,
    nonce: params.nonce,
    method: got.method,
    path: question < 0 ? got.url : got.url.slice(0, question),
    query: question < 0 ? null : got.url.slice(question + 1),
    covered: params.headers,
    headers: pairsOf(got.rawHeaders),
    bodyDigestHex: bodyDigest(scheme, got.body).toString('hex'),
  });
  assert.equal(macHex(scheme, secret, canonical), params.signature, 'the received request reproduces the MAC');
  const contentDigest = valuesOf(got.rawHeaders, 'content-digest');
  assert.deepEqual(contentDigest, got.body.length > 0 ? [contentDigestValue(scheme, got.body)] : []);
  return { scheme, params, canonical };
}

function reply(stdout) {
  const lines = stdout.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, stdout);
  // The Python client's format exactly: json.dumps with its default separators.
  assert.match(lines[0], /^\{"status": \d{3}, "headers": \{.*\}, "body_base64": "[A-Za-z0-9+/=]*"\}$/);
  return JSON.parse(lines[0]);
}

describe('cli.mjs request', () => {
  test('POST JSON to a path and query fetch re-serializes: the bytes sent are the bytes signed', async () => {
    const before = received.length;
    const text = '{"name":"Zo\u00eb","city":"K\u00f8benhavn","emoji":"\u{1F600}"}';
    const { code, stdout, stderr } = await request(
      // fetch resolves the dot segment and turns the backslash into '/': that is what is signed.
      '--url', `${base}/x/../items/caf%c3%a9/a b/'x'/%7e\\sub?q=a/b&q=%7b%7d&sp=a+b&u=Z\u00f6e&t='1'&e=`,
      '--header', 'Content-Type: application/json; Charset="UTF-8"',
      '--data', text,
    );
    assert.equal(code, 0, stderr);
    const out = reply(stdout);
    assert.equal(out.status, 200);
    assert.equal(out.headers['set-cookie'], 'a=1, b=2');
    assert.equal(out.headers['content-type'], 'application/json');
    assert.ok(Object.keys(out.headers).every((name) => name === name.toLowerCase()));
    assert.equal(received.length, before + 1);
    const got = received.at(-1);
    assert.equal(JSON.parse(Buffer.from(out.body_base64, 'base64')).url, got.url);
    assert.equal(got.method, 'POST');
    assert.ok(got.url.startsWith("/items/caf%c3%a9/a%20b/'x'/%7e/sub?"), got.url);
    assert.deepEqual(got.body, Buffer.from(text, 'utf8'));
    const { params, canonical } = assertVerifies(got);
    assert.equal(params.headers, 'host;content-type');
    assert.match(canonical, /\ncontent-type:application\/json;charset=utf-8\n/);
    assert.match(canonical, new RegExp(`\\nhost:127\\.0\\.0\\.1:${server.address().port}\\n`));
  });

  test('binary body with every byte value, no Content-Type: sent as application/octet-stream', async () => {
    const bytes = Buffer.from([...Array(256).keys(), 0xff, 0x00, 0x0d, 0x0a]);
    const { code, stderr, stdout } = await request(
      '--url', `${base}/blobs/1`, '--method', 'PUT', '--data-base64', bytes.toString('base64'),
      '--algorithm', 'HMAC-SHA512',
    );
    assert.equal(code, 0, stderr);
    assert.equal(reply(stdout).status, 200);
    const got = received.at(-1);
    assert.equal(got.method, 'PUT');
    assert.deepEqual(got.body, bytes);
    assert.deepEqual(valuesOf(got.rawHeaders, 'content-type'), ['application/octet-stream']);
    const { scheme, params } = assertVerifies(got);
    assert.equal(scheme, 'HMAC-SHA512');
    assert.equal(params.signature.length, 128);
  });

  test('--cover, a repeated header, --nonce and --timestamp-offset are what is signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { code, stderr } = await request(
      '--url', `${base}/q`, '--header', 'X-Request-Id: 42', '--header', 'x-request-id:  43 ',
      '--cover', 'host;x-request-id', '--nonce', 'fixed-nonce-0123456789', '--timestamp-offset', '-1000',
    );
    assert.equal(code, 0, stderr);
    const { params, canonical } = assertVerifies(received.at(-1));
    assert.equal(params.headers, 'host;x-request-id');
    assert.equal(params.nonce, 'fixed-nonce-0123456789');
    assert.ok(Math.abs(Number(params.timestamp) - (now - 1000)) <= 5, params.timestamp);
    assert.match(canonical, /\nx-request-id:42, 43\n/);
  });

  test('no server: exit 1 and no output', async () => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, stdout, stderr } = await request('--url', `http://127.0.0.1:${port}/`);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /no response/);
  });

  test('bad arguments: exit 2, nothing sent, the secret never echoed', async () => {
    const before = received.length;
    const secretLike = 'not-base64-but-secret!';
    const cases = [
      ['--url', `${base}/`, '--key-id', KEY_ID, '--secret-base64', secretLike],
      ['--url', `${base}/`, '--key-id', KEY_ID, '--secret-base64', SECRET_B64, '--header', 'Host: other.example'],
      ['--url', `${base}/`, '--key-id', 'bad/key', '--secret-base64', SECRET_B64],
      ['--url', `${base}/`, '--key-id', KEY_ID, '--secret-base64', SECRET_B64, '--cover', 'host;authorization'],
      ['--url', `${base}/`, '--key-id', KEY_ID, '--secret-base64', SECRET_B64, '--data', 'x', '--data-base64', 'eA=='],
      ['--url', 'ftp://example/', '--key-id', KEY_ID, '--secret-base64', SECRET_B64],
      ['--url', `${base}/`, '--key-id', KEY_ID],
      ['--url', `${base}/`, '--key-id', KEY_ID, '--secret-base64', SECRET_B64, '--bogus', '1'],
    ];
    for (const args of cases) {
      const { code, stdout, stderr } = await cli(['request', ...args]);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.ok(!stderr.includes(secretLike) && !stderr.includes(SECRET_B64), stderr);
    }
    assert.equal(received.length, before);
  });
});

describe('cli.mjs batch', () => {
  test('one result line per input line, in order; a bad line gets an error line and exit 2', async () => {
    const before = received.length;
    const line = (fields) => JSON.stringify({ key_id: KEY_ID, secret_base64: SECRET_B64, ...fields });
    const inputs = [
      line({ url: `${base}/b/1?x=1`, method: 'GET', headers: [] }),
      line({
        url: `${base}/b/2`,
        method: 'POST',
        headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8']],
        body_base64: Buffer.from('a=1&b=%2B').toString('base64'),
      }),
      line({ url: `${base}/b/3`, method: 'PATCH', headers: [['Content-Type', 'text/plain']], body_base64: 'aGk=' }),
      '{"url": 1}',
      line({ url: `${base}/b/4`, method: 'DELETE' }),
      line({ url: `${base}/b/5`, method: 'HEAD', headers: [['Accept', '*/*']] }),
      line({ url: `${base}/b/6`, method: 'OPTIONS' }),
    ];
    const { code, stdout, stderr } = await cli(['batch'], inputs.join('\n') + '\n');
    assert.equal(code, 2, stderr);
    const outputs = stdout.trimEnd().split('\n').map((text) => JSON.parse(text));
    assert.equal(outputs.length, inputs.length);
    assert.equal(outputs[3].kind, 'bad_input');
    const answered = outputs.filter((_, i) => i !== 3);
    assert.deepEqual(answered.map((o) => o.status), [200, 200, 200, 200, 200, 200]);
    const got = received.slice(before);
    assert.deepEqual(got.map((r) => `${r.method} ${r.url}`), [
      'GET /b/1?x=1', 'POST /b/2', 'PATCH /b/3', 'DELETE /b/4', 'HEAD /b/5', 'OPTIONS /b/6',
    ]);
    for (const r of got) assertVerifies(r);
    assert.deepEqual(got[1].body, Buffer.from('a=1&b=%2B'));
    assert.match(assertVerifies(got[1]).canonical, /\ncontent-type:application\/x-www-form-urlencoded;charset=utf-8\n/);
    // The response bodies answer the requests in order (HEAD has none).
    const echoed = answered.map((o) => Buffer.from(o.body_base64, 'base64').toString());
    assert.equal(JSON.parse(echoed[0]).url, '/b/1?x=1');
    assert.equal(JSON.parse(echoed[5]).url, '/b/6');
    assert.equal(echoed[4], '');
  });
});

describe('signedFetch', () => {
  test('a string body is sent as the UTF-8 bytes hashed, as text/plain;charset=UTF-8', async () => {
    const response = await signedFetch(`${base}/lib?b=2&a=1`, { method: 'POST', body: 'h\u00e9llo' }, { keyId: KEY_ID, secret: SECRET });
    assert.equal(response.status, 200);
    await response.arrayBuffer();
    const got = received.at(-1);
    assert.deepEqual(got.body, Buffer.from('h\u00e9llo', 'utf8'));
    const { canonical } = assertVerifies(got);
    assert.match(canonical, /\na=1&b=2\n/);
    assert.match(canonical, /\ncontent-type:text\/plain;charset=utf-8\n/);
  });

  test('what cannot be signed exactly is refused before sending', async () => {
    const before = received.length;
    const key = { keyId: KEY_ID, secret: SECRET };
    await assert.rejects(signedFetch(`${base}/`, { headers: { Host: 'x.example' } }, key), SigningError);
    await assert.rejects(signedFetch(`${base}/`, { headers: { Authorization: 'Bearer x' } }, key), SigningError);
    await assert.rejects(signedFetch(`${base}/`, { method: 'POST', body: new URLSearchParams('a=1') }, key), TypeError);
    await assert.rejects(signedFetch(`${base}/`, {}, { keyId: KEY_ID, secret: new Uint8Array(0) }), SigningError);
    assert.equal(received.length, before);
  });
});
