#!/usr/bin/python3
"""RedriveExecution through the real binary over raw HTTP (the Debian boto3
and AWS CLI models predate it): a failed execution goes on from the failed
state with its input and variables, a stopped one from where it stopped;
the history, DescribeExecution's redrive members, ListExecutions'
redriveFilter, and ExecutionNotRedrivable.

Usage: redrive_test.py PATH/TO/sfn-local
"""

import json
import os
import shutil
import tempfile
import time
import unittest

import sfnlocal
from sfnlocal import ROLE, call

BINARY = None
EMU = None
WORK = None
FLAKY = "arn:aws:lambda:us-east-1:123456789012:function:flaky"
# Fails until the file named by the task input's "flag" exists; then echoes.
FLAKY_PROGRAM = """import json, os, sys
event = json.load(sys.stdin)
if not os.path.exists(event["flag"]):
    print(json.dumps({"errorType": "NotYet", "errorMessage": "flag missing"}))
    sys.exit(1)
print(json.dumps(event))
"""


def setUpModule():
    global EMU, WORK
    WORK = tempfile.mkdtemp()
    with open(os.path.join(WORK, "flaky.py"), "w") as f:
        f.write(FLAKY_PROGRAM)
    with open(os.path.join(WORK, "routes.json"), "w") as f:
        json.dump({"routes": [{"resource": FLAKY, "exec": ["/usr/bin/python3", "flaky.py"]}]}, f)
    EMU = sfnlocal.Emulator(BINARY, "--config", os.path.join(WORK, "routes.json"))


def tearDownModule():
    code, _ = EMU.stop()
    shutil.rmtree(WORK)
    assert code == 0, EMU.stderr()


def api(action, body):
    return sfnlocal.call_ok(EMU.endpoint, action, body)


def wait_status(arn, wanted):
    for _ in range(300):
        d = api("DescribeExecution", {"executionArn": arn})
        if d["status"] == wanted:
            return d
        time.sleep(0.02)
    raise AssertionError(f"{arn} never reached {wanted}: {d}")


def machine(name, states, start):
    definition = json.dumps({"StartAt": start, "States": states})
    return api("CreateStateMachine", {"name": name, "definition": definition,
                                      "roleArn": ROLE})["stateMachineArn"]


class Redrive(unittest.TestCase):
    def test_failed_execution_goes_on_from_the_failed_state(self):
        flag = os.path.join(WORK, "flag-1")
        arn = machine("redrive-failed", {
            "Remember": {"Type": "Pass", "Assign": {"who": "Ada"}, "Next": "Flaky"},
            "Flaky": {"Type": "Task", "Resource": FLAKY, "Next": "Done"},
            "Done": {"Type": "Pass", "Parameters": {"who.$": "$who", "flag.$": "$.flag"},
                     "End": True}}, "Remember")
        execution = api("StartExecution", {"stateMachineArn": arn,
                                           "input": json.dumps({"flag": flag})})["executionArn"]
        failed = wait_status(execution, "FAILED")
        self.assertEqual((failed["error"], failed["redriveStatus"]), ("NotYet", "REDRIVABLE"))
        before = len(api("GetExecutionHistory", {"executionArn": execution})["events"])

        open(flag, "w").close()
        self.assertIn("redriveDate", api("RedriveExecution", {"executionArn": execution}))
        done = wait_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(done["output"]), {"who": "Ada", "flag": flag})
        self.assertEqual(done["redriveCount"], 1)
        self.assertIn("redriveDate", done)
        self.assertEqual(done["redriveStatus"], "NOT_REDRIVABLE")

        events = api("GetExecutionHistory", {"executionArn": execution})["events"]
        redriven = events[before]
        self.assertEqual((redriven["type"], redriven["previousEventId"]),
                         ("ExecutionRedriven", before))
        self.assertEqual(redriven["executionRedrivenEventDetails"], {"redriveCount": 1})
        self.assertEqual(events[before + 1]["type"], "TaskStateEntered")
        self.assertEqual(events[before + 1]["stateEnteredEventDetails"]["name"], "Flaky")
        self.assertEqual([e["type"] for e in events].count("PassStateEntered"), 2)

        listed = api("ListExecutions", {"stateMachineArn": arn, "redriveFilter": "REDRIVEN"})
        self.assertEqual([e["executionArn"] for e in listed["executions"]], [execution])
        self.assertEqual(api("ListExecutions", {"stateMachineArn": arn,
                                                "redriveFilter": "NOT_REDRIVEN"})["executions"], [])

    def test_stopped_execution_goes_on_from_where_it_stopped(self):
        arn = machine("redrive-stopped", {
            "First": {"Type": "Pass", "Result": {"step": 1}, "Next": "Hold"},
            "Hold": {"Type": "Wait", "Seconds": 1, "End": True}}, "First")
        execution = api("StartExecution", {"stateMachineArn": arn})["executionArn"]
        api("StopExecution", {"executionArn": execution, "error": "Paused"})
        self.assertEqual(wait_status(execution, "ABORTED")["redriveStatus"], "REDRIVABLE")
        api("RedriveExecution", {"executionArn": execution})
        self.assertEqual(api("DescribeExecution", {"executionArn": execution})["status"], "RUNNING")
        done = wait_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(done["output"]), {"step": 1})
        types = [e["type"] for e in
                 api("GetExecutionHistory", {"executionArn": execution})["events"]]
        self.assertEqual(types.count("WaitStateEntered"), 2)
        self.assertEqual(types.count("PassStateEntered"), 1)

    def test_not_redrivable(self):
        arn = machine("redrive-ok", {"Only": {"Type": "Pass", "End": True}}, "Only")
        execution = api("StartExecution", {"stateMachineArn": arn})["executionArn"]
        wait_status(execution, "SUCCEEDED")
        status, _, body = call(EMU.endpoint, "RedriveExecution", {"executionArn": execution})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"].split("#")[1], "ExecutionNotRedrivable")
        self.assertEqual(body["message"], "Execution is SUCCEEDED and cannot be redriven")
        status, _, body = call(EMU.endpoint, "RedriveExecution",
                               {"executionArn": execution + "-missing"})
        self.assertEqual(body["__type"].split("#")[1], "ExecutionDoesNotExist")
        status, _, body = call(EMU.endpoint, "RedriveExecution", {"executionArn": "nope"})
        self.assertEqual(body["__type"].split("#")[1], "InvalidArn")


if __name__ == "__main__":
    sfnlocal.run_unittests()
