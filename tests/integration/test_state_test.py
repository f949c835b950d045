#!/usr/bin/python3
"""TestState through the real binary over raw HTTP (the Debian boto3 and AWS
CLI models predate the action): every state type, the inspection levels,
mocks (result and errorOutput), Retry (RETRIABLE) and Catch (CAUGHT_ERROR),
variables, stateName inside a whole definition, Tasks answered by a route,
and each validation error.

Usage: test_state_test.py PATH/TO/sfn-local
"""

import json
import os
import tempfile
import unittest

import sfnlocal
from sfnlocal import ROLE, call

BINARY = None
EMU = None
ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo"
FAILING = "arn:aws:lambda:us-east-1:123456789012:function:failing"


def setUpModule():
    global EMU, ROUTES
    ROUTES = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump({"routes": [
        {"resource": ECHO, "echo": True},
        {"resource": FAILING, "throw": {"error": "Boom", "cause": "it broke"}},
    ]}, ROUTES)
    ROUTES.close()
    EMU = sfnlocal.Emulator(BINARY, "--config", ROUTES.name)


def tearDownModule():
    code, _ = EMU.stop()
    os.unlink(ROUTES.name)
    assert code == 0, EMU.stderr()


def test_state(state, **fields):
    fields["definition"] = state if isinstance(state, str) else json.dumps(state)
    return call(EMU.endpoint, "TestState", fields)


def ok(state, **fields):
    status, _, body = test_state(state, **fields)
    assert status == 200, body
    return body


def parsed(inspection):
    return {k: json.loads(v) if isinstance(v, str) else v for k, v in inspection.items()}


class StateTypes(unittest.TestCase):
    def test_pass_reports_each_stage_at_debug(self):
        body = ok({"Type": "Pass", "InputPath": "$.in", "Parameters": {"a.$": "$.x"},
                   "ResultPath": "$.r", "Next": "After"},
                  input='{"in": {"x": 1}}', inspectionLevel="DEBUG")
        self.assertEqual(body["status"], "SUCCEEDED")
        self.assertEqual(body["nextState"], "After")
        self.assertEqual(json.loads(body["output"]), {"in": {"x": 1}, "r": {"a": 1}})
        self.assertEqual(parsed(body["inspectionData"]), {
            "input": {"in": {"x": 1}}, "afterInputPath": {"x": 1}, "afterParameters": {"a": 1},
            "afterResultSelector": {"a": 1}, "afterResultPath": {"in": {"x": 1}, "r": {"a": 1}}})

    def test_pass_with_result_reports_the_result(self):
        body = ok({"Type": "Pass", "Result": {"k": 1}, "End": True}, input='{"x": 1}',
                  inspectionLevel="TRACE")
        self.assertNotIn("nextState", body)
        self.assertEqual(parsed(body["inspectionData"]), {
            "input": {"x": 1}, "result": {"k": 1}, "afterResultSelector": {"k": 1},
            "afterResultPath": {"k": 1}})

    def test_info_level_has_no_inspection_data(self):
        body = ok({"Type": "Pass", "End": True}, input='{"x": 1}')
        self.assertEqual(body, {"output": '{"x":1}', "status": "SUCCEEDED"})

    def test_choice_names_the_next_state(self):
        state = {"Type": "Choice", "Default": "Small",
                 "Choices": [{"Variable": "$.v", "NumericGreaterThan": 20, "Next": "Big"}]}
        self.assertEqual(ok(state, input='{"v": 22}')["nextState"], "Big")
        self.assertEqual(ok(state, input='{"v": 2}')["nextState"], "Small")

    def test_wait_does_not_wait(self):
        body = ok({"Type": "Wait", "Seconds": 100000, "Next": "X"}, input="{}")
        self.assertEqual((body["status"], body["nextState"]), ("SUCCEEDED", "X"))

    def test_fail_reports_error_and_cause(self):
        body = ok({"Type": "Fail", "Error": "SomeFailure", "Cause": "boom"})
        self.assertEqual(body, {"error": "SomeFailure", "cause": "boom", "status": "FAILED"})

    def test_state_name_in_a_whole_definition(self):
        machine = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                              "B": {"Type": "Pass", "Result": 3, "End": True}}}
        self.assertEqual(ok(machine, stateName="B")["output"], "3")
        self.assertEqual(ok(machine)["nextState"], "B")

    def test_jsonata_variables_in_and_out(self):
        body = ok({"QueryLanguage": "JSONata", "Type": "Pass", "Assign": {"m": 5},
                   "Output": "{% $states.input.v + $n %}", "End": True},
                  input='{"v": 1}', variables='{"n": 2}', inspectionLevel="DEBUG")
        self.assertEqual(body["output"], "3")
        self.assertEqual(json.loads(body["inspectionData"]["variables"]), {"n": 2, "m": 5})


