#!/usr/bin/python3
"""Nested executions (arn:aws:states:::states:startExecution) driven by boto3:
request-response, .sync, .sync:2 and .waitForTaskToken; STANDARD and EXPRESS
children; a failing child; a parent stopped while its .sync child runs; an unknown child state machine;
and a route that still wins over the built-in integration.

Usage: nested_test.py PATH/TO/sfn-local (exits 77 when boto3 is missing)
"""

import json
import tempfile
import time
import unittest
import warnings

import sfnlocal
from sfnlocal import ROLE

sfnlocal.skip_unless_importable("boto3")

BINARY = None
EMU = None
SFN = None
ACCOUNT_PREFIX = "arn:aws:states:us-east-1:123456789012"

CHILD = {"StartAt": "Greet", "States": {"Greet": {
    "Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.who)"}, "End": True}}}
FAILING_CHILD = {"StartAt": "Boom", "States": {"Boom": {
    "Type": "Fail", "Error": "ChildBroke", "Cause": "on purpose"}}}
SLOW_CHILD = {"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 100000, "End": True}}}
TOKEN_CHILD = {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}
# EXPRESS children: one that takes a second before it answers, one that fails.
EXPRESS_CHILD = {"StartAt": "Pause", "States": {
    "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Greet"},
    "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hi, {}!', $.who)"},
              "End": True}}}


def parent(resource, machine, input_value=None, **extra):
    parameters = {"StateMachineArn": f"{ACCOUNT_PREFIX}:stateMachine:{machine}"}
    if input_value is not None:
        parameters["Input"] = input_value
    parameters.update(extra)
    return {"StartAt": "Nest", "States": {"Nest": {
        "Type": "Task", "Resource": resource, "Parameters": parameters, "End": True}}}


def client(emulator):
    return sfnlocal.boto3_client(emulator.endpoint)


def create(name, definition, sfn=None, machine_type="STANDARD"):
    return (sfn or SFN).create_state_machine(name=name, definition=json.dumps(definition),
                                             roleArn=ROLE, type=machine_type)["stateMachineArn"]


def wait_done(execution_arn, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        d = SFN.describe_execution(executionArn=execution_arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.02)
    raise AssertionError(f"{execution_arn} still running")


def history(execution_arn):
    return SFN.get_execution_history(executionArn=execution_arn, maxResults=1000)["events"]


def run_parent(name, definition, value=None):
    arn = create(name, definition)
    execution = SFN.start_execution(stateMachineArn=arn, name="run",
                                    input=json.dumps(value or {}))["executionArn"]
    return execution, wait_done(execution)


def setUpModule():
    global EMU, SFN
    warnings.simplefilter("ignore", ResourceWarning)  # botocore's pooled sockets
    EMU = sfnlocal.Emulator(BINARY)
    SFN = client(EMU)
    create("child", CHILD)
    create("failing-child", FAILING_CHILD)
    create("slow-child", SLOW_CHILD)
    create("token-child", TOKEN_CHILD)
    create("express-child", EXPRESS_CHILD, machine_type="EXPRESS")
    create("express-failing-child", FAILING_CHILD, machine_type="EXPRESS")


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}"


