#!/usr/bin/python3
"""Distributed Map child executions through the real binary, driven by boto3:
each item runs as a child execution that ListExecutions --map-run-arn lists
and DescribeExecution / GetExecutionHistory read; DescribeMapRun's counts
follow the children; tolerated failures, States.ExceedToleratedFailureThreshold
and its aborted siblings; UpdateMapRun on a running run; stopping the parent
aborts its children.

Usage: distributed_map_test.py PATH/TO/sfn-local (exits 77 when boto3 is missing)
"""

import json
import time
import unittest
import warnings

import sfnlocal
from sfnlocal import ROLE

sfnlocal.skip_unless_importable("boto3")

BINARY = None
EMU = None
SFN = None


def setUpModule():
    global EMU, SFN
    warnings.simplefilter("ignore", ResourceWarning)
    EMU = sfnlocal.Emulator(BINARY)
    SFN = sfnlocal.boto3_client(EMU.endpoint)


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, EMU.stderr()


def wait_done(arn):
    for _ in range(500):
        d = SFN.describe_execution(executionArn=arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.02)
    raise AssertionError(f"{arn} still running")


def wait_for(predicate, what):
    for _ in range(500):
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


# Items with "fail": true end in a Fail state; "hold" ones wait 100000 s.
PROCESSOR = {
    "StartAt": "Check",
    "States": {
        "Check": {"Type": "Choice", "Choices": [
            {"And": [{"Variable": "$.fail", "IsPresent": True},
                     {"Variable": "$.fail", "BooleanEquals": True}], "Next": "Boom"},
            {"And": [{"Variable": "$.hold", "IsPresent": True},
                     {"Variable": "$.hold", "BooleanEquals": True}], "Next": "Hold"}],
            "Default": "Done"},
        "Boom": {"Type": "Fail", "Error": "ItemFailed", "Cause": "bad item"},
        "Hold": {"Type": "Wait", "Seconds": 100000, "Next": "Done"},
        "Done": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": True},
    },
}


def machine(name, execution_type="STANDARD", **map_fields):
    processor = dict(PROCESSOR, ProcessorConfig={"Mode": "DISTRIBUTED",
                                                 "ExecutionType": execution_type})
    state = {"Type": "Map", "ItemProcessor": processor, "Label": "Items", "End": True}
    state.update(map_fields)
    definition = {"StartAt": "Fan", "States": {"Fan": state}}
    return SFN.create_state_machine(name=name, definition=json.dumps(definition),
                                    roleArn=ROLE)["stateMachineArn"]


def map_run_of(execution_arn):
    runs = wait_for(lambda: SFN.list_map_runs(executionArn=execution_arn)["mapRuns"], "map run")
    return runs[0]["mapRunArn"]


def children(map_run_arn):
    return SFN.list_executions(mapRunArn=map_run_arn)["executions"]


