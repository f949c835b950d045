#!/usr/bin/env python3
"""A persistent handler ("persistent": true): one task per line in, one answer per line out."""
import json
import sys

for line in sys.stdin:
    task = json.loads(line)  # {"input": ..., "context": {"stateName", "attempt", ...}}
    if task["input"].get("fail"):
        answer = {"errorType": "EchoFailed", "errorMessage": "asked to fail"}
    else:
        answer = {"echo": task["input"], "state": task["context"]["stateName"]}
    print(json.dumps(answer), flush=True)  # exactly one line per task
