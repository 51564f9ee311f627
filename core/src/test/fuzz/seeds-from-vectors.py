#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from test-vectors/protocol-v1.json.

Run from the repository root: python3 core/src/test/fuzz/seeds-from-vectors.py
Each seed is a real input of the protocol; Jazzer runs every file as a regression test in
`mvn verify` and starts its fuzzing from them.
"""
import base64
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[4]
RES = ROOT / "core/src/test/resources/dev/hmacsigned/core"
vectors = json.loads((ROOT / "test-vectors/protocol-v1.json").read_text())


def write(directory, name, data):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def header(request, name):
    return [v for (n, v) in request["headers"] if n.lower() == name]


auth = RES / "AuthorizationFuzzTestInputs/parse_anyHeaderValue_returnsParametersThatRoundTripOrRefusesWithoutQuoting"
verify = RES / "AuthorizationFuzzTestInputs/verify_anyRequest_returnsVerifiedOrRejectedAndNeverFailsToReadIt"
digest = RES / "ContentDigestFuzzTestInputs/find_anyHeaderLines_returnsTheEntryThatRoundTripsOrRefusesWithoutQuoting"
forms = RES / "internal/CanonicalFormsFuzzTestInputs/pathAndQuery_anyInput_giveCanonicalAsciiThatIsStableWhenNormalizedAgain"
keys = RES / "internal/KeysFileFuzzTestInputs/parse_anyBytes_givesRingOrConfigurationErrorThatEchoesNoLine"

for kind in ("accepted", "rejected"):
    for v in vectors[kind]:
        name = f"{kind}-{v['name']}"
        req = v["request"]
        headers = [list(h) for h in req["headers"]]
        if kind == "accepted":
            headers.append(["Authorization", v["expected"]["authorization"]])
            if v["expected"].get("content_digest"):
                headers.append(["Content-Digest", v["expected"]["content_digest"]])
        for value in header({"headers": headers}, "authorization"):
            write(auth, name, value)
        digests = header({"headers": headers}, "content-digest")
        if digests:
            write(digest, name, "\n".join(digests))
        write(forms, name + "-path", req["raw_path"])
        if req.get("raw_query"):
            write(forms, name + "-query", req["raw_query"])
        if all("\n" not in n + x for (n, x) in headers):
            head = [str(v["now"]), req["method"], req["raw_path"], req.get("raw_query") or "-"]
            head += [f"{n}: {x}" for (n, x) in headers]
            body = base64.b64decode(req.get("body_base64") or "")
            write(verify, name, ("\n".join(head) + "\n\n").encode("utf-8") + body)

for v in vectors["keys_files"]:
    write(keys, v["name"], v["text"])
