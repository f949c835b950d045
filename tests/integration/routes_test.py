#!/usr/bin/python3
"""Every route kind through the real binary, with each failure path: programs
(result, output that is not JSON, non-zero exit with and without an error
object, time-out, killed when the execution stops, killed with its children
by the state's TimeoutSeconds, crashing, flooding standard output, a result
over 256 KiB), HTTP endpoints (2xx,
HTTP 500, connection refused), a Lambda Invoke API endpoint (result and
function error), return / throw / echo, and resources nothing routes.
Also checks that no task input reaches a command line or a shell.

Usage: routes_test.py PATH/TO/sfn-local
"""

import http.server
import json
import os
import shutil
import tempfile
import threading
import time
import unittest

import sfnlocal
from sfnlocal import ROLE

BINARY = None
EMU = None
WORK = None
SERVER = None
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:"

PROGRAMS = {
    "double.py": "import json, sys\nprint(json.dumps({'doubled': json.load(sys.stdin)['n'] * 2}))\n",
    "not_json.py": "print('this is not json')\n",
    "declined.py": ("import json, sys\nprint(json.dumps({'errorType': 'Declined', "
                    "'errorMessage': 'card declined'}))\nsys.exit(3)\n"),
    "crash.py": "import sys\nsys.stderr.write('boom\\n')\nsys.exit(2)\n",
    "sleepy.py": "import time\ntime.sleep(60)\n",
    "argv.py": "import json, sys\nprint(json.dumps({'argv': sys.argv[1:]}))\n",
    "stdin.py": ("import json, sys\nprint(json.dumps({'argv': sys.argv[1:], "
                 "'stdin': json.load(sys.stdin)}))\n"),
    # Starts a child (marked like the parent) in its process group; both hang.
    "parent.py": ("import subprocess, sys, time\n"
                  "subprocess.Popen([sys.executable, 'sleepy.py', sys.argv[1]])\ntime.sleep(60)\n"),
    "segfault.py": "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n",
    "flood.py": "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n",
    "big_result.py": "import json\nprint(json.dumps({'blob': 'x' * (300 * 1024)}))\n",
}


