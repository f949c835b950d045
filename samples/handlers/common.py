"""Helpers shared by the sample task handlers.

A handler reads the task input (JSON) on standard input and writes its result
(JSON) on standard output. To fail, it writes {"errorType", "errorMessage"} on
standard output and exits non-zero: sfn-local turns that into the task's error
and cause, as AWS Lambda does. Anything written on standard error shows up in
the emulator's log.
"""
import hashlib
import json
import os
import sys


def read_input():
    text = sys.stdin.read()
    return json.loads(text) if text.strip() else {}


def respond(result):
    json.dump(result, sys.stdout)
    sys.exit(0)


def fail(error_type, message):
    json.dump({"errorType": error_type, "errorMessage": message}, sys.stdout)
    sys.exit(1)


def log(message):
    print(message, file=sys.stderr, flush=True)


def attempt():
    """Which attempt of the task this is (0 first, then 1, 2, ... on retries)."""
    return int(os.environ.get("SFN_ATTEMPT", "0"))


def short_id(prefix, *parts):
    """A stable identifier derived from `parts`, so runs are reproducible."""
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}-{digest[:8].upper()}"
