#!/usr/bin/python3
"""`serve --state-file`, shutdown and `--max-executions` through the real
binary, driven with boto3 (RedriveExecution over raw HTTP: Debian's boto3
model predates it).

- SIGTERM while executions wait (a long Wait, a task program that sleeps):
  the server exits at once with 0, the program is killed, and a restart on
  the same file has the state machines (revision ids, versions, aliases,
  tags), the activity, and every execution with its history unchanged; the
  interrupted executions are ABORTED with sfn-local's cause and can be
  redriven, with the variables they had.
- kill -9 in the middle of a write, while executions are started as fast
  as possible: the file left is always a whole one that a restart loads
  (and the restart removes the temporary file the write left).
- A state machine of the routes file that the state file also has takes the
  routes file's (edited) definition.
- A damaged, truncated or foreign file is refused at start-up (exit 2) with
  a message naming the file and what is wrong.
- --max-executions: the oldest closed executions go first, running ones
  stay, and an evicted one answers ExecutionDoesNotExist.

Usage: persistence_test.py PATH/TO/sfn-local
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

import sfnlocal
from sfnlocal import ROLE

BINARY = None
ACCOUNT = "123456789012"
SLEEPER = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:sleeper"
# Writes its pid where the task input says, then sleeps far longer than any test.
SLEEPER_PROGRAM = """import json, os, sys, time
event = json.load(sys.stdin)
with open(event["pidfile"], "w") as f:
    f.write(str(os.getpid()))
