#!/usr/bin/env node
// Copyright the hmac-signed authors.
// SPDX-License-Identifier: Apache-2.0

/**
 * Command line of the Node reference client: signs requests with hmac-signed.mjs and sends
 * them with Node's own fetch. Used by the Java integration tests, like clients/python.
 *
 *     node cli.mjs request --url URL --key-id ID --secret-base64 S [--method M]
 *         [--header 'Name: value']... [--data TEXT | --data-base64 B64 | --data-file PATH]
 *     node cli.mjs batch < requests.jsonl
 *
 * Both print one JSON line per request, in the Python client's format:
 * {"status": 200, "headers": {"content-type": "..."}, "body_base64": "..."}.
 */

import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { SCHEMES, SigningError, canonicalDebugText, signedRequest } from './hmac-signed.mjs';

const USAGE = `usage: node cli.mjs request --url URL --key-id ID --secret-base64 S [options]
       node cli.mjs batch   (JSON lines on stdin, one JSON result line each on stdout)

request options:
  --url URL               absolute http(s) URL; sent (and signed) as fetch serializes it
  --key-id ID             keyId to sign with
  --secret-base64 S       the key's secret, base64
  --algorithm A           ${Object.keys(SCHEMES).join(' | ')} (default HMAC-SHA256)
  --method M              as sent (default POST with a body, else GET)
  --header 'Name: value'  a request header; repeat for more (repeated names are sent as one
                          line, values joined with ', '); no Host: fetch takes it from the URL
  --data TEXT             body: this text as UTF-8
  --data-base64 B64       body: these bytes
  --data-file PATH        body: this file's bytes
  --cover 'host;...'      headers parameter (default host, plus content-type when present;
                          a body without Content-Type is sent as application/octet-stream)
  --timestamp-offset S    add S seconds to the current time for the timestamp (e.g. -3600)
  --nonce N               nonce to send (default: 16 random bytes, base64url)
  --timeout S             seconds (default 30)
  --debug                 print the canonical string signed and its fingerprint to stderr, line
                          for line as 'hmac-signed verify --explain' prints the server's

Exit status: 0 when a response arrived, whatever its status; 1 when none arrived; 2 on bad
arguments. batch answers every input line and exits with the largest of these.`;

const STRING_OPTIONS = new Set([
  'url', 'key-id', 'secret-base64', 'algorithm', 'method', 'header', 'data', 'data-base64',
  'data-file', 'cover', 'timestamp-offset', 'nonce', 'timeout',
]);

const BOOLEAN_OPTIONS = new Set(['debug']);

/** Bad input: exit status 2. */
class UsageError extends Error {}

/** No HTTP response arrived: exit status 1. */
class NoResponse extends Error {}

