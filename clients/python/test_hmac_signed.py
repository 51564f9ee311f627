"""Unit tests of the Python reference client's signer rules that the vectors cannot express.

Run with ``python3 -m unittest discover -s clients/python`` (core's
PythonReferenceImplementationTest runs it from ``mvn verify``).
"""

from __future__ import annotations

import unittest
import warnings

import hmac_signed

SECRET = bytes([7]) * 32


def _sign_covering(name: str, value: str):
    return hmac_signed.sign(
        "HMAC-SHA256", "k1", SECRET, "GET", "/", None,
        [("Host", "api.example"), (name, value)], covered="host;" + name.lower(),
    )


class CoveredHeaderNamesTest(unittest.TestCase):
    def test_hop_by_hop_header_is_refused(self):
        for name in ("Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
                     "Transfer-Encoding", "Upgrade"):
            with self.subTest(name=name):
                with self.assertRaisesRegex(hmac_signed.SigningError, "hop-by-hop"):
                    _sign_covering(name, "x")

    def test_header_jetty_may_recase_is_signed_with_a_warning(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            authorization, _ = _sign_covering("Cache-Control", "no-cache")
        self.assertIn('headers="host;cache-control"', authorization)
        self.assertTrue(any("'cache-control'" in str(w.message) for w in caught), caught)

    def test_extension_header_is_signed_without_a_warning(self):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            authorization, _ = _sign_covering("X-Request-Id", "abc")
        self.assertIn('headers="host;x-request-id"', authorization)
        self.assertEqual([], [w for w in caught if "Jetty" in str(w.message)])


class CanonicalDebugTest(unittest.TestCase):
    # The vector post-json (docs/protocol.md section 9.2); its fingerprint is the one the Java
    # tests expect (core's CanonicalStringTest).
    POST_JSON = "\n".join([
        "HMAC-SHA256", "vec-sha256-a", "1763900000", "ZCHZ90D8BEEey65extGrFA", "POST",
        "/shop/api/orders", "", "host;content-type", "host:api.example.com",
        "content-type:application/json",
        "047bbe7daac9810141e2a2348e4633fde13b61cd2ae1bd449563b46af56d2802",
    ])

    def test_fingerprint_is_the_first_12_hex_digits_of_sha256(self):
        self.assertEqual("b7eb588440bf", hmac_signed.canonical_fingerprint(self.POST_JSON))

    def test_debug_text_labels_each_line_by_its_place(self):
        self.assertEqual(
            "\n".join([
                "fingerprint: b7eb588440bf",
                "scheme: HMAC-SHA256",
                "key-id: vec-sha256-a",
                "timestamp: 1763900000",
                "nonce: ZCHZ90D8BEEey65extGrFA",
                "method: POST",
                "path: /shop/api/orders",
                "query:",
                "headers: host;content-type",
                "header: host:api.example.com",
                "header: content-type:application/json",
                "body-digest: 047bbe7daac9810141e2a2348e4633fde13b61cd2ae1bd449563b46af56d2802",
            ]),
            hmac_signed.canonical_debug_text(self.POST_JSON),
        )

    def test_sign_hands_the_canonical_string_it_signed_to_on_canonical(self):
        seen = []
        authorization, _ = hmac_signed.sign(
            "HMAC-SHA256", "k1", SECRET, "GET", "/a", "b=2&a=1", [("Host", "api.example")],
            covered="", timestamp=1763900000, nonce="n5NoXiEbmSJNCeWHGS1QMA",
            on_canonical=seen.append,
        )
        self.assertEqual(1, len(seen))
        text = hmac_signed.canonical_debug_text(seen[0])
        self.assertIn("\nquery: a=1&b=2\nheaders:\nbody-digest: e3b0c442", text)
        self.assertNotIn("header: ", text)
        self.assertEqual(hmac_signed.mac_hex("HMAC-SHA256", SECRET, seen[0]),
                         authorization.split('signature="')[1].rstrip('"'))


if __name__ == "__main__":
    unittest.main()
