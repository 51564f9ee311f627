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


if __name__ == "__main__":
    unittest.main()