class Tasks(unittest.TestCase):
    LAMBDA = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": True}

    def test_task_answered_by_a_route(self):
        body = ok({"Type": "Task", "Resource": ECHO, "ResultPath": "$.echoed", "End": True},
                  input='{"v": 1}', roleArn=ROLE, inspectionLevel="DEBUG")
        self.assertEqual(json.loads(body["output"]), {"v": 1, "echoed": {"v": 1}})
        self.assertEqual(json.loads(body["inspectionData"]["result"]), {"v": 1})

    def test_task_failure_from_a_route(self):
        body = ok({"Type": "Task", "Resource": FAILING, "End": True}, roleArn=ROLE)
        self.assertEqual((body["status"], body["error"], body["cause"]),
                         ("FAILED", "Boom", "it broke"))

    def test_mocked_result(self):
        body = ok(dict(self.LAMBDA, ResultSelector={"p.$": "$.Payload"}), input='{"v": 1}',
                  mock={"result": '{"Payload": 42}'}, inspectionLevel="DEBUG")
        self.assertEqual(body["output"], '{"p":42}')
        self.assertEqual(json.loads(body["inspectionData"]["afterResultSelector"]), {"p": 42})

    def test_mocked_error_caught(self):
        state = dict(self.LAMBDA, Catch=[{"ErrorEquals": ["Foo"], "Next": "A"},
                                         {"ErrorEquals": ["States.ALL"], "Next": "B"}])
        body = ok(state, mock={"errorOutput": {"error": "X", "cause": "y"}},
                  inspectionLevel="DEBUG")
        self.assertEqual(body["status"], "CAUGHT_ERROR")
        self.assertEqual((body["nextState"], body["error"], body["cause"]), ("B", "X", "y"))
        self.assertEqual(json.loads(body["output"]), {"Error": "X", "Cause": "y"})
        self.assertEqual(body["inspectionData"]["errorDetails"], {"catchIndex": 1})

    def test_mocked_error_retriable(self):
        state = dict(self.LAMBDA, Retry=[{"ErrorEquals": ["X"], "IntervalSeconds": 3}])
        body = ok(state, mock={"errorOutput": {"error": "X", "cause": "y"}},
                  inspectionLevel="DEBUG")
        self.assertEqual((body["status"], body["error"]), ("RETRIABLE", "X"))
        self.assertNotIn("output", body)
        self.assertEqual(body["inspectionData"]["errorDetails"],
                         {"retryIndex": 0, "retryBackoffIntervalSeconds": 3})

    def test_retries_used_up_fall_to_catch(self):
        state = dict(self.LAMBDA, Retry=[{"ErrorEquals": ["X"], "MaxAttempts": 2}],
                     Catch=[{"ErrorEquals": ["X"], "Next": "Handle"}])
        body = ok(state, mock={"errorOutput": {"error": "X", "cause": "y"}},
                  stateConfiguration={"retrierRetryCount": 2})
        self.assertEqual((body["status"], body["nextState"]), ("CAUGHT_ERROR", "Handle"))

    def test_mocked_map_result(self):
        state = {"Type": "Map", "End": True,
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}
        body = ok(state, input="[1, 2]", mock={"result": "[1, 1]"})
        self.assertEqual(body["output"], "[1,1]")


class Errors(unittest.TestCase):
    def assertError(self, response, code, message):
        status, _, body = response
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"].split("#")[1], code)
        self.assertEqual(body["message"], message)

    def test_mock_on_a_pass_state(self):
        self.assertError(test_state({"Type": "Pass", "End": True}, mock={"result": "1"}),
                         "ValidationException",
                         "State type 'Pass' is not supported when a mock is specified")

    def test_mock_with_both_fields(self):
        self.assertError(
            test_state(Tasks.LAMBDA, mock={"result": "1", "errorOutput": {"error": "E"}}),
            "ValidationException",
            "A test mock should have only one of the following fields: [result, errorOutput].")

    def test_mock_result_not_json(self):
        self.assertError(test_state(Tasks.LAMBDA, mock={"result": "{bad"}),
                         "ValidationException", "Mocked result must be valid JSON")

    def test_task_without_mock_needs_a_role(self):
        self.assertError(test_state(Tasks.LAMBDA), "ValidationException",
                         "RoleArn must be specified when testing a Task state")

    def test_invalid_definition(self):
        status, _, body = test_state('{"Type": "Pass", "Next": 3}')
        self.assertEqual((status, body["__type"].split("#")[1]), (400, "InvalidDefinition"))
        status, _, body = test_state("{nope")
        self.assertIn("INVALID_JSON_DESCRIPTION", body["message"])

    def test_invalid_input(self):
        status, _, body = test_state({"Type": "Pass", "End": True}, input="nope")
        self.assertEqual((status, body["__type"].split("#")[1]), (400, "InvalidExecutionInput"))

    def test_missing_definition(self):
        status, _, body = call(EMU.endpoint, "TestState", {})
        self.assertEqual((status, body["__type"].split("#")[1]), (400, "ValidationException"))


if __name__ == "__main__":
    sfnlocal.run_unittests()