class DistributedMap(unittest.TestCase):
    def test_children_are_executions_with_tolerated_failures(self):
        arn = machine("dmap-tolerated", ToleratedFailureCount=1, MaxConcurrency=2)
        items = [{"n": 1}, {"n": 2, "fail": True}, {"n": 3}]
        execution = SFN.start_execution(stateMachineArn=arn, input=json.dumps(items))
        done = wait_done(execution["executionArn"])
        self.assertEqual(done["status"], "SUCCEEDED")
        self.assertEqual(json.loads(done["output"]), [{"n": 1}, None, {"n": 3}])

        run_arn = map_run_of(execution["executionArn"])
        listed = children(run_arn)
        self.assertEqual(len(listed), 3)
        prefix = arn.replace(":stateMachine:", ":execution:") + "/Items:"
        for child in listed:
            self.assertTrue(child["executionArn"].startswith(prefix), child["executionArn"])
            self.assertEqual(child["stateMachineArn"], arn + "/Items")
            self.assertEqual(child["mapRunArn"], run_arn)
            self.assertEqual(child["itemCount"], 1)
            self.assertEqual(child["executionArn"], prefix + child["name"])
        self.assertEqual(sorted(c["status"] for c in listed), ["FAILED", "SUCCEEDED", "SUCCEEDED"])
        failed = [c for c in listed if c["status"] == "FAILED"][0]
        self.assertEqual([c["executionArn"] for c in children(run_arn)], [c["executionArn"] for c in listed])
        self.assertEqual(SFN.list_executions(mapRunArn=run_arn, statusFilter="FAILED")["executions"],
                         [failed])

        d = SFN.describe_execution(executionArn=failed["executionArn"])
        self.assertEqual((d["status"], d["error"], d["cause"]), ("FAILED", "ItemFailed", "bad item"))
        self.assertEqual(json.loads(d["input"]), {"n": 2, "fail": True})
        self.assertEqual(d["mapRunArn"], run_arn)
        events = SFN.get_execution_history(executionArn=failed["executionArn"])["events"]
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited",
                          "FailStateEntered", "ExecutionFailed"])

        described = SFN.describe_map_run(mapRunArn=run_arn)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual((described["toleratedFailureCount"], described["maxConcurrency"]), (1, 2))
        for counts in (described["itemCounts"], described["executionCounts"]):
            self.assertEqual((counts["total"], counts["succeeded"], counts["failed"],
                              counts["pending"], counts["running"], counts["aborted"]),
                             (3, 2, 1, 0, 0, 0))

    def test_exceeding_the_threshold_fails_the_map_and_aborts_the_rest(self):
        arn = machine("dmap-exceeded", ToleratedFailurePercentage=10)
        items = [{"n": 1, "hold": True}, {"n": 2, "fail": True}]
        execution = SFN.start_execution(stateMachineArn=arn, input=json.dumps(items))
        done = wait_done(execution["executionArn"])
        self.assertEqual((done["status"], done["error"]),
                         ("FAILED", "States.ExceedToleratedFailureThreshold"))
        run_arn = map_run_of(execution["executionArn"])
        statuses = {c["name"]: c["status"] for c in children(run_arn)}
        wait_for(lambda: "RUNNING" not in [c["status"] for c in children(run_arn)], "children end")
        self.assertEqual(sorted(c["status"] for c in children(run_arn)), ["ABORTED", "FAILED"])
        self.assertEqual(len(statuses), 2)
        counts = SFN.describe_map_run(mapRunArn=run_arn)["executionCounts"]
        self.assertEqual((counts["failed"], counts["aborted"]), (1, 1))
        self.assertEqual(SFN.describe_map_run(mapRunArn=run_arn)["status"], "FAILED")
        events = SFN.get_execution_history(executionArn=execution["executionArn"])["events"]
        run_failed = [e for e in events if e["type"] == "MapRunFailed"]
        self.assertEqual(run_failed[0]["mapRunFailedEventDetails"]["error"],
                         "States.ExceedToleratedFailureThreshold")

    def test_update_map_run_and_stop_the_parent(self):
        arn = machine("dmap-update", "EXPRESS", MaxConcurrency=1)
        items = [{"n": 1, "hold": True}, {"n": 2, "hold": True}, {"n": 3, "hold": True}]
        execution = SFN.start_execution(stateMachineArn=arn, input=json.dumps(items))
        run_arn = map_run_of(execution["executionArn"])
        wait_for(lambda: len(children(run_arn)) == 1, "one child running")
        counts = SFN.describe_map_run(mapRunArn=run_arn)["executionCounts"]
        self.assertEqual((counts["running"], counts["pending"]), (1, 2))

        SFN.update_map_run(mapRunArn=run_arn, maxConcurrency=3, toleratedFailureCount=2)
        described = SFN.describe_map_run(mapRunArn=run_arn)
        self.assertEqual((described["maxConcurrency"], described["toleratedFailureCount"]), (3, 2))
        # A child that ends lets the run start up to the new concurrency.
        first = children(run_arn)[0]["executionArn"]
        SFN.stop_execution(executionArn=first)
        wait_for(lambda: len(children(run_arn)) == 3, "the others started")
        self.assertEqual(SFN.describe_execution(executionArn=first)["status"], "ABORTED")

        SFN.stop_execution(executionArn=execution["executionArn"])
        wait_for(lambda: "RUNNING" not in [c["status"] for c in children(run_arn)], "aborted")
        self.assertEqual([c["status"] for c in children(run_arn)], ["ABORTED"] * 3)
        self.assertEqual(SFN.describe_map_run(mapRunArn=run_arn)["status"], "ABORTED")


if __name__ == "__main__":
    sfnlocal.run_unittests()
