#!/usr/bin/python3
"""`sfn-local test` and `sfn-local validate` driven as a user drives them:
exit statuses, the lines printed, the JUnit file (read with xml.etree), the
coverage report, and every bad input: a malformed test file, a mock for a
state the machine does not have, an invalid definition, mocks that answer
attempts that never come or run out, a bad command line.

Usage: test_command_test.py PATH/TO/sfn-local
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

BINARY = None
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples")
WORK = None

HELLO_TEST = """\
stateMachine: hello-world.asl.json
cases:
  - name: greets politely
    input: {who: Ada, polite: true}
    expect:
      status: SUCCEEDED
      output: {greeting: "Hello, Ada!", polite: true}
      path: [Greet, IsPolite, Done]
  - name: expects the wrong greeting
    input: {who: Ada, polite: true}
    expect:
      status: SUCCEEDED
      outputContains: {greeting: Hi}
"""


def run(*args, cwd=None):
    proc = subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=120, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


def write(name, text):
    path = os.path.join(WORK, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def without_times(text):
    return re.sub(r" \(\d+ ms\)$", "", text, flags=re.M)


class TestCommand(unittest.TestCase):
    def test_passing_and_failing_cases_lines_and_junit(self):
        test_file = write("hello/hello.sfn-test.yaml", HELLO_TEST)
        shutil.copy(os.path.join(SAMPLES, "hello-world.asl.json"), os.path.join(WORK, "hello"))
        junit = os.path.join(WORK, "hello-junit.xml")
        code, out, _ = run("test", test_file, "--junit", junit)
        self.assertEqual(code, 1, out)
        self.assertEqual(without_times(out), (
            f"PASS {test_file}: greets politely\n"
            f"FAIL {test_file}: expects the wrong greeting\n"
            '  $.output.greeting: expected "Hi", got "Hello, Ada!"\n'
            "  path taken: Greet -> IsPolite -> Done\n"
            "1 passed, 1 failed\n"))
        self.assertRegex(out.splitlines()[0], r"^PASS .*: greets politely \(\d+ ms\)$")
        root = ET.parse(junit).getroot()
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual((root.get("tests"), root.get("failures")), ("2", "1"))
        suites = root.findall("testsuite")
        self.assertEqual(len(suites), 1)
        cases = suites[0].findall("testcase")
        self.assertEqual([c.get("name") for c in cases],
                         ["greets politely", "expects the wrong greeting"])
        failure = cases[1].find("failure")
        self.assertEqual(failure.get("message"), '$.output.greeting: expected "Hi", got "Hello, Ada!"')
        self.assertIn("path taken: Greet -> IsPolite -> Done", failure.text)

    def test_folder_search_jobs_keep_the_order(self):
        folder = os.path.join(WORK, "many")
        for name in ("hello-world", "wait-and-fail"):
            with open(os.path.join(SAMPLES, "tests", name + ".sfn-test.yaml"), encoding="utf-8") as f:
                write(f"many/sub/{name}.sfn-test.yaml", f.read())
            shutil.copy(os.path.join(SAMPLES, name + ".asl.json"), folder)
        code1, out1, _ = run("test", folder)
        code4, out4, _ = run("test", "--jobs", "4", folder)
        self.assertEqual((code1, code4), (0, 0), out1)
        self.assertEqual(without_times(out1), without_times(out4))
        self.assertEqual(out1.splitlines()[-1], "6 passed, 0 failed")
        self.assertTrue(out1.startswith(f"PASS {folder}/sub/hello-world.sfn-test.yaml: "), out1)

    def test_samples_pass_in_virtual_time(self):
        code, out, _ = run("test", os.path.join(SAMPLES, "tests", "daily-digest.sfn-test.yaml"),
                           os.path.join(SAMPLES, "tests", "wait-and-fail.sfn-test.yaml"))
        self.assertEqual(code, 0, out)
        self.assertEqual(out.splitlines()[-1], "7 passed, 0 failed")

    def test_malformed_test_file_exits_2_naming_file_line_and_key(self):
        bad = write("bad/bad.sfn-test.yaml",
                    "stateMachine: x.asl.json\ncases:\n  - name: a\n    expect:\n      outptu: 1\n")
        code, out, _ = run("test", bad)
        self.assertEqual(code, 2, out)
        self.assertEqual(out, f"ERROR {bad}:5: cases[0].expect: unknown key 'outptu' (expected one of: "
                              "status, error, cause, output, outputContains, path, states)\n"
                              "0 passed, 1 failed\n")

    def test_unknown_state_in_mocks_lists_the_states(self):
        shutil.copy(os.path.join(SAMPLES, "hello-world.asl.json"), WORK)
        path = write("unknown.sfn-test.yaml",
                     "stateMachine: hello-world.asl.json\nmocks:\n  Gret: {return: 1}\n"
                     "cases:\n  - expect: {status: SUCCEEDED}\n")
        code, out, _ = run("test", path)
        self.assertEqual(code, 2, out)
        self.assertEqual(out.splitlines()[0],
                         f"ERROR {path}:3: mocks: no state 'Gret' in the state machine; "
                         "its states: Greet, IsPolite, Shrug, Done")

    def test_invalid_definition_gives_aws_diagnostic(self):
        write("invalid/broken.asl.json",
              '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}')
        path = write("invalid/broken.sfn-test.yaml",
                     "stateMachine: broken.asl.json\ncases:\n  - expect: {status: SUCCEEDED}\n")
        code, out, _ = run("test", "--junit", os.path.join(WORK, "invalid.xml"), path)
        self.assertEqual(code, 1, out)
        self.assertEqual(out, f"ERROR {path}: {WORK}/invalid/broken.asl.json: Invalid State Machine "
                              "Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at "
                              "/States/A/Next, MISSING_END_STATE: Workflow has no terminal state at "
                              "null'\n0 passed, 1 failed\n")
        error = ET.parse(os.path.join(WORK, "invalid.xml")).getroot().find("testsuite/testcase/error")
        self.assertEqual(error.get("type"), "InvalidDefinition")

    def test_mock_problems_are_failures(self):
        shutil.copy(os.path.join(SAMPLES, "daily-digest.asl.json"), WORK)
        path = write("mockproblems.sfn-test.yaml", """\