class Endpoint(http.server.BaseHTTPRequestHandler):
    """/ok echoes what was posted, /fail answers 500, and the Lambda Invoke
    API path answers for functions "lambda-good" and "lambda-bad"."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"null")
        headers = {}
        if self.path == "/fail":
            status, answer = 500, {"errorType": "Broken", "errorMessage": "server says no"}
        elif self.path.startswith("/2015-03-31/functions/lambda-bad/"):
            status, answer = 200, {"errorType": "ValueError", "errorMessage": "bad value"}
            headers["X-Amz-Function-Error"] = "Unhandled"
        elif self.path.startswith("/2015-03-31/functions/"):
            status, answer = 200, {"invoked": body}
        else:
            status, answer = 200, {"posted": body}
        out = json.dumps(answer).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


def setUpModule():
    global EMU, WORK, SERVER
    WORK = tempfile.mkdtemp()
    for name, text in PROGRAMS.items():
        with open(os.path.join(WORK, name), "w") as f:
            f.write(text)
    SERVER = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=SERVER.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{SERVER.server_address[1]}"
    py = "/usr/bin/python3"
    routes = [
        {"resource": LAMBDA + "double", "exec": [py, "double.py"]},
        {"resource": LAMBDA + "not-json", "exec": [py, "not_json.py"]},
        {"resource": LAMBDA + "declined", "exec": [py, "declined.py"]},
        {"resource": LAMBDA + "crash", "exec": [py, "crash.py"]},
        {"resource": LAMBDA + "too-slow", "exec": [py, "sleepy.py"], "timeoutSeconds": 1},
        # A marker argument tells this run's programs from any others.
        {"resource": LAMBDA + "sleepy", "exec": [py, "sleepy.py", os.path.basename(WORK)]},
        {"resource": LAMBDA + "argv", "exec": [py, "argv.py", "fixed"]},
        {"resource": LAMBDA + "stdin", "exec": [py, "stdin.py", "fixed"]},
        {"resource": LAMBDA + "parent", "exec": [py, "parent.py", os.path.basename(WORK)]},
        {"resource": LAMBDA + "segfault", "exec": [py, "segfault.py"]},
        {"resource": "arn:aws:states:::aws-sdk:glue:getJob", "exec": [py, "flood.py"]},
        {"resource": "arn:aws:states:::aws-sdk:glue:getJobs", "exec": [py, "big_result.py"]},
        {"resource": "arn:aws:states:::sqs:sendMessage", "http": base + "/ok"},
        {"resource": "arn:aws:states:::sns:publish", "http": base + "/fail"},
        {"resource": "arn:aws:states:::events:putEvents", "http": "http://127.0.0.1:1/closed"},
        {"resource": LAMBDA + "lambda-*", "lambdaEndpoint": base},
        {"resource": "arn:aws:states:::dynamodb:putItem", "return": {"stored": True}},
        {"resource": "arn:aws:states:::dynamodb:getItem", "throw": {"error": "Dyn.Err", "cause": "nope"}},
        {"resource": "arn:aws:states:::dynamodb:updateItem", "echo": True},
    ]
    with open(os.path.join(WORK, "routes.json"), "w") as f:
        json.dump({"routes": routes}, f)
    EMU = sfnlocal.Emulator(BINARY, "--config", os.path.join(WORK, "routes.json"))


def tearDownModule():
    code, _ = EMU.stop()
    SERVER.shutdown()
    shutil.rmtree(WORK)
    assert code == 0, EMU.stderr()


def api(action, body):
    return sfnlocal.call_ok(EMU.endpoint, action, body)


def start(resource, task_input='{"n": 2}', **task):
    definition = {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource,
                                                   "End": True, **task}}}
    name = "routes-" + resource.rsplit(":", 1)[-1].replace("*", "x").replace(".", "-")
    name += "".join("-" + k for k in task)
    arn = api("CreateStateMachine", {"name": name, "definition": json.dumps(definition),
                                     "roleArn": ROLE})["stateMachineArn"]
    return api("StartExecution", {"stateMachineArn": arn, "input": task_input})["executionArn"]


def finish(execution_arn, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        d = api("DescribeExecution", {"executionArn": execution_arn})
        if d["status"] != "RUNNING" or time.monotonic() > deadline:
            return d
        time.sleep(0.02)


def run(resource, task_input='{"n": 2}', **task):
    return finish(start(resource, task_input, **task))


def sleepy_processes(program="sleepy.py"):
    """The pids of this run's `program`s (read from /proc)."""
    wanted = [program, os.path.basename(WORK)]
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue  # gone meanwhile
        if args[1:3] == wanted:
            found.append(pid)
    return found


