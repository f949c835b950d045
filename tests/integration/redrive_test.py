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
# Appends its input to the file named by "log" (when given), then fails
# until the file named by "flag" exists (or always, for "good": false
# items; never for "good": true ones); then echoes.
FLAKY_PROGRAM = """import json, os, sys
event = json.load(sys.stdin)
if "log" in event:
    with open(event["log"], "a") as f:
        f.write(json.dumps(event.get("n")) + "\\n")
if not event.get("good") and not os.path.exists(event["flag"]):
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


def read_log(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


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

    def test_inline_map_reruns_only_the_failed_iterations(self):
        flag, log = os.path.join(WORK, "flag-map"), os.path.join(WORK, "log-map")
        arn = machine("redrive-map", {
            "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                     "ToleratedFailureCount": 1,
                     "ItemSelector": {"n.$": "$$.Map.Item.Value.n", "good.$": "$$.Map.Item.Value.good",
                                      "flag.$": "$.flag", "log.$": "$.log"},
                     "ItemProcessor": {"StartAt": "Work", "States": {
                         "Work": {"Type": "Task", "Resource": FLAKY, "ResultSelector": {"n.$": "$.n"},
                                  "End": True}}},
                     "End": True}}, "Each")
        # One at a time: 1 fails (tolerated), 3 fails (one too many).
        items = [{"n": 0, "good": True}, {"n": 1, "good": False}, {"n": 2, "good": True},
                 {"n": 3, "good": False}]
        execution = api("StartExecution", {"stateMachineArn": arn, "input": json.dumps(
            {"items": items, "flag": flag, "log": log})})["executionArn"]
        self.assertEqual(wait_status(execution, "FAILED")["error"],
                         "States.ExceedToleratedFailureThreshold")
        self.assertEqual(read_log(log), [0, 1, 2, 3])

        open(flag, "w").close()
        api("RedriveExecution", {"executionArn": execution})
        done = wait_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(done["output"]), [{"n": 0}, {"n": 1}, {"n": 2}, {"n": 3}])
        # Only the failed iterations ran again; the others' results were kept.
        self.assertEqual(read_log(log)[4:], [1, 3])
        events = api("GetExecutionHistory", {"executionArn": execution})["events"]
        after = events[[e["type"] for e in events].index("ExecutionRedriven"):]
        self.assertEqual([e["mapIterationStartedEventDetails"]["index"] for e in after
                          if e["type"] == "MapIterationStarted"], [1, 3])

    def test_parallel_reruns_only_the_failed_branch(self):
        flag, log = os.path.join(WORK, "flag-par"), os.path.join(WORK, "log-par")
        branch = lambda n, good: {"StartAt": f"B{n}", "States": {f"B{n}": {
            "Type": "Task", "Resource": FLAKY, "ResultSelector": {"n.$": "$.n"},
            "Parameters": {"n": n, "good": good, "flag.$": "$.flag", "log.$": "$.log"},
            "End": True}}}
        bad = branch(11, False)
        bad["States"] = {"Later": {"Type": "Wait", "Seconds": 1, "Next": "B11"}, **bad["States"]}
        bad["StartAt"] = "Later"
        arn = machine("redrive-parallel", {
            "Both": {"Type": "Parallel", "Branches": [branch(10, True), bad], "End": True}}, "Both")
        execution = api("StartExecution", {"stateMachineArn": arn, "input": json.dumps(
            {"flag": flag, "log": log})})["executionArn"]
        wait_status(execution, "FAILED")
        first = read_log(log)
        before = api("GetExecutionHistory", {"executionArn": execution})["events"]
        good_done = "LambdaFunctionSucceeded" in [e["type"] for e in before]
        open(flag, "w").close()
        api("RedriveExecution", {"executionArn": execution})
        done = wait_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(done["output"]), [{"n": 10}, {"n": 11}])
        # The branch that succeeded is not run again (one cut short would be).
        self.assertEqual(sorted(read_log(log)[len(first):]), [11] if good_done else [10, 11])
        self.assertTrue(good_done)  # the failing branch waits a second first

    def test_distributed_map_redrives_its_map_run(self):
        flag, log = os.path.join(WORK, "flag-dmap"), os.path.join(WORK, "log-dmap")
        arn = machine("redrive-dmap", {
            "Each": {"Type": "Map", "ItemsPath": "$.items", "Label": "Work", "MaxConcurrency": 1,
                     "ItemSelector": {"n.$": "$$.Map.Item.Value.n", "good.$": "$$.Map.Item.Value.good",
                                      "flag.$": "$.flag", "log.$": "$.log"},
                     "ToleratedFailureCount": 0,
                     "ItemProcessor": {
                         "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                         "StartAt": "Work", "States": {
                             "Work": {"Type": "Task", "Resource": FLAKY,
                                      "ResultSelector": {"n.$": "$.n"}, "End": True}}},
                     "End": True}}, "Each")
        items = [{"n": 0, "good": True}, {"n": 1, "good": False}]
        execution = api("StartExecution", {"stateMachineArn": arn, "input": json.dumps(
            {"items": items, "flag": flag, "log": log})})["executionArn"]
        failed = wait_status(execution, "FAILED")
        self.assertEqual(failed["error"], "States.ExceedToleratedFailureThreshold")
        run_arn = api("ListMapRuns", {"executionArn": execution})["mapRuns"][0]["mapRunArn"]
        children = api("ListExecutions", {"mapRunArn": run_arn})["executions"]
        bad = [c for c in children if c["status"] == "FAILED"]
        self.assertEqual(len(bad), 1)
        self.assertEqual(api("DescribeExecution", {"executionArn": bad[0]["executionArn"]})[
            "redriveStatus"], "REDRIVABLE_BY_MAP_RUN")
        first = read_log(log)

        open(flag, "w").close()
        api("RedriveExecution", {"executionArn": execution})
        done = wait_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(done["output"]), [{"n": 0}, {"n": 1}])
        self.assertEqual(read_log(log)[len(first):], [1])
        run = api("DescribeMapRun", {"mapRunArn": run_arn})
        self.assertEqual((run["status"], run["redriveCount"]), ("SUCCEEDED", 1))
        self.assertIn("redriveDate", run)
        self.assertEqual((run["executionCounts"]["succeeded"], run["executionCounts"]["failed"],
                          run["executionCounts"]["pendingRedrive"]), (2, 0, 0))
        # The failed child was redriven in place, with its own ExecutionRedriven.
        child = api("DescribeExecution", {"executionArn": bad[0]["executionArn"]})
        self.assertEqual((child["status"], child["redriveCount"]), ("SUCCEEDED", 1))
        child_types = [e["type"] for e in api("GetExecutionHistory", {
            "executionArn": bad[0]["executionArn"]})["events"]]
        self.assertIn("ExecutionRedriven", child_types)
        types = [e["type"] for e in api("GetExecutionHistory", {"executionArn": execution})["events"]]
        self.assertEqual(types.count("MapRunStarted"), 1)
        redriven = [e for e in api("GetExecutionHistory", {"executionArn": execution})["events"]
                    if e["type"] == "MapRunRedriven"]
        self.assertEqual(redriven[0]["mapRunRedrivenEventDetails"],
                         {"mapRunArn": run_arn, "redriveCount": 1})
        self.assertEqual(types[-4:], ["MapRunSucceeded", "MapStateSucceeded", "MapStateExited",
                                      "ExecutionSucceeded"])
        status, _, body = call(EMU.endpoint, "RedriveExecution",
                               {"executionArn": bad[0]["executionArn"]})
        self.assertEqual(body["__type"].split("#")[1], "ExecutionNotRedrivable")

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
