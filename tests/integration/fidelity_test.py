#!/usr/bin/python3
"""AWS behaviours checked through the real binary over raw HTTP: how an
execution fails when a Choice matches no rule and has no Default (history and
error), and the same Choice under TestState; Choice comparisons whose Variable
or "...Path" operand matches nothing; lambda:invoke with
InvocationType Event (202, the function still called) and DryRun (204);
state names over 80 characters and machines with no terminal state refused
at creation; intrinsic functions refusing their arguments at run time.

Usage: fidelity_test.py PATH/TO/sfn-local
"""

import json
import os
import shutil
import sys
import tempfile
import time
import unittest

import sfnlocal
from sfnlocal import ROLE, call_ok

BINARY = None
EMU = None

NO_NEXT = ("Failed to transition out of the state. The state does not point to a next state.")
CHOICE = {"Type": "Choice",
          "Choices": [{"Variable": "$.x", "StringEquals": "never", "Next": "Done"}]}


FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:recorder"
WORK = tempfile.mkdtemp(prefix="sfn-fidelity-")
MARKER = os.path.join(WORK, "called")


def setUpModule():
    global EMU
    routes = os.path.join(WORK, "routes.json")
    script = "import sys; open(sys.argv[1], 'w').write(sys.stdin.read()); print('{}')"
    with open(routes, "w") as f:
        json.dump({"routes": [{"resource": FUNCTION,
                               "exec": [sys.executable, "-c", script, MARKER]}]}, f)
    EMU = sfnlocal.Emulator(BINARY, "--wait-scale", "0", "--config", routes)


def tearDownModule():
    code, _ = EMU.stop()
    shutil.rmtree(WORK, ignore_errors=True)
    assert code == 0, f"sfn-local exited with {code}"


def run(name, definition, execution_input="{}"):
    machine = call_ok(EMU.endpoint, "CreateStateMachine", {
        "name": name, "definition": json.dumps(definition), "roleArn": ROLE})
    arn = call_ok(EMU.endpoint, "StartExecution", {
        "stateMachineArn": machine["stateMachineArn"], "input": execution_input})["executionArn"]
    for _ in range(200):
        described = call_ok(EMU.endpoint, "DescribeExecution", {"executionArn": arn})
        if described["status"] != "RUNNING":
            break
        time.sleep(0.02)
    events = call_ok(EMU.endpoint, "GetExecutionHistory", {"executionArn": arn})["events"]
    return described, events


class ChoiceWithoutMatch(unittest.TestCase):
    def test_execution_fails_with_runtime_error(self):
        definition = {"StartAt": "C", "States": {"C": CHOICE,
                                                 "Done": {"Type": "Pass", "End": True}}}
        described, events = run("choice-no-match", definition, '{"x": "a"}')
        cause = "An error occurred while executing the state 'C' (entered at the event id #2). " + NO_NEXT
        self.assertEqual((described["status"], described["error"], described["cause"]),
                         ("FAILED", "States.Runtime", cause))
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"])
        self.assertEqual(events[2]["executionFailedEventDetails"],
                         {"error": "States.Runtime", "cause": cause})

    def test_not_caught_by_states_all_around_a_branch(self):
        branch = {"StartAt": "C", "States": {"C": CHOICE, "Done": {"Type": "Pass", "End": True}}}
        definition = {"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Branches": [branch], "End": True,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
            "Caught": {"Type": "Pass", "End": True}}}
        described, _ = run("choice-no-match-branch", definition, '{"x": "a"}')
        self.assertEqual((described["status"], described["error"]), ("FAILED", "States.Runtime"))

    def test_test_state_reports_the_failure(self):
        answer = call_ok(EMU.endpoint, "TestState", {
            "definition": json.dumps(CHOICE), "input": '{"x": "a"}', "roleArn": ROLE})
        self.assertEqual((answer["status"], answer["error"]), ("FAILED", "States.Runtime"))
        self.assertTrue(answer["cause"].endswith(NO_NEXT), answer["cause"])
        self.assertNotIn("nextState", answer)


class ChoiceConditionPaths(unittest.TestCase):
    ENTERED = "An error occurred while executing the state 'C' (entered at the event id #2). "

    def failure(self, name, rule, execution_input):
        definition = {"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [{**rule, "Next": "Done"}], "Default": "Done"},
            "Done": {"Type": "Pass", "End": True}}}
        described, _ = run(name, definition, execution_input)
        return described["status"], described.get("error"), described.get("cause")

    def test_a_path_operand_that_matches_nothing_fails_the_execution(self):
        for operator in ("StringEqualsPath", "NumericLessThanPath"):
            with self.subTest(operator):
                self.assertEqual(
                    self.failure("choice-missing-" + operator,
                                 {"Variable": "$.v", operator: "$.missing"}, '{"v": 1}'),
                    ("FAILED", "States.Runtime", self.ENTERED + "Invalid path '$.missing': "
                     "The choice state's condition path references an invalid value."))

    def test_a_variable_that_matches_nothing_fails_the_execution(self):
        self.assertEqual(
            self.failure("choice-missing-variable", {"Variable": "$.x", "StringEquals": "a"}, "{}"),
            ("FAILED", "States.Runtime", self.ENTERED +
             "Invalid path '$.x': The choice state's condition path references an invalid value."))

    def test_type_tests_of_a_missing_variable_fail_the_execution(self):
        for operator in ("IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp"):
            with self.subTest(operator):
                self.assertEqual(
                    self.failure("choice-missing-" + operator,
                                 {"Variable": "$.x", operator: False}, "{}"),
                    ("FAILED", "States.Runtime", self.ENTERED + "Invalid path '$.x': "
                     "The choice state's condition path references an invalid value."))

    def test_is_present_false_of_a_missing_variable_matches(self):
        self.assertEqual(
            self.failure("choice-is-present", {"Variable": "$.x", "IsPresent": False}, "{}"),
            ("SUCCEEDED", None, None))


