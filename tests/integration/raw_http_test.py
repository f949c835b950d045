#!/usr/bin/python3
"""sfn-local over raw HTTP: the protocol's error paths (unknown action,
malformed and mistyped bodies, oversized bodies), the actions the installed
AWS CLI and boto3 models predate (versions, aliases,
ValidateStateMachineDefinition), history paging, keep-alive sizing, pipelined requests and a
prompt SIGTERM.

Usage: raw_http_test.py PATH/TO/sfn-local
"""

import http.client
import json
import os
import socket
import subprocess
import tempfile
import time
import unittest

import sfnlocal
from sfnlocal import ROLE, call

BINARY = None
EMU = None

PASS_CHOICE = json.dumps({
    "StartAt": "A",
    "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "D"}],
              "Default": "D"},
        "D": {"Type": "Succeed"},
    },
})
LONG_WAIT = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": True}}})


def setUpModule():
    global EMU
    EMU = sfnlocal.Emulator(BINARY)


def tearDownModule():
    code, seconds = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}"


def ok(action, body):
    status, _, out = call(EMU.endpoint, action, body)
    if status != 200:
        raise AssertionError(f"{action} {body}: HTTP {status} {out}")
    return out


def create(name, definition=PASS_CHOICE, **extra):
    return ok("CreateStateMachine", {"name": name, "definition": definition, "roleArn": ROLE, **extra})


def wait_done(execution_arn):
    for _ in range(200):
        d = ok("DescribeExecution", {"executionArn": execution_arn})
        if d["status"] != "RUNNING":
            return d
        time.sleep(0.02)
    raise AssertionError("execution still running")


def raw_request(action, body):
    """One complete HTTP/1.1 POST, as bytes."""
    payload = json.dumps(body).encode()
    head = (f"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.{action}\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\nContent-Length: {len(payload)}\r\n\r\n")
    return head.encode() + payload


def read_response(reader):
    """Status, lower-cased headers and body of one response read from `reader`."""
    status_line = reader.readline()
    if not status_line:
        raise AssertionError("connection closed before the answer")
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = reader.readline().rstrip(b"\r\n")
        if not line:
            break
        key, _, value = line.decode().partition(":")
        headers[key.strip().lower()] = value.strip()
    body = reader.read(int(headers.get("content-length", "0")))
    return status, headers, body


