#!/usr/bin/env python3
# Copyright the hmac-signed authors.
# SPDX-License-Identifier: Apache-2.0
"""Reference implementation of the hmac-signed wire protocol, version 1 (Python 3.11, stdlib only).

This module is the project's independent, non-Java implementation of docs/protocol.md. It is
used to generate and check test-vectors/protocol-v1.json and, as a command-line client, by the
Java integration tests. It is a reference, kept small and literal, not a production server.

Protocol v1 includes Amendment 1: the path and the query are percent-normalized, the ``host``
value is lowercased (and taken from the request's authority when there is no Host header) and
the ``content-type`` value is put in a canonical form, before signing and before verifying.
The bytes on the wire are never changed.

Library use::

    authorization, content_digest = sign(
        "HMAC-SHA256", "orders-2026-11", secret, "POST", "/api/orders", None,
        [("Host", "api.example.com"), ("Content-Type", "application/json")], body,
        covered="host;content-type")

A keys file (docs/protocol.md section 7.1), read as the Java servers read it::

    keys = parse_keys_file(Path("/etc/hmac/keys.properties").read_bytes())

Command line (signs, sends with urllib to a local server and prints one JSON line)::

    python3 hmac_signed.py request --url http://localhost:8080/api/orders \\
        --key-id orders-2026-11 --secret-base64 AAECAw... \\
        --header 'Content-Type: application/json' --data '{"id":1}'

Add ``--debug`` to see the canonical string signed and its fingerprint on standard error, in
the form ``hmac-signed verify --explain`` prints the server's (``canonical_debug_text``).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import hmac
import http.client
import json
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from datetime import datetime
from typing import Callable, Iterable, Mapping, Sequence

__all__ = [
    "SCHEMES",
    "DEFAULT_SKEW_SECONDS",
    "DEFAULT_MAX_BODY_BYTES",
    "MAX_AUTHORIZATION_BYTES",
    "PUBLIC_STATUS",
    "SigningError",
    "PATH_KEEP",
    "QUERY_KEEP",
    "percent_normalize",
    "canonical_path",
    "canonical_query",
    "canonical_host",
    "canonical_content_type",
    "canonical_string",
    "canonical_fingerprint",
    "canonical_debug_text",
    "body_digest",
    "content_digest_value",
    "mac_hex",
    "authorization_value",
    "sign",
    "verify",
    "verify_detailed",
    "KeysFileError",
    "KEYS_FILE_ATTRIBUTES",
    "parse_keys_file",
]

# Scheme token -> hashlib name. The scheme names both the MAC and the body-digest hash.
SCHEMES = {"HMAC-SHA256": "sha256", "HMAC-SHA512": "sha512"}
# Scheme token -> RFC 9530 algorithm key used in Content-Digest.
_DIGEST_KEYS = {"HMAC-SHA256": "sha-256", "HMAC-SHA512": "sha-512"}
# Scheme token -> length of the hex signature.
_SIGNATURE_HEX_LENGTH = {"HMAC-SHA256": 64, "HMAC-SHA512": 128}

DEFAULT_SKEW_SECONDS = 300
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_AUTHORIZATION_BYTES = 8192

PARAMETER_NAMES = ("keyId", "timestamp", "nonce", "headers", "signature")

# Public rejection code -> HTTP status.
PUBLIC_STATUS = {
    "missing_signature": 401,
    "malformed_signature": 401,
    "stale_timestamp": 401,
    "invalid_signature": 401,
    "replayed_nonce": 401,
    "body_too_large": 413,
}

# Character-class rules. All are ASCII-only on purpose (no \d or \w, which match Unicode).
_KEY_ID = re.compile(r"[A-Za-z0-9._~-]{1,128}")
_TIMESTAMP = re.compile(r"0|[1-9][0-9]{0,11}")
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,128}")
_HEADER_NAME = re.compile(r"[a-z0-9!#$%&'*+.^_`|~-]+")
# Connection-specific headers (RFC 9110 7.6.1): proxies and servers remove or rewrite them, so a
# signer never covers them (3.4).
HOP_BY_HOP_HEADERS = frozenset(
    ("connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade")
)
# Headers whose well-known values Jetty's header cache may hand over in another case (3.4).
RECASED_BY_JETTY = frozenset(("cache-control", "accept-encoding"))
_LOWER_HEX = re.compile(r"[0-9a-f]+")

# Authorization parameter: name="value", the value without '"' or '\'. Any token may be a
# name here so that unknown names are reported as unknown rather than as bad syntax.
_PARAM = re.compile(r'([A-Za-z0-9!#$%&\'*+.^_`|~-]+)="([^"\\]*)"')
_PARAM_SEPARATOR = re.compile(r" *, *")

# One Content-Digest dictionary member, key per RFC 8941 sf-key, value a byte sequence
# (standard base64 with padding). Parameters and other item types are not accepted.
_DIGEST_MEMBER = re.compile(r"([a-z*][a-z0-9_.*-]*)=:([A-Za-z0-9+/]*={0,2}):")
_OWS = " \t"


class SigningError(ValueError):
    """Raised by the signing side for inputs that cannot produce a valid signed request."""


# --------------------------------------------------------------------------------------------
# Canonical string
# --------------------------------------------------------------------------------------------


# Amendment 1, percent-normalization. Unreserved characters (RFC 3986) are always literal;
# KEEP is the set of delimiters that stay literal where they are written literally (and so are
# never equal to their %XX form). Both are sets of byte values.
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
PATH_KEEP = frozenset(b"!$&'()*+,;=:@/")
QUERY_KEEP = frozenset(b"=+")
_HEX_DIGITS = frozenset(b"0123456789ABCDEFabcdef")


def percent_normalize(text: str, keep: frozenset) -> str:
    """Percent-normalization of ``text`` with the literal delimiters ``keep`` (Amendment 1).

    Works on the UTF-8 bytes of ``text``, left to right:
    - ``%`` and two hex digits (either case) is the byte V they encode: V itself when it is
      unreserved, else ``%`` and V in two UPPERCASE hex digits;
    - any other byte that is unreserved or in ``keep`` is kept as is;
    - any other byte (a ``%`` not followed by two hex digits included) becomes ``%XX``, uppercase.
    The result is ASCII.
    """
    data = text.encode("utf-8")
    out = []
    i = 0
    while i < len(data):
        byte = data[i]
        if (byte == 0x25 and i + 2 < len(data) and data[i + 1] in _HEX_DIGITS
                and data[i + 2] in _HEX_DIGITS):
            value = int(data[i + 1:i + 3], 16)
            out.append(chr(value) if value in _UNRESERVED else f"%{value:02X}")
            i += 3
        else:
            out.append(chr(byte) if byte in _UNRESERVED or byte in keep else f"%{byte:02X}")
            i += 1
    return "".join(out)


def canonical_path(raw_path: str | None) -> str:
    """Line 6: the raw path percent-normalized with PATH_KEEP; "/" when empty.

    No dot-segment is removed and nothing else is rewritten: "/a/../b" stays "/a/../b".
    """
    if not raw_path:
        return "/"
    return percent_normalize(raw_path, PATH_KEEP)


def canonical_query(raw_query: str | None) -> str:
    """Line 7: the raw query split on literal '&', empty parts dropped, each part
    percent-normalized with QUERY_KEEP, sorted by byte order, joined with '&'."""
    if not raw_query:
        return ""
    parts = [percent_normalize(part, QUERY_KEEP) for part in raw_query.split("&") if part]
    # Sort on bytes, not on str: byte order is what every language can reproduce exactly
    # (Java's String.compareTo orders UTF-16 code units). After normalization every part is
    # ASCII, where the two orders agree, but bytes say what is meant.
    parts.sort(key=lambda part: part.encode("utf-8"))
    return "&".join(parts)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    """A-Z to a-z and nothing else: the one "lowercase" every language computes identically
    (str.lower() would also fold non-ASCII letters, differently from other languages)."""
    return text.translate(_ASCII_LOWER)


def canonical_host(value: str) -> str:
    """The canonical ``host`` value: the (trimmed) Host value or authority, lowercased."""
    return _ascii_lower(value)


def _split_outside_quotes(value: str) -> list[str]:
    """Splits on ';' outside double quotes; every '"' toggles "inside quotes" (no escapes)."""
    parts, current, quoted = [], [], False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def canonical_content_type(value: str) -> str:
    """The canonical ``content-type`` value (Amendment 1).

    The value is split on ';' outside double quotes. The first piece, the media type, is
    trimmed and lowercased. Every later piece that is not empty once trimmed is a parameter,
    split on its first '=': the name trimmed and lowercased, the value trimmed; a piece
    without '=' has an empty value. The value of ``charset`` is also unquoted (one pair of
    surrounding double quotes removed) and lowercased; other values stay as sent (a multipart
    boundary is case-sensitive). The pieces are joined with ';' and no spaces.
    ``Text/Plain; Charset="UTF-8"`` gives ``text/plain;charset=utf-8``.
    """
    media_type, *parameters = _split_outside_quotes(value)
    pieces = [_ascii_lower(media_type.strip(_OWS))]
    for parameter in parameters:
        parameter = parameter.strip(_OWS)
        if not parameter:
            continue
        name, _, parameter_value = parameter.partition("=")
        name, parameter_value = _ascii_lower(name.strip(_OWS)), parameter_value.strip(_OWS)
        if name == "charset":
            if len(parameter_value) >= 2 and parameter_value[0] == parameter_value[-1] == '"':
                parameter_value = parameter_value[1:-1]
            parameter_value = _ascii_lower(parameter_value)
        pieces.append(name + "=" + parameter_value)
    return ";".join(pieces)


def _lookup_from_pairs(pairs: Iterable[Sequence[str]]) -> Callable[[str], list[str]]:
    """A case-insensitive header lookup over (name, value) pairs, keeping every occurrence."""
    pairs = [(name, value) for name, value in pairs]

    def lookup(name: str) -> list[str]:
        wanted = name.lower()
        return [value for header_name, value in pairs if header_name.lower() == wanted]

    return lookup


def _as_lookup(header_lookup) -> Callable[[str], list[str]]:
    return header_lookup if callable(header_lookup) else _lookup_from_pairs(header_lookup)


def covered_header_names(covered_headers: str) -> list[str]:
    """The names in a headers parameter ('' means no covered header)."""
    return covered_headers.split(";") if covered_headers else []


def covered_header_value(name: str, values: list[str]) -> str:
    """The value on a covered header's line, from the header's values in the order sent.

    Each occurrence is trimmed of SP and HTAB only (not of other whitespace), then the
    occurrences are joined the way HTTP combines repeated field lines. ``host`` is then
    lowercased and ``content-type`` put in its canonical form (Amendment 1).
    """
    value = ", ".join(value.strip(_OWS) for value in values)
    if name == "host":
        return canonical_host(value)
    if name == "content-type":
        return canonical_content_type(value)
    return value


def canonical_string(
    scheme: str,
    key_id: str,
    timestamp: str,
    nonce: str,
    method: str,
    raw_path: str,
    raw_query: str | None,
    covered_headers: str,
    header_lookup,
    body_digest_hex: str,
    authority: str | None = None,
) -> str:
    """Builds the canonical string of docs/protocol.md section 3 (with Amendment 1).

    ``raw_path`` and ``raw_query`` are the path and query of the request target as sent (not
    decoded); they are percent-normalized here. ``covered_headers`` is the headers parameter
    exactly as it appears in the Authorization header (it becomes line 8 verbatim).
    ``header_lookup`` is either a callable taking a lowercase header name and returning the
    list of that header's values in the order they were sent (empty when absent), or an
    iterable of (name, value) pairs; names match case-insensitively. ``authority`` is the
    authority the request was sent to or received on (``host[:port]``); it stands for the
    ``host`` value when the request has no Host header (HTTP/2 carries ``:authority``
    instead); None or "" is no authority. Raises KeyError when a covered header is absent.
    """
    lookup = _as_lookup(header_lookup)
    lines = [
        scheme,
        key_id,
        timestamp,
        nonce,
        method,
        canonical_path(raw_path),
        canonical_query(raw_query),
        covered_headers,
    ]
    for name in covered_header_names(covered_headers):
        lines.append(name + ":" + covered_header_value(name, _values(lookup, name, authority)))
    lines.append(body_digest_hex)
    return "\n".join(lines)


_DEBUG_LABELS = ("scheme", "key-id", "timestamp", "nonce", "method", "path", "query", "headers")


def canonical_fingerprint(canonical: str) -> str:
    """The first 12 lowercase hex digits of the SHA-256 of the canonical string's UTF-8 bytes.

    A server logs the fingerprint of the canonical string it computed with a signature
    mismatch; compare it with this one (equal: the secrets differ; different: the request
    changed on its way). It reveals nothing secret.
    """
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def canonical_debug_text(canonical: str) -> str:
    """The canonical string as every hmac-signed tool shows it, to be compared with ``diff``.

    The fingerprint first, then one labelled line per line of the canonical string: scheme,
    key-id, timestamp, nonce, method, path, query, headers, one ``header`` per covered header,
    body-digest; ``label: line``, or ``label:`` alone for an empty line. The Java client's debug
    log, ``hmac-signed sign --debug`` and ``hmac-signed verify --explain`` print the same form.
    """
    lines = canonical.split("\n")
    out = ["fingerprint: " + canonical_fingerprint(canonical)]
    for index, line in enumerate(lines):
        if index == len(lines) - 1:
            label = "body-digest"
        elif index < len(_DEBUG_LABELS):
            label = _DEBUG_LABELS[index]
        else:
            label = "header"
        out.append(f"{label}: {line}" if line else f"{label}:")
    return "\n".join(out)


def coverable_value(value: str) -> bool:
    """Whether a covered header value can be signed: visible ASCII, space and tab only (3.4)."""
    return all(0x20 <= ord(c) <= 0x7E or c == "\t" for c in value)


def _values(lookup, name: str, authority: str | None) -> list[str]:
    """A covered header's values; ``host`` falls back to the authority. KeyError if absent."""
    values = lookup(name)
    if not values and name == "host" and authority:
        values = [authority]
    if not values:
        raise KeyError(f"covered header {name!r} is not on the request")
    return values


