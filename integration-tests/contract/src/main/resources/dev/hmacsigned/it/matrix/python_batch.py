"""Runs clients/python/hmac_signed.py's request command once per JSON line on stdin.

The compatibility matrix's driver of the Python reference client: the same command line as
`python3 hmac_signed.py request ...`, called in one interpreter so that start-up is paid once.
In: {"url","method","headers":[[name,value]],"body_base64","key_id","secret_base64","algorithm"}.
Out: the request command's JSON line, or {"status": -1, "error": ...} when it exited non-zero.
"""

import base64
import contextlib
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, sys.argv[1])
import hmac_signed  # noqa: E402

body_file = os.path.join(tempfile.mkdtemp(prefix="matrix-python-"), "body")
for line in sys.stdin:
    if not line.strip():
        continue
    spec = json.loads(line)
    args = [
        "request",
        "--url", spec["url"],
        "--method", spec["method"],
        "--key-id", spec["key_id"],
        "--secret-base64", spec["secret_base64"],
        "--algorithm", spec["algorithm"],
    ]
    for name, value in spec["headers"]:
        args += ["--header", f"{name}: {value}"]
    body = base64.b64decode(spec["body_base64"])
    if body:
        with open(body_file, "wb") as f:
            f.write(body)
        args += ["--data-file", body_file]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = hmac_signed.main(args)
        except SystemExit as exit_:
            code = exit_.code
    if code == 0:
        print(out.getvalue().strip(), flush=True)
    else:
        message = err.getvalue().strip() or f"exit {code}"
        print(json.dumps({"status": -1, "error": message}), flush=True)