class ProtocolErrors(unittest.TestCase):
    def test_unknown_action(self):
        status, headers, body = call(EMU.endpoint, "NoSuchThing", {})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-ErrorType"], "UnknownOperationException")
        self.assertEqual(body, {"__type": "com.amazon.coral.service#UnknownOperationException"})

    def test_missing_target(self):
        status, _, body = call(EMU.endpoint, "ListStateMachines", {}, {"X-Amz-Target": None})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "com.amazon.coral.service#UnknownOperationException")

    def test_malformed_json(self):
        status, headers, body = call(EMU.endpoint, "ListStateMachines", "{not json", raw=True)
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-ErrorType"], "SerializationException")
        self.assertEqual(body, {"__type": "com.amazon.coral.service#SerializationException"})

    def test_mistyped_fields(self):
        cases = [
            ({"stateMachineArn": 12}, "NUMBER_VALUE cannot be converted to String"),
            ({"stateMachineArn": True}, "TRUE_VALUE cannot be converted to String"),
            ({"stateMachineArn": ["a"]}, "Unrecognized collection type class java.lang.String"),
            ({"stateMachineArn": {}}, "Start of structure or map found where not expected"),
        ]
        for request, message in cases:
            status, _, body = call(EMU.endpoint, "DescribeStateMachine", request)
            self.assertEqual(status, 400)
            self.assertEqual(body, {"__type": "com.amazon.coral.service#SerializationException",
                                    "Message": message})
        status, _, body = call(EMU.endpoint, "ListStateMachines", {"maxResults": "5"})
        self.assertEqual(body["Message"], "STRING_VALUE cannot be converted to Integer")

    def test_missing_and_out_of_range_fields(self):
        status, headers, body = call(EMU.endpoint, "CreateStateMachine", {"name": "x"})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-ErrorType"], "ValidationException")
        self.assertEqual(body, {
            "__type": "com.amazon.coral.validate#ValidationException",
            "message": "2 validation errors detected: Value null at 'definition' failed to satisfy "
                       "constraint: Member must not be null; Value null at 'roleArn' failed to "
                       "satisfy constraint: Member must not be null"})
        _, _, body = call(EMU.endpoint, "ListExecutions", {"stateMachineArn": "a", "nextToken": "t" * 3097})
        self.assertEqual(body["message"],
                         "1 validation error detected: Value '" + "t" * 3097 + "' at 'nextToken' "
                         "failed to satisfy constraint: Member must have length less than or equal to 3096")
        _, _, body = call(EMU.endpoint, "CreateStateMachine",
                          {"name": "n" * 81, "definition": "{}", "roleArn": ROLE})
        self.assertEqual(body["message"],
                         "1 validation error detected: Value '" + "n" * 81 + "' at 'name' failed "
                         "to satisfy constraint: Member must have length less than or equal to 80")

    def test_unknown_fields_are_ignored(self):
        status, _, body = call(EMU.endpoint, "ListStateMachines", {"noSuchField": [1, {"a": 2}]})
        self.assertEqual(status, 200)
        self.assertIn("stateMachines", body)

    def test_invalid_arn_and_name(self):
        _, headers, body = call(EMU.endpoint, "DescribeExecution", {"executionArn": "nope"})
        self.assertEqual(headers["x-amzn-ErrorType"], "InvalidArn")
        self.assertEqual(body, {"__type": "com.amazonaws.swf.service.v2.model#InvalidArn",
                                "message": "Invalid Arn: 'Invalid ARN prefix: nope'"})
        _, _, body = call(EMU.endpoint, "CreateStateMachine",
                          {"name": "bad{name", "definition": PASS_CHOICE, "roleArn": ROLE})
        self.assertEqual(body["message"], "Invalid Name: 'bad{name'")

    def test_oversized_body_is_refused(self):
        body = b'{"name":"' + b"x" * (1024 * 1024) + b'"}'
        status, headers, out = call(EMU.endpoint, "ListStateMachines", body)
        self.assertEqual(status, 413)
        self.assertEqual(headers["x-amzn-ErrorType"], "RequestEntityTooLargeException")
        self.assertEqual(out["__type"], "com.amazon.coral.service#RequestEntityTooLargeException")
        self.assertEqual(ok("ListStateMachines", {})["stateMachines"] is not None, True)

    def test_oversized_body_refused_before_it_is_sent(self):
        conn = http.client.HTTPConnection(EMU.host, EMU.port, timeout=5)
        conn.putrequest("POST", "/")
        conn.putheader("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
        conn.putheader("Content-Type", "application/x-amz-json-1.0")
        conn.putheader("Content-Length", str(64 * 1024 * 1024))
        conn.putheader("Expect", "100-continue")
        conn.endheaders()  # no body: the answer must come anyway
        response = conn.getresponse()
        self.assertEqual(response.status, 413)
        self.assertEqual(json.loads(response.read())["__type"],
                         "com.amazon.coral.service#RequestEntityTooLargeException")
        conn.close()


class Api(unittest.TestCase):
    def test_region_comes_from_the_sigv4_scope(self):
        auth = sfnlocal.AUTH.replace("us-east-1", "eu-west-1")
        status, _, out = call(EMU.endpoint, "CreateStateMachine",
                              {"name": "regional", "definition": PASS_CHOICE, "roleArn": ROLE},
                              {"Authorization": auth})
        self.assertEqual(status, 200)
        self.assertEqual(out["stateMachineArn"], "arn:aws:states:eu-west-1:123456789012:stateMachine:regional")
        names = [m["name"] for m in ok("ListStateMachines", {})["stateMachines"]]
        self.assertNotIn("regional", names)

    def test_history_paging_and_options(self):
        arn = create("paged-history")["stateMachineArn"]
        execution = ok("StartExecution", {"stateMachineArn": arn, "input": '{"x": 1}'})["executionArn"]
        self.assertEqual(wait_done(execution)["status"], "SUCCEEDED")
        events, token, pages = [], None, 0
        while True:
            request = {"executionArn": execution, "maxResults": 3}
            if token:
                request["nextToken"] = token
            page = ok("GetExecutionHistory", request)
            events += page["events"]
            pages += 1
            token = page.get("nextToken")
            if not token:
                break
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered",
                          "PassStateExited", "ChoiceStateEntered", "ChoiceStateExited",
                          "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
        self.assertEqual([e["id"] for e in events], list(range(1, 11)))
        self.assertEqual(pages, 4)
        reverse = ok("GetExecutionHistory", {"executionArn": execution, "reverseOrder": True,
                                             "includeExecutionData": False})["events"]
        self.assertEqual(reverse[0]["type"], "ExecutionSucceeded")
        self.assertNotIn("output", reverse[0]["executionSucceededEventDetails"])
        self.assertIsInstance(reverse[0]["timestamp"], float)
        status, _, out = call(EMU.endpoint, "GetExecutionHistory", {"executionArn": execution, "nextToken": "x"})
        self.assertEqual(out["message"], "Invalid Token: 'Invalid token'")

    def test_publishing_an_unchanged_revision(self):
        # Recorded on AWS (LocalStack's test_sfn_api_versioning snapshots,
        # test_empty_revision_with_publish_*): an update that changes nothing
        # keeps the first revision (no revisionId) and publishing it again
        # answers its existing version; a new versionDescription does not make
        # another (publishing is idempotent on the revision).
        created = create("unchanged", publish=True)
        arn = created["stateMachineArn"]
        for extra in ({}, {"versionDescription": "another"}):
            update = ok("UpdateStateMachine", {"stateMachineArn": arn, "definition": PASS_CHOICE,
                                               "publish": True, **extra})
            self.assertEqual(update["stateMachineVersionArn"], arn + ":1")
            self.assertNotIn("revisionId", update)
        self.assertEqual(len(ok("ListStateMachineVersions", {"stateMachineArn": arn})["stateMachineVersions"]), 1)
        d = ok("DescribeStateMachine", {"stateMachineArn": arn})
        self.assertEqual((d["loggingConfiguration"], d["tracingConfiguration"]),
                         ({"level": "OFF", "includeExecutionData": False}, {"enabled": False}))
        update = ok("UpdateStateMachine", {"stateMachineArn": arn, "definition": LONG_WAIT, "publish": True})
        self.assertEqual(update["stateMachineVersionArn"], arn + ":2")
        self.assertEqual(len(update["revisionId"]), 36)

    def test_versions_and_aliases(self):
        created = create("versioned", publish=True, versionDescription="v1")
        arn = created["stateMachineArn"]
        self.assertEqual(created["stateMachineVersionArn"], arn + ":1")
        update = ok("UpdateStateMachine", {"stateMachineArn": arn, "definition": LONG_WAIT, "publish": True})
        self.assertEqual(update["stateMachineVersionArn"], arn + ":2")
        revision = update["revisionId"]
        _, _, out = call(EMU.endpoint, "PublishStateMachineVersion", {"stateMachineArn": arn, "revisionId": "old"})
        self.assertEqual(out["message"], "Failed to publish the State Machine version for revision old. "
                                         f"The current State Machine revision is {revision}.")
        versions = ok("ListStateMachineVersions", {"stateMachineArn": arn, "maxResults": 1})
        self.assertEqual([v["stateMachineVersionArn"] for v in versions["stateMachineVersions"]], [arn + ":2"])
        rest = ok("ListStateMachineVersions", {"stateMachineArn": arn, "nextToken": versions["nextToken"]})
        self.assertEqual([v["stateMachineVersionArn"] for v in rest["stateMachineVersions"]], [arn + ":1"])
        routing = [{"stateMachineVersionArn": arn + ":1", "weight": 70},
                   {"stateMachineVersionArn": arn + ":2", "weight": 29}]
        _, _, out = call(EMU.endpoint, "CreateStateMachineAlias", {"name": "live", "routingConfiguration": routing})
        self.assertEqual(out["message"], "Sum of routing configuration weights must equal 100. Received: [70, 29]")
        routing[1]["weight"] = 30
        alias = ok("CreateStateMachineAlias", {"name": "live", "routingConfiguration": routing})["stateMachineAliasArn"]
        self.assertEqual(alias, arn + ":live")
        described = ok("DescribeStateMachineAlias", {"stateMachineAliasArn": alias})
        self.assertEqual(described["routingConfiguration"], routing)
        ok("UpdateStateMachineAlias", {"stateMachineAliasArn": alias,
                                       "routingConfiguration": [{"stateMachineVersionArn": arn + ":1", "weight": 100}]})
        run = ok("StartExecution", {"stateMachineArn": alias})["executionArn"]
        d = wait_done(run)
        self.assertEqual(d["stateMachineAliasArn"], alias)
        self.assertEqual(d["stateMachineVersionArn"], arn + ":1")
        _, _, out = call(EMU.endpoint, "DeleteStateMachineVersion", {"stateMachineVersionArn": arn + ":1"})
        self.assertEqual(out["message"], "Version to be deleted must not be referenced by an alias. "
                                         "Current list of aliases referencing this version: [live]")
        ok("DeleteStateMachineAlias", {"stateMachineAliasArn": alias})
        ok("DeleteStateMachineVersion", {"stateMachineVersionArn": arn + ":1"})
        self.assertEqual(len(ok("ListStateMachineVersions", {"stateMachineArn": arn})["stateMachineVersions"]), 1)

    def test_validate_state_machine_definition(self):
        out = ok("ValidateStateMachineDefinition", {"definition": PASS_CHOICE})
        self.assertEqual(out, {"result": "OK", "diagnostics": [], "truncated": False})
        out = ok("ValidateStateMachineDefinition", {"definition": '{"StartAt": "A"}'})
        self.assertEqual(out["result"], "FAIL")
        self.assertEqual(out["diagnostics"][0]["code"], "SCHEMA_VALIDATION_FAILED")

    def test_stop_execution(self):
        arn = create("waiting", LONG_WAIT)["stateMachineArn"]
        execution = ok("StartExecution", {"stateMachineArn": arn, "name": "w1"})["executionArn"]
        stopped = ok("StopExecution", {"executionArn": execution, "error": "Because", "cause": "tests"})
        self.assertIsInstance(stopped["stopDate"], float)
        d = wait_done(execution)
        self.assertEqual((d["status"], d.get("error"), d.get("cause")), ("ABORTED", "Because", "tests"))
        events = ok("GetExecutionHistory", {"executionArn": execution})["events"]
        self.assertEqual(events[-1]["type"], "ExecutionAborted")


class Encryption(unittest.TestCase):
    """encryptionConfiguration, which the installed boto3 model predates."""

    def fail(self, action, body):
        status, _, out = call(EMU.endpoint, action, body)
        self.assertEqual(status, 400)
        return out["__type"].split("#")[-1], out["message"]

    def test_checked_stored_and_described(self):
        cmk = {"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "alias/k"}
        self.assertEqual(self.fail("CreateStateMachine", {"name": "enc", "definition": PASS_CHOICE, "roleArn": ROLE,
                                                          "encryptionConfiguration": {"type": cmk["type"]}}),
                         ("InvalidEncryptionConfiguration", "Invalid Encryption Configuration: 'kmsKeyId' is "
                          "required when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'."))
        self.assertEqual(self.fail("CreateActivity", {"name": "enc", "encryptionConfiguration": {
            "type": "AWS_OWNED_KEY", "kmsKeyId": "k"}}),
                         ("InvalidEncryptionConfiguration", "Invalid Encryption Configuration: 'kmsKeyId' can only "
                          "be specified when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'."))
        self.assertEqual(self.fail("CreateActivity", {"name": "enc", "encryptionConfiguration": {
            **cmk, "kmsDataKeyReusePeriodSeconds": 901}}),
                         ("ValidationException", "1 validation error detected: Value '901' at "
                          "'encryptionConfiguration.kmsDataKeyReusePeriodSeconds' failed to satisfy constraint: "
                          "Member must have value less than or equal to 900"))
        self.assertEqual(self.fail("CreateStateMachine", {"name": "enc", "definition": PASS_CHOICE, "roleArn": ROLE,
                                                          "encryptionConfiguration": {"kmsKeyId": ""}}),
                         ("ValidationException", "2 validation errors detected: Value '' at "
                          "'encryptionConfiguration.kmsKeyId' failed to satisfy constraint: Member must have "
                          "length greater than or equal to 1; Value null at 'encryptionConfiguration.type' "
                          "failed to satisfy constraint: Member must not be null"))
        arn = create("enc")["stateMachineArn"]
        self.assertEqual(ok("DescribeStateMachine", {"stateMachineArn": arn})["encryptionConfiguration"],
                         {"type": "AWS_OWNED_KEY"})
        updated = ok("UpdateStateMachine", {"stateMachineArn": arn, "encryptionConfiguration": cmk, "publish": True})
        self.assertEqual(updated["stateMachineVersionArn"], arn + ":1")
        self.assertEqual(len(updated["revisionId"]), 36)
        stored = {**cmk, "kmsDataKeyReusePeriodSeconds": 300}
        self.assertEqual(ok("DescribeStateMachine", {"stateMachineArn": arn})["encryptionConfiguration"], stored)
        self.assertEqual(ok("DescribeStateMachine", {"stateMachineArn": arn + ":1"})["encryptionConfiguration"],
                         stored)
        execution = ok("StartExecution", {"stateMachineArn": arn})["executionArn"]
        wait_done(execution)
        described = ok("DescribeStateMachineForExecution", {"executionArn": execution})
        self.assertEqual(described["encryptionConfiguration"], stored)
        activity = ok("CreateActivity", {"name": "enc", "encryptionConfiguration": {
            **cmk, "kmsDataKeyReusePeriodSeconds": 60}})["activityArn"]
        self.assertEqual(ok("DescribeActivity", {"activityArn": activity})["encryptionConfiguration"],
                         {**cmk, "kmsDataKeyReusePeriodSeconds": 60})
        plain = ok("CreateActivity", {"name": "enc-plain"})["activityArn"]
        self.assertEqual(ok("DescribeActivity", {"activityArn": plain})["encryptionConfiguration"],
                         {"type": "AWS_OWNED_KEY"})

class CommandLine(unittest.TestCase):
    """--config (routes and preloaded state machines) and --mock-config."""

    def test_config_and_mock_config(self):
        with tempfile.TemporaryDirectory() as tmp:
            task = json.dumps({"StartAt": "T", "States": {"T": {
                "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "End": True}}})
            with open(os.path.join(tmp, "task.asl.json"), "w") as f:
                f.write(task)
            with open(os.path.join(tmp, "routes.json"), "w") as f:
                json.dump({"routes": [{"resource": "arn:aws:states:::dynamodb:getItem",
                                       "return": {"Item": "from-route"}}],
                           "stateMachines": [{"name": "Preloaded", "definition": "task.asl.json"}]}, f)
            with open(os.path.join(tmp, "mocks.json"), "w") as f:
                json.dump({"StateMachines": {"Preloaded": {"TestCases": {"Happy": {"T": "Ok"}}}},
                           "MockedResponses": {"Ok": {"0": {"Return": {"Item": "mocked"}}}}}, f)
            emu = sfnlocal.Emulator(BINARY, "--config", os.path.join(tmp, "routes.json"),
                                    "--mock-config", os.path.join(tmp, "mocks.json"))
            try:
                arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Preloaded"
                _, _, described = call(emu.endpoint, "DescribeStateMachine", {"stateMachineArn": arn})
                self.assertEqual(described["definition"], task)
                outputs = []
                for target in (arn, arn + "#Happy"):
                    _, _, started = call(emu.endpoint, "StartExecution", {"stateMachineArn": target})
                    for _ in range(200):
                        _, _, d = call(emu.endpoint, "DescribeExecution",
                                       {"executionArn": started["executionArn"]})
                        if d["status"] != "RUNNING":
                            break
                        time.sleep(0.02)
                    outputs.append(json.loads(d["output"]))
                self.assertEqual(outputs, [{"Item": "from-route"}, {"Item": "mocked"}])
                status, _, out = call(emu.endpoint, "StartExecution", {"stateMachineArn": arn + "#Nope"})
                self.assertEqual((status, out["__type"].split("#")[1]), (400, "InvalidName"))
            finally:
                self.assertEqual(emu.stop()[0], 0)

    def test_bad_config_is_refused(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            f.write('{"routes": 5}')
            f.flush()
            proc = subprocess.run([BINARY, "serve", "--port", "0", "--config", f.name],
                                  capture_output=True, text=True, timeout=10)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("sfn-local: --config: ", proc.stderr)


class Connections(unittest.TestCase):
    def test_idle_connections_do_not_starve_requests(self):
        idle = [socket.create_connection((EMU.host, EMU.port)) for _ in range(300)]
        try:
            started = time.monotonic()
            ok("ListStateMachines", {})
            self.assertLess(time.monotonic() - started, 2.0)
        finally:
            for s in idle:
                s.close()

    def test_pipelined_requests_are_all_answered_in_order(self):
        # Five complete requests in one write, before any answer is read.
        names = [f"pipelined-{i}" for i in range(3)]
        bodies = [("CreateStateMachine", {"name": n, "definition": PASS_CHOICE, "roleArn": ROLE})
                  for n in names]
        bodies += [("ListStateMachines", {}), ("NoSuchThing", {})]
        wire = b"".join(raw_request(action, body) for action, body in bodies)
        with socket.create_connection((EMU.host, EMU.port), timeout=5) as s:
            s.sendall(wire)
            reader = s.makefile("rb")
            answers = [read_response(reader) for _ in bodies]
            for name, (status, _, body) in zip(names, answers[:3]):
                self.assertEqual(status, 200, body)
                self.assertTrue(json.loads(body)["stateMachineArn"].endswith(":" + name))
            status, _, body = answers[3]
            self.assertEqual(status, 200)
            listed = {m["name"] for m in json.loads(body)["stateMachines"]}
            self.assertLessEqual(set(names), listed)
            status, headers, _ = answers[4]
            self.assertEqual(status, 400)
            self.assertEqual(headers["x-amzn-errortype"], "UnknownOperationException")
            # The connection is still usable afterwards.
            s.sendall(raw_request("DescribeStateMachine",
                                  {"stateMachineArn": json.loads(answers[0][2])["stateMachineArn"]}))
            status, _, body = read_response(reader)
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body)["name"], names[0])

    def test_start_then_describe_on_one_connection_sees_the_run_ended(self):
        # StartExecution answers first; the execution's states run before the
        # connection's next request is read, so a short one has ended by then.
        arn = create("one-connection")["stateMachineArn"]
        with socket.create_connection((EMU.host, EMU.port), timeout=5) as s:
            reader = s.makefile("rb")
            for i in range(20):
                s.sendall(raw_request("StartExecution", {"stateMachineArn": arn,
                                                         "input": json.dumps({"x": i})}))
                status, _, body = read_response(reader)
                self.assertEqual(status, 200, body)
                started = json.loads(body)
                self.assertEqual(set(started), {"executionArn", "startDate"})
                s.sendall(raw_request("DescribeExecution",
                                      {"executionArn": started["executionArn"]}))
                status, _, body = read_response(reader)
                self.assertEqual(status, 200, body)
                described = json.loads(body)
                self.assertEqual(described["status"], "SUCCEEDED")
                self.assertEqual(json.loads(described["output"]), {"x": i})
            # Both in one write: the Describe waits behind the execution's run.
            s.sendall(raw_request("StartExecution", {"stateMachineArn": arn, "name": "piped",
                                                        "input": '{"x": 1}'})
                      + raw_request("DescribeExecution",
                                    {"executionArn": arn.replace(":stateMachine:", ":execution:")
                                     + ":piped"}))
            self.assertEqual(read_response(reader)[0], 200)
            status, _, body = read_response(reader)
            self.assertEqual((status, json.loads(body)["status"]), (200, "SUCCEEDED"))

    def test_describe_answers_repeat_until_a_redrive_changes_them(self):
        # An ended execution's answer is kept once asked for twice; a redrive
        # must not be answered with the kept one.
        failing = json.dumps({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E",
                                                                "Cause": "c"}}})
        arn = create("describe-kept", failing)["stateMachineArn"]
        execution = ok("StartExecution", {"stateMachineArn": arn})["executionArn"]
        first = wait_done(execution)
        self.assertEqual((first["status"], first["redriveCount"]), ("FAILED", 0))
        again = [ok("DescribeExecution", {"executionArn": execution}) for _ in range(3)]
        self.assertEqual(again, [first] * 3)
        metadata = ok("DescribeExecution", {"executionArn": execution,
                                            "includedData": "METADATA_ONLY"})
        self.assertNotIn("input", metadata)
        ok("RedriveExecution", {"executionArn": execution})
        redriven = wait_done(execution)
        self.assertEqual((redriven["status"], redriven["redriveCount"]), ("FAILED", 1))
        self.assertIn("redriveDate", redriven)
        self.assertEqual(ok("DescribeExecution", {"executionArn": execution}), redriven)

    def test_large_answers_arrive_whole_and_keep_the_connection(self):
        # Answers far over what the server holds back to send with the next
        # write, pipelined, then a small one and an error on the same connection.
        arn = create("large-answers")["stateMachineArn"]
        big = {"x": 1, "blob": "y" * 200000}
        with socket.create_connection((EMU.host, EMU.port), timeout=10) as s:
            reader = s.makefile("rb")
            s.sendall(raw_request("StartExecution", {"stateMachineArn": arn, "name": "big",
                                                     "input": json.dumps(big)}))
            status, _, body = read_response(reader)
            self.assertEqual(status, 200, body)
            execution = json.loads(body)["executionArn"]
            s.sendall(raw_request("GetExecutionHistory", {"executionArn": execution})
                      + raw_request("DescribeExecution", {"executionArn": execution})
                      + raw_request("ListStateMachines", {"maxResults": 1})
                      + raw_request("DescribeExecution", {"executionArn": execution + "-nope"}))
            status, headers, body = read_response(reader)
            self.assertEqual(status, 200)
            self.assertEqual(int(headers["content-length"]), len(body))
            events = json.loads(body)["events"]
            self.assertEqual(events[0]["type"], "ExecutionStarted")
            self.assertEqual(json.loads(events[0]["executionStartedEventDetails"]["input"]), big)
            status, _, body = read_response(reader)
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(json.loads(body)["output"]), big)
            status, _, body = read_response(reader)
            self.assertEqual((status, len(json.loads(body)["stateMachines"])), (200, 1))
            status, headers, body = read_response(reader)
            self.assertEqual(status, 400)
            self.assertEqual(headers["x-amzn-errortype"], "ExecutionDoesNotExist")
            self.assertEqual(json.loads(body)["__type"].split("#")[-1], "ExecutionDoesNotExist")

    def test_sigterm_is_prompt_with_keep_alive_connections_open(self):
        emu = sfnlocal.Emulator(BINARY)
        conn = http.client.HTTPConnection(emu.host, emu.port, timeout=5)
        conn.request("POST", "/", "{}", {"X-Amz-Target": "AWSStepFunctions.ListStateMachines",
                                         "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual(conn.getresponse().read()[:1], b"{")
        spare = socket.create_connection((emu.host, emu.port))  # connected, never used
        code, seconds = emu.stop()
        conn.close()
        spare.close()
        self.assertEqual(code, 0)
        self.assertLess(seconds, 1.5)


if __name__ == "__main__":
    sfnlocal.run_unittests()