# --------------------------------------------------------------------------------------------
# Parameter rules (docs/protocol.md section 2.1), shared by the signing and the verifying side
# --------------------------------------------------------------------------------------------


class _Rejection(Exception):
    """An expected verification failure: a public code and an internal reason."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _malformed(reason: str) -> _Rejection:
    return _Rejection("malformed_signature", reason)


# Internal reason -> what the signing side is told when it would send such a parameter.
_PARAMETER_RULES = {
    "UNKNOWN_SCHEME": f"the scheme must be one of {sorted(SCHEMES)}",
    "BAD_KEY_ID": "keyId must be 1-128 characters of [A-Za-z0-9._~-]",
    "BAD_TIMESTAMP": "timestamp must be decimal seconds, no sign, no leading zero, <= 12 digits",
    "BAD_NONCE": "nonce must be 16-128 characters of [A-Za-z0-9_-]",
    "BAD_HEADERS": "headers must be distinct lowercase header names separated by ';', "
    "never authorization",
}


def _validate_parameters(scheme: str, params: Mapping[str, str]) -> None:
    """Section 1 value rules; ``signature`` is checked only when present (the signer has none)."""
    if scheme not in SCHEMES:
        raise _malformed("UNKNOWN_SCHEME")
    if not _KEY_ID.fullmatch(params["keyId"]):
        raise _malformed("BAD_KEY_ID")
    if not _TIMESTAMP.fullmatch(params["timestamp"]):
        raise _malformed("BAD_TIMESTAMP")
    if not _NONCE.fullmatch(params["nonce"]):
        raise _malformed("BAD_NONCE")
    names = covered_header_names(params["headers"])
    if (
        any(not _HEADER_NAME.fullmatch(name) for name in names)
        or len(set(names)) != len(names)
        or "authorization" in names
    ):
        raise _malformed("BAD_HEADERS")
    signature = params.get("signature")
    if signature is not None and (
        len(signature) != _SIGNATURE_HEX_LENGTH[scheme] or not _LOWER_HEX.fullmatch(signature)
    ):
        raise _malformed("BAD_SIGNATURE_FORMAT")


# --------------------------------------------------------------------------------------------
# Signing
# --------------------------------------------------------------------------------------------


def _hash_name(scheme: str) -> str:
    try:
        return SCHEMES[scheme]
    except KeyError:
        raise SigningError(f"unknown scheme {scheme!r}; use one of {sorted(SCHEMES)}") from None


def body_digest(scheme: str, body: bytes) -> bytes:
    """The raw SHA-256 or SHA-512 digest of the body bytes, per the scheme."""
    return hashlib.new(_hash_name(scheme), body).digest()


def content_digest_value(scheme: str, body: bytes) -> str:
    """The Content-Digest header value for a body: ``sha-256=:<base64>:`` (or sha-512)."""
    return f"{_DIGEST_KEYS[scheme]}=:{base64.b64encode(body_digest(scheme, body)).decode('ascii')}:"


def mac_hex(scheme: str, secret: bytes, canonical: str) -> str:
    """Lowercase hex HMAC of the UTF-8 canonical string."""
    return hmac.new(secret, canonical.encode("utf-8"), _hash_name(scheme)).hexdigest()


def _check_coverable_names(covered: str) -> None:
    """Refuses hop-by-hop headers; warns on headers Jetty may recase (3.4)."""
    for name in covered_header_names(covered):
        if name in HOP_BY_HOP_HEADERS:
            raise SigningError(
                f"cannot cover header {name!r}: it is hop-by-hop, and proxies and servers remove "
                "or rewrite it (protocol v1 3.4)"
            )
        if name in RECASED_BY_JETTY:
            warnings.warn(
                f"covering header {name!r}: Jetty hands some of its values to the application in "
                "another case unless its header cache is case-sensitive, and the request then "
                "fails verification (protocol v1 3.4)",
                stacklevel=3,
            )


def authorization_value(
    scheme: str, key_id: str, timestamp: str, nonce: str, covered_headers: str, signature: str
) -> str:
    """The Authorization header value, parameters in the order every implementation emits."""
    return (
        f'{scheme} keyId="{key_id}", timestamp="{timestamp}", nonce="{nonce}", '
        f'headers="{covered_headers}", signature="{signature}"'
    )


def sign(
    scheme: str,
    key_id: str,
    secret: bytes,
    method: str,
    raw_path: str,
    raw_query: str | None,
    headers,
    body: bytes = b"",
    covered: str = "host",
    timestamp: str | int | None = None,
    nonce: str | None = None,
    authority: str | None = None,
    on_canonical: Callable[[str], None] | None = None,
) -> tuple[str, str | None]:
    """Signs a request and returns ``(authorization, content_digest)``.

    ``raw_path`` and ``raw_query`` are the path and query as they will be sent (percent-encoded
    or not: both sides normalize them). ``headers`` are the request's headers as (name, value)
    pairs or a lookup callable (see canonical_string); every name in ``covered`` must be among
    them, except ``host`` when ``authority`` is given. ``content_digest`` is the Content-Digest
    header to send, or None for an empty body (nothing is sent then). ``timestamp`` defaults to
    now and ``nonce`` to 16 random bytes in base64url. ``on_canonical``, when given, is called
    with the canonical string signed (for debugging: see canonical_debug_text).
    """
    if timestamp is None:
        timestamp = int(time.time())
    timestamp = str(timestamp)
    if nonce is None:
        nonce = secrets.token_urlsafe(16)
    try:
        _validate_parameters(
            scheme, {"keyId": key_id, "timestamp": timestamp, "nonce": nonce, "headers": covered}
        )
    except _Rejection as rejection:
        raise SigningError(_PARAMETER_RULES[rejection.reason]) from None
    _check_coverable_names(covered)
    digest = body_digest(scheme, body)
    try:
        canonical = canonical_string(
            scheme, key_id, timestamp, nonce, method, raw_path, raw_query, covered, headers,
            digest.hex(), authority,
        )
    except KeyError as missing:
        raise SigningError(str(missing.args[0])) from None
    lookup = _as_lookup(headers)
    for name in covered_header_names(covered):
        if not all(coverable_value(v) for v in _values(lookup, name, authority)):
            raise SigningError(f"covered header {name!r} has a character other than visible "
                               "ASCII, space and tab; it cannot be signed")
    if on_canonical is not None:
        on_canonical(canonical)
    authorization = authorization_value(
        scheme, key_id, timestamp, nonce, covered, mac_hex(scheme, secret, canonical)
    )
    content_digest = content_digest_value(scheme, body) if body else None
    return authorization, content_digest


# --------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------


def _parse_authorization(values: list[str]) -> tuple[str, dict[str, str]]:
    """Section 1 parsing of the Authorization header(s): returns (scheme, parameters)."""
    if not values:
        raise _Rejection("missing_signature", "MISSING_AUTHORIZATION")
    if len(values) > 1:
        raise _malformed("MULTIPLE_AUTHORIZATION")
    raw = values[0]
    value = raw.strip(_OWS)
    scheme, space, rest = value.partition(" ")
    if not scheme.upper().startswith("HMAC-"):
        # Another scheme (Bearer, Basic, ...): this request is simply not HMAC-signed, however
        # long its credentials are (a JWT can exceed 8 KiB).
        raise _Rejection("missing_signature", "NOT_HMAC_SCHEME")
    # The size limit comes before any further parsing work.
    if len(raw.encode("utf-8")) > MAX_AUTHORIZATION_BYTES:
        raise _malformed("AUTHORIZATION_TOO_LARGE")
    if scheme not in SCHEMES:
        raise _malformed("UNKNOWN_SCHEME")
    if not space:
        raise _malformed("BAD_SYNTAX")
    # scheme 1*SP param *( *SP "," *SP param ): `rest` is what follows the first SP.
    position = len(rest) - len(rest.lstrip(" "))
    params: dict[str, str] = {}
    while True:
        match = _PARAM.match(rest, position)
        if not match:
            raise _malformed("BAD_SYNTAX")
        name, param_value = match.group(1), match.group(2)
        if name not in PARAMETER_NAMES:
            raise _malformed("UNKNOWN_PARAMETER")
        if name in params:
            raise _malformed("REPEATED_PARAMETER")
        params[name] = param_value
        position = match.end()
        if position == len(rest):
            break
        separator = _PARAM_SEPARATOR.match(rest, position)
        if not separator:
            raise _malformed("BAD_SYNTAX")
        position = separator.end()
    if len(params) != len(PARAMETER_NAMES):
        raise _malformed("MISSING_PARAMETER")
    return scheme, params


def _parse_content_digest(values: list[str], scheme: str) -> bytes | None:
    """The digest for the scheme's hash from Content-Digest, or None when there is none.

    Several field lines form one dictionary, as if joined with ",". Every member must be
    ``key=:base64:`` (optional SP/HTAB around it); anything else is malformed. Entries for
    other hashes are otherwise ignored. The entry for the scheme's hash must occur once, be
    valid base64 (the '=' padding may be left out, as RFC 8941 asks parsers to allow) and
    decode to the hash's length; otherwise the header is malformed.
    """
    if not values:
        return None
    wanted = _DIGEST_KEYS[scheme]
    found = None
    for member in ",".join(values).split(","):
        match = _DIGEST_MEMBER.fullmatch(member.strip(_OWS))
        if not match:
            raise _malformed("BAD_CONTENT_DIGEST")
        if match.group(1) != wanted:
            continue
        encoded = match.group(2)
        if "=" not in encoded:
            encoded += "=" * (-len(encoded) % 4)
        try:
            decoded = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise _malformed("BAD_CONTENT_DIGEST") from None
        if found is not None or len(decoded) != hashlib.new(SCHEMES[scheme]).digest_size:
            raise _malformed("BAD_CONTENT_DIGEST")
        found = decoded
    return found


def _declares_body(lookup) -> bool:
    """Whether the framing announces a body: Transfer-Encoding, or a Content-Length other than 0."""
    if lookup("transfer-encoding"):
        return True
    for value in lookup("content-length"):
        for part in value.split(","):
            length = part.strip(_OWS)
            if not length or length.strip("0") != "":
                return True
    return False


def _instant_seconds(iso_instant: str) -> float:
    moment = datetime.fromisoformat(iso_instant)
    if moment.tzinfo is None:
        raise ValueError(f"not_after {iso_instant!r} needs a zone offset, e.g. 'Z'")
    return moment.timestamp()


def _request_body(request: Mapping) -> bytes:
    if "body" in request:
        return bytes(request["body"])
    return base64.b64decode(request.get("body_base64") or "", validate=True)


def verify_detailed(
    keys,
    now: int,
    request: Mapping,
    seen_nonces,
    skew: int = DEFAULT_SKEW_SECONDS,
    max_body: int = DEFAULT_MAX_BODY_BYTES,
) -> tuple[str, str, str]:
    """Like verify(), but returns (outcome, key id or public code, internal reason).

    The internal reason is what a server logs; it never goes to the caller.
    """
    try:
        key_id = _verify(keys, now, request, seen_nonces, skew, max_body)
    except _Rejection as rejection:
        return "rejected", rejection.code, rejection.reason
    return "verified", key_id, "VERIFIED"


def verify(
    keys,
    now: int,
    request: Mapping,
    seen_nonces,
    skew: int = DEFAULT_SKEW_SECONDS,
    max_body: int = DEFAULT_MAX_BODY_BYTES,
) -> tuple[str, str]:
    """Verifies a signed request as a server does (docs/protocol.md section 5, in order).

    ``keys``: the key ring, a list of dicts with ``id``, ``algorithm``, ``secret_base64`` (or
    ``secret`` bytes), optional ``status`` (``active``/``revoked``, default active) and optional
    ``not_after`` (ISO-8601 instant with zone, or None). ``now``: server clock, Unix seconds.
    ``request``: a dict with ``method``, ``raw_path``, ``raw_query`` (None when absent),
    optional ``authority`` (the authority the request was received on, ``host[:port]``; the
    ``host`` value when there is no Host header), ``headers`` (list of [name, value] pairs, a
    name may repeat) and ``body_base64`` (or ``body`` bytes). ``raw_path`` and ``raw_query``
    are as received, not decoded. ``seen_nonces``: a collection of (keyId, nonce) already in
    the replay store; when it is a set, a verified request's pair is added to it.

    Returns ("verified", key_id) or ("rejected", public_code).
    """
    outcome, value, _reason = verify_detailed(keys, now, request, seen_nonces, skew, max_body)
    return outcome, value


def _verify(keys, now, request, seen_nonces, skew, max_body) -> str:
    lookup = _lookup_from_pairs(request["headers"])

    # 1. The Authorization header, then every covered header must be on the request.
    scheme, params = _parse_authorization(lookup("authorization"))
    _validate_parameters(scheme, params)
    covered = params["headers"]
    authority = request.get("authority")
    for name in covered_header_names(covered):
        # A covered host is present whenever the request has an authority (Amendment 1).
        if not lookup(name) and not (name == "host" and authority):
            raise _malformed("COVERED_HEADER_MISSING")
        if not all(coverable_value(v) for v in lookup(name)):
            raise _malformed("COVERED_HEADER_NOT_ASCII")
    # Content-Digest is read here too; a request that announces a body (Content-Length other
    # than 0, or Transfer-Encoding) without it is refused before anything is read (section 2.2).
    signed_digest = _parse_content_digest(lookup("content-digest"), scheme)
    lookup_has_digest = signed_digest is not None
    if not lookup_has_digest and _declares_body(lookup):
        raise _malformed("CONTENT_DIGEST_MISSING")

    # 2. The clock window.
    if abs(now - int(params["timestamp"])) > skew:
        raise _Rejection("stale_timestamp", "STALE_TIMESTAMP")

    # 3. The key: known, active, not past its not-after, bound to this very algorithm.
    key_id = params["keyId"]
    key = next((k for k in keys if k["id"] == key_id), None)
    if key is None:
        raise _Rejection("invalid_signature", "UNKNOWN_KEY")
    if key.get("status", "active") != "active":
        raise _Rejection("invalid_signature", "KEY_REVOKED")
    if key.get("not_after") and now > _instant_seconds(key["not_after"]):
        raise _Rejection("invalid_signature", "KEY_EXPIRED")
    if key["algorithm"] != scheme:
        # The downgrade protection: a key is usable with its own algorithm only.
        raise _Rejection("invalid_signature", "ALGORITHM_MISMATCH")
    secret = key["secret"] if "secret" in key else base64.b64decode(key["secret_base64"])

    # 4. The MAC, before the body is read: over the digest in Content-Digest, or without one
    # over the empty body's digest (a non-empty body needs Content-Digest, section 2.2).
    if signed_digest is None:
        signed_digest = body_digest(scheme, b"")
    canonical = canonical_string(
        scheme, key_id, params["timestamp"], params["nonce"], request["method"],
        request["raw_path"], request.get("raw_query"), covered, lookup, signed_digest.hex(),
        authority,
    )
    expected = hmac.new(secret, canonical.encode("utf-8"), SCHEMES[scheme]).digest()
    if not hmac.compare_digest(expected, bytes.fromhex(params["signature"])):
        raise _Rejection("invalid_signature", "SIGNATURE_MISMATCH")

    # 5. The body. Without Content-Digest it must be empty (a server reads at most one byte to
    # know); with it, it is read, never past the limit, and hashed against the signed digest.
    body = _request_body(request)
    if not lookup_has_digest:
        if body:
            raise _malformed("CONTENT_DIGEST_MISSING")
    else:
        if len(body) > max_body:
            raise _Rejection("body_too_large", "BODY_TOO_LARGE")
        if not hmac.compare_digest(body_digest(scheme, body), signed_digest):
            raise _Rejection("invalid_signature", "BODY_DIGEST_MISMATCH")

    # 6. Replay: only an authenticated request reaches the replay store.
    pair = (key_id, params["nonce"])
    if pair in {tuple(seen) for seen in seen_nonces}:
        raise _Rejection("replayed_nonce", "REPLAYED_NONCE")
    if isinstance(seen_nonces, set):
        seen_nonces.add(pair)

    # 7. Verified.
    return key_id


# --------------------------------------------------------------------------------------------
# The keys file (docs/protocol.md section 7.1)
# --------------------------------------------------------------------------------------------


class KeysFileError(ValueError):
    """A keys file that is not valid. The message names the line, never its content."""


KEYS_FILE_ATTRIBUTES = ("secret", "algorithm", "principal", "roles", "status", "not-after")
_MINIMUM_SECRET_BYTES = {"HMAC-SHA256": 32, "HMAC-SHA512": 64}
# Only LF, CR and CRLF end a line, as in a Java properties file: not str.splitlines(), which
# also breaks at U+0085, U+2028 and others.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANKS = " \t\f"
_STANDARD_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_NOT_AFTER = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
# The Unicode White_Space property, spelled out: str.isspace() is a different set.
_WHITE_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)


def _line_error(number: int, what: str) -> KeysFileError:
    return KeysFileError(f"line {number} {what}.")


def _check_text(number: int, what: str, text: str) -> None:
    """A principal or a role: not empty, no control character, no space of any kind at its ends."""
    if not text:
        raise _line_error(number, f"gives {what} empty")
    if any(ord(c) <= 0x1F or 0x7F <= ord(c) <= 0x9F for c in text):
        raise _line_error(
            number, f"gives {what} with a control character (U+0000-U+001F, U+007F-U+009F)")
    if text[0] in _WHITE_SPACE or text[-1] in _WHITE_SPACE:
        raise _line_error(
            number, f"gives {what} that starts or ends with a space character other than a "
                    "plain space (such as U+00A0 or U+3000)")


def _valid_not_after(value: str) -> bool:
    """YYYY-MM-DDThh:mm:ssZ, a real date and time of the years 0001 to 9999."""
    match = _NOT_AFTER.fullmatch(value)
    if not match:
        return False
    try:
        datetime(*(int(part) for part in match.groups()))
    except ValueError:
        return False
    return True


def _check_value(number: int, key_id: str, attribute: str, value: str) -> None:
    what = f"the {attribute} of key '{key_id}'"
    if attribute == "secret":
        if not (value.startswith("base64:")
                and _STANDARD_BASE64.fullmatch(value[len("base64:"):])):
            raise _line_error(number, f"gives {what} in another form than base64:<the raw "
                                      "secret bytes in standard base64, with padding>")
    elif attribute == "algorithm":
        if value not in _MINIMUM_SECRET_BYTES:
            raise _line_error(number, f"gives {what} not as HMAC-SHA256 or HMAC-SHA512")
    elif attribute == "status":
        if value not in ("active", "revoked"):
            raise _line_error(number, f"gives {what} not as active or revoked")
    elif attribute == "not-after":
        if value and not _valid_not_after(value):
            raise _line_error(number, f"gives {what} not as a UTC instant "
                                      "YYYY-MM-DDThh:mm:ssZ, such as 2027-06-01T00:00:00Z")
    elif attribute == "principal":
        _check_text(number, what, value)
    elif attribute == "roles" and value:
        for role in value.split(","):
            _check_text(number, f"a role of key '{key_id}'", role.strip(_BLANKS))


def parse_keys_file(text: str | bytes) -> list[dict]:
    """Reads a keys file (docs/protocol.md section 7.1); raises KeysFileError if it is invalid.

    ``text`` is the file's text, or its bytes (UTF-8). Returns the keys in the order of their
    first line, each a dict with ``id``, ``algorithm``, ``secret`` (bytes), ``principal`` (the
    key id by default), ``roles`` (sorted list), ``status`` and ``not_after`` (the instant as
    written, ``YYYY-MM-DDThh:mm:ssZ``, or None): the form verify() takes its key ring in.

    A line whose first non-blank character is '#' or '!' is a comment; a '#' anywhere else is
    part of the value. Error messages name the line and what is wrong, never its content.
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise KeysFileError("the file is not valid UTF-8: save it as UTF-8.") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    entries: dict[str, dict] = {}
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        content = line.strip(_BLANKS)
        if not content or content[0] in "#!":
            continue
        if "\\" in content:
            raise _line_error(number, "has a backslash; escapes and continued lines are not "
                                      "supported in a keys file: write each entry on one line, "
                                      "its characters as they are, in UTF-8")
        name, equals, value = content.partition("=")
        if not equals:
            raise _line_error(number, "has no '='; every line that is not a comment is "
                                      "<key-id>.<attribute>=<value>")
        name, value = name.strip(_BLANKS), value.strip(_BLANKS)
        key_id, dot, attribute = name.rpartition(".")
        if not dot:
            raise _line_error(number, "does not start with <key-id>.<attribute>=, the attribute "
                                      "after the last dot")
        if not _KEY_ID.fullmatch(key_id):
            raise _line_error(number, "does not start with a valid key id (1 to 128 characters "
                                      "of [A-Za-z0-9._~-]) followed by .<attribute>=")
        if attribute not in KEYS_FILE_ATTRIBUTES:
            raise _line_error(number, "names an unknown attribute; the attributes are "
                                      f"[{', '.join(KEYS_FILE_ATTRIBUTES)}] (lowercase)")
        entry = entries.setdefault(key_id, {"first_line": number, "values": {}, "lines": {}})
        if attribute in entry["lines"]:
            raise _line_error(number, f"sets the {attribute} of key '{key_id}' again (first on "
                                      f"line {entry['lines'][attribute]})")
        entry["lines"][attribute] = number
        _check_value(number, key_id, attribute, value)
        entry["values"][attribute] = value

    keys = []
    for key_id, entry in entries.items():
        values = entry["values"]
        if "secret" not in values:
            raise KeysFileError(
                f"key '{key_id}' (line {entry['first_line']}) has no secret: add a line "
                f"{key_id}.secret=base64:<the raw secret bytes in base64>.")
        algorithm = values.get("algorithm", "HMAC-SHA256")
        secret = base64.b64decode(values["secret"][len("base64:"):], validate=True)
        minimum = _MINIMUM_SECRET_BYTES[algorithm]
        if len(secret) < minimum:
            raise _line_error(
                entry["lines"]["secret"],
                f"gives key '{key_id}' a secret of {len(secret)} bytes; {algorithm} needs at "
                f"least {minimum} random bytes. Generate one with: head -c {minimum} "
                "/dev/urandom | base64 | tr -d '\\n'")
        roles = values.get("roles", "")
        keys.append({
            "id": key_id,
            "algorithm": algorithm,
            "secret": secret,
            "principal": values.get("principal", key_id),
            "roles": sorted({role.strip(_BLANKS) for role in roles.split(",")} if roles else ()),
            "status": values.get("status", "active"),
            "not_after": values.get("not-after") or None,
        })
    return keys


