"""Exec routes in warm mode ("persistent": true) through the real binary:
a Python and a Node handler answer task after task from one process; their
error documents, crashes and time-outs fail the task as one-shot programs'
do, and the process is started again; `serve` kills them when it stops;
`sfn-local run` uses them too.

Usage: persistent_exec_test.py PATH/TO/sfn-local
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import sfnlocal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HANDLERS = os.path.join(ROOT, "tests", "mocks", "handlers")
SAMPLE_HANDLERS = os.path.join(ROOT, "samples", "handlers")
ACCOUNT = "123456789012"
BINARY = None


def function_arn(name):
    return f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}"


def one_task(name):
    return json.dumps({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": function_arn(name), "End": True}}})


def alive(pid):
    """Whether `pid` runs (a zombie left to a container's init does not count)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def write_routes(folder):
    routes = {"routes": [
        {"resource": "Py", "exec": ["/usr/bin/python3", os.path.join(HANDLERS, "persistent.py")],
         "persistent": True, "timeoutSeconds": 2},
        {"resource": "Js", "exec": ["node", os.path.join(HANDLERS, "persistent.mjs")],
         "persistent": True, "processes": 2, "timeoutSeconds": 2},
        {"resource": "EchoPy", "exec": ["/usr/bin/python3",
                                        os.path.join(SAMPLE_HANDLERS, "persistent_echo.py")],
         "persistent": True},
        {"resource": "EchoJs", "exec": ["node", os.path.join(SAMPLE_HANDLERS,
                                                             "persistent_echo.mjs")],
         "persistent": True}]}
    path = os.path.join(folder, "routes.json")
    with open(path, "w") as f:
        json.dump(routes, f)
    return path


class ThroughServe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.emu = sfnlocal.Emulator(BINARY, "--config", write_routes(cls.dir.name))
        cls.sfn = sfnlocal.boto3_client(cls.emu.endpoint)
        cls.machines = {}
        for name in ("Py", "Js"):
            cls.machines[name] = cls.sfn.create_state_machine(
                name=f"Warm{name}", definition=one_task(name),
                roleArn=sfnlocal.ROLE)["stateMachineArn"]
        cls.pids = set()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()
        cls.dir.cleanup()

    def execute(self, name, task_input):
        arn = self.sfn.start_execution(stateMachineArn=self.machines[name],
                                       input=json.dumps(task_input))["executionArn"]
        for _ in range(600):
            described = self.sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING":
                return arn, described
            import time
            time.sleep(0.05)
        self.fail(f"{arn} still running")

    def succeeds(self, name, task_input):
        arn, described = self.execute(name, task_input)
        self.assertEqual(described["status"], "SUCCEEDED", described)
        output = json.loads(described["output"])
        self.assertEqual(output["input"], task_input)
        self.assertEqual(output["context"]["executionArn"], arn)
        self.assertEqual(output["context"]["stateName"], "Call")
        self.assertEqual(output["context"]["attempt"], 0)
        self.pids.add(output["pid"])
        return output["pid"]

    def fails(self, name, task_input):
        _, described = self.execute(name, task_input)
        self.assertEqual(described["status"], "FAILED", described)
        return described["error"], described["cause"]

    def check_handler(self, name):
        first = self.succeeds(name, {"n": 1})
        error, cause = self.fails(name, {"fail": True})
        self.assertEqual(error, "Boom")
        self.assertEqual(json.loads(cause)["errorMessage"], "bad")
        if name == "Py":  # one process: the same one answers again
            self.assertEqual(self.succeeds(name, {"n": 2}), first)
        # As a one-shot program that exits non-zero without an error document.
        error, cause = self.fails(name, {"crash": 3})
        self.assertEqual(error, "Lambda.Unknown")
        self.assertTrue(cause.endswith("Returned payload: about to crash"), cause)
        after_crash = self.succeeds(name, {"n": 3})
        error, cause = self.fails(name, {"sleep": 30})
        self.assertEqual(error, "Sandbox.Timedout")  # a Lambda function over its time-out
        after_timeout = self.succeeds(name, {"n": 4})
        if name == "Py":  # one process: the crash and the time-out each replaced it
            self.assertNotEqual(after_crash, first)
            self.assertNotEqual(after_timeout, after_crash)

    def test_python(self):
        self.check_handler("Py")

    def test_node(self):
        self.check_handler("Js")

    def test_zz_processes_end_with_the_server(self):
        self.succeeds("Py", {"n": 5})
        self.succeeds("Js", {"n": 5})
        running = [pid for pid in self.pids if alive(pid)]
        self.assertTrue(running)
        code, _ = self.emu.stop()
        self.assertEqual(code, 0)
        self.assertEqual([pid for pid in running if alive(pid)], [])
        type(self).emu = sfnlocal.Emulator(BINARY)  # for tearDownClass


class ThroughRun(unittest.TestCase):
    def test_sample_handlers_answer_run(self):
        with tempfile.TemporaryDirectory() as folder:
            routes = write_routes(folder)
            definition = os.path.join(folder, "m.json")
            with open(definition, "w") as f:
                json.dump({"StartAt": "A", "States": {
                    "A": {"Type": "Task", "Resource": function_arn("EchoPy"), "Next": "B"},
                    "B": {"Type": "Task", "Resource": function_arn("EchoJs"),
                          "InputPath": "$.echo", "End": True}}}, f)
            proc = subprocess.run([BINARY, "run", definition, "--config", routes,
                                   "--input", '{"x": 1}'], capture_output=True, text=True,
                                  timeout=60)
            self.assertEqual((proc.returncode, proc.stderr), (0, ""))
            self.assertEqual(json.loads(proc.stdout), {"echo": {"x": 1}, "state": "B"})
            proc = subprocess.run([BINARY, "run", definition, "--config", routes,
                                   "--input", '{"fail": true}'], capture_output=True, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("FAILED: EchoFailed", proc.stderr)

    def test_warm_runner_gives_the_one_shot_samples_results(self):
        samples = os.path.join(ROOT, "samples")
        with open(os.path.join(samples, "routes.json")) as f:
            routes = json.load(f)
        for route in routes["routes"]:
            if "exec" in route:
                route["exec"] = ["/usr/bin/python3", "handlers/warm_runner.py"] + route["exec"][1:]
                route["persistent"] = True
        with tempfile.NamedTemporaryFile("w", suffix=".json", dir=samples) as warm:
            json.dump(routes, warm)
            warm.flush()
            outputs = []
            for config in (os.path.join(samples, "routes.json"), warm.name):
                proc = subprocess.run(
                    [BINARY, "run", "order-fulfillment.asl.json", "--config", config,
                     "--input-file", "inputs/order-fulfillment.json"],
                    cwd=samples, capture_output=True, text=True, timeout=60)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                # The handler's log line on the retried attempt, either way.
                self.assertIn("payment gateway did not answer in time", proc.stderr)
                outputs.append(json.loads(proc.stdout))
            self.assertEqual(outputs[0], outputs[1])
            self.assertIn("trackingNumber", outputs[1])


if __name__ == "__main__":
    sfnlocal.skip_unless_importable("boto3")
    sfnlocal.run_unittests()
