#!/usr/bin/python3
"""Activities end to end with boto3 (python3-boto3): the activity actions,
GetActivityTask's long poll, and workers that take tasks of running
executions and answer them with SendTaskSuccess / SendTaskFailure /
SendTaskHeartbeat, checked through the execution's history.

The emulator runs with the undocumented --activity-poll-seconds 1, so that an
idle poll ends after one second instead of AWS's sixty.

Usage: activities_test.py PATH/TO/sfn-local (exits 77 when boto3 is missing)
"""

import json
import threading
import time
import unittest
import warnings

import sfnlocal
from sfnlocal import ROLE

sfnlocal.skip_unless_importable("boto3")
from botocore.exceptions import ClientError  # noqa: E402 (after the skip check)

BINARY = None
EMU = None
SFN = None
PREFIX = "arn:aws:states:us-east-1:123456789012:"


def client(endpoint):
    return sfnlocal.boto3_client(endpoint, read_timeout=90)


def setUpModule():
    global EMU, SFN
    warnings.simplefilter("ignore", ResourceWarning)  # botocore's pooled sockets
    EMU = sfnlocal.Emulator(BINARY, "--activity-poll-seconds", "1")
    SFN = client(EMU.endpoint)


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}"


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as exc:
        return exc.response["Error"]["Code"], exc.response["Error"]["Message"]
    raise AssertionError("no error")


def machine(name, task_fields, extra_states=None):
    work = dict({"Type": "Task", "End": True}, **task_fields)
    states = {"Work": {k: v for k, v in work.items() if v is not None}}
    states.update(extra_states or {})
    definition = json.dumps({"StartAt": "Work", "States": states})
    return SFN.create_state_machine(name=name, definition=definition,
                                    roleArn=ROLE)["stateMachineArn"]


def wait_done(execution_arn, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        d = SFN.describe_execution(executionArn=execution_arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.05)
    raise AssertionError("execution still running")


def take_task(activity_arn, worker="worker-1", attempts=10):
    """Polls until a task comes (each poll ends after a second when idle)."""
    for _ in range(attempts):
        task = SFN.get_activity_task(activityArn=activity_arn, workerName=worker)
        if task.get("taskToken"):
            return task
    raise AssertionError("no activity task")


def history(execution_arn):
    return SFN.get_execution_history(executionArn=execution_arn)["events"]


def types(events):
    return [e["type"] for e in events]


class ActivityActions(unittest.TestCase):
    def test_create_is_idempotent_and_describe_list_delete(self):
        first = SFN.create_activity(name="lifecycle-a")
        again = SFN.create_activity(name="lifecycle-a", tags=[{"key": "k", "value": "v"}])
        self.assertEqual(first["activityArn"], PREFIX + "activity:lifecycle-a")
        self.assertEqual(again["activityArn"], first["activityArn"])
        self.assertEqual(again["creationDate"], first["creationDate"])
        d = SFN.describe_activity(activityArn=first["activityArn"])
        self.assertEqual(d["name"], "lifecycle-a")
        self.assertEqual(d["activityArn"], first["activityArn"])
        self.assertEqual(d["creationDate"], first["creationDate"])
        SFN.delete_activity(activityArn=first["activityArn"])
        SFN.delete_activity(activityArn=first["activityArn"])  # absent: no error
        code, message = error_of(SFN.describe_activity, activityArn=first["activityArn"])
        self.assertEqual(code, "ActivityDoesNotExist")
        self.assertEqual(message, f"Activity Does Not Exist: '{first['activityArn']}'")

    def test_tags(self):
        arn = SFN.create_activity(name="tagged", tags=[{"key": "team", "value": "a"}])["activityArn"]
        SFN.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "dev"}])
        tags = SFN.list_tags_for_resource(resourceArn=arn)["tags"]
        self.assertEqual(tags, [{"key": "team", "value": "a"}, {"key": "env", "value": "dev"}])
        SFN.untag_resource(resourceArn=arn, tagKeys=["team"])
        self.assertEqual(SFN.list_tags_for_resource(resourceArn=arn)["tags"],
                         [{"key": "env", "value": "dev"}])

    def test_list_pages_by_name(self):
        names = ["page-%d" % i for i in range(5)]
        for name in reversed(names):
            SFN.create_activity(name=name)
        first = SFN.list_activities(maxResults=2)
        self.assertIn("nextToken", first)
        pages = SFN.get_paginator("list_activities").paginate(PaginationConfig={"PageSize": 2})
        listed = [a["name"] for p in pages for a in p["activities"]]
        self.assertEqual([n for n in listed if n.startswith("page-")], names)
        item = [a for a in first["activities"]][0]
        self.assertEqual(set(item), {"activityArn", "name", "creationDate"})
        code, _ = error_of(SFN.list_activities, nextToken="bogus")
        self.assertEqual(code, "InvalidToken")

    def test_invalid_name_and_arn(self):
        code, message = error_of(SFN.create_activity, name="a b")
        self.assertEqual((code, message), ("InvalidName", "Invalid Name: 'a b'"))
        code, message = error_of(SFN.describe_activity, activityArn="not_an_activity_arn")
        self.assertEqual(code, "InvalidArn")
        self.assertEqual(message, "Invalid Arn: 'Invalid ARN prefix: not_an_activity_arn'")
        code, message = error_of(SFN.get_activity_task,
                                 activityArn=PREFIX + "stateMachine:not-an-activity")
        self.assertEqual(code, "InvalidArn")
        self.assertEqual(message, "Invalid Arn: 'Resource type not valid in this context: "
                                  "statemachine'")

    def test_poll_of_missing_activity(self):
        arn = PREFIX + "activity:never-created"
        code, message = error_of(SFN.get_activity_task, activityArn=arn)
        self.assertEqual((code, message), ("ActivityDoesNotExist",
                                           f"Activity Does Not Exist: '{arn}'"))

    def test_idle_poll_times_out_without_token(self):
        arn = SFN.create_activity(name="idle")["activityArn"]
        started = time.monotonic()
        task = SFN.get_activity_task(activityArn=arn, workerName="w")
        took = time.monotonic() - started
        self.assertNotIn("taskToken", task)
        self.assertGreaterEqual(took, 0.9)
        self.assertLess(took, 5)