class Nested(unittest.TestCase):
    def task_events(self, execution_arn):
        return [e for e in history(execution_arn) if e["type"].startswith("Task")
                and e["type"] not in ("TaskStateEntered", "TaskStateExited")]

    def test_request_response_starts_the_child(self):
        execution, d = run_parent("p-rr", parent("arn:aws:states:::states:startExecution", "child",
                                                 {"who": "Ada"}, Name="from-parent"))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        child_arn = f"{ACCOUNT_PREFIX}:execution:child:from-parent"
        self.assertEqual(output["ExecutionArn"], child_arn)
        self.assertIsInstance(output["StartDate"], int)
        self.assertEqual(sorted(output), ["ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata",
                                          "StartDate"])
        self.assertEqual(output["SdkHttpMetadata"]["HttpStatusCode"], 200)
        child = wait_done(child_arn)
        self.assertEqual(json.loads(child["output"]), {"greeting": "Hello, Ada!"})
        events = self.task_events(execution)
        self.assertEqual([e["type"] for e in events], ["TaskScheduled", "TaskStarted", "TaskSucceeded"])
        scheduled = events[0]["taskScheduledEventDetails"]
        self.assertEqual((scheduled["resourceType"], scheduled["resource"]), ("states", "startExecution"))

    def test_sync_returns_the_child_description_with_output_as_text(self):
        execution, d = run_parent("p-sync", parent("arn:aws:states:::states:startExecution.sync",
                                                   "child", {"who": "Bo"}))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        self.assertEqual(output["Status"], "SUCCEEDED")
        self.assertEqual(output["Output"], json.dumps({"greeting": "Hello, Bo!"}, separators=(",", ":")))
        self.assertEqual(output["Input"], json.dumps({"who": "Bo"}, separators=(",", ":")))
        self.assertEqual(output["OutputDetails"], {"Included": True})
        self.assertEqual(list(output), sorted(output))
        self.assertNotIn("Error", output)
        self.assertNotIn("Cause", output)
        self.assertIsInstance(output["StartDate"], int)
        self.assertIsInstance(output["StopDate"], int)
        events = self.task_events(execution)
        self.assertEqual([e["type"] for e in events],
                         ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"])
        submitted = events[2]
        self.assertEqual(submitted["previousEventId"], events[1]["id"])
        self.assertEqual(events[3]["previousEventId"], submitted["id"])
        details = submitted["taskSubmittedEventDetails"]
        self.assertEqual((details["resourceType"], details["resource"]), ("states", "startExecution.sync"))
        self.assertEqual(sorted(json.loads(details["output"])), ["ExecutionArn", "StartDate"])

    def test_sync_history_records_the_submission_before_the_child_ends(self):
        execution, d = run_parent("p-order", parent("arn:aws:states:::states:startExecution.sync:2",
                                                    "express-child", {"who": "Fay"}))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        events = history(execution)
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                          "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
        for before, after in zip(events[2:], events[3:]):
            self.assertEqual(after["previousEventId"], before["id"])
        # Submitted when the child started; it ended a second later.
        submitted, succeeded = events[4], events[5]
        self.assertGreaterEqual((succeeded["timestamp"] - submitted["timestamp"]).total_seconds(), 0.9)

    def test_sync2_waits_for_an_express_child(self):
        execution, d = run_parent("p-express2", parent("arn:aws:states:::states:startExecution.sync:2",
                                                       "express-child", {"who": "Gus"}, Name="e2"))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        self.assertEqual(output["Status"], "SUCCEEDED")
        self.assertEqual(output["Output"], {"greeting": "Hi, Gus!"})
        self.assertEqual(output["Input"], {"who": "Gus"})
        self.assertTrue(output["ExecutionArn"].startswith(f"{ACCOUNT_PREFIX}:express:express-child:e2:"),
                        output["ExecutionArn"])
        self.assertEqual(output["StateMachineArn"], f"{ACCOUNT_PREFIX}:stateMachine:express-child")
        self.assertGreaterEqual(output["StopDate"] - output["StartDate"], 900)
        submitted = [e for e in self.task_events(execution) if e["type"] == "TaskSubmitted"]
        self.assertEqual(json.loads(submitted[0]["taskSubmittedEventDetails"]["output"])["ExecutionArn"],
                         output["ExecutionArn"])

    def test_sync_waits_for_an_express_child(self):
        _, d = run_parent("p-express", parent("arn:aws:states:::states:startExecution.sync",
                                              "express-child", {"who": "Hal"}))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        self.assertEqual(output["Status"], "SUCCEEDED")
        self.assertEqual(output["Output"], json.dumps({"greeting": "Hi, Hal!"}, separators=(",", ":")))
        self.assertEqual(output["Input"], json.dumps({"who": "Hal"}, separators=(",", ":")))

    def test_failing_express_child_fails_the_task(self):
        for resource in ("arn:aws:states:::states:startExecution.sync",
                         "arn:aws:states:::states:startExecution.sync:2"):
            with self.subTest(resource=resource):
                name = "p-express-fail" + resource[-2:].replace(":", "-")
                execution, d = run_parent(name, parent(resource, "express-failing-child"))
                self.assertEqual((d["status"], d["error"]), ("FAILED", "States.TaskFailed"))
                cause = json.loads(d["cause"])
                self.assertEqual((cause["Status"], cause["Error"], cause["Cause"]),
                                 ("FAILED", "ChildBroke", "on purpose"))
                self.assertEqual([e["type"] for e in self.task_events(execution)],
                                 ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskFailed"])

    def test_sync2_returns_the_output_as_json(self):
        execution, d = run_parent("p-sync2", parent("arn:aws:states:::states:startExecution.sync:2",
                                                    "child", {"who": "Cy"}))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        self.assertEqual(output["Output"], {"greeting": "Hello, Cy!"})
        self.assertEqual(output["Input"], {"who": "Cy"})
        resources = {e["taskSucceededEventDetails"]["resource"] for e in self.task_events(execution)
                     if e["type"] == "TaskSucceeded"}
        self.assertEqual(resources, {"startExecution.sync:2"})

    def test_a_child_can_be_started_through_an_alias(self):
        arn = create("versioned-child", CHILD)
        # Raw calls: the system's boto3 may predate versions and aliases.
        _, _, published = sfnlocal.call(EMU.endpoint, "PublishStateMachineVersion",
                                        {"stateMachineArn": arn})
        version = published["stateMachineVersionArn"]
        _, _, created = sfnlocal.call(EMU.endpoint, "CreateStateMachineAlias", {
            "name": "live", "routingConfiguration": [{"stateMachineVersionArn": version, "weight": 100}]})
        alias = created["stateMachineAliasArn"]
        definition = parent("arn:aws:states:::states:startExecution.sync:2", "versioned-child",
                            {"who": "Eve"})
        definition["States"]["Nest"]["Parameters"]["StateMachineArn"] = alias
        _, d = run_parent("p-alias", definition)
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        self.assertEqual((output["StateMachineAliasArn"], output["StateMachineVersionArn"]),
                         (alias, version))
        self.assertEqual(output["Output"], {"greeting": "Hello, Eve!"})

    def test_string_input_is_passed_as_json_text(self):
        _, d = run_parent("p-text", parent("arn:aws:states:::states:startExecution.sync:2", "child",
                                           json.dumps({"who": "Di"})))
        self.assertEqual(json.loads(d["output"])["Output"], {"greeting": "Hello, Di!"})

    def test_failing_child_fails_the_task(self):
        execution, d = run_parent("p-fail", parent("arn:aws:states:::states:startExecution.sync",
                                                   "failing-child"))
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.TaskFailed"))
        cause = json.loads(d["cause"])
        self.assertEqual((cause["Status"], cause["Error"], cause["Cause"]),
                         ("FAILED", "ChildBroke", "on purpose"))
        failed = self.task_events(execution)[-1]
        self.assertEqual(failed["type"], "TaskFailed")
        self.assertEqual(failed["taskFailedEventDetails"]["resource"], "startExecution.sync")

    def test_failing_child_can_be_caught(self):
        definition = parent("arn:aws:states:::states:startExecution.sync:2", "failing-child")
        definition["States"]["Nest"]["Catch"] = [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]
        definition["States"]["Caught"] = {"Type": "Pass", "End": True}
        _, d = run_parent("p-catch", definition)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"])["Error"], "States.TaskFailed")

    def test_stopping_the_parent_stops_a_sync_child(self):
        arn = create("p-stop", parent("arn:aws:states:::states:startExecution.sync", "slow-child",
                                      {}, Name="slow-run"))
        execution = SFN.start_execution(stateMachineArn=arn, name="run")["executionArn"]
        child_arn = f"{ACCOUNT_PREFIX}:execution:slow-child:slow-run"
        for _ in range(200):
            if any(e["executionArn"] == child_arn for e in
                   SFN.list_executions(stateMachineArn=f"{ACCOUNT_PREFIX}:stateMachine:slow-child")["executions"]):
                break
            time.sleep(0.02)
        # The child runs: its submission is recorded.
        for _ in range(200):
            if "TaskSubmitted" in [e["type"] for e in history(execution)]:
                break
            time.sleep(0.02)
        self.assertEqual([e["type"] for e in history(execution)],
                         ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                          "TaskSubmitted"])
        SFN.stop_execution(executionArn=execution)
        self.assertEqual(wait_done(execution)["status"], "ABORTED")
        self.assertEqual([e["type"] for e in history(execution)][-2:],
                         ["TaskSubmitted", "ExecutionAborted"])
        child = wait_done(child_arn)
        self.assertEqual(child["status"], "ABORTED")
        self.assertEqual(child["cause"], "The Task state in AWS Step Functions execution "
                                         f"[{execution}] which was managing this resource was aborted")
        self.assertNotIn("error", child)

    def test_a_timed_out_sync_task_stops_its_child(self):
        definition = parent("arn:aws:states:::states:startExecution.sync:2", "slow-child", {},
                            Name="timed-out-run")
        definition["States"]["Nest"]["TimeoutSeconds"] = 1
        execution, d = run_parent("p-timeout", definition)
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.Timeout"))
        self.assertIn("TaskTimedOut", [e["type"] for e in self.task_events(execution)])
        child = wait_done(f"{ACCOUNT_PREFIX}:execution:slow-child:timed-out-run")
        self.assertEqual(child["status"], "ABORTED")
        self.assertIn(f"[{execution}]", child["cause"])

    def test_unknown_child_machine_fails_the_task(self):
        execution, d = run_parent("p-missing", parent("arn:aws:states:::states:startExecution.sync",
                                                      "no-such-machine"))
        self.assertEqual((d["status"], d["error"]),
                         ("FAILED", "StepFunctions.StateMachineDoesNotExistException"))
        self.assertTrue(d["cause"].startswith(
            f"State Machine Does Not Exist: '{ACCOUNT_PREFIX}:stateMachine:no-such-machine' "
            "(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; "
            "Request ID: "), d["cause"])
        self.assertNotIn("TaskSubmitted", [e["type"] for e in self.task_events(execution)])

    def test_wait_for_task_token_starts_the_child_and_waits_for_the_callback(self):
        definition = {"QueryLanguage": "JSONata", "StartAt": "Nest", "States": {"Nest": {
            "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
            "Arguments": {"StateMachineArn": f"{ACCOUNT_PREFIX}:stateMachine:token-child",
                          "Name": "token-run",
                          "Input": {"token": "{% $states.context.Task.Token %}",
                                    "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":
                                        "{% $states.context.Execution.Id %}"}},
            "End": True}}}
        arn = create("p-token", definition)
        execution = SFN.start_execution(stateMachineArn=arn, name="run")["executionArn"]
        for _ in range(200):
            try:
                child = wait_done(f"{ACCOUNT_PREFIX}:execution:token-child:token-run")
                break
            except SFN.exceptions.ExecutionDoesNotExist:
                time.sleep(0.02)
        child_input = json.loads(child["input"])
        self.assertEqual(child_input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"], execution)
        self.assertEqual(SFN.describe_execution(executionArn=execution)["status"], "RUNNING")
        SFN.send_task_success(taskToken=child_input["token"], output=json.dumps({"answered": 1}))
        d = wait_done(execution)
        self.assertEqual((d["status"], json.loads(d["output"])), ("SUCCEEDED", {"answered": 1}))
        self.assertEqual([e["type"] for e in self.task_events(execution)],
                         ["TaskScheduled", "TaskStarted", "TaskSucceeded"])

    def test_a_route_wins_over_the_built_in_integration(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as routes:
            json.dump({"routes": [{"resource": "arn:aws:states:::states:startExecution",
                                   "return": {"routed": True}}]}, routes)
            routes.flush()
            emulator = sfnlocal.Emulator(BINARY, "--config", routes.name)
            try:
                sfn = client(emulator)
                create("child", CHILD, sfn)
                arn = create("p-routed", parent("arn:aws:states:::states:startExecution", "child"), sfn)
                execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
                for _ in range(200):
                    d = sfn.describe_execution(executionArn=execution)
                    if d["status"] != "RUNNING":
                        break
                    time.sleep(0.02)
                self.assertEqual((d["status"], json.loads(d["output"])), ("SUCCEEDED", {"routed": True}))
                children = sfn.list_executions(stateMachineArn=f"{ACCOUNT_PREFIX}:stateMachine:child")
                self.assertEqual(children["executions"], [])
            finally:
                self.assertEqual(emulator.stop()[0], 0)


if __name__ == "__main__":
    sfnlocal.run_unittests()
