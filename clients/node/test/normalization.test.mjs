// Copyright the hmac-signed authors.
// SPDX-License-Identifier: Apache-2.0

// Each rule of Amendment 1 (docs/protocol.md), one test per rule.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  SigningError,
  canonicalContentType,
  canonicalPath,
  canonicalQuery,
  canonicalString,
  sign,
} from '../hmac-signed.mjs';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('path', () => {
  test("the amendment's example", () => {
    assert.equal(canonicalPath('/a/%7e%41b/c;v=1/%2f'), '/a/~Ab/c;v=1/%2F');
  });
  test('hex digits of a kept escape become uppercase', () => {
    assert.equal(canonicalPath('/a%2fb%c3%a9'), '/a%2Fb%C3%A9');
  });
  test('encoded unreserved characters are decoded', () => {
    assert.equal(canonicalPath('/%41%7A%30%2D%2E%5F%7E'), '/Az0-._~');
  });
  test('reserved characters stay literal and differ from their escapes', () => {
    assert.equal(canonicalPath("/!$&'()*+,;=:@/"), "/!$&'()*+,;=:@/");
    assert.equal(canonicalPath('/a;b'), '/a;b');
    assert.equal(canonicalPath('/a%3bb'), '/a%3Bb');
    assert.notEqual(canonicalPath('/a/b'), canonicalPath('/a%2Fb'));
  });
  test('a lone or truncated % is encoded', () => {
    assert.equal(canonicalPath('/100%'), '/100%25');
    assert.equal(canonicalPath('/a%4'), '/a%254');
    assert.equal(canonicalPath('/a%zz'), '/a%25zz');
    assert.equal(canonicalPath('/a%25'), '/a%25');
  });
  test('other bytes are percent-encoded from UTF-8, uppercase', () => {
    assert.equal(canonicalPath('/caf\u00e9 \u20ac"<>'), '/caf%C3%A9%20%E2%82%AC%22%3C%3E');
    assert.equal(canonicalPath('/\u{1F600}'), '/%F0%9F%98%80');
    assert.equal(canonicalPath('/caf\u00e9'), canonicalPath('/caf%c3%a9'));
  });
  test('empty is /, and dot segments stay', () => {
    assert.equal(canonicalPath(''), '/');
    assert.equal(canonicalPath(null), '/');
    assert.equal(canonicalPath('/a/../b/./c'), '/a/../b/./c');
  });
});

describe('query', () => {
  test("the amendment's example", () => {
    assert.equal(canonicalQuery('q=a/b&q=%7b%7d&x=a+b&%41=1'), 'A=1&q=%7B%7D&q=a%2Fb&x=a+b');
  });
  test('/ and %2F are equal, and so are other reserved characters and their escapes', () => {
    assert.equal(canonicalQuery('q=a/b'), canonicalQuery('q=a%2fb'));
    assert.equal(canonicalQuery("q=:@,;'?"), 'q=%3A%40%2C%3B%27%3F');
    assert.equal(canonicalQuery("q=:@,;'?"), canonicalQuery('q=%3a%40%2c%3b%27%3f'));
  });
  test('+, %2B and %20 are three different things', () => {
    assert.equal(canonicalQuery('q=a+b'), 'q=a+b');
    assert.equal(canonicalQuery('q=a%2bb'), 'q=a%2Bb');
    assert.equal(canonicalQuery('q=a%20b'), 'q=a%20b');
    assert.equal(canonicalQuery('q=a b'), 'q=a%20b');
  });
  test('= and & differ from %3D and %26', () => {
    assert.equal(canonicalQuery('a=b%3Dc'), 'a=b%3Dc');
    assert.notEqual(canonicalQuery('a=b=c'), canonicalQuery('a=b%3Dc'));
    assert.equal(canonicalQuery('a=1%262'), 'a=1%262');
    assert.notEqual(canonicalQuery('a=1&2'), canonicalQuery('a=1%262'));
  });
  test('empty parts are dropped, repeated parts kept, a lone % encoded', () => {
    assert.equal(canonicalQuery('&&b=2&&a=1&a=1&'), 'a=1&a=1&b=2');
    assert.equal(canonicalQuery('p=50%'), 'p=50%25');
    assert.equal(canonicalQuery(''), '');
    assert.equal(canonicalQuery(null), '');
  });
  test('parts are sorted by bytes after normalization', () => {
    assert.equal(canonicalQuery('b=1&%61=2&A=3&%7e=4&_=5'), 'A=3&_=5&a=2&b=1&~=4');
    assert.equal(canonicalQuery('a=1&a%20b=4&a&a='), 'a&a%20b=4&a=&a=1');
  });
  test('non-ASCII is percent-encoded from UTF-8', () => {
    assert.equal(canonicalQuery('n=Z\u00f6e'), 'n=Z%C3%B6e');
    assert.equal(canonicalQuery('n=Z\u00f6e'), canonicalQuery('n=Z%c3%b6e'));
  });
});

