#!/usr/bin/env python3
"""Checks the definition parser against every AWS-recorded conformance case.

Each case's definition is serialised as the recording client sent it
(Python's json.dumps with default separators) and fed to a driver binary
that reads one JSON request per line ({"text": ..., "type": ...}) and
answers one JSON line per request ({"result": "OK" | <InvalidDefinition
message>, "vr": <variableReferences>}).

Cases with expect.createError must be rejected with exactly expect.message;
every other case must be accepted.

usage: check_create_errors.py DRIVER [CASES_DIR] [-v]
"""
import glob
import json
import os
import subprocess
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    driver = args[0]
    cases_dir = args[1] if len(args) > 1 else "/work/shared/conformance/aws-recorded"
    files = sorted(glob.glob(os.path.join(cases_dir, "*", "*.json")))
    cases, lines = [], []
    for path in files:
        case = json.load(open(path))
        cases.append((path, case))
        lines.append(json.dumps({"text": json.dumps(case["definition"]), "type": "STANDARD"}))
    out = subprocess.run([driver], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, check=True).stdout.splitlines()
    counts = {"accepted": 0, "accept_fail": 0, "rejected": 0, "reject_fail": 0}
    for (path, case), answer in zip(cases, out):
        result = json.loads(answer)["result"]
        expect = case["expect"]
        name = os.path.relpath(path, cases_dir)
        if "createError" in expect:
            want = expect.get("message")
            if result != "OK" and (want is None or result == want):
                counts["rejected"] += 1
            else:
                counts["reject_fail"] += 1
                print(f"REJECT FAIL {name}\n  want: {want}\n  got:  {result}")
        elif result == "OK":
            counts["accepted"] += 1
        else:
            counts["accept_fail"] += 1
            print(f"ACCEPT FAIL {name}\n  got: {result}")
            if verbose:
                print("  def:", json.dumps(case["definition"])[:600])
    print(f"accepted {counts['accepted']}/{counts['accepted'] + counts['accept_fail']}, "
          f"rejected correctly {counts['rejected']}/{counts['rejected'] + counts['reject_fail']}")
    return 0 if counts["accept_fail"] == 0 and counts["reject_fail"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