class ActivityTasks(unittest.TestCase):
    def test_worker_answers_success(self):
        arn = SFN.create_activity(name="greeter")["activityArn"]
        sm = machine("activity-success", {"Resource": arn, "TimeoutSeconds": 30,
                                           "HeartbeatSeconds": 20, "Parameters": {"who.$": "$.who"}})
        ex = SFN.start_execution(stateMachineArn=sm, input='{"who": "Ada"}')["executionArn"]
        task = take_task(arn, worker="worker-7")
        self.assertEqual(json.loads(task["input"]), {"who": "Ada"})
        SFN.send_task_success(taskToken=task["taskToken"], output='{"greeting": "hi Ada"}')
        d = wait_done(ex)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"greeting": "hi Ada"})
        events = history(ex)
        self.assertEqual(types(events), [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
            "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"])
        self.assertEqual([e["id"] for e in events], [1, 2, 3, 4, 5, 6, 7])
        # The first StateEntered event has previousEventId 0, as on AWS.
        self.assertEqual([e["previousEventId"] for e in events], [0, 0, 2, 3, 4, 5, 6])
        self.assertEqual(events[2]["activityScheduledEventDetails"], {
            "resource": arn, "input": '{"who":"Ada"}', "inputDetails": {"truncated": False},
            "timeoutInSeconds": 30, "heartbeatInSeconds": 20})
        self.assertEqual(events[3]["activityStartedEventDetails"], {"workerName": "worker-7"})
        self.assertEqual(events[4]["activitySucceededEventDetails"], {
            "output": '{"greeting":"hi Ada"}', "outputDetails": {"truncated": False}})
        code, _ = error_of(SFN.send_task_success, taskToken=task["taskToken"], output="{}")
        self.assertEqual(code, "TaskDoesNotExist")

    def test_worker_failure_is_caught(self):
        arn = SFN.create_activity(name="failing")["activityArn"]
        sm = machine("activity-failure",
                     {"Resource": arn, "End": None, "Next": "Handled",
                      "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.error",
                                 "Next": "Handled"}]},
                     {"Handled": {"Type": "Pass", "End": True}})
        ex = SFN.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        task = take_task(arn)
        SFN.send_task_failure(taskToken=task["taskToken"], error="Boom", cause="it broke")
        d = wait_done(ex)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]),
                         {"error": {"Error": "Boom", "Cause": "it broke"}})
        events = history(ex)
        self.assertEqual(types(events)[:6], [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
            "ActivityFailed", "TaskStateExited"])
        self.assertEqual(events[4]["activityFailedEventDetails"],
                         {"error": "Boom", "cause": "it broke"})

    def test_missed_heartbeat_times_out(self):
        arn = SFN.create_activity(name="silent")["activityArn"]
        sm = machine("activity-heartbeat", {"Resource": arn, "HeartbeatSeconds": 1})
        ex = SFN.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        task = take_task(arn)
        d = wait_done(ex)
        self.assertEqual(d["status"], "FAILED")
        self.assertEqual(d["error"], "States.HeartbeatTimeout")
        events = history(ex)
        self.assertEqual(types(events), [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
            "ActivityTimedOut", "ExecutionFailed"])
        self.assertEqual(events[4]["activityTimedOutEventDetails"],
                         {"error": "States.HeartbeatTimeout"})
        code, _ = error_of(SFN.send_task_success, taskToken=task["taskToken"], output="{}")
        self.assertEqual(code, "TaskTimedOut")

    def test_heartbeats_keep_the_task_alive(self):
        arn = SFN.create_activity(name="chatty")["activityArn"]
        sm = machine("activity-heartbeats", {"Resource": arn, "HeartbeatSeconds": 1})
        ex = SFN.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        task = take_task(arn)
        for _ in range(5):  # 2.5 s in all, longer than HeartbeatSeconds
            time.sleep(0.5)
            SFN.send_task_heartbeat(taskToken=task["taskToken"])
        SFN.send_task_success(taskToken=task["taskToken"], output='"done"')
        d = wait_done(ex)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(d["output"], '"done"')

    def test_missing_activity_fails_to_schedule(self):
        arn = PREFIX + "activity:was-never-there"
        sm = machine("activity-missing", {"Resource": arn})
        ex = SFN.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        d = wait_done(ex)
        self.assertEqual(d["status"], "FAILED")
        self.assertEqual(d["error"], "States.Runtime")
        events = history(ex)
        self.assertEqual(types(events), [
            "ExecutionStarted", "TaskStateEntered", "ActivityScheduleFailed", "ExecutionFailed"])
        self.assertEqual(events[2]["activityScheduleFailedEventDetails"], {
            "error": "States.Runtime", "cause": f"Activity Does Not Exist: '{arn}'"})

    def test_stopped_execution_withdraws_its_task(self):
        arn = SFN.create_activity(name="abandoned")["activityArn"]
        sm = machine("activity-stopped", {"Resource": arn})
        ex = SFN.start_execution(stateMachineArn=sm, input="{}")["executionArn"]
        for _ in range(100):
            if "ActivityScheduled" in types(history(ex)):
                break
            time.sleep(0.02)
        SFN.stop_execution(executionArn=ex)
        self.assertEqual(wait_done(ex)["status"], "ABORTED")
        self.assertNotIn("taskToken", SFN.get_activity_task(activityArn=arn))


class Shutdown(unittest.TestCase):
    def test_waiting_poller_does_not_delay_shutdown(self):
        emu = sfnlocal.Emulator(BINARY)  # AWS's 60-second poll
        sfn = client(emu.endpoint)
        arn = sfn.create_activity(name="waiting")["activityArn"]
        answers = []

        def poll():
            try:
                answers.append(sfn.get_activity_task(activityArn=arn))
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                answers.append(exc)

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(1)
        # The poll holds one server thread; other requests still run.
        started = time.monotonic()
        sfn.list_activities()
        self.assertLess(time.monotonic() - started, 2)
        code, seconds = emu.stop()
        poller.join(10)
        self.assertEqual(code, 0)
        self.assertLess(seconds, 3)
        self.assertFalse(poller.is_alive())
        self.assertEqual(len(answers), 1)
        self.assertIsInstance(answers[0], dict, answers[0])  # answered, not cut off
        self.assertNotIn("taskToken", answers[0])


if __name__ == "__main__":
    sfnlocal.run_unittests()