function parseOptions(args) {
  // A small parser of its own: like Python's argparse, it takes "--timestamp-offset -1000".
  const options = { header: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
    if (BOOLEAN_OPTIONS.has(name) && equals < 0) {
      options[name] = true;
      continue;
    }
    if (!STRING_OPTIONS.has(name)) throw new UsageError(`unknown option --${name}`);
    let value;
    if (equals >= 0) {
      value = arg.slice(equals + 1);
    } else if (i + 1 < args.length) {
      value = args[++i];
    } else {
      throw new UsageError(`--${name} needs a value`);
    }
    if (name === 'header') options.header.push(value);
    else if (name in options) throw new UsageError(`--${name} given twice`);
    else options[name] = value;
  }
  return options;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(text, what) {
  if (typeof text !== 'string' || !BASE64.test(text)) {
    // Never echo the value: it may be a secret.
    throw new UsageError(`${what} is not valid base64`);
  }
  return Buffer.from(text, 'base64');
}

function integer(text, what) {
  if (!/^-?[0-9]+$/.test(text)) throw new UsageError(`${what} must be an integer, not '${text}'`);
  return Number(text);
}

/**
 * One request to send, checked: {url, method, headers: [[name, value]], body: Buffer, keyId,
 * secret, algorithm, cover, timestampOffset, nonce, timeoutSeconds}.
 */
function sendRequest(spec) {
  const { url, headers, body, keyId, secret, algorithm, cover, timestampOffset, nonce, debug } = spec;
  if (!/^https?:\/\//i.test(url ?? '')) throw new UsageError(`the URL '${url}' must be an absolute http(s) URL`);
  const method = spec.method ?? (body.length > 0 ? 'POST' : 'GET');
  const sent = new Headers();
  for (const [name, value] of headers) sent.append(name, value);
  if (body.length > 0 && !sent.has('content-type')) {
    // Say plainly what the bytes are, as the Python client does.
    sent.set('content-type', 'application/octet-stream');
  }
  let request;
  try {
    request = signedRequest(
      url,
      { method, headers: sent, body, signal: AbortSignal.timeout(spec.timeoutSeconds * 1000) },
      { keyId, secret, algorithm },
      {
        covered: cover,
        timestamp: Math.floor(Date.now() / 1000) + timestampOffset,
        nonce,
        // Standard error, so that standard output stays one JSON line.
        onCanonical: debug ? (canonical) => process.stderr.write(canonicalDebugText(canonical) + '\n') : undefined,
      },
    );
  } catch (error) {
    throw new UsageError(error.message);
  }
  return exchange(request);
}

async function exchange(request) {
  let response;
  let payload;
  try {
    response = await fetch(request);
    payload = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new NoResponse(`no response: ${error.cause?.message ?? error.message}`);
  }
  const headers = {};
  for (const [name, value] of response.headers) {
    // Names come lowercase; a repeated one (set-cookie) is joined with ", " like the others.
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: response.status, headers, body_base64: payload.toString('base64') };
}

/** JSON as Python's json.dumps writes it (", " and ": ", non-ASCII as \uXXXX). */
function pythonJson(value) {
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  if (typeof value === 'number') return String(value);
  const members = Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`);
  return `{${members.join(', ')}}`;
}

function parseHeaderArgument(argument) {
  const colon = argument.indexOf(':');
  const name = colon < 0 ? '' : argument.slice(0, colon).trim();
  if (name === '') throw new UsageError(`--header '${argument}' is not 'Name: value'`);
  return [name, argument.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')];
}

async function requestCommand(args) {
  const o = parseOptions(args);
  for (const required of ['url', 'key-id', 'secret-base64']) {
    if (o[required] === undefined) throw new UsageError(`--${required} is required`);
  }
  const bodies = ['data', 'data-base64', 'data-file'].filter((name) => o[name] !== undefined);
  if (bodies.length > 1) throw new UsageError('give at most one of --data, --data-base64, --data-file');
  let body = Buffer.alloc(0);
  if (o.data !== undefined) body = Buffer.from(o.data, 'utf8');
  if (o['data-base64'] !== undefined) body = decodeBase64(o['data-base64'], '--data-base64');
  if (o['data-file'] !== undefined) {
    try {
      body = await readFile(o['data-file']);
    } catch (error) {
      throw new UsageError(`--data-file: ${error.message}`);
    }
  }
  const result = await sendRequest({
    url: o.url,
    method: o.method,
    headers: o.header.map(parseHeaderArgument),
    body,
    keyId: o['key-id'],
    secret: decodeBase64(o['secret-base64'], '--secret-base64'),
    algorithm: o.algorithm ?? 'HMAC-SHA256',
    cover: o.cover,
    timestampOffset: o['timestamp-offset'] === undefined ? 0 : integer(o['timestamp-offset'], '--timestamp-offset'),
    nonce: o.nonce,
    timeoutSeconds: o.timeout === undefined ? 30 : Number(o.timeout),
    debug: o.debug === true,
  });
  process.stdout.write(pythonJson(result) + '\n');
  return 0;
}

function batchSpec(line) {
  let input;
  try {
    input = JSON.parse(line);
  } catch {
    throw new UsageError('the line is not JSON');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new UsageError('the line is not a JSON object');
  const headers = input.headers ?? [];
  if (!Array.isArray(headers) || !headers.every((h) => Array.isArray(h) && h.length === 2 && h.every((x) => typeof x === 'string'))) {
    throw new UsageError('"headers" must be a list of [name, value] string pairs');
  }
  for (const field of ['url', 'key_id', 'secret_base64']) {
    if (typeof input[field] !== 'string') throw new UsageError(`"${field}" is required (a string)`);
  }
  return {
    url: input.url,
    method: input.method ?? undefined,
    headers,
    body: decodeBase64(input.body_base64 ?? '', '"body_base64"'),
    keyId: input.key_id,
    secret: decodeBase64(input.secret_base64, '"secret_base64"'),
    algorithm: input.algorithm ?? 'HMAC-SHA256',
    cover: input.cover ?? undefined,
    timestampOffset: integerField(input, 'timestamp_offset', 0),
    nonce: input.nonce ?? undefined,
    timeoutSeconds: integerField(input, 'timeout', 30),
  };
}

function integerField(input, field, fallback) {
  const value = input[field] ?? fallback;
  if (!Number.isSafeInteger(value)) throw new UsageError(`"${field}" must be an integer`);
  return value;
}

async function batchCommand(args) {
  if (args.length > 0) throw new UsageError('batch takes no options: it reads JSON lines on stdin');
  let worst = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let output;
    try {
      output = await sendRequest(batchSpec(line));
    } catch (error) {
      const code = exitCode(error);
      worst = Math.max(worst, code);
      output = { error: error.message, kind: code === 1 ? 'no_response' : 'bad_input' };
    }
    process.stdout.write(pythonJson(output) + '\n');
  }
  return worst;
}

function exitCode(error) {
  if (error instanceof NoResponse) return 1;
  if (error instanceof UsageError || error instanceof SigningError || error instanceof TypeError) return 2;
  throw error;
}

async function main(argv) {
  const [command, ...args] = argv;
  try {
    if (command === 'request') return await requestCommand(args);
    if (command === 'batch') return await batchCommand(args);
    if (command === '--help' || command === '-h') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    throw new UsageError(command === undefined ? 'a command is needed' : `unknown command '${command}'`);
  } catch (error) {
    const code = exitCode(error);
    process.stderr.write(`cli.mjs: ${error.message}\n`);
    if (code === 2) process.stderr.write(USAGE + '\n');
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
