#!/usr/bin/python3
"""Activities through boto3: CreateActivity / Describe / List / Delete, and
executions whose Task is an activity answered by a GetActivityTask worker
(SendTaskSuccess, SendTaskFailure, heartbeat time-out) with Activity* history.

Usage: activities_test.py PATH/TO/sfn-local (exits 77 when boto3 is missing)
"""

import json
import os
import sys
import threading
import time
import unittest
import warnings

import sfnlocal
from sfnlocal import ROLE

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError:  # pragma: no cover
    print("SKIPPED: boto3 is not installed")
    sys.exit(sfnlocal.SKIP)

BINARY = None
EMU = None
SFN = None
PREFIX = "arn:aws:states:us-east-1:123456789012:activity:"


def client():
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    return boto3.client("stepfunctions", endpoint_url=EMU.endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x",
                        config=Config(retries={"max_attempts": 1}, read_timeout=90))


def setUpModule():
    global EMU, SFN
    warnings.simplefilter("ignore", ResourceWarning)
    EMU = sfnlocal.Emulator(BINARY)
    SFN = client()


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}"


def wait_done(execution_arn):
    for _ in range(500):
        d = SFN.describe_execution(executionArn=execution_arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.02)
    raise AssertionError("execution still running")


def machine(name, activity_arn, extra=None):
    task = {"Type": "Task", "Resource": activity_arn, "End": True}
    task.update(extra or {})
    definition = json.dumps({"StartAt": "A", "States": {"A": task}})
    return SFN.create_state_machine(name=name, definition=definition, roleArn=ROLE)["stateMachineArn"]


def history_types(execution_arn):
    events = SFN.get_execution_history(executionArn=execution_arn)["events"]
    return [e["type"] for e in events], events


class Activities(unittest.TestCase):
    def error(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        e = caught.exception.response["Error"]
        return e["Code"], e["Message"]

    def test_lifecycle(self):
        arn = SFN.create_activity(name="act-life")["activityArn"]
        self.assertEqual(arn, PREFIX + "act-life")
        self.assertEqual(SFN.create_activity(name="act-life")["activityArn"], arn)
        d = SFN.describe_activity(activityArn=arn)
        self.assertEqual((d["activityArn"], d["name"]), (arn, "act-life"))
        names = []
        for page in SFN.get_paginator("list_activities").paginate(PaginationConfig={"PageSize": 1}):
            names += [a["name"] for a in page["activities"]]
        self.assertIn("act-life", names)
        self.assertEqual(self.error(SFN.create_activity, name="bad name"),
                         ("InvalidName", "Invalid Name: 'bad name'"))
        SFN.delete_activity(activityArn=arn)
        self.assertEqual(self.error(SFN.describe_activity, activityArn=arn),
                         ("ActivityDoesNotExist", f"Activity Does Not Exist: '{arn}'"))
        self.assertEqual(self.error(SFN.get_activity_task, activityArn=arn),
                         ("ActivityDoesNotExist", f"Activity Does Not Exist: '{arn}'"))
        self.assertEqual(self.error(SFN.describe_activity, activityArn="nope")[0], "InvalidArn")

    def run_with_worker(self, name, answer, extra=None):
        arn = SFN.create_activity(name=name)["activityArn"]
        sm = machine(name, arn, extra)
        worker = client()
        got = {}

        def work():
            task = worker.get_activity_task(activityArn=arn, workerName="w1")
            got.update(task)
            answer(worker, task)

        t = threading.Thread(target=work)
        t.start()
        execution = SFN.start_execution(stateMachineArn=sm, input='{"n": 1}')["executionArn"]
        t.join(30)
        self.assertEqual(json.loads(got["input"]), {"n": 1})
        return wait_done(execution), history_types(execution)

    def test_success(self):
        d, (types, events) = self.run_with_worker(
            "act-ok", lambda w, t: w.send_task_success(taskToken=t["taskToken"], output='{"r": 2}'))
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"r": 2})
        self.assertEqual(types[1:5], ["TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                                      "ActivitySucceeded"])
        self.assertEqual(events[2]["activityScheduledEventDetails"]["resource"], PREFIX + "act-ok")

    def test_failure(self):
        d, (types, events) = self.run_with_worker(
            "act-fail", lambda w, t: w.send_task_failure(taskToken=t["taskToken"], error="E", cause="C"))
        self.assertEqual(d["status"], "FAILED")
        self.assertIn("ActivityFailed", types)
        failed = [e for e in events if e["type"] == "ActivityFailed"][0]["activityFailedEventDetails"]
        self.assertEqual((failed["error"], failed["cause"]), ("E", "C"))

    def test_heartbeat_timeout(self):
        d, (types, events) = self.run_with_worker("act-hb", lambda w, t: None, {"HeartbeatSeconds": 1})
        self.assertEqual(d["status"], "FAILED")
        self.assertIn("ActivityTimedOut", types)
        timed = [e for e in events if e["type"] == "ActivityTimedOut"][0]["activityTimedOutEventDetails"]
        self.assertEqual(timed["error"], "States.HeartbeatTimeout")
        self.assertEqual(events[2]["activityScheduledEventDetails"]["heartbeatInSeconds"], 1)


def run(binary):
    global BINARY
    BINARY = binary
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sfnlocal.main_or_skip(run)
