#!/usr/bin/python3
"""The service quotas sfn-local enforces as AWS does, each with AWS's error,
through boto3: 256 KiB payloads (execution input, SendTaskSuccess output, a
state's output), 25,000 history events, name lengths and characters (state
machines, executions, activities), 50 tags per resource, the 1 MiB request
and definition size, and definition and input nesting depth.

Usage: limits_test.py PATH/TO/sfn-local
"""

import json
import time
import unittest

import sfnlocal

BINARY = None
EMU = None
CLIENT = None
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
KIB256 = 256 * 1024


def setUpModule():
    global EMU, CLIENT
    sfnlocal.skip_unless_importable("boto3")
    EMU = sfnlocal.Emulator(BINARY)
    CLIENT = sfnlocal.boto3_client(EMU.endpoint)


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, EMU.stderr()


def error(call, **kwargs):
    """(code, message) of the error `call` raises; fails if it succeeds."""
    import botocore.exceptions
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError(f"{call.__name__} succeeded")


def machine(name, definition=PASS):
    return CLIENT.create_state_machine(name=name, definition=definition,
                                       roleArn=sfnlocal.ROLE)["stateMachineArn"]


def finish(execution_arn, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        d = CLIENT.describe_execution(executionArn=execution_arn)
        if d["status"] != "RUNNING" or time.monotonic() > deadline:
            return d
        time.sleep(0.05)


def too_long(member, limit):
    return ("ValidationException", f"1 validation error detected: Value at '{member}' failed to "
            f"satisfy constraint: Member must have length less than or equal to {limit}")


class Payloads(unittest.TestCase):
    def test_execution_input_of_256_kib(self):
        arn = machine("payload-input")
        fits = json.dumps("x" * (KIB256 - 2))  # 262,144 bytes with its quotes
        self.assertEqual(finish(CLIENT.start_execution(stateMachineArn=arn, input=fits)
                                ["executionArn"])["status"], "SUCCEEDED")
        self.assertEqual(error(CLIENT.start_execution, stateMachineArn=arn, input=fits + " "),
                         too_long("input", KIB256))

    def test_send_task_success_output_over_256_kib(self):
        self.assertEqual(error(CLIENT.send_task_success, taskToken="t",
                               output=json.dumps("x" * KIB256)), too_long("output", KIB256))

    def test_a_state_output_over_256_kib_fails_the_execution(self):
        doubled = json.dumps({"StartAt": "P", "States": {"P": {
            "Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": True}}})
        arn = machine("payload-state", doubled)
        execution = CLIENT.start_execution(stateMachineArn=arn,
                                           input=json.dumps({"s": "x" * (200 * 1024)}))
        d = finish(execution["executionArn"])
        self.assertEqual((d["status"], d["error"], d["cause"]),
                         ("FAILED", "States.DataLimitExceeded",
                          "The state/task 'P' returned a result with a size exceeding the "
                          "maximum number of bytes service limit."))


class History(unittest.TestCase):
    def test_an_execution_fails_at_25000_events(self):
        loop = json.dumps({"StartAt": "P", "States": {
            "P": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": True,
                                                 "Next": "D"}], "Default": "P"},
            "D": {"Type": "Succeed"}}})
        execution = CLIENT.start_execution(stateMachineArn=machine("history-loop", loop))
        d = finish(execution["executionArn"])
        self.assertEqual((d["status"], d["error"], d["cause"]),
                         ("FAILED", "States.Runtime",
                          "The execution reached the maximum number of history events (25000)."))
        last = CLIENT.get_execution_history(executionArn=execution["executionArn"],
                                            reverseOrder=True, maxResults=1)["events"][0]
        self.assertEqual((last["id"], last["type"]), (25000, "ExecutionFailed"))


