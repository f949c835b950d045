#!/usr/bin/env python3
"""Runs a one-shot handler script warm, for a route with "persistent": true:

    {"resource": "ValidateOrder", "persistent": true,
     "exec": ["python3", "handlers/warm_runner.py", "handlers/validate_order.py"]}

For each task line it runs the script in this process (no new interpreter)
with the task's input as its standard input and the SFN_* variables set from
the task's context, and answers with what the script printed: its result, or
its error document when it exited non-zero.
"""
import io
import json
import os
import runpy
import sys

SCRIPT, ARGS = os.path.abspath(sys.argv[1]), sys.argv[2:]
sys.path.insert(0, os.path.dirname(SCRIPT))  # the script's own imports (common.py)
VARIABLES = {"resource": "SFN_RESOURCE", "stateName": "SFN_STATE_NAME",
             "stateMachineName": "SFN_STATE_MACHINE_NAME", "executionArn": "SFN_EXECUTION_ARN",
             "attempt": "SFN_ATTEMPT", "taskToken": "SFN_TASK_TOKEN",
             "functionArn": "SFN_FUNCTION_ARN"}


def run_once(task):
    """Runs the script for one task; returns (exit status, what it printed)."""
    for key, name in VARIABLES.items():
        os.environ.pop(name, None)
        if key in task["context"]:
            os.environ[name] = str(task["context"][key])
    sys.stdin, sys.stdout, sys.argv = io.StringIO(json.dumps(task["input"])), io.StringIO(), \
        [SCRIPT, *ARGS]
    printed, status = sys.stdout, 0
    try:
        runpy.run_path(SCRIPT, run_name="__main__")
    except SystemExit as end:
        status = end.code if isinstance(end.code, int) else (0 if end.code is None else 1)
    except Exception as error:  # noqa: BLE001  (the task fails, the runner goes on)
        status, printed = 1, io.StringIO(json.dumps(
            {"errorType": type(error).__name__, "errorMessage": str(error)}))
    finally:
        sys.stdin, sys.stdout = sys.__stdin__, sys.__stdout__
    return status, printed.getvalue().strip()


def answer(status, text):
    """The answer line: the printed JSON, compact; an error document on failure."""
    try:
        value = json.loads(text) if text else None
    except ValueError:
        value = None if status else text
    failed = status != 0
    if failed and not (isinstance(value, dict) and isinstance(value.get("errorType"), str)):
        value = {"errorType": "HandlerError",
                 "errorMessage": text or f"exited with status {status}"}
    return json.dumps(value)


for line in sys.__stdin__:
    print(answer(*run_once(json.loads(line))), flush=True)
