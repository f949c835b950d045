#!/usr/bin/python3
"""sfn-local driven by boto3 (python3-boto3): the state machine and execution
lifecycles, paginators, timestamps, tags, StartSyncExecution and the error
codes and messages boto3 surfaces as ClientError.

Usage: boto3_test.py PATH/TO/sfn-local (exits 77 when boto3 is missing)
"""

import datetime
import json
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
LONG_WAIT = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": True}}})


def client(**config):
    return sfnlocal.boto3_client(EMU.endpoint, **config)


def setUpModule():
    global EMU, SFN
    warnings.simplefilter("ignore", ResourceWarning)  # botocore's pooled sockets
    EMU = sfnlocal.Emulator(BINARY)
    SFN = client()


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}"


def wait_done(execution_arn):
    for _ in range(200):
        d = SFN.describe_execution(executionArn=execution_arn)
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.02)
    raise AssertionError("execution still running")


class Boto3(unittest.TestCase):
    def error(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        e = caught.exception.response["Error"]
        return e["Code"], e["Message"]

    def test_state_machine_lifecycle_and_paging(self):
        hello = sfnlocal.sample("hello-world.asl.json")
        arns = [SFN.create_state_machine(name=f"b3-{i}", definition=hello, roleArn=ROLE)["stateMachineArn"]
                for i in range(5)]
        d = SFN.describe_state_machine(stateMachineArn=arns[0])
        self.assertIsInstance(d["creationDate"], datetime.datetime)
        self.assertEqual((d["status"], d["type"], d["definition"]), ("ACTIVE", "STANDARD", hello))
        self.assertEqual(d["loggingConfiguration"], {"level": "OFF", "includeExecutionData": False})
        names = []
        for page in SFN.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 2}):
            names += [m["name"] for m in page["stateMachines"]]
        self.assertEqual([n for n in names if n[3:].isdigit()], [f"b3-{i}" for i in range(5)])
        # (The installed botocore model predates revisionId; raw_http_test checks it.)
        update = SFN.update_state_machine(stateMachineArn=arns[1], definition=LONG_WAIT)
        self.assertIsInstance(update["updateDate"], datetime.datetime)
        self.assertEqual(SFN.describe_state_machine(stateMachineArn=arns[1])["definition"], LONG_WAIT)
        SFN.delete_state_machine(stateMachineArn=arns[4])
        self.assertEqual(self.error(SFN.describe_state_machine, stateMachineArn=arns[4]),
                         ("StateMachineDoesNotExist", f"State Machine Does Not Exist: '{arns[4]}'"))
        self.assertEqual(self.error(SFN.create_state_machine, name="b3-0", definition=LONG_WAIT, roleArn=ROLE),
                         ("StateMachineAlreadyExists", f"State Machine Already Exists: '{arns[0]}'"))
        self.assertEqual(self.error(SFN.list_state_machines, maxResults=1001)[0], "ValidationException")

    def test_execution_lifecycle(self):
        arn = SFN.create_state_machine(name="b3-hello", definition=sfnlocal.sample("hello-world.asl.json"),
                                       roleArn=ROLE)["stateMachineArn"]
        started = SFN.start_execution(stateMachineArn=arn, name="polite",
                                      input=json.dumps({"who": "World", "polite": True}))
        self.assertIsInstance(started["startDate"], datetime.datetime)
        d = wait_done(started["executionArn"])
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"greeting": "Hello, World!", "polite": True})
        rude = SFN.start_execution(stateMachineArn=arn, input=json.dumps({"who": "you", "polite": False}))
        self.assertEqual(json.loads(wait_done(rude["executionArn"])["output"]),
                         {"greeting": "Hello, you!", "polite": False, "mood": "whatever"})
        listed = [e["name"] for p in SFN.get_paginator("list_executions").paginate(
            stateMachineArn=arn, PaginationConfig={"PageSize": 1}) for e in p["executions"]]
        self.assertEqual(len(listed), 2)
        self.assertEqual(listed[1], "polite")  # newest first
        events = [e for p in SFN.get_paginator("get_execution_history").paginate(
            executionArn=started["executionArn"], PaginationConfig={"PageSize": 3}) for e in p["events"]]
        self.assertEqual(events[0]["type"], "ExecutionStarted")
        self.assertEqual(events[-1]["type"], "ExecutionSucceeded")
        self.assertIsInstance(events[0]["timestamp"], datetime.datetime)
        for_exec = SFN.describe_state_machine_for_execution(executionArn=started["executionArn"])
        self.assertEqual(for_exec["stateMachineArn"], arn)
        self.assertEqual(self.error(SFN.start_execution, stateMachineArn=arn, name="polite", input="{}"),
                         ("ExecutionAlreadyExists", f"Execution Already Exists: '{started['executionArn']}'"))
        self.assertEqual(self.error(SFN.start_execution, stateMachineArn=arn, input="{'not': 'json'"),
                         ("InvalidExecutionInput", "Invalid State Machine Execution Input: 'Unexpected "
                          "character (''' (code 39)): was expecting double-quote to start field name'"))
        self.assertEqual(self.error(SFN.start_execution, stateMachineArn=arn, name="a b"),
                         ("InvalidName", "Invalid Name: 'a b'"))
        self.assertEqual(self.error(SFN.describe_execution, executionArn="invalid_execution_arn"),
                         ("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: invalid_execution_arn'"))

    def test_stop_and_tags(self):
        arn = SFN.create_state_machine(name="b3-wait", definition=LONG_WAIT, roleArn=ROLE,
                                       tags=[{"key": "team", "value": "a"}])["stateMachineArn"]
        execution = SFN.start_execution(stateMachineArn=arn)["executionArn"]
        SFN.stop_execution(executionArn=execution, error="Stopped", cause="by the test")
        d = wait_done(execution)
        self.assertEqual((d["status"], d["error"], d["cause"]), ("ABORTED", "Stopped", "by the test"))
        SFN.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "dev"}])
        SFN.untag_resource(resourceArn=arn, tagKeys=["team"])
        self.assertEqual(SFN.list_tags_for_resource(resourceArn=arn)["tags"], [{"key": "env", "value": "dev"}])

    def test_express_and_start_sync_execution(self):
        arn = SFN.create_state_machine(name="b3-express", type="EXPRESS", roleArn=ROLE,
                                       definition=sfnlocal.sample("hello-world.asl.json"))["stateMachineArn"]
        # The SDK prefixes the host with "sync-" for StartSyncExecution; a local
        # endpoint given by IP address needs that switched off.
        sync = client(inject_host_prefix=False).start_sync_execution(
            stateMachineArn=arn, input=json.dumps({"who": "sync", "polite": True}))
        self.assertEqual(sync["status"], "SUCCEEDED")
        self.assertEqual(json.loads(sync["output"]), {"greeting": "Hello, sync!", "polite": True})
        self.assertIn(":express:b3-express:", sync["executionArn"])
        self.assertEqual(self.error(SFN.list_executions, stateMachineArn=arn),
                         ("StateMachineTypeNotSupported",
                          "This operation is not supported by this type of state machine"))
        execution = SFN.start_execution(stateMachineArn=arn)["executionArn"]
        self.assertEqual(self.error(SFN.describe_execution, executionArn=execution),
                         ("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'"))

    def test_distributed_map_runs(self):
        definition = json.dumps({"StartAt": "Fan", "States": {"Fan": {
            "Type": "Map", "Label": "fan", "MaxConcurrency": 2, "ToleratedFailureCount": 1, "End": True,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                              "StartAt": "Check", "States": {"Check": {
                                  "Type": "Choice", "Default": "Ok",
                                  "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}]},
                                  "Ok": {"Type": "Succeed"},
                                  "Bad": {"Type": "Fail", "Error": "Three"}}}}}})
        arn = SFN.create_state_machine(name="b3-map-run", definition=definition,
                                       roleArn=ROLE)["stateMachineArn"]
        execution = SFN.start_execution(stateMachineArn=arn, input="[1, 2, 3, 4]")["executionArn"]
        self.assertEqual(wait_done(execution)["status"], "SUCCEEDED")
        runs = SFN.list_map_runs(executionArn=execution)["mapRuns"]
        self.assertEqual(len(runs), 1)
        self.assertEqual(runs[0]["stateMachineArn"], arn + "/fan")
        self.assertIsInstance(runs[0]["stopDate"], datetime.datetime)
        d = SFN.describe_map_run(mapRunArn=runs[0]["mapRunArn"])
        self.assertEqual((d["status"], d["maxConcurrency"], d["toleratedFailureCount"]),
                         ("SUCCEEDED", 2, 1))
        self.assertEqual({k: d["itemCounts"][k] for k in ("total", "succeeded", "failed", "pending")},
                         {"total": 4, "succeeded": 3, "failed": 1, "pending": 0})
        history = SFN.get_execution_history(executionArn=execution)["events"]
        started = [e for e in history if e["type"] == "MapRunStarted"][0]
        self.assertEqual(started["mapRunStartedEventDetails"]["mapRunArn"], runs[0]["mapRunArn"])
        SFN.update_map_run(mapRunArn=runs[0]["mapRunArn"], maxConcurrency=5)
        self.assertEqual(SFN.describe_map_run(mapRunArn=runs[0]["mapRunArn"])["maxConcurrency"], 5)
        missing = runs[0]["mapRunArn"][:-4] + "0000"
        self.assertEqual(self.error(SFN.describe_map_run, mapRunArn=missing),
                         ("ResourceNotFound", f"Resource not found: '{missing}'"))
        self.assertEqual(self.error(SFN.list_map_runs, executionArn=execution + "x")[0],
                         "ExecutionDoesNotExist")

    def test_role_arn_and_default_configurations(self):
        hello = sfnlocal.sample("hello-world.asl.json")
        self.assertEqual(self.error(SFN.create_state_machine, name="b3-role", definition=hello,
                                    roleArn="arn:aws:iam::aws:policy/AWSBatchFullAccess"),
                         ("InvalidArn", "Invalid Role Arn: 'arn:aws:iam::aws:policy/AWSBatchFullAccess'"))
        arn = SFN.create_state_machine(name="b3-role", definition=hello, roleArn=ROLE)["stateMachineArn"]
        self.assertEqual(self.error(SFN.update_state_machine, stateMachineArn=arn, roleArn="role"),
                         ("InvalidArn", "Invalid Role Arn: 'role'"))
        d = SFN.describe_state_machine(stateMachineArn=arn)
        self.assertEqual(d["loggingConfiguration"], {"level": "OFF", "includeExecutionData": False})
        self.assertEqual(d["tracingConfiguration"], {"enabled": False})
        SFN.update_state_machine(stateMachineArn=arn, roleArn="arn:aws:iam::123456789012:role/path/other")
        self.assertEqual(SFN.describe_state_machine(stateMachineArn=arn)["roleArn"],
                         "arn:aws:iam::123456789012:role/path/other")

    def test_arns_use_the_partition_of_the_region(self):
        hello = sfnlocal.sample("hello-world.asl.json")
        for region, partition in (("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov"),
                                  ("us-iso-east-1", "aws-iso"), ("us-isob-east-1", "aws-iso-b")):
            sfn = sfnlocal.boto3_client(EMU.endpoint, region=region)
            role = f"arn:{partition}:iam::123456789012:role/r"
            arn = sfn.create_state_machine(name="b3-part", definition=hello, roleArn=role)["stateMachineArn"]
            self.assertEqual(arn, f"arn:{partition}:states:{region}:123456789012:stateMachine:b3-part")
            execution = sfn.start_execution(stateMachineArn=arn, name="e")["executionArn"]
            self.assertEqual(execution, f"arn:{partition}:states:{region}:123456789012:execution:b3-part:e")
            self.assertEqual(sfn.describe_execution(executionArn=execution)["stateMachineArn"], arn)
            self.assertEqual([m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]], [arn])
            activity = sfn.create_activity(name="b3-part")["activityArn"]
            self.assertEqual(activity, f"arn:{partition}:states:{region}:123456789012:activity:b3-part")
            self.assertEqual(sfn.describe_activity(activityArn=activity)["name"], "b3-part")

if __name__ == "__main__":
    sfnlocal.run_unittests()
