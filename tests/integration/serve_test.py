#!/usr/bin/env python3
"""`sfn-local serve` as a CI job meets it: the readiness endpoint, the
start-up errors (a busy port says why), --help's account of --wait-scale, and
a mock test case asked for while no mock file is loaded.

usage: serve_test.py PATH/TO/sfn-local
"""
import json
import os
import socket
import subprocess
import tempfile
import urllib.request

import sfnlocal
from sfnlocal import call

BINARY = None
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})


def get(url):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=5) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


class Serve(sfnlocal.unittest.TestCase):
    def test_health_answers_with_the_version(self):
        emu = sfnlocal.Emulator(BINARY)
        try:
            status, content_type, body = get(emu.endpoint + "/health")
            version = subprocess.run([BINARY, "--version"], capture_output=True, text=True,
                                     timeout=10).stdout.split()[-1]
            self.assertEqual(status, 200)
            self.assertEqual(content_type, "application/json")
            self.assertEqual(json.loads(body), {"status": "ok", "version": version})
        finally:
            self.assertEqual(emu.stop()[0], 0)

    def test_busy_port_says_why(self):
        with socket.socket() as holder:
            holder.bind(("127.0.0.1", 0))
            holder.listen()
            port = holder.getsockname()[1]
            proc = subprocess.run([BINARY, "serve", "--port", str(port)], capture_output=True,
                                  text=True, timeout=10)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr,
                         f"sfn-local: cannot listen on 127.0.0.1:{port}: Address already in use\n")

    def test_unknown_host_says_why(self):
        proc = subprocess.run([BINARY, "serve", "--host", "no-such-host.invalid", "--port", "0"],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 1)
        self.assertTrue(proc.stderr.startswith(
            "sfn-local: cannot listen on no-such-host.invalid:0: "), proc.stderr)

    def test_routes_naming_a_missing_or_non_executable_program_fail_at_start_up(self):
        with tempfile.TemporaryDirectory() as work:
            plain = os.path.join(work, "plain.sh")
            with open(plain, "w") as f:
                f.write("echo {}\n")  # no execute permission
            cases = [("missing", ["./no_such_handler.py"],
                      f'program "./no_such_handler.py" ({work}/./no_such_handler.py) does not exist'),
                     ("plain", [plain], f'program "{plain}" ({plain}) is not executable'),
                     ("unknown", ["no-such-interpreter-3", "h.py"],
                      'program "no-such-interpreter-3" was not found in PATH (')]
            for resource, argv, message in cases:
                routes = os.path.join(work, "routes.json")
                with open(routes, "w") as f:
                    json.dump({"routes": [{"resource": "Ok", "return": {}},
                                          {"resource": resource, "exec": argv}]}, f)
                proc = subprocess.run([BINARY, "serve", "--port", "0", "--config", routes],
                                      capture_output=True, text=True, timeout=10)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertTrue(proc.stderr.startswith(
                    f"sfn-local: --config: {routes}: routes[1] ({resource}): {message}"), proc.stderr)

    def test_help_says_what_wait_scale_covers(self):
        out = subprocess.run([BINARY, "serve", "--help"], capture_output=True, text=True,
                             timeout=10).stdout
        flat = " ".join(out.split())
        self.assertIn("Wait states and Retry back-off", flat)
        self.assertIn("TimeoutSeconds and HeartbeatSeconds are not scaled", flat)

    def test_test_case_without_mock_file_is_refused(self):
        emu = sfnlocal.Emulator(BINARY)
        try:
            arn = call(emu.endpoint, "CreateStateMachine",
                       {"name": "M", "definition": PASS, "roleArn": sfnlocal.ROLE})[2]["stateMachineArn"]
            status, _, body = call(emu.endpoint, "StartExecution",
                                   {"stateMachineArn": arn + "#HappyPath"})
            self.assertEqual(status, 400)
            self.assertEqual(body["__type"].split("#")[1], "InvalidName")
            self.assertIn("no mock configuration is loaded", body["message"])
            self.assertIn("--mock-config FILE", body["message"])
            status, _, listed = call(emu.endpoint, "ListExecutions", {"stateMachineArn": arn})
            self.assertEqual(listed["executions"], [])
        finally:
            self.assertEqual(emu.stop()[0], 0)


if __name__ == "__main__":
    sfnlocal.run_unittests()