stateMachine: daily-digest.asl.json
cases:
  - name: runs out of answers
    input: {count: 1}
    mocks:
      PublishDigest: [{throw: {error: SNS.ThrottledException}}]
    expect: {status: SUCCEEDED}
  - name: answers an attempt that never comes
    input: {count: 1}
    mocks:
      PublishDigest: [{return: {MessageId: m}}, {return: {MessageId: never}}]
    expect: {status: SUCCEEDED}
""")
        code, out, _ = run("test", path)
        self.assertEqual(code, 1, out)
        self.assertIn(f"FAIL {path}: answers an attempt that never comes (", out)
        first, second = without_times(out).split(f"FAIL {path}: answers an attempt that never comes\n")
        self.assertIn("  mock: PublishDigest: no answer for attempt 2 (the mock has 1)\n", first)
        self.assertIn("  mock: PublishDigest: the answer for attempt 2 was never used (the state "
                      "made at most 1 attempt)\n", second)
        self.assertTrue(out.endswith("0 passed, 2 failed\n"), out)

    def test_coverage(self):
        path = write("cov/hello.sfn-test.yaml", HELLO_TEST.split("  - name: expects")[0])
        shutil.copy(os.path.join(SAMPLES, "hello-world.asl.json"), os.path.join(WORK, "cov"))
        coverage_json = os.path.join(WORK, "coverage.json")
        code, out, _ = run("test", "--coverage", "--coverage-json", coverage_json, path)
        self.assertEqual(code, 0, out)
        self.assertIn(f"coverage of {WORK}/cov/hello-world.asl.json:\n"
                      "  states: 3/4 entered (not entered: Shrug)\n"
                      "  choice rules: 1/2 taken (not taken: IsPolite Default -> Shrug)\n"
                      "  catchers: 0/0 exercised\n"
                      "  retriers: 0/0 exercised\n"
                      f"  {path}: greets politely: 3 state transitions, $0.000075 on AWS Standard\n"
                      "  all cases: 3 state transitions, $0.000075 on AWS Standard\n", out)
        with open(coverage_json, encoding="utf-8") as f:
            machine = json.load(f)["stateMachines"][0]
        self.assertEqual(machine["states"], {"entered": 3, "total": 4, "notEntered": ["Shrug"]})
        self.assertEqual(machine["cases"][0]["stateTransitions"], 3)

    def test_bad_command_lines_exit_2(self):
        self.assertEqual(run("test", "--jobs", "0")[0], 2)
        self.assertEqual(run("test", "--no-such-flag")[0], 2)
        code, _, err = run("test", os.path.join(WORK, "nowhere"))
        self.assertEqual(code, 2)
        self.assertEqual(err, f"sfn-local: {WORK}/nowhere: no such file or folder\n")

    def test_a_folder_without_test_files_fails(self):
        os.makedirs(os.path.join(WORK, "empty"), exist_ok=True)
        code, out, err = run("test", os.path.join(WORK, "empty"))
        self.assertEqual((code, out), (1, ""))
        self.assertEqual(err, "sfn-local: no test files (*.sfn-test.yaml, *.sfn-test.yml, "
                              "*.sfn-test.json) found\n")


class ValidateCommand(unittest.TestCase):
    def test_good_file(self):
        code, out, err = run("validate", os.path.join(SAMPLES, "order-fulfillment.asl.json"))
        self.assertEqual((code, out, err), (0, "", ""))

    def test_file_with_an_error(self):
        path = write("v/bad.asl.json", '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}')
        code, out, _ = run("validate", path)
        self.assertEqual(code, 1)
        self.assertEqual(out, f"{path}: /States/A/Next: ERROR MISSING_TRANSITION_TARGET: "
                              "Missing 'Next' target: B\n"
                              f"{path}: /: ERROR MISSING_END_STATE: Workflow has no terminal state\n")
        code, out, _ = run("validate", "--format", "json", path)
        self.assertEqual(code, 1)
        self.assertEqual(json.loads(out), {"files": [{
            "file": path, "result": "FAIL", "truncated": False,
            "diagnostics": [{"severity": "ERROR", "code": "MISSING_TRANSITION_TARGET",
                             "message": "Missing 'Next' target: B", "location": "/States/A/Next"},
                            {"severity": "ERROR", "code": "MISSING_END_STATE",
                             "message": "Workflow has no terminal state"}]}]})

    def test_root_location_and_several_files(self):
        empty = write("v/empty.asl.json", "{}")
        good = os.path.join(SAMPLES, "hello-world.asl.json")
        code, out, _ = run("validate", good, empty)
        self.assertEqual(code, 1)
        self.assertTrue(out.startswith(f"{empty}: /: ERROR SCHEMA_VALIDATION_FAILED: "), out)

    def test_unreadable_file_and_bad_command_line_exit_2(self):
        code, out, err = run("validate", os.path.join(WORK, "missing.asl.json"))
        self.assertEqual(code, 2)
        self.assertEqual(err, f"{WORK}/missing.asl.json: cannot read: No such file or directory\n")
        self.assertEqual(run("validate")[0], 2)
        self.assertEqual(run("validate", "--format", "xml", "x.json")[0], 2)

    def test_warnings_alone_exit_0(self):
        # No definition the parser accepts draws a WARNING yet; the exit
        # status for warnings is covered by tests/testing/validate_files_test.cc.
        # Here: a valid definition in YAML validates like its JSON twin.
        path = write("v/hello.asl.yaml", "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n")
        self.assertEqual(run("validate", path), (0, "", ""))


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    WORK = tempfile.mkdtemp(prefix="sfn-test-command-")
    try:
        unittest.main(verbosity=2)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
