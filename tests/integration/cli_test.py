#!/usr/bin/python3
"""sfn-local driven by the AWS CLI v2 (/usr/bin/aws): the Pass -> Choice ->
Succeed acceptance flow from samples/hello-world.asl.json, the everyday
commands, and the errors the CLI prints.

Usage: cli_test.py PATH/TO/sfn-local (exits 77 when /usr/bin/aws is missing)
"""

import json
import os
import subprocess
import tempfile
import time
import unittest

import sfnlocal
from sfnlocal import ROLE

AWS = "/usr/bin/aws"  # the Debian AWS CLI v2; the first `aws` on PATH may be another
BINARY = None
EMU = None
ENV = None
LONG_WAIT = json.dumps({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": True}}})


def setUpModule():
    global EMU, ENV
    EMU = sfnlocal.Emulator(BINARY)
    home = tempfile.mkdtemp(prefix="sfn-cli-")
    ENV = dict(os.environ, AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x",
               AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="", AWS_EC2_METADATA_DISABLED="true",
               AWS_CONFIG_FILE=os.path.join(home, "config"),
               AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "credentials"),
               NO_PROXY="127.0.0.1,localhost", HOME=home)


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}"


def aws(*args, check=True):
    """Runs one stepfunctions command; returns (exit code, parsed stdout, stderr)."""
    proc = subprocess.run([AWS, "stepfunctions", *args, "--endpoint-url", EMU.endpoint, "--output", "json"],
                          env=ENV, capture_output=True, text=True, timeout=60)
    if check and proc.returncode != 0:
        raise AssertionError(f"aws {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    out = json.loads(proc.stdout) if proc.stdout.strip() else None
    return proc.returncode, out, proc.stderr.strip()


def aws_error(*args):
    code, _, stderr = aws(*args, check=False)
    assert code != 0, f"aws {' '.join(args)} succeeded"
    return stderr


class Cli(unittest.TestCase):
    # Each CLI run costs about a second of Python start-up: the commands are
    # chosen to cover the flows without repeating what boto3_test checks.

    def test_acceptance_pass_choice_succeed(self):
        definition = os.path.join(sfnlocal.SAMPLES, "hello-world.asl.json")
        _, created, _ = aws("create-state-machine", "--name", "HelloWorld", "--role-arn", ROLE,
                            "--definition", "file://" + definition)
        arn = created["stateMachineArn"]
        self.assertEqual(arn, "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld")
        _, started, _ = aws("start-execution", "--state-machine-arn", arn, "--name", "first",
                            "--input", json.dumps({"who": "CLI", "polite": True}))
        execution = started["executionArn"]
        self.assertEqual(execution, "arn:aws:states:us-east-1:123456789012:execution:HelloWorld:first")
        for _ in range(50):
            _, d, _ = aws("describe-execution", "--execution-arn", execution)
            if d["status"] != "RUNNING":
                break
            time.sleep(0.1)
        self.assertEqual(d["status"], "SUCCEEDED")
        self.assertEqual(json.loads(d["output"]), {"greeting": "Hello, CLI!", "polite": True})
        self.assertEqual(json.loads(d["input"]), {"who": "CLI", "polite": True})
        _, history, _ = aws("get-execution-history", "--execution-arn", execution)
        self.assertEqual([e["type"] for e in history["events"]],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered",
                          "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
        # AWS links the first state's entry to event 0, not to ExecutionStarted.
        self.assertEqual([e["previousEventId"] for e in history["events"]], [0, 0, 2, 3, 4, 5, 6, 7])
        self.assertEqual(json.loads(history["events"][-1]["executionSucceededEventDetails"]["output"]),
                         {"greeting": "Hello, CLI!", "polite": True})
        _, listed, _ = aws("list-executions", "--state-machine-arn", arn, "--status-filter", "SUCCEEDED",
                           "--page-size", "1")
        self.assertEqual([e["name"] for e in listed["executions"]], ["first"])

    def test_update_list_tags_stop_delete(self):
        _, created, _ = aws("create-state-machine", "--name", "cli-wait", "--role-arn", ROLE,
                            "--definition", LONG_WAIT)
        arn = created["stateMachineArn"]
        _, listed, _ = aws("list-state-machines", "--page-size", "1")  # the CLI follows nextToken
        self.assertEqual([m["name"] for m in listed["stateMachines"]], ["HelloWorld", "cli-wait"])
        _, updated, _ = aws("update-state-machine", "--state-machine-arn", arn,
                            "--role-arn", "arn:aws:iam::123456789012:role/other")
        self.assertIn("updateDate", updated)
        aws("tag-resource", "--resource-arn", arn, "--tags", "key=team,value=core")
        _, tags, _ = aws("list-tags-for-resource", "--resource-arn", arn)
        self.assertEqual(tags["tags"], [{"key": "team", "value": "core"}])
        _, started, _ = aws("start-execution", "--state-machine-arn", arn)
        _, stopped, _ = aws("stop-execution", "--execution-arn", started["executionArn"])
        self.assertIn("stopDate", stopped)
        aws("delete-state-machine", "--state-machine-arn", arn)

    def test_errors(self):
        self.assertEqual(
            aws_error("describe-state-machine", "--state-machine-arn", "not_a_valid_arn"),
            "An error occurred (InvalidArn) when calling the DescribeStateMachine operation: "
            "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'")
        self.assertEqual(
            aws_error("create-state-machine", "--name", "broken", "--role-arn", ROLE,
                      "--definition", '{"StartAt": "A"}'),
            "An error occurred (InvalidDefinition) when calling the CreateStateMachine operation: "
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are "
            "required: [States] at /'")


if __name__ == "__main__":
    sfnlocal.run_unittests(require=AWS)
