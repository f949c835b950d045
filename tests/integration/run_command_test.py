"""`sfn-local run` as a user drives it: exit codes 0/1/2, the output or the
history on stdout, one "sfn-local run: ..." line on stderr, virtual time,
routes, mock files, and CloudFormation/SAM/CDK templates as DEFINITION.

Usage: run_command_test.py PATH/TO/sfn-local
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")
FIXTURES = os.path.join(ROOT, "tests", "testing", "fixtures")
BINARY = None
START = 1735689600.0  # 2025-01-01T00:00:00Z, the default virtual start
DAY = 86400.0


def run(*args, cwd=None):
    """Runs `sfn-local run ARGS`; returns (exit code, stdout, stderr)."""
    proc = subprocess.run([BINARY, "run", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


class Scratch(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, content):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return path


class Succeeds(Scratch):
    def test_output_on_stdout_exit_0(self):
        code, out, err = run(os.path.join(SAMPLES, "hello-world.asl.json"),
                             "--input", '{"who": "Ada", "polite": true}')
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(json.loads(out), {"greeting": "Hello, Ada!", "polite": True})

    def test_input_file(self):
        path = self.write("input.json", {"who": "Bob", "polite": False})
        code, out, _ = run(os.path.join(SAMPLES, "hello-world.asl.json"), "--input-file", path)
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out),
                         {"greeting": "Hello, Bob!", "polite": False, "mood": "whatever"})

    def test_routes_run_the_sample_handlers(self):
        code, out, _ = run("order-fulfillment.asl.json", "--config", "routes.json",
                           "--input-file", "inputs/order-fulfillment.json", cwd=SAMPLES)
        self.assertEqual(code, 0)
        result = json.loads(out)
        self.assertEqual((result["orderId"], result["warehouse"]), ("o-1001", "west"))

    def test_mock_file_test_case_named_by_the_routes_file(self):
        code, out, _ = run("order-fulfillment.asl.json", "--config", "routes.json",
                           "--mock-config", "mock-config.json", "--test-case", "EverythingMocked",
                           "--input-file", "inputs/order-fulfillment.json", cwd=SAMPLES)
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out), {"orderId": "o-1001", "total": 37.0,
                                           "warehouse": "west", "paymentId": "PAY-MOCK",
                                           "trackingNumber": "1Z-MOCK"})

    def test_mocked_callback_needs_no_token(self):
        code, out, _ = run("human-approval.asl.json", "--config", "routes.json",
                           "--mock-config", "mock-config.json", "--test-case", "Approved",
                           "--input-file", "inputs/human-approval.json", cwd=SAMPLES)
        self.assertEqual(code, 0)
        self.assertTrue(json.loads(out)["approved"])


class VirtualTime(Scratch):
    WAIT_A_DAY = {"StartAt": "Sleep", "States": {
        "Sleep": {"Type": "Wait", "Seconds": 86400, "Next": "Done"},
        "Done": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()"}, "ResultPath": "$.r",
                 "End": True}}}

    def test_a_day_long_wait_costs_no_time_and_shows_in_the_history(self):
        path = self.write("sleep.asl.json", self.WAIT_A_DAY)
        started = time.monotonic()
        code, out, _ = run(path, "--history", "json")
        self.assertLess(time.monotonic() - started, 30)  # a hang guard, not a measurement
        self.assertEqual(code, 0)
        events = json.loads(out)["events"]
        stamps = {e["type"]: e["timestamp"] for e in events}
        self.assertEqual(stamps["ExecutionStarted"], START)
        self.assertEqual(stamps["WaitStateExited"], START + DAY)
        self.assertEqual(stamps["ExecutionSucceeded"], START + DAY)

    def test_clock_sets_the_start(self):
        path = self.write("sleep.asl.json", self.WAIT_A_DAY)
        code, out, _ = run(path, "--history", "json", "--clock", "2030-06-01T12:00:00Z")
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out)["events"][0]["timestamp"], 1906545600.0)

    def test_history_text(self):
        path = self.write("sleep.asl.json", self.WAIT_A_DAY)
        code, out, _ = run(path, "--history", "text")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        self.assertEqual(lines[0].split(), ["ID", "PREV", "TIMESTAMP", "TYPE", "STATE", "DETAIL"])
        self.assertEqual(lines[2].split(),
                         ["2", "0", "2025-01-01T00:00:00.000Z", "WaitStateEntered", "Sleep"])
        self.assertEqual(lines[3].split(),
                         ["3", "2", "2025-01-02T00:00:00.000Z", "WaitStateExited", "Sleep"])
        self.assertTrue(lines[-1].startswith("6     5     2025-01-02T00:00:00.000Z "
                                             "ExecutionSucceeded"))

    def test_same_seed_same_output(self):
        path = self.write("sleep.asl.json", self.WAIT_A_DAY)
        first = run(path, "--seed", "7")
        self.assertEqual(first, run(path, "--seed", "7"))
        self.assertNotEqual(first[1], run(path, "--seed", "8")[1])

    def test_machine_timeout_in_virtual_time(self):
        path = self.write("slow.asl.json", {"TimeoutSeconds": 60, "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 3600, "End": True}}})
        code, out, err = run(path)
        self.assertEqual((code, out, err), (1, "", "sfn-local run: TIMED_OUT\n"))


class RealTime(Scratch):
    def test_real_time_waits_on_the_wall_clock(self):
        path = self.write("wait.asl.json", {"StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 1, "End": True}}})
        started = time.time()
        code, out, _ = run(path, "--real-time", "--history", "json")
        finished = time.time()
        self.assertEqual(code, 0)
        stamps = [e["timestamp"] for e in json.loads(out)["events"]]
        self.assertGreaterEqual(stamps[0], started - 1)  # the wall clock, not 2025
        self.assertGreaterEqual(finished - started, 1.0)  # the whole second was waited
        # The events' stamps are two wall-clock readings, each cut to the
        # millisecond: a second apart they may read 0.999 s apart.
        self.assertGreaterEqual(stamps[-1] - stamps[0], 0.999)


class Templates(Scratch):
    def routes(self, *routes):
        return self.write("routes.json", {"routes": list(routes)})

    def test_cdk_template(self):
        routes = self.routes(
            {"resource": "arn:aws:lambda:us-east-1:123456789012:function:ChargeFn6A4D9E21",
             "return": {"orderId": "o-1", "charged": True}},
            {"resource": "arn:aws:states:::dynamodb:putItem", "return": {}},
            {"resource": "arn:aws:states:::sqs:sendMessage", "return": {"MessageId": "m-1"}})
        code, out, err = run(os.path.join(FIXTURES, "cdk.out", "OrdersStack.template.json") +
                             "#OrderFlow4D5E6F70", "--config", routes, "--history", "json")
        self.assertEqual(code, 0, err)
        events = json.loads(out)["events"]  # EXPRESS: a history all the same
        self.assertEqual(events[0]["type"], "ExecutionStarted")
        self.assertEqual(events[-1]["type"], "ExecutionSucceeded")

    def test_sam_template_failing_then_caught(self):
        routes = self.routes(
            {"resource": "arn:aws:lambda:us-east-1:123456789012:function:charge-dev",
             "throw": {"error": "States.TaskFailed", "cause": "card declined"}},
            {"resource": "arn:aws:states:::sns:publish", "return": {"MessageId": "n-1"}})
        code, out, err = run(os.path.join(FIXTURES, "sam", "template.yaml") +
                             "#OrderStateMachine", "--config", routes)
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(json.loads(out), {"MessageId": "n-1"})

    def test_failure_exit_1_error_and_cause_on_stderr(self):
        routes = self.routes(
            {"resource": "arn:aws:lambda:us-east-1:123456789012:function:charge-dev",
             "throw": {"error": "Refused", "cause": "no refunds today"}})
        code, out, err = run(os.path.join(FIXTURES, "sam", "template.yaml") +
                             "#RefundStateMachine", "--config", routes)
        self.assertEqual((code, out), (1, ""))
        self.assertEqual(err, "sfn-local run: FAILED: Refused: no refunds today\n")


class BadInput(Scratch):
    def check(self, args, message, cwd=None):
        code, out, err = run(*args, cwd=cwd)
        self.assertEqual((code, out, err), (2, "", "sfn-local run: " + message + "\n"))

    def test_no_definition(self):
        self.check([], "a DEFINITION file is required")

    def test_missing_file(self):
        self.check(["nope.asl.json"], "nope.asl.json: cannot read: No such file or directory")

    def test_invalid_definition_names_the_file(self):
        path = self.write("bad.asl.json", {"StartAt": "X", "States": {
            "A": {"Type": "Pass", "End": True}}})
        self.check([path], path + ": Invalid State Machine Definition: "
                   "'MISSING_TRANSITION_TARGET: Missing 'StartAt' target: X at /StartAt'")

    def test_definition_not_json(self):
        path = self.write("trunc.asl.json", '{"StartAt": "X"')
        code, _, err = run(path)
        self.assertEqual(code, 2)
        self.assertEqual(err, "sfn-local run: " + path + ":1:16: not valid JSON: Missing a comma "
                              "or '}' after an object member.\n")

    def test_bad_input_json(self):
        self.check(["hello-world.asl.json", "--input", "{bad"],
                   "--input: not valid JSON at offset 1: Missing a name for object member.",
                   cwd=SAMPLES)

    def test_missing_input_file(self):
        self.check(["hello-world.asl.json", "--input-file", "none.json"],
                   "--input-file: cannot read 'none.json': No such file or directory",
                   cwd=SAMPLES)

    def test_input_and_input_file(self):
        self.check(["hello-world.asl.json", "--input", "{}", "--input-file", "x.json"],
                   "--input and --input-file exclude each other", cwd=SAMPLES)

    def test_unknown_option(self):
        self.check(["hello-world.asl.json", "--bogus"], "unexpected argument '--bogus'",
                   cwd=SAMPLES)

    def test_history_format(self):
        self.check(["hello-world.asl.json", "--history", "xml"],
                   "--history: expected text or json, got 'xml'", cwd=SAMPLES)

    def test_clock(self):
        self.check(["hello-world.asl.json", "--clock", "yesterday"],
                   "--clock: expected an ISO 8601 UTC time such as 2025-01-01T00:00:00Z, "
                   "got 'yesterday'", cwd=SAMPLES)

    def test_clock_with_real_time(self):
        self.check(["hello-world.asl.json", "--real-time", "--clock", "2030-01-01"],
                   "--clock sets virtual time; --real-time has none", cwd=SAMPLES)

    def test_seed(self):
        self.check(["hello-world.asl.json", "--seed", "-1"],
                   "--seed: expected a number, got '-1'", cwd=SAMPLES)

    def test_seed_past_64_bits(self):
        self.check(["hello-world.asl.json", "--seed", "18446744073709551616"],
                   "--seed: 18446744073709551616 does not fit in 64 bits "
                   "(at most 18446744073709551615)", cwd=SAMPLES)

    def test_seed_64_bits_at_most(self):
        code, out, err = run("hello-world.asl.json", "--seed", "18446744073709551615",
                             "--input", '{"who": "Ada", "polite": true}', cwd=SAMPLES)
        self.assertEqual((code, err), (0, ""))

    def test_test_case_without_mock_file(self):
        self.check(["hello-world.asl.json", "--test-case", "X"],
                   "--mock-config and --test-case go together", cwd=SAMPLES)

    def test_unknown_test_case(self):
        self.check(["hello-world.asl.json", "--mock-config", "mock-config.json",
                    "--test-case", "Nope"],
                   "hello-world.asl.json: Invalid mock test case name 'Nope': the mock "
                   "configuration defines no such test case for state machine 'hello-world'.",
                   cwd=SAMPLES)

    def test_missing_routes_file(self):
        self.check(["hello-world.asl.json", "--config", "none.json"],
                   "--config: none.json: cannot read: No such file or directory", cwd=SAMPLES)

    def test_unknown_template_resource(self):
        template = os.path.join(FIXTURES, "sam", "template.yaml")
        self.check([template + "#Nope"], template + ": no state machine 'Nope'; the "
                   "template's state machines: OrderStateMachine, RefundStateMachine")


class Stuck(Scratch):
    def test_a_token_nothing_sends_exits_1(self):
        path = self.write("approve.asl.json", {"StartAt": "Approve", "States": {"Approve": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
            "End": True}}})
        routes = self.write("routes.json", {"routes": [
            {"resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "return": {}}]})
        code, out, err = run(path, "--config", routes)
        self.assertEqual((code, out), (1, ""))
        self.assertEqual(err, "sfn-local run: the execution waits for a task token that "
                              "nothing answers: state 'Approve'\n")


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