class LambdaInvocationTypes(unittest.TestCase):
    def invoke(self, name, invocation_type):
        definition = {"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True,
            "Parameters": {"FunctionName": FUNCTION, "InvocationType": invocation_type,
                           "Payload": {"n": 1}}}}}
        described, _ = run(name, definition)
        self.assertEqual(described["status"], "SUCCEEDED", described)
        return json.loads(described["output"])

    def test_event_answers_202_and_still_calls_the_function(self):
        output = self.invoke("lambda-event", "Event")
        self.assertEqual((output["StatusCode"], output["Payload"]), (202, ""))
        self.assertEqual(output["SdkHttpMetadata"]["HttpStatusCode"], 202)
        self.assertNotIn("ExecutedVersion", output)
        for _ in range(250):
            if os.path.exists(MARKER) and os.path.getsize(MARKER) > 0:
                break
            time.sleep(0.02)
        with open(MARKER) as f:
            self.assertEqual(json.loads(f.read()), {"n": 1})

    def test_dry_run_answers_204(self):
        output = self.invoke("lambda-dry-run", "DryRun")
        self.assertEqual((output["StatusCode"], output["Payload"]), (204, ""))


class IntrinsicArguments(unittest.TestCase):
    """AWS accepts a wrong argument count at creation and fails the state at
    run time with States.Runtime naming the call and the function."""

    def run_pass(self, name, call):
        definition = {"StartAt": "P", "States": {"P": {
            "Type": "Pass", "Parameters": {"v.$": call}, "End": True}}}
        return run(name, definition)[0]

    def test_wrong_count_fails_at_run_time(self):
        described = self.run_pass("intrinsic-count", "States.MathAdd(1)")
        cause = ("An error occurred while executing the state 'P' (entered at the event id #2). "
                 "There was an error while evaluating the intrinsic function: "
                 "States.MathAdd(1). Invalid arguments in States.MathAdd")
        self.assertEqual((described["status"], described["error"], described["cause"]),
                         ("FAILED", "States.Runtime", cause))

    def test_math_add_is_32_bit(self):
        described = self.run_pass("intrinsic-overflow", "States.MathAdd(2147483647, 1)")
        self.assertEqual((described["status"], described["error"]), ("FAILED", "States.Runtime"))
        self.assertTrue(described["cause"].endswith(
            "States.MathAdd(2147483647, 1). Invalid arguments in States.MathAdd"), described)

    def test_path_argument_matching_nothing(self):
        described = self.run_pass("intrinsic-missing-path", "States.Array($.nope)")
        cause = ("An error occurred while executing the state 'P' (entered at the event id #2). "
                 "The function 'States.Array($.nope)' had the following error: The JsonPath "
                 "argument for the field '$.nope' could not be found in the input '{}'")
        self.assertEqual((described["status"], described["error"], described["cause"]),
                         ("FAILED", "States.Runtime", cause))

    def test_uuid_ignores_arguments(self):
        described = self.run_pass("intrinsic-uuid", "States.UUID(1)")
        self.assertEqual(described["status"], "SUCCEEDED", described)
        self.assertEqual(len(json.loads(described["output"])["v"]), 36)


class DefinitionChecks(unittest.TestCase):
    def test_state_name_over_80_characters(self):
        name = "N" * 81
        definition = {"StartAt": name, "States": {name: {"Type": "Succeed"}}}
        status, _, answer = sfnlocal.call(EMU.endpoint, "CreateStateMachine", {
            "name": "long-state-name", "definition": json.dumps(definition), "roleArn": ROLE})
        self.assertEqual((status, answer["__type"].split("#")[-1]), (400, "InvalidDefinition"))
        self.assertEqual(answer["message"],
                         "Invalid State Machine Definition: 'INVALID_STATE_NAME: Invalid State "
                         f"name: State '{name}' exceeds the 80-character limit allowed by the "
                         f"service at /States/{name}'")
        result = call_ok(EMU.endpoint, "ValidateStateMachineDefinition",
                         {"definition": json.dumps(definition)})
        self.assertEqual((result["result"], result["diagnostics"][0]["code"]),
                         ("FAIL", "INVALID_STATE_NAME"))


    def test_no_terminal_state(self):
        definition = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                                 "B": {"Type": "Pass", "Next": "A"}}}
        status, _, answer = sfnlocal.call(EMU.endpoint, "CreateStateMachine", {
            "name": "no-end", "definition": json.dumps(definition), "roleArn": ROLE})
        self.assertEqual(status, 400)
        self.assertEqual(answer["message"], "Invalid State Machine Definition: "
                         "'MISSING_END_STATE: Workflow has no terminal state at null'")
        result = call_ok(EMU.endpoint, "ValidateStateMachineDefinition",
                         {"definition": json.dumps(definition)})
        self.assertEqual(result["diagnostics"], [{
            "severity": "ERROR", "code": "MISSING_END_STATE",
            "message": "Workflow has no terminal state"}])


if __name__ == "__main__":
    sfnlocal.run_unittests()