class Names(unittest.TestCase):
    FORBIDDEN = ["a b", "a\tb", "a<b", "a>b", "a{b", "a}b", "a[b", "a]b", "a?b", "a*b", 'a"b',
                 "a#b", "a%b", "a\\b", "a^b", "a|b", "a~b", "a`b", "a$b", "a&b", "a,b", "a;b",
                 "a:b", "a/b", "a\x01b", "a\x7fb", "a\x85b"]

    def creators(self):
        arn = machine("names-host")
        return {"state machine": lambda n: CLIENT.create_state_machine(
                    name=n, definition=PASS, roleArn=sfnlocal.ROLE),
                "execution": lambda n: CLIENT.start_execution(stateMachineArn=arn, name=n),
                "activity": lambda n: CLIENT.create_activity(name=n)}

    def test_lengths_1_to_80(self):
        for kind, create in self.creators().items():
            with self.subTest(kind):
                create("n" * 80)
                code, message = error(create, n="n" * 81)
                self.assertEqual(code, "ValidationException")
                self.assertIn("at 'name' failed to satisfy constraint: Member must have length "
                              "less than or equal to 80", message)

    def test_forbidden_characters(self):
        for kind, create in self.creators().items():
            for name in self.FORBIDDEN:
                with self.subTest(kind=kind, name=name):
                    self.assertEqual(error(create, n=name), ("InvalidName", f"Invalid Name: '{name}'"))


class Tags(unittest.TestCase):
    TOO_MANY = ("TooManyTags", "Too many tags: a resource can have at most 50 tags.")

    def tags(self, count, start=0):
        return [{"key": f"k{i}", "value": "v"} for i in range(start, start + count)]

    def test_50_tags_per_resource(self):
        arn = CLIENT.create_state_machine(name="tagged", definition=PASS, roleArn=sfnlocal.ROLE,
                                          tags=self.tags(50))["stateMachineArn"]
        self.assertEqual(error(CLIENT.create_state_machine, name="tagged-51", definition=PASS,
                               roleArn=sfnlocal.ROLE, tags=self.tags(51)), self.TOO_MANY)
        self.assertEqual(error(CLIENT.tag_resource, resourceArn=arn, tags=self.tags(1, 50)),
                         self.TOO_MANY)
        CLIENT.tag_resource(resourceArn=arn, tags=self.tags(1))  # replacing a value adds none
        activity = CLIENT.create_activity(name="tagged", tags=self.tags(50))["activityArn"]
        self.assertEqual(error(CLIENT.create_activity, name="tagged-51", tags=self.tags(51)),
                         self.TOO_MANY)
        self.assertEqual(error(CLIENT.tag_resource, resourceArn=activity, tags=self.tags(1, 50)),
                         self.TOO_MANY)
        self.assertEqual(len(CLIENT.list_tags_for_resource(resourceArn=activity)["tags"]), 50)


class Definitions(unittest.TestCase):
    def definition(self, result):
        return json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": result,
                                                            "End": True}}})

    def test_size_up_to_the_1_mib_request(self):
        machine("large", self.definition("x" * (1024 * 1024 - 1000)))
        self.assertEqual(error(CLIENT.create_state_machine, name="too-large", roleArn=sfnlocal.ROLE,
                               definition=self.definition("x" * (1024 * 1024))),
                         ("RequestEntityTooLargeException",
                          "Request size exceeds the limit of 1048576 bytes"))

    def test_nesting_depth(self):
        nested = lambda depth: "[" * depth + "1" + "]" * depth
        machine("nested", self.definition("NESTED").replace('"NESTED"', nested(990)))
        code, message = error(CLIENT.create_state_machine, name="too-nested", roleArn=sfnlocal.ROLE,
                              definition=self.definition("NESTED").replace('"NESTED"', nested(1100)))
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn("Document nesting depth (1001) exceeds the maximum allowed (1000", message)

    def test_input_nesting_depth(self):
        arn = machine("nested-input")
        self.assertEqual(error(CLIENT.start_execution, stateMachineArn=arn,
                               input="[" * 20000 + "]" * 20000),
                         ("InvalidExecutionInput",
                          "Invalid State Machine Execution Input: 'Invalid execution input.'"))


if __name__ == "__main__":
    sfnlocal.run_unittests()
