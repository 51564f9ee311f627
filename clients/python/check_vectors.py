#!/usr/bin/env python3
# Copyright the hmac-signed authors.
# SPDX-License-Identifier: Apache-2.0
"""Checks the reference implementation against test-vectors/protocol-v1.json.

Accepted cases: the canonical string, body digest, signature, Authorization and Content-Digest
are recomputed from the request as received (path and query percent-normalized, host and
content-type canonical, host from request.authority when there is no Host header) and
compared; then the verifier must accept the signed request, reject it a second time as a
replay, and reject it without its Content-Digest when it has a body.
Rejected cases: the verifier must return the expected public code, status and reason.
In both, request.authority, when present, must come with no Host header.
Keys files: parse_keys_file() must give exactly the expected keys, or refuse the file with a
message that quotes none of its lines and none of its secrets.

    python3 clients/python/check_vectors.py [VECTORS]  (default: <repo>/test-vectors/protocol-v1.json)

Prints one line per case and a last line "N passed, M failed"; exits 1 on any failure.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from pathlib import Path

import hmac_signed as hs

DEFAULT_VECTORS = Path(__file__).resolve().parents[2] / "test-vectors" / "protocol-v1.json"


def check_accepted(case: dict) -> list[str]:
    """The differences between what the case expects and what the reference computes."""
    problems = []
    key, request, sign, expected = case["key"], case["request"], case["sign"], case["expected"]
    scheme, secret = key["algorithm"], base64.b64decode(key["secret_base64"], validate=True)
    body = base64.b64decode(request["body_base64"], validate=True)
    authority = request.get("authority")
    if any(name.lower() in ("authorization", "content-digest") for name, _ in request["headers"]):
        problems.append("request.headers must not carry Authorization or Content-Digest")
    problems += check_authority(request)

    digest_hex = hs.body_digest(scheme, body).hex()
    canonical = hs.canonical_string(
        scheme, key["id"], sign["timestamp"], sign["nonce"], request["method"],
        request["raw_path"], request["raw_query"], sign["headers"], request["headers"],
        digest_hex, authority,
    )
    signature = hs.mac_hex(scheme, secret, canonical)
    authorization, content_digest = hs.sign(
        scheme, key["id"], secret, request["method"], request["raw_path"], request["raw_query"],
        request["headers"], body, covered=sign["headers"], timestamp=sign["timestamp"],
        nonce=sign["nonce"], authority=authority,
    )
    for field, actual in (
        ("canonical", canonical),
        ("body_digest_hex", digest_hex),
        ("signature", signature),
        ("authorization", authorization),
        ("content_digest", content_digest),
    ):
        if actual != expected[field]:
            problems.append(f"{field}: expected {expected[field]!r}, computed {actual!r}")

    # The request as sent must verify once, and a second time it is a replay. Without its
    # Content-Digest, a request with a body is refused (section 2.2: the MAC is then computed
    # over the empty body's digest); one without a body verifies as it is.
    signed_headers = request["headers"] + [["Authorization", expected["authorization"]]]
    sent_headers = signed_headers + (
        [["Content-Digest", expected["content_digest"]]]
        if expected["content_digest"] is not None else [])
    seen: set = set()
    sent = dict(request, headers=sent_headers)
    first = hs.verify([key], case["now"], sent, seen)
    if first != ("verified", key["id"]):
        problems.append(f"verify: expected verified, got {first}")
    again = hs.verify([key], case["now"], sent, seen)
    if again != ("rejected", "replayed_nonce"):
        problems.append(f"verify twice: expected replayed_nonce, got {again}")
    if expected["content_digest"] is not None:
        bare = hs.verify([key], case["now"], dict(request, headers=signed_headers), set())
        if bare != ("rejected", "invalid_signature"):
            problems.append(f"verify without Content-Digest: expected invalid_signature, "
                            f"got {bare}")
    return problems


def check_authority(request: dict) -> list[str]:
    """request.authority is optional, a non-empty string, and only where there is no Host."""
    if "authority" not in request:
        return []
    authority = request["authority"]
    if not isinstance(authority, str) or not authority:
        return [f"request.authority must be a non-empty string, not {authority!r}"]
    if any(name.lower() == "host" for name, _ in request["headers"]):
        return ["request.authority is only given for a request without a Host header"]
    return []


def check_rejected(case: dict) -> list[str]:
    problems = check_authority(case["request"])
    outcome, code, reason = hs.verify_detailed(
        case["keys"], case["now"], case["request"],
        {tuple(pair) for pair in case["seen_nonces"]}, case["skew_seconds"],
        case["max_body_bytes"],
    )
    if (outcome, code) != ("rejected", case["expected_code"]):
        problems.append(f"expected rejected/{case['expected_code']}, got {outcome}/{code}")
    elif hs.PUBLIC_STATUS[code] != case["expected_status"]:
        problems.append(f"expected status {case['expected_status']}, "
                        f"the code {code} means {hs.PUBLIC_STATUS[code]}")
    elif reason != case["reason"]:
        problems.append(f"expected reason {case['reason']}, got {reason}")
    return problems


def check_keys_file(case: dict) -> list[str]:
    """The keys a case's text gives, or the refusal it must cause."""
    try:
        keys = hs.parse_keys_file(case["text"])
    except hs.KeysFileError as error:
        if not case.get("expected_error"):
            return [f"refused: {error}"]
        quoted = leaked_content(case["text"], str(error))
        return [f"the message quotes the file: {quoted}"] if quoted else []
    if case.get("expected_error"):
        return ["expected the file to be refused, it was read"]
    got = {key["id"]: dict({k: v for k, v in key.items() if k != "secret"},
                           secret_base64=base64.b64encode(key["secret"]).decode("ascii"),
                           roles=set(key["roles"]))
           for key in keys}
    want = {key["id"]: dict(key, roles=set(key["roles"])) for key in case["expected"]["keys"]}
    if len(got) != len(keys):
        return ["two keys with one id"]
    if got.keys() != want.keys():
        return [f"key ids: expected {sorted(want)}, got {sorted(got)}"]
    return [f"key {key_id}: expected {want[key_id]}, got {got[key_id]}"
            for key_id in want if got[key_id] != want[key_id]]


def leaked_content(text: str, message: str) -> list[str]:
    """The lines of a keys file (of 6 characters or more) and the base64 runs in it (secrets)
    that a message quotes."""
    lines = [line.strip(" \t\f") for line in re.split(r"\r\n|\r|\n", text)]
    runs = re.findall(r"[A-Za-z0-9+/_-]{16,}=*", text)
    return [part for part in lines + runs if len(part) >= 6 and part in message]


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_VECTORS
    vectors = json.loads(path.read_text(encoding="utf-8"))
    if vectors.get("protocol") != "hmac-signed/1":
        print(f"{path}: not an hmac-signed/1 vector file", file=sys.stderr)
        return 1
    passed = failed = 0
    kinds = (("accepted", check_accepted), ("rejected", check_rejected),
             ("keys_files", check_keys_file))
    for kind, check in kinds:
        for case in vectors[kind]:
            try:
                problems = check(case)
            except Exception as error:  # a broken case is a failure, not a crash of the run
                problems = [f"{type(error).__name__}: {error}"]
            if problems:
                failed += 1
                print(f"FAIL {kind} {case.get('name')}: " + "; ".join(problems))
            else:
                passed += 1
                print(f"ok   {kind} {case['name']}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
