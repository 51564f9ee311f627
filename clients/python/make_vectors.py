#!/usr/bin/env python3
# Copyright the hmac-signed authors.
# SPDX-License-Identifier: Apache-2.0
"""Writes test-vectors/protocol-v1.json, the protocol's shared test vectors.

Deterministic: fixed, obviously fake keys, fixed timestamps, nonces derived from the case name.
Running it twice gives the same bytes. Every case is checked with hmac_signed.verify() before
the file is written, so the generator cannot emit a vector its own verifier disagrees with.

    python3 clients/python/make_vectors.py [OUTPUT]   (default: <repo>/test-vectors/protocol-v1.json)
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from pathlib import Path

import hmac_signed as hs

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO / "test-vectors" / "protocol-v1.json"


def _key(key_id: str, algorithm: str, secret: bytes) -> dict:
    return {"id": key_id, "algorithm": algorithm, "secret": secret}


# Test keys only. Never use them anywhere else: they are published on purpose.
K256A = _key("vec-sha256-a", "HMAC-SHA256", bytes(range(32)))
K256B = _key("vec.sha256~b_2", "HMAC-SHA256", hashlib.sha256(b"hmac-signed test key b").digest())
K512A = _key("vec-sha512-a", "HMAC-SHA512", bytes(range(64)))
K512B = _key("vec-sha512-b", "HMAC-SHA512", hashlib.sha512(b"hmac-signed test key 512 b").digest())
# Signs the unknown-key case; it is in no key ring.
K256X = _key("vec-sha256-unknown", "HMAC-SHA256", hashlib.sha256(b"hmac-signed stranger").digest())

NOW = 1763900000  # 2025-11-23T12:13:20Z
HOST = ("Host", "api.example.com")
JSON = ("Content-Type", "application/json")


def nonce_for(name: str) -> str:
    """A fixed nonce per case: 16 bytes of SHA-256(name), base64url without padding (22 chars)."""
    digest = hashlib.sha256(b"hmac-signed vector nonce " + name.encode("utf-8")).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_json(key: dict, **extra) -> dict:
    return {"id": key["id"], "algorithm": key["algorithm"], "secret_base64": b64(key["secret"]),
            **extra}


# --------------------------------------------------------------------------------------------
# Accepted cases
# --------------------------------------------------------------------------------------------

ACCEPTED = [
    dict(
        name="get-no-query",
        description="GET without query or body; only host is covered; an uncovered User-Agent "
                    "header is ignored.",
        key=K256A, timestamp=NOW, now=NOW,
        method="GET", raw_path="/api/orders", raw_query=None,
        headers=[HOST, ("Accept", "application/json"), ("User-Agent", "vectors/1")],
        body=b"", covered="host",
    ),
    dict(
        name="get-query-repeated-unsorted",
        description="Encoded slash in the path is kept (%2F is reserved, never decoded in a "
                    "path); the query has a repeated name, is out of order and has a parameter "
                    "without '='. Parts are sorted whole, by bytes.",
        key=K256A, timestamp=NOW + 7, now=NOW + 10,
        method="GET", raw_path="/api/items/a%2Fb", raw_query="b=2&a=1&a=0&flag",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="get-query-empty-parts",
        description="Empty query parts (a doubled and a trailing '&') are dropped.",
        key=K256A, timestamp=NOW + 20, now=NOW + 20,
        method="GET", raw_path="/search", raw_query="a=1&&b=2&",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="get-query-byte-order",
        description="Whole parts sorted by plain byte order of their normalized form, not "
                    "by locale, case or decoded name: '-' < 'A' < 'B' < '_' < 'a' < '~', and "
                    "'a' < 'a%20b=4' < 'a=' < 'a=1' < 'aa=1' because '%' (0x25) sorts before "
                    "'=' (0x3D). 'A%2b=7' is normalized to 'A%2B=7' (uppercase hex; '+' is "
                    "reserved, so %2B stays encoded) before sorting.",
        key=K256B, timestamp=NOW + 30, now=NOW - 25,
        method="GET", raw_path="/api/sort", raw_query="b=1&B=2&_=3&a%20b=4&~=5&-=6&a=1&a=&a&aa=1&A%2b=7",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="get-percent-encoded-path",
        description="Path with %20, %2F and a UTF-8 percent-encoded letter, query with %20 and "
                    "%2B, all with uppercase hex: already in normal form. None of them encodes an "
                    "unreserved character, so nothing is decoded; %2F in a path and %2B in a "
                    "query stay encoded.",
        key=K256A, timestamp=NOW + 40, now=NOW + 40,
        method="GET", raw_path="/files/my%20report%2F2025/caf%C3%A9.txt",
        raw_query="q=%20x%2By&lang=da",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="get-empty-path",
        description="An empty raw path is signed as '/'.",
        key=K256A, timestamp=NOW + 50, now=NOW + 50,
        method="GET", raw_path="", raw_query="ping=1",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="post-json",
        description="POST with a JSON body; host and content-type covered; Content-Digest sent.",
        key=K256A, timestamp=NOW, now=NOW,
        method="POST", raw_path="/shop/api/orders", raw_query=None,
        headers=[HOST, JSON],
        body=b'{"sku":"A-1001","quantity":2}', covered="host;content-type",
    ),
    dict(
        name="post-json-utf8",
        description="UTF-8 JSON body with non-ASCII text (two-, three- and four-byte sequences "
                    "are hashed as bytes); a key id using '.', '~' and '_'. The Content-Type "
                    "'application/json; charset=utf-8' is signed in its canonical form "
                    "'application/json;charset=utf-8' (no space).",
        key=K256B, timestamp=NOW + 60, now=NOW + 61,
        method="POST", raw_path="/api/customers", raw_query=None,
        headers=[HOST, ("Content-Type", "application/json; charset=utf-8")],
        body='{"name":"Zoë","city":"København","emoji":"😀"}'.encode("utf-8"),
        covered="host;content-type",
    ),
    dict(
        name="post-form-urlencoded",
        description="A form body is signed as bytes like any other body (its %C3%AB, '+' and "
                    "%26 are body bytes: the body is never normalized); the query's %2F stays "
                    "encoded.",
        key=K256A, timestamp=NOW + 70, now=NOW + 70,
        method="POST", raw_path="/login", raw_query="next=%2Fhome",
        headers=[HOST, ("Content-Type", "application/x-www-form-urlencoded")],
        body=b"user=zo%C3%AB&remember=on&note=a+b%26c", covered="host;content-type",
    ),
    dict(
        name="put-binary-body",
        description="Binary body: every byte value 0x00..0xFF, then 0xFF 0x00 0x0D 0x0A.",
        key=K256A, timestamp=NOW + 80, now=NOW + 80,
        method="PUT", raw_path="/api/blobs/7", raw_query=None,
        headers=[HOST, ("Content-Type", "application/octet-stream")],
        body=bytes(range(256)) + b"\xff\x00\r\n", covered="host;content-type",
    ),
    dict(
        name="delete-empty-query",
        description="DELETE without body; the request target ends in '?', so the raw query is "
                    "the empty string: the query line is empty, as with no query.",
        key=K256A, timestamp=NOW + 90, now=NOW + 90,
        method="DELETE", raw_path="/api/orders/42", raw_query="",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="post-empty-body",
        description="POST with an empty body: the digest is that of the empty string and no "
                    "Content-Digest is sent.",
        key=K256A, timestamp=NOW + 100, now=NOW + 100,
        method="POST", raw_path="/api/orders/42/cancel", raw_query=None,
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="post-no-covered-headers",
        description="headers=\"\": line 8 is empty and no header line follows; the body is "
                    "still covered by its digest.",
        key=K256B, timestamp=NOW + 110, now=NOW + 110,
        method="POST", raw_path="/api/events", raw_query=None,
        headers=[HOST, ("Content-Type", "text/plain")],
        body=b"event=deploy\nservice=orders\n", covered="",
    ),
    dict(
        name="get-several-covered-headers",
        description="Covered headers in their own order (not the request's), names matched "
                    "case-insensitively, values trimmed of SP/HTAB, x-tags sent on two lines "
                    "and joined with ', ', inner spaces kept. Headers other than host and "
                    "content-type keep their case ('Sun, 23 Nov').",
        key=K256A, timestamp=NOW + 120, now=NOW + 120,
        method="GET", raw_path="/api/reports", raw_query="year=2025",
        headers=[
            ("host", "api.example.com"),
            ("X-Request-Id", "  req-0001\t"),
            ("Accept", "application/json"),
            ("X-Tags", "alpha"),
            ("Date", "Sun, 23 Nov 2025 12:15:20 GMT"),
            ("x-tags", " beta  gamma "),
            ("User-Agent", "vectors/1"),
        ],
        body=b"", covered="host;x-request-id;x-tags;date;accept",
    ),
    dict(
        name="get-sha512",
        description="HMAC-SHA512: 128-hex-char signature, SHA-512 digest of the empty body.",
        key=K512A, timestamp=NOW + 130, now=NOW + 130,
        method="GET", raw_path="/api/orders", raw_query="status=open&page=2",
        headers=[HOST],
        body=b"", covered="host",
    ),
    dict(
        name="post-sha512-json",
        description="HMAC-SHA512 with a JSON body, sha-512 Content-Digest, a non-default port "
                    "in Host.",
        key=K512B, timestamp=NOW + 140, now=NOW + 139,
        method="POST", raw_path="/shop/api/orders", raw_query="dry-run",
        headers=[("Host", "localhost:8443"), JSON],
        body=b'{"sku":"B-2002","quantity":1,"note":"gift"}', covered="host;content-type",
    ),
    dict(
        name="put-sha512-binary",
        description="HMAC-SHA512 with a binary body containing 0x00 and 0xFF.",
        key=K512A, timestamp=NOW + 150, now=NOW + 150,
        method="PUT", raw_path="/api/blobs/8", raw_query=None,
        headers=[HOST, ("Content-Type", "application/octet-stream")],
        body=b"\x00\xff" * 8 + b"\x00\x01\xfe\xff", covered="host;content-type",
    ),
    dict(
        name="delete-sha512-with-header",
        description="DELETE with HMAC-SHA512 covering a custom header and no body; %3A in "
                    "the path stays encoded (':' is reserved, and a path keeps a literal ':' "
                    "and '%3A' apart).",
        key=K512B, timestamp=NOW + 160, now=NOW + 160,
        method="DELETE", raw_path="/api/sessions/s%3A91", raw_query=None,
        headers=[HOST, ("X-Reason", "logout")],
        body=b"", covered="host;x-reason",
    ),
    dict(
        name="post-empty-content-length-zero",
        description="POST with an empty body, Content-Length: 0 and no Content-Digest: a body "
                    "announced as empty needs no Content-Digest (section 2.2); the signed digest "
                    "is the empty body's.",
        key=K256A, timestamp=NOW + 170, now=NOW + 170,
        method="POST", raw_path="/api/orders/17/cancel", raw_query=None,
        headers=[HOST, ("Content-Length", "0")],
        body=b"", covered="host",
    ),
]


# Amendment 1: one or more cases per rule. A case with ``twin_of`` is the same request as the
# named case, received in another spelling: it takes that case's key, timestamp, nonce, method,
# covered headers and body, so its canonical string and signature must come out identical to
# the named case's (checked in accepted_cases()). That is how the file says "signed in one
# spelling, received in another, accepted" without a format of its own.
BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
MULTIPART = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="note"\r\n\r\n'
    "Zoë was here\r\n"
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="file"; filename="a.bin"\r\n'
    "Content-Type: application/octet-stream\r\n\r\n"
).encode("utf-8") + bytes([0, 1, 2, 0xFE, 0xFF]) + f"\r\n--{BOUNDARY}--\r\n".encode("ascii")
ORDER_JSON = '{"sku":"A-1001","quantity":2,"note":"Zoë"}'.encode("utf-8")
HOST_8443 = ("Host", "api.example.com:8443")
GET = dict(method="GET", raw_query=None, headers=[HOST], body=b"", covered="host")

AMENDMENT_ACCEPTED = [
    # -- The two examples of the amendment --
    dict(GET,
         name="path-amendment-example",
         description="Amendment 1's path example: %7e and %41 encode unreserved characters and "
                     "are decoded to '~' and 'A'; ';' and '=' are path delimiters and stay "
                     "literal; %2f encodes a reserved '/' and becomes %2F (uppercase hex).",
         key=K256A, timestamp=NOW + 200, now=NOW + 200,
         raw_path="/a/%7e%41b/c;v=1/%2f"),
    dict(GET,
         name="query-amendment-example",
         description="Amendment 1's query example: the literal '/' is encoded (%2F), %7b%7d get "
                     "uppercase hex, '+' stays literal, %41 is decoded to 'A', and the parts "
                     "are sorted after normalization, so 'A=1' comes first.",
         key=K256A, timestamp=NOW + 210, now=NOW + 210,
         raw_path="/search", raw_query="q=a/b&q=%7b%7d&x=a+b&%41=1"),
    # -- Hex case --
    dict(GET,
         name="hex-case-uppercase",
         description="Reserved and non-ASCII bytes percent-encoded with uppercase hex digits in "
                     "path and query: already in normal form.",
         key=K256A, timestamp=NOW + 220, now=NOW + 220,
         raw_path="/files/a%2Fb/caf%C3%A9", raw_query="p=%2F%3A%C3%A9&tag=%5B1%5D"),
    dict(name="hex-case-lowercase", twin_of="hex-case-uppercase",
         description="hex-case-uppercase with lowercase hex digits (%2f, %3a, %c3%a9, %5b%5d): "
                     "the case of hex digits is not significant; the canonical form has "
                     "uppercase hex.",
         raw_path="/files/a%2fb/caf%c3%a9", raw_query="p=%2f%3a%c3%a9&tag=%5b1%5d"),
    # -- Encoded unreserved characters --
    dict(GET,
         name="unreserved-literal",
         description="Unreserved characters (letters, digits, '-', '.', '_', '~') written "
                     "literally in path and query: kept as they are.",
         key=K256B, timestamp=NOW + 230, now=NOW + 230,
         raw_path="/~user/Api-v1.2_x", raw_query="name=~Zo_e-1.0"),
    dict(name="unreserved-percent-encoded", twin_of="unreserved-literal",
         description="unreserved-literal with unreserved characters written as %XX, in both hex "
                     "cases (%7E, %7e, %41, %2D, %2E, %5F, %6E, %5A): an encoded unreserved "
                     "character is decoded.",
         raw_path="/%7Euser/%41pi%2Dv1%2E2%5Fx", raw_query="%6Eame=%7e%5Ao%5fe%2D1%2e0"),
    # -- Literal and encoded reserved characters in the query --
    dict(GET,
         name="query-reserved-literal",
         description="Reserved characters sent literally in the query, as curl, Python and "
                     "browsers send them: '/', ':', '@', ',', ';', ''' and '?' are "
                     "percent-encoded by normalization; '=' stays literal.",
         key=K256A, timestamp=NOW + 240, now=NOW + 240,
         raw_path="/api/search",
         raw_query="q=a/b&time=10:30&at=@home&list=a,b&semi=a;b&quote=it's&ask=why?"),
    dict(name="query-reserved-encoded", twin_of="query-reserved-literal",
         description="query-reserved-literal as Jersey's servlet container hands it to the "
                     "application, each reserved character percent-encoded (q=a%2Fb, ...): "
                     "in a query the literal and the encoded spelling are equal.",
         raw_query="q=a%2Fb&time=10%3A30&at=%40home&list=a%2Cb&semi=a%3Bb&quote=it%27s"
                   "&ask=why%3F"),
    # -- '+' against %2B and %20 --
    dict(GET,
         name="query-plus-kept-distinct",
         description="In a query '+' stays literal and is neither %2B nor %20: a=x+y, b=x%2By "
                     "and c=x%20y are three different values; d=x%2by only gets uppercase hex.",
         key=K256A, timestamp=NOW + 250, now=NOW + 250,
         raw_path="/api/search", raw_query="c=x%20y&b=x%2By&a=x+y&d=x%2by"),
    # -- Path delimiters, literal and encoded --
    dict(GET,
         name="path-reserved-literal-and-encoded",
         description="In a path every character of the path KEEP set (! $ & ' ( ) * + , ; = : "
                     "@ /) stays literal, and its encoded form stays encoded, with uppercase "
                     "hex: ';' is not %3B, '=' is not %3D, '/' is not %2F, ':' is not %3A.",
         key=K256A, timestamp=NOW + 260, now=NOW + 260,
         raw_path="/p/a;b=1/c%3bd%3De/x:y@z/!$&'()*+,/%2f%3A"),
    dict(GET,
         name="path-other-bytes-encoded",
         description="Bytes that are neither unreserved nor path delimiters are percent-encoded "
                     "in a path: a space, '\"', '<', '>', '[', ']', '{', '|', '}', '^', '`' and "
                     "'\\'. No dot segment is removed: '/./' and '/../' stay.",
         key=K256B, timestamp=NOW + 265, now=NOW + 265,
         raw_path="/a b/\"q\"/<x>/[1]/{|}^`\\/./../end"),
    # -- A lone '%' --
    dict(GET,
         name="lone-percent",
         description="A '%' not followed by two hex digits is a literal percent sign and "
                     "becomes %25: '100%' gives '100%25', '%zz' gives '%25zz', '%4' gives "
                     "'%254', a trailing '%' gives '%25'; in the path too.",
         key=K256A, timestamp=NOW + 270, now=NOW + 270,
         raw_path="/rates/100%", raw_query="q=100%&r=%zz&s=%4&t=%"),
    dict(name="lone-percent-encoded", twin_of="lone-percent",
         description="lone-percent with each literal '%' written as %25.",
         raw_path="/rates/100%25", raw_query="q=100%25&r=%25zz&s=%254&t=%25"),
    # -- Non-ASCII --
    dict(GET,
         name="non-ascii-literal",
         description="Non-ASCII characters sent literally in path and query (in this file as "
                     "JSON \\u escapes of the characters): normalized to %XX of their UTF-8 "
                     "bytes, uppercase hex. Two-, three- and four-byte sequences.",
         key=K256A, timestamp=NOW + 280, now=NOW + 280,
         raw_path="/café/東京", raw_query="q=zoë&emoji=😀"),
    dict(name="non-ascii-encoded-uppercase", twin_of="non-ascii-literal",
         description="non-ascii-literal percent-encoded as UTF-8 with uppercase hex.",
         raw_path="/caf%C3%A9/%E6%9D%B1%E4%BA%AC", raw_query="q=zo%C3%AB&emoji=%F0%9F%98%80"),
    dict(name="non-ascii-encoded-lowercase", twin_of="non-ascii-literal",
         description="non-ascii-literal percent-encoded as UTF-8 with lowercase hex.",
         raw_path="/caf%c3%a9/%e6%9d%b1%e4%ba%ac", raw_query="q=zo%c3%ab&emoji=%f0%9f%98%80"),
    # -- Content-Type spellings --
    dict(name="content-type-charset-lowercase",
         description="'application/json; charset=utf-8', as Python, Node and browsers send "
                     "it: signed as 'application/json;charset=utf-8' (pieces joined with ';', "
                     "no space).",
         key=K256A, timestamp=NOW + 290, now=NOW + 290,
         method="POST", raw_path="/api/orders", raw_query=None,
         headers=[HOST, ("Content-Type", "application/json; charset=utf-8")],
         body=ORDER_JSON, covered="host;content-type"),
    dict(name="content-type-charset-uppercase", twin_of="content-type-charset-lowercase",
         description="content-type-charset-lowercase as Jetty 12 hands it to the application, "
                     "'charset=UTF-8': the charset value is lowercased.",
         headers=[HOST, ("Content-Type", "application/json; charset=UTF-8")]),
    dict(name="content-type-charset-quoted", twin_of="content-type-charset-lowercase",
         description="content-type-charset-lowercase with a quoted charset, "
                     "'charset=\"utf-8\"': the charset value is unquoted.",
         headers=[HOST, ("Content-Type", 'application/json; charset="utf-8"')]),
    dict(name="content-type-case-and-spaces", twin_of="content-type-charset-lowercase",
         description="content-type-charset-lowercase spelled 'Application/JSON ;\\tCharset = "
                     "\"UTF-8\" ': the media type and parameter name are lowercased, every "
                     "piece, name and value is trimmed of spaces and tabs, and the charset is "
                     "unquoted and lowercased.",
         headers=[HOST, ("Content-Type", 'Application/JSON ;\tCharset = "UTF-8" ')]),
    dict(name="content-type-multipart-boundary-case-kept",
         description="A multipart body: only the media type is lowercased, the boundary keeps "
                     "its case (it is case-sensitive): 'multipart/form-data;boundary="
                     "----WebKitFormBoundary7MA4YWxkTrZu0gW'.",
         key=K256A, timestamp=NOW + 300, now=NOW + 300,
         method="POST", raw_path="/api/uploads", raw_query=None,
         headers=[HOST, ("Content-Type", f"Multipart/Form-Data; boundary={BOUNDARY}")],
         body=MULTIPART, covered="host;content-type"),
    dict(name="content-type-parameters-as-sent",
         description="Parameters keep their order and, except charset, their value as sent "
                     "(quotes included); a ';' inside double quotes does not split; a "
                     "parameter without '=' becomes 'name=' ('DelSp' gives 'delsp='); an "
                     "empty parameter (';;') is dropped: "
                     "'text/plain;format=Flowed;delsp=;charset=us-ascii;x-q=\"a;B\"'.",
         key=K256B, timestamp=NOW + 310, now=NOW + 310,
         method="PUT", raw_path="/api/notes/3", raw_query=None,
         headers=[HOST, ("Content-Type",
                         'Text/Plain; Format=Flowed; DelSp;; charset="US-ASCII"; X-Q="a;B"')],
         body=b"Hello.\r\n", covered="host;content-type"),
    # -- Host case and no Host --
    dict(GET,
         name="host-lowercase-with-port",
         description="Host with a non-default port, in lowercase: signed as it is.",
         key=K256A, timestamp=NOW + 320, now=NOW + 320,
         raw_path="/api/orders", raw_query="page=1", headers=[HOST_8443]),
    dict(name="host-uppercase", twin_of="host-lowercase-with-port",
         description="host-lowercase-with-port with Host 'API.Example.COM:8443': the host "
                     "value is lowercased.",
         headers=[("Host", "API.Example.COM:8443")]),
    dict(name="no-host-authority", twin_of="host-lowercase-with-port",
         description="host-lowercase-with-port received without a Host header, as over HTTP/2 "
                     "(':authority' instead): request.authority, the authority the server "
                     "received, gives the host value, so a covered host is not missing.",
         headers=[], authority="api.example.com:8443"),
    dict(name="no-host-authority-uppercase", twin_of="host-lowercase-with-port",
         description="no-host-authority with the authority in uppercase: lowercased like a "
                     "Host value.",
         headers=[], authority="API.EXAMPLE.COM:8443"),
]


def resolve_twin(case: dict, by_name: dict) -> dict:
    """A twin case completed from the case it is a twin of (see AMENDMENT_ACCEPTED)."""
    if "twin_of" not in case:
        return case
    base = by_name[case["twin_of"]]
    inherited = {field: base[field] for field in (
        "key", "timestamp", "now", "method", "raw_path", "raw_query", "headers", "body",
        "covered")}
    return {**inherited, **case, "nonce": nonce_for(base["name"])}


def build_accepted(case: dict) -> dict:
    key, scheme = case["key"], case["key"]["algorithm"]
    timestamp, nonce = str(case["timestamp"]), case.get("nonce") or nonce_for(case["name"])
    authority = case.get("authority")
    # The file's rule: request.authority is there exactly when there is no Host header.
    assert (authority is None) == any(n.lower() == "host" for n, _ in case["headers"]), case
    digest_hex = hs.body_digest(scheme, case["body"]).hex()
    canonical = hs.canonical_string(
        scheme, key["id"], timestamp, nonce, case["method"], case["raw_path"], case["raw_query"],
        case["covered"], case["headers"], digest_hex, authority,
    )
    signature = hs.mac_hex(scheme, key["secret"], canonical)
    authorization, content_digest = hs.sign(
        scheme, key["id"], key["secret"], case["method"], case["raw_path"], case["raw_query"],
        case["headers"], case["body"], covered=case["covered"], timestamp=timestamp, nonce=nonce,
        authority=authority,
    )
    # The two signing paths (step by step above, sign() here) must agree.
    assert authorization == hs.authorization_value(
        scheme, key["id"], timestamp, nonce, case["covered"], signature), case["name"]
    request = {"method": case["method"], "raw_path": case["raw_path"],
               "raw_query": case["raw_query"]}
    if authority is not None:
        request["authority"] = authority
    request["headers"] = [list(pair) for pair in case["headers"]]
    request["body_base64"] = b64(case["body"])
    description = case["description"]
    if "twin_of" in case:
        description += (f" Same key, timestamp, nonce and body as {case['twin_of']}: the "
                        f"canonical string and the signature are identical to its own.")
    vector = {
        "name": case["name"],
        "description": description,
        "key": key_json(key),
        "now": case["now"],
        "request": request,
        "sign": {"timestamp": timestamp, "nonce": nonce, "headers": case["covered"]},
        "expected": {
            "canonical": canonical,
            "body_digest_hex": digest_hex,
            "signature": signature,
            "authorization": authorization,
            "content_digest": content_digest,
        },
    }
    # And the verifier must accept what was signed; without Content-Digest, only an empty body.
    sent = dict(request, headers=request["headers"] + [
        ["Authorization", authorization]] + ([["Content-Digest", content_digest]]
                                             if content_digest else []))
    assert hs.verify([key], case["now"], sent, set()) == ("verified", key["id"]), case["name"]
    bare = dict(request, headers=request["headers"] + [["Authorization", authorization]])
    assert hs.verify([key], case["now"], bare, set()) == (
        ("verified", key["id"]) if not case["body"] else ("rejected", "invalid_signature")
    ), case["name"]
    return vector


def accepted_cases() -> list[dict]:
    cases = ACCEPTED + AMENDMENT_ACCEPTED
    by_name = {case["name"]: case for case in cases}
    vectors = [build_accepted(resolve_twin(case, by_name)) for case in cases]
    built = {vector["name"]: vector for vector in vectors}
    for case in cases:
        if "twin_of" in case:
            twin, base = built[case["name"]], built[case["twin_of"]]
            # The point of a twin: another spelling of the very same signed request.
            assert twin["request"] != base["request"], case["name"]
            assert twin["expected"]["canonical"] == base["expected"]["canonical"], case["name"]
            assert twin["expected"]["signature"] == base["expected"]["signature"], case["name"]
    return vectors


# --------------------------------------------------------------------------------------------
# Rejected cases
# --------------------------------------------------------------------------------------------

RING = [K256A, K256B, K512A]
ORDER = b'{"sku":"A-1001","quantity":2}'


class Signed:
    """A correctly signed request, to be broken in exactly one way by a rejected case."""

    def __init__(self, name, key=K256A, scheme=None, method="POST", raw_path="/api/orders",
                 raw_query=None, headers=(HOST, JSON), body=ORDER, covered=None,
                 timestamp=NOW, nonce=None, content_digest=True, authority=None):
        self.key = key
        self.scheme = scheme or key["algorithm"]
        self.method, self.raw_path, self.raw_query = method, raw_path, raw_query
        self.authority = authority
        self.headers = [list(pair) for pair in headers]
        self.body = body
        if covered is None:
            covered = "host;content-type" if any(
                n.lower() == "content-type" for n, _ in self.headers) else "host"
        self.covered = covered
        self.timestamp = str(timestamp)
        self.nonce = nonce or nonce_for(name)
        # Signed here without sign()'s parameter checks, because some cases sign values
        # that are deliberately outside the rules (a leading-zero timestamp, a bad nonce).
        self.signature = self.mac()
        self.content_digest = (hs.content_digest_value(self.scheme, body)
                               if body and content_digest else None)

    def mac(self, covered=None, headers=None) -> str:
        canonical = hs.canonical_string(
            self.scheme, self.key["id"], self.timestamp, self.nonce, self.method, self.raw_path,
            self.raw_query, self.covered if covered is None else covered,
            self.headers if headers is None else headers,
            hs.body_digest(self.scheme, self.body).hex(), self.authority)
        return hs.mac_hex(self.scheme, self.key["secret"], canonical)

    def authorization(self, **override) -> str:
        p = {"scheme": self.scheme, "keyId": self.key["id"], "timestamp": self.timestamp,
             "nonce": self.nonce, "headers": self.covered, "signature": self.signature,
             **override}
        return hs.authorization_value(p["scheme"], p["keyId"], p["timestamp"], p["nonce"],
                                      p["headers"], p["signature"])

    def request(self, authorization=None, **override) -> dict:
        headers = [list(pair) for pair in override.pop("headers", self.headers)]
        if authorization is None:
            authorization = [self.authorization()]
        headers += [["Authorization", value] for value in authorization]
        content_digest = override.pop("content_digest", self.content_digest)
        if content_digest is not None:
            headers.append(["Content-Digest", content_digest])
        body = override.pop("body", self.body)
        request = {"method": self.method, "raw_path": self.raw_path,
                   "raw_query": self.raw_query}
        if self.authority is not None:
            request["authority"] = self.authority
        request.update(override)
        return {**request, "headers": headers, "body_base64": b64(body)}


def rejected_cases() -> list[dict]:
    cases = []

    def case(name, description, request, code, reason, keys=None, now=NOW, skew=300,
             max_body=hs.DEFAULT_MAX_BODY_BYTES, seen=()):
        cases.append({
            "name": name, "description": description,
            "keys": keys if keys is not None else [key_json(k, status="active", not_after=None)
                                                   for k in RING],
            "now": now, "skew_seconds": skew, "max_body_bytes": max_body,
            "seen_nonces": [list(pair) for pair in seen],
            "request": request,
            "expected_code": code, "expected_status": hs.PUBLIC_STATUS[code], "reason": reason,
        })

    invalid, malformed = "invalid_signature", "malformed_signature"

    # -- Tampering: the MAC no longer matches (or the body no longer matches the digest) --
    s = Signed("tampered-method")
    case("tampered-method", "Signed as POST, sent as PUT.",
         s.request(method="PUT"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-path", method="GET", raw_path="/api/orders/17", headers=[HOST], body=b"")
    case("tampered-path", "Signed for /api/orders/17, sent to /api/orders/18.",
         s.request(raw_path="/api/orders/18"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-path-decoded", method="GET", raw_path="/files/a%2Fb", headers=[HOST],
               body=b"")
    case("tampered-path-decoded",
         "Signed for the raw path /files/a%2Fb; the request carries /files/a/b. '/' is a path "
         "delimiter and %2F is never decoded in a path (normalization only decodes unreserved "
         "characters), so the two differ; a verifier that decoded the path would wrongly "
         "accept this.",
         s.request(raw_path="/files/a/b"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-query", raw_path="/api/transfers", raw_query="amount=10&to=alice")
    case("tampered-query", "A query value changed: amount=10 became amount=1000.",
         s.request(raw_query="amount=1000&to=alice"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-query-added", method="GET", raw_path="/api/users",
               raw_query="page=1", headers=[HOST], body=b"")
    case("tampered-query-added", "A query parameter was added.",
         s.request(raw_query="page=1&admin=true"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-covered-header")
    case("tampered-covered-header", "The covered Content-Type changed to text/plain.",
         s.request(headers=[list(HOST), ["Content-Type", "text/plain"]]),
         invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-host")
    case("tampered-host", "Signed for api.example.com, sent with Host evil.example.com.",
         s.request(headers=[["Host", "evil.example.com"], list(JSON)]),
         invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-body")
    case("tampered-body",
         "The body changed after signing; the Content-Digest still names the signed body, so "
         "the MAC verifies and the body-digest check rejects.",
         s.request(body=b'{"sku":"A-1001","quantity":200}'), invalid, "BODY_DIGEST_MISMATCH")
    s = Signed("tampered-body-no-content-digest", content_digest=False)
    case("tampered-body-no-content-digest",
         "Signed over the body's own digest (as before Content-Digest became mandatory), the "
         "body then changed, and sent without Content-Digest or framing headers (as over "
         "HTTP/2): the MAC is computed over the empty body's digest, before the body is read, "
         "and fails.",
         s.request(body=b'{"sku":"A-1001","quantity":200}'), invalid, "SIGNATURE_MISMATCH")
    s = Signed("body-without-content-digest", content_digest=False)
    case("body-without-content-digest",
         "A non-empty body announced by Content-Length, without Content-Digest: malformed "
         "before the MAC is checked, so nothing is read (section 2.2). The MAC covers the "
         "body's digest and would hold if the server hashed the body itself.",
         s.request(headers=[list(HOST), list(JSON), ["Content-Length", str(len(ORDER))]]),
         malformed, "CONTENT_DIGEST_MISSING")
    s = Signed("body-without-content-digest-chunked", content_digest=False)
    case("body-without-content-digest-chunked",
         "The same with Transfer-Encoding: chunked: a body is announced, there is no "
         "Content-Digest, malformed before the MAC.",
         s.request(headers=[list(HOST), list(JSON), ["Transfer-Encoding", "chunked"]]),
         malformed, "CONTENT_DIGEST_MISSING")
    s = Signed("body-without-content-digest-unannounced", body=b"")
    case("body-without-content-digest-unannounced",
         "Signed with an empty body, so the MAC (over the empty body's digest) holds; a "
         "non-empty body arrives without Content-Digest and without framing headers (as over "
         "HTTP/2): malformed once the first byte of the body is seen.",
         s.request(body=ORDER), malformed, "CONTENT_DIGEST_MISSING")
    s = Signed("content-digest-replaced")
    other = b'{"sku":"Z-9999","quantity":1}'
    case("content-digest-replaced",
         "Body and Content-Digest both replaced, consistently with each other: the MAC "
         "covers the original digest and fails.",
         s.request(body=other, content_digest=hs.content_digest_value("HMAC-SHA256", other)),
         invalid, "SIGNATURE_MISMATCH")
    s = Signed("content-digest-disagrees-with-body")
    case("content-digest-disagrees-with-body",
         "The body was removed while Content-Digest (and the MAC over it) still name the "
         "original body: the signed digest disagrees with the (empty) body.",
         s.request(body=b""), invalid, "BODY_DIGEST_MISMATCH")
    s = Signed("content-digest-malformed")
    case("content-digest-malformed",
         "Content-Digest is not an RFC 9530 dictionary of byte sequences (the colons are "
         "missing).",
         s.request(content_digest="sha-256=" + s.content_digest[len("sha-256=:"):-1]),
         malformed, "BAD_CONTENT_DIGEST")

    s = Signed("content-digest-duplicate-entry")
    case("content-digest-duplicate-entry",
         "Content-Digest names sha-256 twice (both correct): the entry for the scheme's hash "
         "must be unique.",
         s.request(content_digest=s.content_digest + ", " + s.content_digest),
         malformed, "BAD_CONTENT_DIGEST")
    s = Signed("content-digest-other-hash-only", content_digest=False)
    tampered = b'{"sku":"A-1001","quantity":200}'
    case("content-digest-other-hash-only",
         "HMAC-SHA256 request whose Content-Digest has only a sha-512 entry (of the tampered "
         "body): it is treated as absent, the MAC is computed over the empty body's digest "
         "and fails.",
         s.request(body=tampered, content_digest=hs.content_digest_value("HMAC-SHA512", tampered)),
         invalid, "SIGNATURE_MISMATCH")

    # -- Amendment 1: the distinctions normalization keeps. Each request is signed for one
    # spelling and received in another that is NOT equal to it (the tampered wire form). --
    s = Signed("tampered-query-plus-as-2b", method="GET", raw_path="/api/search",
               raw_query="x=a+b", headers=[HOST], body=b"")
    case("tampered-query-plus-as-2b",
         "Signed with the query x=a+b, received as x=a%2Bb: in a query '+' stays literal and is "
         "not %2B (a form decoder reads the first as 'a b', the second as 'a+b').",
         s.request(raw_query="x=a%2Bb"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-query-plus-as-20", method="GET", raw_path="/api/search",
               raw_query="x=a+b", headers=[HOST], body=b"")
    case("tampered-query-plus-as-20",
         "Signed with the query x=a+b, received as x=a%20b: '+' is not %20 either, although a "
         "form decoder reads both as a space.",
         s.request(raw_query="x=a%20b"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-query-ampersand-encoded", method="GET", raw_path="/api/search",
               raw_query="a=1&b=2", headers=[HOST], body=b"")
    case("tampered-query-ampersand-encoded",
         "Signed with two parameters a=1&b=2, received as one, a=1%26b=2: '&' separates "
         "parameters, %26 is data, and they are never equal.",
         s.request(raw_query="a=1%26b=2"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-query-equals-encoded", method="GET", raw_path="/api/search",
               raw_query="role=user", headers=[HOST], body=b"")
    case("tampered-query-equals-encoded",
         "Signed with role=user (name role), received as role%3Duser (a name without value): "
         "'=' is kept literal in a query and is not %3D.",
         s.request(raw_query="role%3Duser"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-query-double-encoded", method="GET", raw_path="/api/search",
               raw_query="q=%2541", headers=[HOST], body=b"")
    case("tampered-query-double-encoded",
         "Signed with q=%2541 (the three characters '%41'), received as q=%41 (the letter A): "
         "normalization decodes once, so %25 stays %25 and the two differ.",
         s.request(raw_query="q=%41"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-path-semicolon-encoded", method="GET", raw_path="/api/items;v=1",
               headers=[HOST], body=b"")
    case("tampered-path-semicolon-encoded",
         "Signed for the path /api/items;v=1, received as /api/items%3Bv=1: in a path ';' "
         "(a parameter delimiter for many servers) is not %3B.",
         s.request(raw_path="/api/items%3Bv=1"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-path-slash-encoded", method="GET", raw_path="/files/a/b",
               headers=[HOST], body=b"")
    case("tampered-path-slash-encoded",
         "Signed for the path /files/a/b (two segments), received as /files/a%2fb (one segment "
         "'a/b'): in a path '/' is not %2F, whatever the hex case.",
         s.request(raw_path="/files/a%2fb"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-path-dot-segment", method="GET", raw_path="/api/public/../admin",
               headers=[HOST], body=b"")
    case("tampered-path-dot-segment",
         "Signed for /api/public/../admin, received as /api/admin: normalization removes no dot "
         "segment, so a signature for one is never one for the other.",
         s.request(raw_path="/api/admin"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-path-unicode-nfd", method="GET", raw_path="/caf%C3%A9", headers=[HOST],
               body=b"")
    case("tampered-path-unicode-nfd",
         "Signed for /caf%C3%A9 ('é' as one code point, NFC), received as /cafe%CC%81 ('e' and "
         "a combining accent, NFD): bytes are compared, there is no Unicode normalization.",
         s.request(raw_path="/cafe%CC%81"), invalid, "SIGNATURE_MISMATCH")
    boundary_type = "multipart/form-data; boundary=AaB03x"
    s = Signed("tampered-multipart-boundary-case", raw_path="/api/uploads",
               headers=[HOST, ("Content-Type", boundary_type)],
               body=b"--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                    b"--AaB03x--\r\n")
    case("tampered-multipart-boundary-case",
         "Signed with boundary=AaB03x, received with boundary=aab03x: the boundary is "
         "case-sensitive, and only the charset parameter is lowercased.",
         s.request(headers=[list(HOST), ["Content-Type", "multipart/form-data; boundary=aab03x"]]),
         invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-content-type-charset",
               headers=[HOST, ("Content-Type", "application/json; charset=utf-8")])
    case("tampered-content-type-charset",
         "Signed with charset=utf-8, received with charset=iso-8859-1: the charset is "
         "canonical (case, quotes), not ignored.",
         s.request(headers=[list(HOST), ["Content-Type", "application/json; charset=iso-8859-1"]]),
         invalid, "SIGNATURE_MISMATCH")
    s = Signed("tampered-authority", method="GET", headers=[], authority="api.example.com",
               body=b"")
    case("tampered-authority",
         "No Host header (HTTP/2): signed for the authority api.example.com, received on the "
         "authority evil.example.com, which is the host value then.",
         s.request(authority="evil.example.com"), invalid, "SIGNATURE_MISMATCH")
    s = Signed("no-host-no-authority", method="GET", headers=[HOST], body=b"")
    case("no-host-no-authority",
         "host is covered, and the request has neither a Host header nor an authority: the "
         "covered header is missing.",
         s.request(headers=[]), malformed, "COVERED_HEADER_MISSING")

    # -- Clock window --
    s = Signed("stale-timestamp-past", timestamp=NOW - 301)
    case("stale-timestamp-past", "Timestamp 301 s behind the server clock (skew 300).",
         s.request(), "stale_timestamp", "STALE_TIMESTAMP")
    s = Signed("stale-timestamp-future", timestamp=NOW + 301)
    case("stale-timestamp-future", "Timestamp 301 s ahead of the server clock (skew 300).",
         s.request(), "stale_timestamp", "STALE_TIMESTAMP")

    # -- Keys --
    s = Signed("unknown-key", key=K256X)
    case("unknown-key", "Correctly signed with a key the server does not have.",
         s.request(), invalid, "UNKNOWN_KEY")
    s = Signed("revoked-key")
    case("revoked-key", "Correctly signed with a key whose status is revoked.",
         s.request(), invalid, "KEY_REVOKED",
         keys=[key_json(K256A, status="revoked", not_after=None),
               key_json(K256B, status="active", not_after=None)])
    s = Signed("expired-key")
    case("expired-key", "Correctly signed with a key past its not-after instant.",
         s.request(), invalid, "KEY_EXPIRED",
         keys=[key_json(K256A, status="active", not_after="2025-11-01T00:00:00Z"),
               key_json(K256B, status="active", not_after=None)])
    s = Signed("algorithm-mismatch-sha512-scheme", key=K256A, scheme="HMAC-SHA512")
    case("algorithm-mismatch-sha512-scheme",
         "HMAC-SHA512 scheme with a correctly computed SHA-512 MAC and sha-512 Content-Digest, "
         "but the key is bound to HMAC-SHA256: a key is usable with its own algorithm only.",
         s.request(), invalid, "ALGORITHM_MISMATCH")
    s = Signed("algorithm-mismatch-sha256-scheme", key=K512A, scheme="HMAC-SHA256")
    case("algorithm-mismatch-sha256-scheme",
         "The downgrade: an HMAC-SHA512 key used with the HMAC-SHA256 scheme (MAC and "
         "Content-Digest correctly computed with SHA-256).",
         s.request(), invalid, "ALGORITHM_MISMATCH")

    # -- Missing or not ours --
    s = Signed("missing-authorization")
    case("missing-authorization", "No Authorization header at all.",
         s.request(authorization=[]), "missing_signature", "MISSING_AUTHORIZATION")
    s = Signed("bearer-authorization")
    case("bearer-authorization", "An Authorization header of another scheme (Bearer).",
         s.request(authorization=["Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"]),
         "missing_signature", "NOT_HMAC_SCHEME")

    s = Signed("bearer-over-8kib")
    case("bearer-over-8kib",
         "A Bearer token over 8 KiB is still not an HMAC signature: the scheme is looked at "
         "before the size.",
         s.request(authorization=["Bearer " + "x" * 9000]), "missing_signature", "NOT_HMAC_SCHEME")

    # -- Malformed Authorization --
    s = Signed("unknown-hmac-scheme")
    case("unknown-hmac-scheme", "HMAC-SHA1 is not a scheme of this protocol.",
         s.request(authorization=[s.authorization(scheme="HMAC-SHA1",
                                                  signature=s.signature[:40])]),
         malformed, "UNKNOWN_SCHEME")
    s = Signed("lowercase-scheme")
    case("lowercase-scheme", "The scheme token is case-sensitive: hmac-sha256 is malformed.",
         s.request(authorization=[s.authorization(scheme="hmac-sha256")]),
         malformed, "UNKNOWN_SCHEME")
    s = Signed("two-authorization-headers")
    case("two-authorization-headers", "The same valid Authorization header sent twice.",
         s.request(authorization=[s.authorization()] * 2), malformed, "MULTIPLE_AUTHORIZATION")
    s = Signed("missing-parameter")
    case("missing-parameter", "The nonce parameter is missing.",
         s.request(authorization=[
             f'HMAC-SHA256 keyId="{s.key["id"]}", timestamp="{s.timestamp}", '
             f'headers="{s.covered}", signature="{s.signature}"']),
         malformed, "MISSING_PARAMETER")
    s = Signed("repeated-parameter")
    case("repeated-parameter", "keyId given twice, with the same value.",
         s.request(authorization=[s.authorization() + f', keyId="{s.key["id"]}"']),
         malformed, "REPEATED_PARAMETER")
    s = Signed("unknown-parameter")
    case("unknown-parameter", "An extra parameter (algorithm) beside the five.",
         s.request(authorization=[s.authorization() + ', algorithm="hmac-sha256"']),
         malformed, "UNKNOWN_PARAMETER")
    s = Signed("unquoted-parameter")
    case("unquoted-parameter", "A parameter value without its double quotes.",
         s.request(authorization=[s.authorization().replace(
             f'keyId="{s.key["id"]}"', f'keyId={s.key["id"]}')]),
         malformed, "BAD_SYNTAX")
    s = Signed("uppercase-hex-signature")
    case("uppercase-hex-signature",
         "The right MAC written in uppercase hex: the signature must be lowercase.",
         s.request(authorization=[s.authorization(signature=s.signature.upper())]),
         malformed, "BAD_SIGNATURE_FORMAT")
    s = Signed("short-signature")
    case("short-signature", "63 hex characters for HMAC-SHA256 (64 required).",
         s.request(authorization=[s.authorization(signature=s.signature[:63])]),
         malformed, "BAD_SIGNATURE_FORMAT")
    s = Signed("bad-key-id", key=_key("orders/2026", "HMAC-SHA256", K256A["secret"]))
    case("bad-key-id", "A keyId with '/', outside [A-Za-z0-9._~-] (MAC correctly computed).",
         s.request(), malformed, "BAD_KEY_ID")
    s = Signed("bad-nonce-charset", nonce="Zk3x9Qw+Z0m1yT7b/2V8sA")
    case("bad-nonce-charset",
         "A nonce in standard base64 ('+' and '/'), not base64url (MAC correctly computed).",
         s.request(), malformed, "BAD_NONCE")
    s = Signed("short-nonce", nonce="abcdefghijklmno")
    case("short-nonce", "A 15-character nonce (16 at least).",
         s.request(), malformed, "BAD_NONCE")
    s = Signed("leading-zero-timestamp", timestamp="0" + str(NOW))
    case("leading-zero-timestamp",
         "Timestamp with a leading zero (its value is within the window; MAC correctly "
         "computed).",
         s.request(), malformed, "BAD_TIMESTAMP")
    s = Signed("millisecond-timestamp", timestamp=NOW * 1000)
    case("millisecond-timestamp", "A 13-digit timestamp (milliseconds): at most 12 digits.",
         s.request(), malformed, "BAD_TIMESTAMP")
    s = Signed("uppercase-covered-header", covered="Host;content-type")
    case("uppercase-covered-header",
         "A covered header name that is not lowercase (MAC correctly computed over it).",
         s.request(), malformed, "BAD_HEADERS")
    s = Signed("duplicate-covered-header", covered="host;content-type;host")
    case("duplicate-covered-header", "A covered header named twice (MAC correctly computed).",
         s.request(), malformed, "BAD_HEADERS")
    s = Signed("authorization-covered", covered="host;content-type")
    case("authorization-covered", "The Authorization header listed as covered.",
         s.request(authorization=[s.authorization(headers="host;authorization")]),
         malformed, "BAD_HEADERS")
    s = Signed("authorization-over-8kib")
    padded = s.authorization().replace(', nonce=', "," + " " * 9000 + "nonce=")
    case("authorization-over-8kib",
         "A valid header padded with spaces after a comma (allowed by the grammar) to more "
         "than 8192 bytes.",
         s.request(authorization=[padded]), malformed, "AUTHORIZATION_TOO_LARGE")
    s = Signed("covered-header-missing", covered="host;content-type;x-request-id",
               headers=[HOST, JSON, ("X-Request-Id", "req-7")])
    case("covered-header-missing", "x-request-id was signed but is not on the request.",
         s.request(headers=[list(HOST), list(JSON)]), malformed, "COVERED_HEADER_MISSING")

    s = Signed("covered-header-not-ascii", covered="host;content-type;x-note",
               headers=[HOST, JSON, ("X-Note", "Zo\u00eb")])
    case("covered-header-not-ascii",
         "The covered X-Note value has a non-ASCII character (U+00EB, sent as UTF-8 or "
         "Latin-1): covered values must be visible ASCII, space and tab (section 3.4), since "
         "servers decode other bytes differently. The MAC is over the value as a string.",
         s.request(), malformed, "COVERED_HEADER_NOT_ASCII")

    # -- Replay and size --
    s = Signed("replayed-nonce")
    case("replayed-nonce", "A valid request whose (keyId, nonce) is already in the replay store.",
         s.request(), "replayed_nonce", "REPLAYED_NONCE", seen=[(s.key["id"], s.nonce)])
    s = Signed("body-too-large")
    case("body-too-large",
         "A valid request whose 29-byte body is over a 16-byte limit (Content-Digest sent).",
         s.request(), "body_too_large", "BODY_TOO_LARGE", max_body=16)
    s = Signed("body-too-large-no-content-digest", content_digest=False)
    case("body-too-large-no-content-digest",
         "The same body over the 16-byte limit, announced by Content-Length, without "
         "Content-Digest: malformed before anything is read, so the size is never reached.",
         s.request(headers=[list(HOST), list(JSON), ["Content-Length", str(len(ORDER))]]),
         malformed, "CONTENT_DIGEST_MISSING", max_body=16)

    # Every case must be rejected for its stated reason by the reference verifier, and
    # request.authority is only given for a request without a Host header.
    for c in cases:
        assert "authority" not in c["request"] or not any(
            n.lower() == "host" for n, _ in c["request"]["headers"]), c["name"]
        keys = [dict(k) for k in c["keys"]]
        got = hs.verify_detailed(keys, c["now"], c["request"], [tuple(p) for p in c["seen_nonces"]],
                                 c["skew_seconds"], c["max_body_bytes"])
        assert got == ("rejected", c["expected_code"], c["reason"]), (c["name"], got)
    return cases


# --------------------------------------------------------------------------------------------
# Keys files (docs/protocol.md section 7.1)
# --------------------------------------------------------------------------------------------

S256A = b64(K256A["secret"])  # 32 bytes
S256B = b64(K256B["secret"])  # 32 bytes
S512A = b64(K512A["secret"])  # 64 bytes
S31 = b64(bytes(range(31)))   # one byte short for HMAC-SHA256


def expected_key(key_id: str, secret_base64: str, algorithm="HMAC-SHA256", principal=None,
                 roles=(), status="active", not_after=None) -> dict:
    """A key as the file must give it, defaults filled in, roles as a sorted set."""
    return {"id": key_id, "algorithm": algorithm, "secret_base64": secret_base64,
            "principal": key_id if principal is None else principal,
            "roles": sorted(set(roles)), "status": status, "not_after": not_after}


def kf_ok(name: str, description: str, text: str, *keys: dict) -> dict:
    return {"name": name, "description": description, "text": text,
            "expected": {"keys": sorted(keys, key=lambda k: k["id"])}}


def kf_error(name: str, description: str, text: str) -> dict:
    return {"name": name, "description": description, "text": text, "expected_error": True}


K = f"k.secret=base64:{S256A}\n"  # a valid first line for cases that break a later one

KEYS_FILES = [
    kf_ok("every-attribute",
          "The example of the protocol: every attribute, comments on lines of their own, and a "
          "second key with defaults.",
          "# rotation of November 2026\n"
          f"orders-2026-11.secret=base64:{S256A}\n"
          "# HMAC-SHA256 (default) or HMAC-SHA512\n"
          "orders-2026-11.algorithm=HMAC-SHA256\n"
          "orders-2026-11.principal=orders-service\n"
          "orders-2026-11.roles=orders.read,orders.write\n"
          "orders-2026-11.status=active\n"
          "orders-2026-11.not-after=2027-06-01T00:00:00Z\n"
          "\n"
          f"orders-2026-10.secret=base64:{S512A}\n"
          "orders-2026-10.algorithm=HMAC-SHA512\n"
          "orders-2026-10.status=revoked\n",
          expected_key("orders-2026-11", S256A, principal="orders-service",
                       roles=["orders.read", "orders.write"], not_after="2027-06-01T00:00:00Z"),
          expected_key("orders-2026-10", S512A, algorithm="HMAC-SHA512", status="revoked")),
    kf_ok("defaults",
          "Only a secret: HMAC-SHA256, the key id as principal, no roles, active, no not-after.",
          f"solo.secret=base64:{S256A}\n",
          expected_key("solo", S256A)),
    kf_ok("hash-in-value",
          "A '#' after the start of a line is part of the value: the principal is 'team #1'. "
          "There are no trailing comments.",
          K + "k.principal=team #1\n",
          expected_key("k", S256A, principal="team #1")),
    kf_ok("space-hash-space-in-value",
          "' # ' inside a value is still the value: the principal is 'orders # west' and a role "
          "is 'read # all'.",
          K + "k.principal=orders # west\nk.roles=read # all, write\n",
          expected_key("k", S256A, principal="orders # west", roles=["read # all", "write"])),
    kf_ok("comment-lines",
          "Comment lines start with '#' or '!', after any blanks (space, tab, form feed); "
          "they are ignored even when they look like entries.",
          "# a comment\n"
          "! another comment\n"
          "   # indented with spaces\n"
          "\t! indented with a tab\n"
          "\f# after a form feed\n"
          + K +
          "# k.status=revoked\n"
          "!k.principal=ignored\n",
          expected_key("k", S256A)),
    kf_ok("blank-lines",
          "Empty lines and lines of blanks are ignored.",
          "\n   \n\t\n" + K + "\n \f \n",
          expected_key("k", S256A)),
    kf_ok("roles-trimmed",
          "Roles are split at every comma and each is trimmed of blanks; a role inside may "
          "contain a space; a repeated role is one role.",
          K + "k.roles= orders.read ,orders.write ,\tadmin , read all,admin \n",
          expected_key("k", S256A, roles=["admin", "orders.read", "orders.write", "read all"])),
    kf_ok("blanks-around-name-and-value",
          "Blanks (space, tab, form feed) around the name and the value are removed.",
          f"  \tk.secret \t=  base64:{S256A} \t\n"
          "k.principal\f=\fsvc\f\n",
          expected_key("k", S256A, principal="svc")),
    kf_ok("equals-sign-in-value",
          "The name ends at the first '='; later ones belong to the value.",
          K + "k.principal==a=b=\n",
          expected_key("k", S256A, principal="=a=b=")),
    kf_ok("crlf-line-endings",
          "CRLF line endings, as a Windows editor writes them.",
          (f"k.secret=base64:{S256A}\nk.principal=svc\nk.roles=a, b\n"
           "k.not-after=2030-01-01T00:00:00Z\n").replace("\n", "\r\n"),
          expected_key("k", S256A, principal="svc", roles=["a", "b"],
                       not_after="2030-01-01T00:00:00Z")),
    kf_ok("mixed-line-endings",
          "LF, CR and CRLF each end a line.",
          f"k.secret=base64:{S256A}\rk.principal=svc\r\nk.status=revoked\n",
          expected_key("k", S256A, principal="svc", status="revoked")),
    kf_ok("utf8-principal-and-roles",
          "A principal and roles outside ASCII, written as they are (the file is UTF-8).",
          K + "k.principal=Zoë Ødegård, 東京\nk.roles=équipe, Ärger\n",
          expected_key("k", S256A, principal="Zoë Ødegård, 東京", roles=["Ärger", "équipe"])),
    kf_ok("line-separator-in-value",
          "Only LF, CR and CRLF end a line: U+2028 (LINE SEPARATOR) inside a principal is an "
          "ordinary character.",
          K + "k.principal=a\u2028b\n",
          expected_key("k", S256A, principal="a\u2028b")),
    kf_ok("key-id-with-dots",
          "A key id may contain dots (and '~', '_'): the attribute is what follows the last dot.",
          f"vec.sha256~b_2.secret=base64:{S256B}\nvec.sha256~b_2.principal=b.team\n",
          expected_key("vec.sha256~b_2", S256B, principal="b.team")),
    kf_ok("interleaved-keys",
          "Two keys whose lines are interleaved, an attribute before the secret.",
          "b.status=revoked\n"
          f"a.secret=base64:{S256A}\n"
          f"b.secret=base64:{S256B}\n"
          "a.roles=x\n",
          expected_key("a", S256A, roles=["x"]),
          expected_key("b", S256B, status="revoked")),
    kf_ok("empty-roles-and-not-after",
          "An empty roles value means no roles, an empty not-after means none.",
          K + "k.roles=\nk.not-after=\n",
          expected_key("k", S256A)),
    kf_ok("not-after-leap-day",
          "not-after on 29 February of a leap year, to the last second.",
          K + "k.not-after=2028-02-29T23:59:59Z\n",
          expected_key("k", S256A, not_after="2028-02-29T23:59:59Z")),
    kf_ok("byte-order-mark",
          "A byte order mark (U+FEFF) at the start of the file is ignored.",
          "\ufeff" + K,
          expected_key("k", S256A)),
    kf_ok("only-comments",
          "A file of comments has no keys (every signed request is then rejected).",
          "# no keys yet\n! none\n",
          ),
    kf_ok("no-final-line-break",
          "The last line needs no line break.",
          f"k.secret=base64:{S256A}",
          expected_key("k", S256A)),

    kf_error("bare-base64-line",
             "A line that is only a secret in base64 (pasted without a name).",
             K + f"{S256B}\n"),
    kf_error("no-equals-sign",
             "A line without '=' (Java properties would also take a blank as the separator).",
             K + "k.status revoked\n"),
    kf_error("colon-separator",
             "':' is not a separator here (it is in Java properties).",
             K + "k.status:revoked\n"),
    kf_error("unknown-attribute",
             "An attribute that is not one of secret, algorithm, principal, roles, status, "
             "not-after.",
             K + "k.colour=blue\n"),
    kf_error("attribute-not-lowercase",
             "Attribute names are lowercase.",
             K + "k.Principal=svc\n"),
    kf_error("no-key-id",
             "A name without a key id before the attribute.",
             f"secret=base64:{S256A}\n"),
    kf_error("empty-key-id",
             "A name whose key id is empty.",
             f".secret=base64:{S256A}\n"),
    kf_error("invalid-key-id",
             "A key id outside [A-Za-z0-9._~-].",
             f"käse.secret=base64:{S256A}\n"),
    kf_error("blank-inside-name",
             "A blank inside the name (Java properties would end the name there).",
             K + "k.principal x=y\n"),
    kf_error("duplicate-attribute",
             "The same attribute twice for one key, even with the same value.",
             K + f"k.secret=base64:{S256A}\n"),
    kf_error("missing-secret",
             "A key without a secret.",
             K + "other.principal=svc\n"),
    kf_error("secret-without-prefix",
             "A secret without the 'base64:' prefix.",
             f"k.secret={S256A}\n"),
    kf_error("secret-not-base64",
             "A secret with a character outside the base64 alphabet.",
             f"k.secret=base64:{S256A[:-1]}*\n"),
    kf_error("secret-without-padding",
             "A secret in base64 without its '=' padding.",
             f"k.secret=base64:{S256A.rstrip('=')}\n"),
    kf_error("secret-url-safe-alphabet",
             "A secret in the URL-safe base64 alphabet ('-' and '_').",
             f"k.secret=base64:{base64.urlsafe_b64encode(bytes(range(200, 232))).decode()}\n"),
    kf_error("secret-too-short",
             "A 31-byte secret for HMAC-SHA256 (at least 32).",
             f"k.secret=base64:{S31}\n"),
    kf_error("sha512-secret-too-short",
             "A 32-byte secret for HMAC-SHA512 (at least 64).",
             K + "k.algorithm=HMAC-SHA512\n"),
    kf_error("secret-with-trailing-comment",
             "' # …' after a secret is part of the value, which is then not base64.",
             f"k.secret=base64:{S256A}  # production\n"),
    kf_error("algorithm-with-trailing-comment",
             "' # …' after the algorithm is part of the value, which is then no algorithm.",
             K + "k.algorithm=HMAC-SHA256      # the default\n"),
    kf_error("unknown-algorithm",
             "An algorithm other than HMAC-SHA256 and HMAC-SHA512.",
             K + "k.algorithm=HMAC-SHA1\n"),
    kf_error("algorithm-lowercase",
             "Algorithm names are written exactly.",
             K + "k.algorithm=hmac-sha256\n"),
    kf_error("unknown-status",
             "A status other than active and revoked.",
             K + "k.status=disabled\n"),
    kf_error("empty-status",
             "An empty status.",
             K + "k.status=\n"),
    kf_error("not-after-with-offset",
             "not-after with a zone offset instead of Z.",
             K + "k.not-after=2027-06-01T02:00:00+02:00\n"),
    kf_error("not-after-with-fraction",
             "not-after with a fraction of a second.",
             K + "k.not-after=2027-06-01T00:00:00.5Z\n"),
    kf_error("not-after-date-only",
             "not-after as a date without a time.",
             K + "k.not-after=2031-01-15\n"),
    kf_error("not-after-lowercase",
             "not-after with a lowercase 't' and 'z'.",
             K + "k.not-after=2027-06-01t00:00:00z\n"),
    kf_error("not-after-invalid-date",
             "not-after on 30 February.",
             K + "k.not-after=2027-02-30T00:00:00Z\n"),
    kf_error("not-after-hour-24",
             "not-after at 24:00:00 (hours go to 23).",
             K + "k.not-after=2027-06-01T24:00:00Z\n"),
    kf_error("not-after-leap-second",
             "not-after at second 60.",
             K + "k.not-after=2027-06-30T23:59:60Z\n"),
    kf_error("not-after-year-zero",
             "not-after in the year 0000 (years go from 0001).",
             K + "k.not-after=0000-01-01T00:00:00Z\n"),
    kf_error("empty-principal",
             "An empty principal.",
             K + "k.principal=\n"),
    kf_error("empty-role",
             "An empty role between two commas.",
             K + "k.roles=a,,b\n"),
    kf_error("trailing-comma-in-roles",
             "A comma at the end of the roles leaves an empty role.",
             K + "k.roles=a,b,\n"),
    kf_error("principal-ends-with-no-break-space",
             "A principal that ends with U+00A0 (NO-BREAK SPACE), which is not trimmed.",
             K + "k.principal=svc\u00a0\n"),
    kf_error("role-starts-with-ideographic-space",
             "A role that starts with U+3000 (IDEOGRAPHIC SPACE).",
             K + "k.roles=a,\u3000b\n"),
    kf_error("tab-inside-principal",
             "A control character (here a tab) inside a principal.",
             K + "k.principal=a\tb\n"),
    kf_error("next-line-in-principal",
             "U+0085 (NEXT LINE) inside a principal: a control character, not a line break.",
             K + "k.principal=a\u0085b\n"),
    kf_error("backslash-escape",
             "A backslash escape ('\\u0041'): escapes of Java properties are not supported.",
             K + "k.principal=\\u0041dmin\n"),
    kf_error("line-continuation",
             "A line continued with a backslash: not supported.",
             K + "k.roles=a,\\\n  b\n"),
]


def leaked_content(text: str, message: str) -> list[str]:
    """The lines of a keys file (of 6 characters or more) and the base64 runs in it (secrets)
    that a message quotes."""
    lines = [line.strip(" \t\f") for line in re.split(r"\r\n|\r|\n", text)]
    runs = re.findall(r"[A-Za-z0-9+/_-]{16,}=*", text)
    return [part for part in lines + runs if len(part) >= 6 and part in message]


def keys_file_cases() -> list[dict]:
    """Every case parsed by the reference: the keys it gives must be exactly those declared."""
    for case in KEYS_FILES:
        try:
            keys = hs.parse_keys_file(case["text"])
        except hs.KeysFileError as error:
            assert case.get("expected_error"), (case["name"], str(error))
            # The message names the line, never its content.
            assert not leaked_content(case["text"], str(error)), (case["name"], str(error))
            continue
        assert not case.get("expected_error"), (case["name"], "parsed")
        got = sorted(({**{k: v for k, v in key.items() if k != "secret"},
                       "secret_base64": b64(key["secret"])} for key in keys),
                     key=lambda k: k["id"])
        assert got == case["expected"]["keys"], (case["name"], got)
    return KEYS_FILES


def build() -> dict:
    accepted = accepted_cases()
    rejected = rejected_cases()
    keys_files = keys_file_cases()
    for cases in (accepted + rejected, keys_files):
        names = [c["name"] for c in cases]
        assert len(names) == len(set(names)), "case names must be unique"
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names), "kebab-case names"
    return {
        "protocol": "hmac-signed/1",
        "description": (
            "Test vectors for the hmac-signed wire protocol v1 (docs/protocol.md), Amendment 1 "
            "included. Generated by clients/python/make_vectors.py; do not edit by hand. "
            "Accepted cases: sign the request with key, sign.timestamp, sign.nonce and "
            "sign.headers and compare the canonical string, body digest, signature, "
            "Authorization and Content-Digest; a verifier with the default skew (300 s) and "
            "body limit (10485760 bytes), clock at 'now', must accept the request plus those "
            "headers. Rejected cases: verify the request with the given key ring, clock, skew, "
            "body limit and replay store; the result must be expected_code / expected_status "
            "('reason' is the informative internal reason). request.raw_path and "
            "request.raw_query are the path and query as received, before percent-"
            "normalization. request.authority (optional, 'host[:port]') is present only in "
            "requests without a Host header, as over HTTP/2: it is the authority the request "
            "was sent to and received on, and gives the host value. Accepted cases whose "
            "description says 'Same key, timestamp, nonce and body as X' are another spelling "
            "of case X with the same canonical string and signature. keys_files: the text of "
            "a keys file (section 7.1); a reader must give exactly expected.keys (keys compared "
            "by id, roles as a set, defaults filled in) or, where expected_error is true, refuse "
            "the whole file. All keys here are public test keys."
        ),
        "accepted": accepted,
        "rejected": rejected,
        "keys_files": keys_files,
    }


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    vectors = build()
    output.write_text(json.dumps(vectors, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"wrote {output}: {len(vectors['accepted'])} accepted, "
          f"{len(vectors['rejected'])} rejected, {len(vectors['keys_files'])} keys files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