describe('content-type', () => {
  test("the amendment's example", () => {
    assert.equal(canonicalContentType('Text/Plain; Charset="UTF-8"'), 'text/plain;charset=utf-8');
  });
  test('the spellings clients send agree', () => {
    for (const spelling of [
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON ; CHARSET="utf-8" ',
    ]) {
      assert.equal(canonicalContentType(spelling), 'application/json;charset=utf-8', spelling);
    }
  });
  test('a multipart boundary keeps its case; only charset is unquoted', () => {
    assert.equal(
      canonicalContentType('multipart/form-data; boundary=----WebKitFormBoundaryAbC'),
      'multipart/form-data;boundary=----WebKitFormBoundaryAbC',
    );
    assert.equal(canonicalContentType('multipart/mixed; Boundary="AbC"'), 'multipart/mixed;boundary="AbC"');
  });
  test('; inside double quotes does not split', () => {
    assert.equal(canonicalContentType('multipart/mixed; boundary="a;B" ; x=1'), 'multipart/mixed;boundary="a;B";x=1');
  });
  test('parameters: split on the first =, trimmed, empty ones dropped, no = gives name=', () => {
    assert.equal(canonicalContentType('text/plain; Foo = Bar ;;  ; flag; x=a=b;'), 'text/plain;foo=Bar;flag=;x=a=b');
  });
  test('a form post with and without its charset', () => {
    assert.equal(
      canonicalContentType('application/x-www-form-urlencoded; charset=UTF-8'),
      'application/x-www-form-urlencoded;charset=utf-8',
    );
    assert.equal(canonicalContentType('application/x-www-form-urlencoded'), 'application/x-www-form-urlencoded');
  });
});

describe('host and content-type lines in the canonical string', () => {
  const base = {
    scheme: 'HMAC-SHA256',
    keyId: 'test-key',
    timestamp: '1763900000',
    nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
    method: 'GET',
    path: '/',
    query: null,
    bodyDigestHex: EMPTY_SHA256,
  };
  const lines = (request) => canonicalString({ ...base, ...request }).split('\n').slice(8, -1);

  test('host is lowercased and trimmed', () => {
    assert.deepEqual(lines({ covered: 'host', headers: [['Host', ' API.Example.COM:8443\t']] }), [
      'host:api.example.com:8443',
    ]);
  });
  test('without a Host header, host is the authority, lowercased', () => {
    assert.deepEqual(lines({ covered: 'host', headers: [], authority: 'Example.COM:8080' }), ['host:example.com:8080']);
  });
  test('a Host header wins over the authority', () => {
    assert.deepEqual(lines({ covered: 'host', headers: [['host', 'a.example']], authority: 'b.example' }), [
      'host:a.example',
    ]);
  });
  test('without Host and without authority, host is missing', () => {
    assert.throws(() => lines({ covered: 'host', headers: [] }), SigningError);
  });
  test('content-type is canonical; other headers only trimmed and joined', () => {
    assert.deepEqual(
      lines({
        covered: 'content-type;x-tags',
        headers: [
          ['Content-Type', ' Application/JSON; Charset=UTF-8 '],
          ['X-Tags', ' A;B '],
          ['x-tags', 'C'],
        ],
      }),
      ['content-type:application/json;charset=utf-8', 'x-tags:A;B, C'],
    );
  });
});

test('lowercasing touches A-Z only (content-type)', () => {
  assert.equal(canonicalContentType('Text/Ä; Charset=ÜTF-8'), 'text/Ä;charset=Ütf-8');
});

test('a covered value outside visible ASCII, space and tab cannot be signed (§3.4)', () => {
  const signing = (value) =>
    canonicalString({
      scheme: 'HMAC-SHA256', keyId: 'k', timestamp: '1', nonce: 'n'.repeat(16), method: 'GET',
      path: '/', query: null, headers: [['Host', 'api.example'], ['X-Note', value]],
      covered: 'host;x-note', bodyDigestHex: 'e3b0',
    });
  assert.equal(signing('a b\tc~!').split('\n')[9], 'x-note:a b\tc~!');
  for (const value of ['Zoë', 'ÉCOLE', 'a\u0000b', 'a\x7fb', 'a\rb']) {
    assert.throws(() => signing(value), SigningError, JSON.stringify(value));
  }
  assert.throws(
    () =>
      canonicalString({
        scheme: 'HMAC-SHA256', keyId: 'k', timestamp: '1', nonce: 'n'.repeat(16), method: 'GET',
        path: '/', query: null, headers: [['Host', 'ÉCOLE.Example']], covered: 'host',
        bodyDigestHex: 'e3b0',
      }),
    SigningError,
  );
});

describe('headers a signer will not cover (§3.4)', () => {
  const signCovering = (name, value) =>
    sign({
      keyId: 'k', secret: new Uint8Array(32).fill(7), method: 'GET', path: '/', query: null,
      headers: [['Host', 'api.example'], [name, value]], covered: `host;${name.toLowerCase()}`,
    });

  test('a hop-by-hop header is refused, whatever its value', () => {
    for (const name of ['Connection', 'Keep-Alive', 'Proxy-Connection', 'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade']) {
      assert.throws(() => signCovering(name, 'x'), (e) => e instanceof SigningError && e.message.includes('hop-by-hop'), name);
    }
  });

  test('a header Jetty may recase is signed, with a warning', async () => {
    const warnings = [];
    const listener = (w) => warnings.push(w);
    process.on('warning', listener);
    try {
      const { authorization } = signCovering('Cache-Control', 'no-cache');
      assert.match(authorization, /headers="host;cache-control"/);
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(warnings.some((w) => w.code === 'HMAC_SIGNED_RECASED_HEADER' && w.message.includes("'cache-control'")));
    } finally {
      process.off('warning', listener);
    }
  });

  test('an ordinary extension header is signed without a warning', async () => {
    const warnings = [];
    const listener = (w) => warnings.push(w);
    process.on('warning', listener);
    try {
      signCovering('X-Request-Id', 'abc');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings.filter((w) => w.code === 'HMAC_SIGNED_RECASED_HEADER'), []);
    } finally {
      process.off('warning', listener);
    }
  });
});
