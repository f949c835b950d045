#!/usr/bin/python3
"""Inputs nested as deep as the API accepts (10,000 levels) through the real
binary: StartExecution, each state kind that walks a value (JSONPath paths
and recursive descent, payload templates, Choice comparisons, intrinsic
functions that print values, JSONata), DescribeExecution and
GetExecutionHistory. Each execution ends as its definition says and the
server keeps answering and exits cleanly; one level deeper is refused with
AWS's error. Run under `make test-asan` too, whose smaller stack margins
made the recursive JSON writer overflow a worker thread's stack.

Usage: deep_input_test.py PATH/TO/sfn-local
"""

import json
import sys
import time
import unittest

import sfnlocal
from sfnlocal import ROLE, call

BINARY = None
EMU = None
DEPTH = 10000  # the deepest input ParseJson accepts (asl/core/json.h)


def nested_object(depth):
    """`depth` objects one inside the other: {"a":{"a":...{"leaf":1}...}}."""
    return '{"a":' * (depth - 1) + '{"leaf":1}' + "}" * (depth - 1)


def nested_array(depth):
    return "[" * (depth - 1) + "[1]" + "]" * (depth - 1)


def setUpModule():
    global EMU
    EMU = sfnlocal.Emulator(BINARY)


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, EMU.stderr()


def api(action, body):
    return sfnlocal.call_ok(EMU.endpoint, action, body)


def machine(name, definition):
    return api("CreateStateMachine", {"name": name, "definition": json.dumps(definition),
                                      "roleArn": ROLE})["stateMachineArn"]


def brief(described):
    """What a failed assertion prints: not the 60 KB input."""
    return {k: described.get(k) for k in ("status", "error", "cause")}


def run(arn, text):
    execution = api("StartExecution", {"stateMachineArn": arn, "input": text})["executionArn"]
    for _ in range(1500):
        d = api("DescribeExecution", {"executionArn": execution})
        if d["status"] != "RUNNING":
            return execution, d
        time.sleep(0.02)
    raise AssertionError(f"{execution} still running: {d}")


def history(execution):
    events, token = [], None
    while True:
        body = {"executionArn": execution, "maxResults": 3}
        if token:
            body["nextToken"] = token
        page = api("GetExecutionHistory", body)
        events += page["events"]
        token = page.get("nextToken")
        if not token:
            return events


def discard(parameters, next_state):
    """A Pass state that evaluates `parameters` and keeps its input."""
    return {"Type": "Pass", "Parameters": parameters, "ResultPath": None, "Next": next_state}


JSONPATH_MACHINE = {"StartAt": "Template", "States": {
    "Template": discard({"whole.$": "$", "deep.$": "$..leaf", "items.$": "$.a.a.a"}, "Print"),
    "Print": discard({"text.$": "States.JsonToString($)", "format.$": "States.Format('{}', $)",
                      "has.$": "States.ArrayContains(States.Array($), $)"}, "Compare"),
    "Compare": {"Type": "Choice", "Choices": [
        {"Variable": "$.a.a", "IsPresent": True, "Next": "Keep"}], "Default": "Lost"},
    "Lost": {"Type": "Fail", "Error": "Lost"},
    "Keep": {"Type": "Pass", "End": True}}}

JSONATA_MACHINE = {"QueryLanguage": "JSONata", "StartAt": "Walk", "States": {
    "Walk": {"Type": "Pass", "Assign": {
        "text": "{% $string($states.input) %}",
        "same": "{% $states.input = $states.input %}",
        "leaves": "{% $count($states.input.**.leaf) %}",
        "merged": "{% $merge([$states.input, {'b': 1}]) %}"}, "Next": "Compare"},
    "Compare": {"Type": "Choice", "Choices": [
        {"Condition": "{% $same %}", "Next": "Keep"}], "Default": "Lost"},
    "Lost": {"Type": "Fail", "Error": "Lost"},
    "Keep": {"Type": "Pass", "Output": "{% $states.input %}", "End": True}}}


class DeepInput(unittest.TestCase):
    def check_ended(self, execution, described, text):
        events = history(execution)
        self.assertEqual([e["id"] for e in events], list(range(1, len(events) + 1)))
        self.assertTrue(events[0]["executionStartedEventDetails"]["input"] == text)
        self.assertTrue(described["input"] == text)
        return events

    def test_jsonpath_states_walk_the_deepest_input(self):
        arn = machine("deep-jsonpath", JSONPATH_MACHINE)
        for text in (nested_object(DEPTH), nested_array(DEPTH)):
            execution, d = run(arn, text)
            events = self.check_ended(execution, d, text)
            if text.startswith("{"):
                self.assertEqual(d["status"], "SUCCEEDED", brief(d))
                self.assertTrue(d["output"] == text, "output differs from input")
                self.assertEqual(events[-1]["type"], "ExecutionSucceeded")
            else:
                # "$.a.a.a" on an array: AWS's runtime error, not a crash.
                self.assertEqual((d["status"], d["error"]), ("FAILED", "States.Runtime"), brief(d))

    def test_jsonata_states_walk_the_deepest_input(self):
        arn = machine("deep-jsonata", JSONATA_MACHINE)
        text = nested_object(DEPTH)
        execution, d = run(arn, text)
        self.check_ended(execution, d, text)
        self.assertEqual(d["status"], "SUCCEEDED", brief(d))
        self.assertTrue(d["output"] == text, "output differs from input")

    def test_one_level_deeper_is_refused(self):
        arn = machine("deep-refused", {"StartAt": "P", "States": {"P": {"Type": "Pass",
                                                                          "End": True}}})
        status, _, answer = call(EMU.endpoint, "StartExecution",
                                 {"stateMachineArn": arn, "input": nested_object(DEPTH + 1)})
        self.assertEqual(status, 400, answer)
        self.assertTrue(answer["__type"].endswith("InvalidExecutionInput"), answer)

    def test_server_still_answers(self):
        self.assertIn("stateMachines", api("ListStateMachines", {}))


if __name__ == "__main__":
    sfnlocal.run_unittests()
