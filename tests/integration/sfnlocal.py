"""Shared helpers of the integration tests: start the built sfn-local binary on
a free port, call it over raw HTTP, and stop it (checking that it exits
promptly and cleanly on SIGTERM).

Standard library only. The binary is the first command-line argument of each
test script (ctest passes $<TARGET_FILE:sfn-local>).
"""

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

SKIP = 77  # ctest SKIP_RETURN_CODE
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "samples"))
ROLE = "arn:aws:iam::123456789012:role/integration"
AUTH = ("AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/states/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0")


class Emulator:
    """One running sfn-local process, listening on a port the system chose."""

    def __init__(self, binary, *args):
        # A file, not a pipe, for stderr: handler logs must never block the emulator.
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [binary, "serve", "--port", "0", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log)
        line = self._first_line(timeout=10)
        match = re.match(r"sfn-local listening on (http://([^:]+):(\d+))$", line)
        if not match:
            self.proc.kill()
            raise RuntimeError(f"unexpected first line {line!r}; stderr: {self.stderr()!r}")
        self.endpoint, self.host, self.port = match.group(1), match.group(2), int(match.group(3))

    def _first_line(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.proc.kill()
            raise RuntimeError("sfn-local printed nothing within %s s" % timeout)
        return self.proc.stdout.readline().decode().rstrip("\n")

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self, timeout=5.0):
        """SIGTERM, then wait; returns (exit code, seconds it took)."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        seconds = time.monotonic() - started
        self.proc.stdout.close()
        self.log.close()
        return code, seconds


def call(endpoint, action, body, headers=None, raw=False):
    """POST one action. Returns (status, response headers, decoded JSON body)."""
    data = body if isinstance(body, bytes) else (body if raw else json.dumps(body)).encode()
    all_headers = {"Content-Type": "application/x-amz-json-1.0",
                   "X-Amz-Target": f"AWSStepFunctions.{action}", "Authorization": AUTH}
    all_headers.update(headers or {})
    all_headers = {k: v for k, v in all_headers.items() if v is not None}
    request = urllib.request.Request(endpoint + "/", data, all_headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as response:
            status, response_headers, payload = response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        status, response_headers, payload = exc.code, exc.headers, exc.read()
    return status, response_headers, json.loads(payload) if payload.strip() else None


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return f.read()


def main_or_skip(run, require=None):
    """Runs `run(binary)` (a unittest-style main) unless `require` is missing."""
    if len(sys.argv) < 2:
        print("usage: %s PATH/TO/sfn-local" % sys.argv[0])
        sys.exit(2)
    if require is not None and not os.path.exists(require):
        print("SKIPPED: %s is not installed" % require)
        sys.exit(SKIP)
    sys.exit(run(sys.argv[1]))


def run_unittests(require=None):
    """The main of a test script: its unittest cases against the binary named
    on the command line (stored in the script's BINARY global), or exit 77
    when `require` is missing."""
    module = sys.modules["__main__"]

    def run(binary):
        module.BINARY = binary
        result = unittest.main(module=module, argv=[sys.argv[0], "-v"], exit=False).result
        return 0 if result.wasSuccessful() else 1

    main_or_skip(run, require)


def boto3_client(endpoint, region="us-east-1", **config):
    """A boto3 Step Functions client for `endpoint` (no retries, no proxy)
    signing for `region`; `config` goes to botocore's Config. Import boto3
    first (the caller decides whether its absence skips the test)."""
    import boto3
    from botocore.config import Config
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    return boto3.client("stepfunctions", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="x", aws_secret_access_key="x",
                        config=Config(retries={"max_attempts": 1}, **config))


def skip_unless_importable(module):
    """Exits 77 (ctest's skip) when the Python module a test drives is missing."""
    try:
        __import__(module)
    except ImportError:
        print(f"SKIPPED: {module} is not installed")
        sys.exit(SKIP)


def call_ok(endpoint, action, body):
    """POST one action that must succeed; returns the decoded answer."""
    status, _, answer = call(endpoint, action, body)
    assert status == 200, (action, answer)
    return answer
