#!/usr/bin/env python3
"""Checks CreateStateMachine against every AWS-recorded conformance case.

Starts the emulator (`sfn-local serve`) and calls CreateStateMachine over
HTTP for each case's definition, serialised as the recording client sent it
(Python's json.dumps defaults: 89 recorded messages echo that text). Cases
with expect.createError must fail with that code and exactly expect.message;
every other case must be created. No execution is started.

usage: check_create_errors.py SFN_LOCAL [CASES_DIR] [--type EXPRESS]
(tests/asl/definition/definition_conformance_test.cc makes the same check in-process.)
"""
import glob
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROLE = "arn:aws:iam::123456789012:role/check"
AUTH = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/states/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, action, payload):
    headers = {"Content-Type": "application/x-amz-json-1.0",
               "X-Amz-Target": f"AWSStepFunctions.{action}", "Authorization": AUTH}
    request = urllib.request.Request(url, json.dumps(payload).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return None, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        body = json.loads(exc.read() or b"{}")
        code = body.get("__type", "").rsplit("#", 1)[-1]
        return code, body.get("message", body.get("Message"))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    machine_type = "EXPRESS" if "--type" in sys.argv and "EXPRESS" in sys.argv else "STANDARD"
    binary = args[0]
    cases_dir = args[1] if len(args) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "shared", "conformance", "aws-recorded")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        return check(url, sorted(glob.glob(os.path.join(cases_dir, "*", "*.json"))),
                     machine_type)
    finally:
        server.terminate()
        server.wait()


def check(url, files, machine_type):
    good = {"accepted": 0, "rejected": 0}
    bad = 0
    for i, path in enumerate(files):
        case = json.load(open(path))
        expect = case["expect"]
        code, body = call(url, "CreateStateMachine", {
            "name": f"check-{i}", "roleArn": ROLE, "type": machine_type,
            "definition": json.dumps(case["definition"])})
        name = os.path.basename(path)
        if "createError" in expect:
            want = expect.get("message")
            if code == expect["createError"] and (want is None or body == want):
                good["rejected"] += 1
                continue
            bad += 1
            print(f"REJECT FAIL {name}\n  want: {expect['createError']}: {want}\n"
                  f"  got:  {code}: {body}")
        elif code is None:
            good["accepted"] += 1
            call(url, "DeleteStateMachine", {"stateMachineArn": body["stateMachineArn"]})
        else:
            bad += 1
            print(f"ACCEPT FAIL {name}\n  got: {code}: {body}")
    print(f"{good['accepted']} accepted, {good['rejected']} rejected as recorded, "
          f"{bad} wrong, of {len(files)}")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