class Programs(unittest.TestCase):
    def test_result_from_standard_output(self):
        d = run(LAMBDA + "double")
        self.assertEqual((d["status"], json.loads(d["output"])), ("SUCCEEDED", {"doubled": 4}))

    def test_output_that_is_not_json(self):
        d = run(LAMBDA + "not-json")
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.TaskFailed"))
        self.assertIn("not valid JSON", d["cause"])

    def test_non_zero_exit_with_an_error_object(self):
        d = run(LAMBDA + "declined")
        self.assertEqual((d["status"], d["error"]), ("FAILED", "Declined"))
        self.assertEqual(json.loads(d["cause"])["errorMessage"], "card declined")

    def test_non_zero_exit_without_one(self):
        d = run(LAMBDA + "crash")
        self.assertEqual(d["status"], "FAILED")
        self.assertIn("boom", d["cause"])

    def test_time_out_kills_the_program(self):
        started = time.monotonic()
        d = run(LAMBDA + "too-slow")
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual((d["status"], d["error"]), ("FAILED", "Sandbox.Timedout"))

    def test_stopping_the_execution_kills_the_program(self):
        execution = start(LAMBDA + "sleepy")
        for _ in range(100):
            if sleepy_processes():
                break
            time.sleep(0.05)
        self.assertTrue(sleepy_processes(), "the program never started")
        api("StopExecution", {"executionArn": execution})
        self.assertEqual(finish(execution)["status"], "ABORTED")
        for _ in range(100):
            if not sleepy_processes():
                break
            time.sleep(0.05)
        self.assertEqual(sleepy_processes(), [])

    def test_input_never_reaches_the_command_line(self):
        d = run(LAMBDA + "argv", json.dumps({"n": "; rm -rf / $(touch pwned)"}))
        self.assertEqual(json.loads(d["output"]), {"argv": ["fixed"]})
        self.assertFalse(os.path.exists(os.path.join(WORK, "pwned")))

    def test_shell_metacharacters_reach_standard_input_unchanged(self):
        hostile = {"a": "$(touch pwned1)", "b": "`touch pwned2`", "c": "x; touch pwned3 | cat && :",
                   "d": "'\"\\\n*?~{a,b}>out<in", "e": ["--help", "-rf", "/"]}
        d = run(LAMBDA + "stdin", json.dumps(hostile))
        self.assertEqual(d["status"], "SUCCEEDED", d)
        self.assertEqual(json.loads(d["output"]), {"argv": ["fixed"], "stdin": hostile})
        for name in ("pwned1", "pwned2", "pwned3", "out"):
            self.assertFalse(os.path.exists(os.path.join(WORK, name)), name)

    def test_state_timeout_kills_the_program_and_its_children(self):
        execution = start(LAMBDA + "parent", TimeoutSeconds=2)
        for _ in range(100):  # the parent started its child
            if sleepy_processes() and sleepy_processes("parent.py"):
                break
            time.sleep(0.05)
        self.assertTrue(sleepy_processes(), "the child never started")
        d = finish(execution)
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.Timeout"))
        for _ in range(100):
            if not sleepy_processes() and not sleepy_processes("parent.py"):
                break
            time.sleep(0.05)
        self.assertEqual((sleepy_processes(), sleepy_processes("parent.py")), ([], []))

    def test_a_crashing_program_fails_the_task(self):
        d = run(LAMBDA + "segfault")
        self.assertEqual((d["status"], d["error"]), ("FAILED", "Lambda.Unknown"))
        self.assertIn("killed by signal 11 (Segmentation fault)", d["cause"])

    def test_megabytes_of_output_are_cut_off_as_too_large(self):
        d = run("arn:aws:states:::aws-sdk:glue:getJob")
        self.assertEqual(d["status"], "FAILED")
        self.assertEqual(d["error"], "States.DataLimitExceeded")
        self.assertEqual(d["cause"], "The state/task 'T' returned a result with a size exceeding "
                                     "the maximum number of bytes service limit.")

    def test_a_result_over_256_kib_exceeds_the_data_limit(self):
        d = run("arn:aws:states:::aws-sdk:glue:getJobs", ResultSelector={"small": True})
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.DataLimitExceeded"))
        history = api("GetExecutionHistory", {"executionArn": d["executionArn"]})["events"]
        failed = [e for e in history if e["type"] == "TaskFailed"]
        self.assertEqual(failed[0]["taskFailedEventDetails"]["error"], "States.DataLimitExceeded")


class Endpoints(unittest.TestCase):
    def test_http_2xx_is_the_result(self):
        d = run("arn:aws:states:::sqs:sendMessage")
        self.assertEqual(json.loads(d["output"]), {"posted": {"n": 2}})

    def test_http_500_fails_with_the_body_error(self):
        d = run("arn:aws:states:::sns:publish")
        self.assertEqual((d["status"], d["error"], d["cause"]),
                         ("FAILED", "Broken", "server says no"))

    def test_connection_refused(self):
        d = run("arn:aws:states:::events:putEvents")
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.TaskFailed"))
        self.assertIn("127.0.0.1:1", d["cause"])

    def test_lambda_endpoint_result_and_function_error(self):
        good = run(LAMBDA + "lambda-good")
        self.assertEqual(json.loads(good["output"]), {"invoked": {"n": 2}})
        bad = run(LAMBDA + "lambda-bad")
        self.assertEqual((bad["status"], bad["error"]), ("FAILED", "ValueError"))


class StaticAnswers(unittest.TestCase):
    def test_return_throw_echo(self):
        self.assertEqual(json.loads(run("arn:aws:states:::dynamodb:putItem")["output"]),
                         {"stored": True})
        thrown = run("arn:aws:states:::dynamodb:getItem")
        self.assertEqual((thrown["error"], thrown["cause"]), ("Dyn.Err", "nope"))
        self.assertEqual(json.loads(run("arn:aws:states:::dynamodb:updateItem")["output"]),
                         {"n": 2})

    def test_unrouted_resources(self):
        d = run("arn:aws:states:::aws-sdk:s3:getObject")
        self.assertEqual((d["status"], d["error"]), ("FAILED", "States.TaskFailed"))
        self.assertIn("no route for the resource 'arn:aws:states:::aws-sdk:s3:getObject'",
                      d["cause"])
        missing = run(LAMBDA + "nobody")
        self.assertEqual(missing["error"], "Lambda.ResourceNotFoundException")


if __name__ == "__main__":
    sfnlocal.run_unittests()