# --------------------------------------------------------------------------------------------
# Command line: sign and send one request to a local server
# --------------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a 3xx as it is instead of following it with the same signature."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _parse_header_arguments(arguments: list[str]) -> list[tuple[str, str]]:
    headers = []
    for argument in arguments:
        name, colon, value = argument.partition(":")
        if not colon or not name.strip():
            raise SigningError(f"--header {argument!r} is not 'Name: value'")
        headers.append((name.strip(), value.strip(_OWS)))
    return headers


def _combine(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One line per name (urllib keeps a single value per name); repeats joined with ", ".

    Joining the trimmed values with ", " gives the same canonical value as separate lines.
    """
    combined: dict[str, tuple[str, list[str]]] = {}
    for name, value in headers:
        combined.setdefault(name.lower(), (name, []))[1].append(value)
    return [(name, ", ".join(values)) for name, values in combined.values()]


def _request_command(args: argparse.Namespace) -> int:
    url = args.url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SigningError(f"--url {url!r} must be an absolute http(s) URL")
    if not url.isascii():
        # urllib sends the request target as given and refuses non-ASCII in it: the URL must
        # already be percent-encoded (signing would normalize either form to the same line).
        raise SigningError(f"--url {url!r} must be ASCII: percent-encode it (e.g. %C3%A9)")
    if not parts.path:
        # urllib would put "?query" or "" on the request line; send and sign "/" instead.
        parts = parts._replace(path="/")
        url = urllib.parse.urlunsplit(parts)
    # The path and query are signed as they will appear on the request line (urllib neither
    # decodes nor re-encodes them, and drops the fragment); canonical_string() normalizes
    # them, as the server will whatever its container does to the encoding.
    raw_path = parts.path
    # A URL without "?" and one ending in "?" both give an empty query line.
    raw_query = parts.query

    if args.data_file is not None:
        with open(args.data_file, "rb") as file:
            body = file.read()
    elif args.data is not None:
        body = args.data.encode("utf-8")
    else:
        body = b""
    method = args.method or ("POST" if body else "GET")

    headers = _combine(_parse_header_arguments(args.header))
    names = {name.lower() for name, _ in headers}
    if "host" not in names:
        # Exactly what urllib would send by itself: the URL's host[:port], without user info.
        headers.insert(0, ("Host", parts.netloc.rpartition("@")[2]))
    if body and "content-type" not in names:
        # urllib would otherwise add application/x-www-form-urlencoded on its own, which some
        # servlet containers parse as form parameters; say plainly what the bytes are.
        headers.append(("Content-Type", "application/octet-stream"))
    if args.cover is not None:
        covered = args.cover
    else:
        present = {name.lower() for name, _ in headers}
        covered = "host;content-type" if "content-type" in present else "host"

    secret = base64.b64decode(args.secret_base64, validate=True)
    timestamp = int(time.time()) + args.timestamp_offset
    def show(canonical: str) -> None:
        # Standard error, so that standard output stays one JSON line.
        print(canonical_debug_text(canonical), file=sys.stderr, flush=True)

    authorization, content_digest = sign(
        args.algorithm, args.key_id, secret, method, raw_path, raw_query, headers, body,
        covered=covered, timestamp=timestamp, nonce=args.nonce,
        on_canonical=show if args.debug else None,
    )

    request = urllib.request.Request(url, data=body if body else None, method=method)
    for name, value in headers:
        request.add_header(name, value)
    request.add_header("Authorization", authorization)
    if content_digest is not None:
        request.add_header("Content-Digest", content_digest)

    # No proxies (the server is local, and a proxy could rewrite the request target) and no
    # redirects (a redirect would replay the same signature elsewhere).
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())
    try:
        response = opener.open(request, timeout=args.timeout)
    except urllib.error.HTTPError as error:
        response = error  # a 4xx/5xx (or 3xx) is a response too: report it
    with response:
        status = response.status if hasattr(response, "status") else response.code
        message = response.headers
        response_headers = {
            name.lower(): ", ".join(message.get_all(name)) for name in dict.fromkeys(message.keys())
        }
        payload = response.read()
    print(json.dumps({
        "status": status,
        "headers": response_headers,
        "body_base64": base64.b64encode(payload).decode("ascii"),
    }))
    return 0


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hmac_signed.py",
        description="hmac-signed protocol v1 reference client (Python standard library only).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    request = commands.add_parser(
        "request",
        help="sign and send one HTTP request, print the response as one JSON line",
        description=(
            "Signs one request and sends it with urllib (no proxy, no redirects). Prints "
            '{"status": ..., "headers": {lowercase name: value}, "body_base64": ...} and exits 0 '
            "whenever an HTTP response arrived, whatever its status; repeated response headers "
            'are joined with ", ". Exits 1 when no response arrived, 2 on bad arguments.'
        ),
    )
    request.add_argument("--url", required=True,
                         help="absolute URL, percent-encoded exactly as it must go on the wire")
    request.add_argument("--key-id", required=True, help="keyId to sign with")
    request.add_argument("--secret-base64", required=True, help="the key's secret, base64")
    request.add_argument("--algorithm", default="HMAC-SHA256", choices=sorted(SCHEMES),
                         help="signature scheme (default HMAC-SHA256)")
    request.add_argument("--method", help="HTTP method as sent (default POST with a body, else GET)")
    request.add_argument("--header", action="append", default=[], metavar="'Name: value'",
                         help="a request header; repeat the option for more (a repeated name is "
                              "sent as one line, values joined with ', ')")
    data = request.add_mutually_exclusive_group()
    data.add_argument("--data-file", metavar="PATH", help="send this file's bytes as the body")
    data.add_argument("--data", metavar="STRING", help="send this string, UTF-8, as the body")
    request.add_argument("--cover", metavar="'host;content-type'",
                         help="headers parameter to sign (default: host, plus content-type when "
                              "the request has one; a body without a Content-Type header is "
                              "sent as application/octet-stream)")
    request.add_argument("--timestamp-offset", type=int, default=0, metavar="SECONDS",
                         help="add this to the current time for the timestamp (e.g. -3600)")
    request.add_argument("--nonce", help="nonce to send (default: 16 random bytes, base64url)")
    request.add_argument("--timeout", type=float, default=30.0, help="seconds (default 30)")
    request.add_argument("--debug", action="store_true",
                         help="print the canonical string signed and its fingerprint to standard "
                              "error, line for line as 'hmac-signed verify --explain' prints "
                              "the server's (never the secret)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _argument_parser().parse_args(argv)
    try:
        return _request_command(args)
    except ValueError as error:
        # Bad arguments: SigningError, bad base64 (binascii.Error), a non-ASCII URL.
        print(f"hmac_signed.py: {error}", file=sys.stderr)
        return 2
    except (OSError, http.client.HTTPException) as error:
        # No HTTP response: refused connection, timeout, unreadable data file, broken reply.
        print(f"hmac_signed.py: no response: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
