#!/usr/bin/env python3
"""A persistent test handler: one task per line; the input says what to do."""
import json
import os
import sys
import time

for line in sys.stdin:
    task = json.loads(line)
    what = task["input"]
    if "crash" in what:
        print("about to crash", file=sys.stderr, flush=True)
        sys.exit(what["crash"])
    if "sleep" in what:
        time.sleep(what["sleep"])
    if what.get("fail"):
        answer = {"errorType": "Boom", "errorMessage": "bad"}
    elif what.get("quit"):
        sys.exit(0)
    else:
        answer = {"pid": os.getpid(), "context": task["context"], "input": what}
    print(json.dumps(answer), flush=True)