time.sleep(120)
"""
WAITING = {
    "QueryLanguage": "JSONata", "StartAt": "Set",
    "States": {
        "Set": {"Type": "Pass", "Assign": {"seen": "{% $states.input.tag %}"}, "Next": "Hold"},
        "Hold": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
        "Done": {"Type": "Pass", "Output": {"seen": "{% $seen %}"}, "End": True},
    },
}
TASK = {
    "StartAt": "Sleep",
    "States": {"Sleep": {"Type": "Task", "Resource": SLEEPER, "End": True}},
}
QUICK = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}
FAILING = {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "on purpose"}}}


def machine_arn(name):
    return f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:{name}"


def history(client, arn):
    events, token = [], None
    while True:
        page = client.get_execution_history(executionArn=arn, maxResults=1000,
                                            **({"nextToken": token} if token else {}))
        events += page["events"]
        token = page.get("nextToken")
        if not token:
            return events


def wait_for(predicate, what, attempts=500):
    for _ in range(attempts):
        if predicate():
            return
        time.sleep(0.01)
    raise AssertionError("never happened: " + what)


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def process_gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] == "Z"  # a zombie is dead
    except FileNotFoundError:
        return True


class StateFileTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="sfn-persist-")
        self.state = os.path.join(self.work, "state.json")
        with open(os.path.join(self.work, "sleeper.py"), "w") as f:
            f.write(SLEEPER_PROGRAM)
        self.routes = os.path.join(self.work, "routes.json")
        with open(self.routes, "w") as f:
            json.dump({"routes": [{"resource": SLEEPER,
                                   "exec": ["/usr/bin/python3", "sleeper.py"]}]}, f)

    def tearDown(self):
        shutil.rmtree(self.work)

    def serve(self, *args):
        emu = sfnlocal.Emulator(BINARY, "--state-file", self.state, "--config", self.routes, *args)
        return emu, sfnlocal.boto3_client(emu.endpoint)

    def populate(self, emu, sfn):
        # Versions and aliases over raw HTTP: Debian's boto3 model predates them.
        def api(action, body):
            return sfnlocal.call_ok(emu.endpoint, action, body)
        sfn.create_state_machine(name="Waiting", definition=json.dumps(WAITING), roleArn=ROLE,
                                 tags=[{"key": "team", "value": "core"}])
        sfn.create_state_machine(name="Task", definition=json.dumps(TASK), roleArn=ROLE)
        api("CreateStateMachine", {"name": "Quick", "definition": json.dumps(QUICK),
                                   "roleArn": ROLE, "publish": True, "versionDescription": "v1"})
        api("UpdateStateMachine", {"stateMachineArn": machine_arn("Quick"), "publish": True,
                                   "definition": json.dumps({**QUICK, "Comment": "revised"})})
        api("CreateStateMachineAlias", {"name": "live", "routingConfiguration": [
            {"stateMachineVersionArn": machine_arn("Quick") + ":2", "weight": 100}]})
        sfn.create_state_machine(name="Failing", definition=json.dumps(FAILING), roleArn=ROLE)
        sfn.create_activity(name="Work", tags=[{"key": "k", "value": "v"}])

    def snapshot(self, emu, sfn):
        """Everything the restart must give back, as the API shows it."""
        def api(action, body):
            return sfnlocal.call_ok(emu.endpoint, action, body)
        out = {}
        for m in sfn.list_state_machines()["stateMachines"]:
            arn = m["stateMachineArn"]
            versions = api("ListStateMachineVersions", {"stateMachineArn": arn})
            out[arn] = {
                "describe": api("DescribeStateMachine", {"stateMachineArn": arn}),
                "tags": sfn.list_tags_for_resource(resourceArn=arn)["tags"],
                "versions": [api("DescribeStateMachine", {"stateMachineArn": v["stateMachineVersionArn"]})
                             for v in versions["stateMachineVersions"]],
                "aliases": [api("DescribeStateMachineAlias", {"stateMachineAliasArn": a["stateMachineAliasArn"]})
                            for a in api("ListStateMachineAliases", {"stateMachineArn": arn})
                            ["stateMachineAliases"]],
                "executions": {},
            }
            for e in sfn.list_executions(stateMachineArn=arn)["executions"]:
                d = sfn.describe_execution(executionArn=e["executionArn"])
                d.pop("ResponseMetadata")
                out[arn]["executions"][e["executionArn"]] = {
                    "describe": d, "history": history(sfn, e["executionArn"])}
        activity = f"arn:aws:states:us-east-1:{ACCOUNT}:activity:Work"
        out["activity"] = (sfn.describe_activity(activityArn=activity)["creationDate"],
                           sfn.list_tags_for_resource(resourceArn=activity)["tags"])
        return out

    def test_sigterm_then_restart_restores_everything_and_redrives(self):
        emu, sfn = self.serve()
        self.populate(emu, sfn)
        pidfile = os.path.join(self.work, "pid")
        sfn.start_execution(stateMachineArn=machine_arn("Quick"), name="quick")
        sfn.start_execution(stateMachineArn=machine_arn("Quick") + ":live", name="via-alias")
        sfn.start_execution(stateMachineArn=machine_arn("Failing"), name="failed")
        waiting = sfn.start_execution(stateMachineArn=machine_arn("Waiting"), name="waiting",
                                      input=json.dumps({"tag": "before-restart"}))["executionArn"]
        tasking = sfn.start_execution(stateMachineArn=machine_arn("Task"), name="tasking",
                                      input=json.dumps({"pidfile": pidfile}))["executionArn"]
        wait_for(lambda: read(pidfile), "the task started")
        pid = int(read(pidfile))
        wait_for(lambda: history(sfn, waiting)[-1]["type"] == "WaitStateEntered", "the Wait")
        before = self.snapshot(emu, sfn)
        # Also waiting at the signal: a GetActivityTask long poll and an idle
        # keep-alive connection.
        poller = sfnlocal.boto3_client(emu.endpoint)

        def poll():
            try:
                poller.get_activity_task(
                    activityArn=f"arn:aws:states:us-east-1:{ACCOUNT}:activity:Work")
            except Exception:  # answered empty or cut by the shutdown: either is fine
                pass
        polling = threading.Thread(target=poll)
        polling.start()
        idle = socket.create_connection((emu.host, emu.port))
        idle.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        self.assertIn(b"200", idle.recv(4096))

        code, seconds = emu.stop(timeout=5)  # None: still running after 5 s
        self.assertEqual(code, 0)
        polling.join()
        idle.close()
        wait_for(lambda: process_gone(pid), "the task program was killed")
        self.assertEqual(os.listdir(self.work).count("state.json"), 1)
        self.assertFalse([n for n in os.listdir(self.work) if ".tmp-" in n])

        emu, sfn = self.serve("--wait-scale", "0")
        try:
            after = self.snapshot(emu, sfn)
            for arn in (waiting, tasking):
                machine = machine_arn(arn.split(":")[-2])
                old = before[machine]["executions"].pop(arn)
                new = after[machine]["executions"].pop(arn)
                self.assertEqual(old["describe"]["status"], "RUNNING")
                self.assertEqual(new["describe"]["status"], "ABORTED")
                self.assertEqual(new["describe"]["error"], "SfnLocal.Stopped")
                self.assertEqual(new["describe"]["cause"],
                                 "sfn-local stopped while the execution was running")
                self.assertEqual(new["describe"]["startDate"], old["describe"]["startDate"])
                # The history goes on where it was: same events, then the end.
                self.assertEqual(new["history"][:len(old["history"])], old["history"])
                self.assertEqual(new["history"][-1]["type"], "ExecutionAborted")
            self.assertEqual(after, before)  # everything else, exactly

            redriven = sfnlocal.call_ok(emu.endpoint, "RedriveExecution",
                                        {"executionArn": waiting})
            self.assertIn("redriveDate", redriven)
            wait_for(lambda: sfn.describe_execution(executionArn=waiting)["status"] == "SUCCEEDED",
                     "the redriven execution succeeded")
            done = sfnlocal.call_ok(emu.endpoint, "DescribeExecution", {"executionArn": waiting})
            self.assertEqual(json.loads(done["output"]), {"seen": "before-restart"})
            self.assertEqual(done["redriveCount"], 1)
            events = history(sfn, waiting)
            self.assertEqual([e["id"] for e in events], list(range(1, len(events) + 1)))
            types = [e["type"] for e in events]
            self.assertEqual(types[types.index("ExecutionAborted") + 1], "ExecutionRedriven")
            self.assertEqual(types[types.index("ExecutionRedriven") + 1], "WaitStateEntered")
        finally:
            code, _ = emu.stop()
        self.assertEqual(code, 0)

    def test_kill_9_while_writing_leaves_a_whole_file(self):
        emu, sfn = self.serve()
        sfn.create_state_machine(name="Quick", definition=json.dumps(QUICK), roleArn=ROLE)
        for round_ in range(4):
            stop = threading.Event()
            started = []

            def load():
                client = sfnlocal.boto3_client(emu.endpoint)
                while not stop.is_set():
                    try:
                        client.start_execution(stateMachineArn=machine_arn("Quick"))
                        started.append(1)
                    except Exception:  # the server was killed under us
                        return

            threads = [threading.Thread(target=load) for _ in range(4)]
            for t in threads:
                t.start()
            # Once hundreds of executions were started, kill without warning
            # while a write is in progress (its temporary file exists).
            wait_for(lambda: len(started) > 300 * (round_ + 1) and os.path.exists(self.state),
                     "executions were started", attempts=3000)
            wait_for(lambda: any(".tmp-" in n for n in os.listdir(self.work)),
                     "a write in progress", attempts=3000)
            emu.proc.send_signal(signal.SIGKILL)
            emu.proc.wait()
            stop.set()
            for t in threads:
                t.join()
            emu.stop()
            with open(self.state) as f:
                json.load(f)  # whole: parses
            emu, sfn = self.serve()  # and loads
            self.assertFalse([n for n in os.listdir(self.work) if ".tmp-" in n])
            self.assertGreater(len(sfn.list_executions(
                stateMachineArn=machine_arn("Quick"), maxResults=1000)["executions"]), 0)
        code, _ = emu.stop()
        self.assertEqual(code, 0)

    def test_a_routes_file_machine_kept_in_the_file_takes_the_routes_definition(self):
        definition = os.path.join(self.work, "quick.json")
        with open(self.routes, "w") as f:
            json.dump({"routes": [], "stateMachines": [{"name": "Quick",
                                                        "definition": "quick.json"}]}, f)
        for comment in ("first", "edited"):
            with open(definition, "w") as f:
                json.dump({**QUICK, "Comment": comment}, f)
            emu, sfn = self.serve()
            try:
                d = sfn.describe_state_machine(stateMachineArn=machine_arn("Quick"))
                self.assertEqual(json.loads(d["definition"])["Comment"], comment)
            finally:
                code, _ = emu.stop()
            self.assertEqual(code, 0)

    def refused(self, content):
        with open(self.state, "w") as f:
            f.write(content)
        proc = subprocess.run([BINARY, "serve", "--port", "0", "--state-file", self.state],
                              capture_output=True, text=True, timeout=30)
        with open(self.state) as f:
            self.assertEqual(f.read(), content)  # left as it was
        return proc.returncode, proc.stderr

    def test_a_damaged_or_foreign_file_is_refused(self):
        emu, sfn = self.serve()
        sfn.create_state_machine(name="Quick", definition=json.dumps(QUICK), roleArn=ROLE)
        sfn.start_execution(stateMachineArn=machine_arn("Quick"))
        emu.stop()
        with open(self.state) as f:
            good = f.read()
        cases = [
            (good[:len(good) // 2], "not valid JSON"),
            ("", "not valid JSON"),
            ('{"format": "something-else", "version": 1}', "not an sfn-local state file"),
            ('{"format": "sfn-local-state", "version": 99}', "version 99 is not supported"),
            (good.replace('"startMs":', '"startMs":"x","_":', 1), '"startMs" must be an integer'),
        ]
        for content, says in cases:
            code, stderr = self.refused(content)
            self.assertEqual(code, 2, stderr)
            self.assertIn(f"sfn-local: state file {self.state}: ", stderr)
            self.assertIn(says, stderr)


class RetentionTest(unittest.TestCase):
    def test_oldest_closed_executions_are_evicted_running_ones_stay(self):
        emu = sfnlocal.Emulator(BINARY, "--max-executions", "3")
        try:
            sfn = sfnlocal.boto3_client(emu.endpoint)
            sfn.create_state_machine(name="Quick", definition=json.dumps(QUICK), roleArn=ROLE)
            sfn.create_state_machine(name="Waiting", definition=json.dumps(WAITING), roleArn=ROLE)
            held = sfn.start_execution(stateMachineArn=machine_arn("Waiting"), name="held",
                                       input='{"tag": 1}')["executionArn"]
            quick = [sfn.start_execution(stateMachineArn=machine_arn("Quick"),
                                         name=f"q{i}")["executionArn"] for i in range(5)]
            listed = [e["name"] for e in sfn.list_executions(
                stateMachineArn=machine_arn("Quick"))["executions"]]
            self.assertEqual(listed, ["q4", "q3"])
            self.assertEqual(sfn.describe_execution(executionArn=held)["status"], "RUNNING")
            with self.assertRaises(sfn.exceptions.ExecutionDoesNotExist) as raised:
                sfn.describe_execution(executionArn=quick[0])
            self.assertEqual(raised.exception.response["Error"]["Message"],
                             f"Execution Does Not Exist: '{quick[0]}'")
            with self.assertRaises(sfn.exceptions.ExecutionDoesNotExist):
                sfn.get_execution_history(executionArn=quick[2])
            # The name of an evicted execution can be used again.
            sfn.start_execution(stateMachineArn=machine_arn("Quick"), name="q0")
            listed = [e["name"] for e in sfn.list_executions(
                stateMachineArn=machine_arn("Quick"))["executions"]]
            self.assertEqual(listed, ["q0", "q4"])
        finally:
            code, _ = emu.stop()
        self.assertEqual(code, 0)


if __name__ == "__main__":
    sfnlocal.skip_unless_importable("boto3")
    sfnlocal.run_unittests()
