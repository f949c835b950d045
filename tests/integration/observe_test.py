"""Observability and safety of `sfn-local serve`, through the real binary:
GET /metrics read with a strict parser of the Prometheus text format after a
known set of executions; the server log (--log-level, --log-format); the
AWS-shaped execution log of --execution-log per loggingConfiguration level;
--watch following definition files (a good edit applied, a bad one reported
and not applied); and the request guard against browsers and DNS rebinding,
refusal by refusal in raw HTTP, with boto3 and the AWS CLI still served.

usage: observe_test.py PATH/TO/sfn-local
"""

import http.client
import json
import math
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest

from sfnlocal import ROLE, Emulator, call, call_ok, run_unittests

BINARY = None
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:sfn-local:*"
FAIL_DEFINITION = json.dumps({"StartAt": "P", "States": {
    "P": {"Type": "Pass", "Result": {"x": 1}, "Next": "F"},
    "F": {"Type": "Fail", "Error": "Boom", "Cause": "on purpose"}}})


def logging(level, include=False):
    config = {"level": level, "includeExecutionData": include}
    if level != "OFF":
        config["destinations"] = [{"cloudWatchLogsLogGroup": {"logGroupArn": LOG_GROUP}}]
    return config


def finish(endpoint, execution_arn, timeout=20.0):
    deadline = time.monotonic() + timeout
    while True:
        d = call_ok(endpoint, "DescribeExecution", {"executionArn": execution_arn})
        if d["status"] != "RUNNING" or time.monotonic() > deadline:
            return d
        time.sleep(0.02)


def create(endpoint, name, definition, **extra):
    body = {"name": name, "definition": definition, "roleArn": ROLE}
    body.update(extra)
    return call_ok(endpoint, "CreateStateMachine", body)["stateMachineArn"]


def start(endpoint, arn, execution_input="{}"):
    return call_ok(endpoint, "StartExecution",
                   {"stateMachineArn": arn, "input": execution_input})["executionArn"]


# ---------------------------------------------------------------- exposition parser

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(r"^(" + NAME + r")(\{(.*)\})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"(,|$)')


def parse_labels(text):
    labels, at = {}, 0
    while at < len(text):
        m = LABEL.match(text, at)
        if not m:
            raise AssertionError(f"bad label set {text!r} at {at}")
        value = re.sub(r'\\(\\|"|n)', lambda e: {"\\": "\\", '"': '"', "n": "\n"}[e.group(1)],
                       m.group(2))
        if m.group(1) in labels:
            raise AssertionError(f"label {m.group(1)} repeated in {text!r}")
        labels[m.group(1)] = value
        at = m.end()
    return labels


def parse_exposition(text):
    """Parses Prometheus text format 0.0.4 strictly: every line HELP, TYPE or a
    sample; TYPE once per family, before its samples; a family's samples
    together; counters named *_total; histograms with cumulative buckets, a
    +Inf bucket equal to _count, and _sum. Returns {family: {"type", "help",
    "samples": [(name, labels, value)]}}."""
    assert text.endswith("\n"), "the exposition must end with a line feed"
    families, current, closed = {}, None, set()
    for number, line in enumerate(text[:-1].split("\n"), 1):
        where = f"line {number}: {line!r}"
        if line.startswith("# HELP "):
            name, _, help_text = line[7:].partition(" ")
            assert re.fullmatch(NAME, name), where
            assert name not in closed and name not in families, where
            if current:
                closed.add(current)
            current = name
            families[name] = {"help": help_text, "type": None, "samples": []}
        elif line.startswith("# TYPE "):
            name, _, kind = line[7:].partition(" ")
            assert name == current and families[name]["type"] is None, where
            assert not families[name]["samples"], where
            assert kind in ("counter", "gauge", "histogram", "summary", "untyped"), where
            families[name]["type"] = kind
        elif line.startswith("#"):
            raise AssertionError("unexpected comment " + where)
        else:
            m = SAMPLE.match(line)
            assert m, "not a sample " + where
            name, labels, value = m.group(1), parse_labels(m.group(3) or ""), m.group(4)
            assert current and families[current]["type"], where
            kind = families[current]["type"]
            allowed = {current}
            if kind == "histogram":
                allowed = {current + "_bucket", current + "_sum", current + "_count"}
            assert name in allowed, f"{name} outside its family {current}: {where}"
            float(value)  # must parse ("+Inf", "NaN" included)
            families[current]["samples"].append((name, labels, float(value)))
    for name, family in families.items():
        assert family["type"], f"{name} has no TYPE"
        if family["type"] == "counter":
            assert name.endswith("_total"), f"counter {name} must end in _total"
            for _, _, value in family["samples"]:
                assert value >= 0 and not math.isnan(value), name
        if family["type"] == "histogram":
            check_histogram(name, family["samples"])
    return families


def check_histogram(name, samples):
    series = {}
    for sample_name, labels, value in samples:
        key = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
        entry = series.setdefault(key, {"buckets": [], "sum": None, "count": None})
        if sample_name.endswith("_bucket"):
            entry["buckets"].append((float(labels["le"]), value))
        elif sample_name.endswith("_sum"):
            entry["sum"] = value
        else:
            entry["count"] = value
    for key, entry in series.items():
        bounds = [b for b, _ in entry["buckets"]]
        counts = [c for _, c in entry["buckets"]]
        assert bounds == sorted(bounds) and bounds[-1] == math.inf, (name, key, bounds)
        assert counts == sorted(counts), (name, key, "buckets must be cumulative", counts)
        assert entry["count"] == counts[-1], (name, key, "+Inf bucket must equal _count")
        assert entry["sum"] is not None and entry["sum"] >= 0, (name, key)


def value_of(families, family, name=None, **labels):
    found = [v for n, l, v in families[family]["samples"]
             if (name is None or n == name) and l == labels]
    assert len(found) == 1, (family, labels, found)
    return found[0]


def get(emulator, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, response.getheader("Content-Type"), body


class ExpositionParserTest(unittest.TestCase):
    """The parser itself refuses what the format forbids (so its passes mean something)."""

    def test_refuses_malformed_expositions(self):
        good = "# HELP a_total h\n# TYPE a_total counter\na_total{x=\"1\"} 2\n"
        parse_exposition(good)
        for bad in [good[:-1],                                            # no final line feed
                    good.replace("a_total{", "b_total{"),                 # sample outside family
                    good.replace("# TYPE a_total counter\n", ""),         # no TYPE
                    good.replace("a_total counter", "a counter").replace("a_total", "a"),
                    good.replace('x="1"', 'x="a"b"'),                     # bad escaping
                    good.replace(" 2\n", " two\n"),                       # bad value
                    good + good]:                                        # family twice
            with self.assertRaises((AssertionError, ValueError), msg=bad):
                parse_exposition(bad)
        histogram = ("# HELP h x\n# TYPE h histogram\n"
                     'h_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n')
        with self.assertRaises(AssertionError):
            parse_exposition(histogram)  # not cumulative


class MetricsTest(unittest.TestCase):
    def test_metrics_after_a_known_set_of_executions(self):
        with tempfile.TemporaryDirectory() as tmp:
            routes = os.path.join(tmp, "routes.json")
            with open(routes, "w") as f:
                json.dump({"routes": [
                    {"resource": "arn:aws:lambda:us-east-1:123456789012:function:Ok",
                     "return": {"ok": True}},
                    {"resource": "arn:aws:lambda:us-east-1:123456789012:function:Bad",
                     "throw": {"error": "Nope", "cause": "always"}},
                    {"resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "return": {}}]}, f)
            emulator = Emulator(BINARY, "--config", routes, "--wait-scale", "0")
            try:
                self.run_known_executions(emulator)
            finally:
                emulator.stop()

    def run_known_executions(self, emulator):
        ep = emulator.endpoint
        fn = "arn:aws:lambda:us-east-1:123456789012:function:"
        ok = create(ep, "Ok", json.dumps({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": fn + "Ok", "Next": "Done"},
            "Done": {"Type": "Succeed"}}}))
        bad = create(ep, "Bad", json.dumps({"StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": fn + "Bad", "End": True}}}))
        hold = create(ep, "Hold", json.dumps({"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}},
            "End": True}}}))
        late = create(ep, "Late", json.dumps({"TimeoutSeconds": 1, "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 30, "End": True}}}))
        runs = [start(ep, ok) for _ in range(3)] + [start(ep, bad) for _ in range(2)]
        runs.append(start(ep, late))
        held = start(ep, hold)
        for arn in runs:
            finish(ep, arn)
        call_ok(ep, "StopExecution", {"executionArn": held})
        self.assertEqual(finish(ep, held)["status"], "ABORTED")
        self.assertEqual(finish(ep, runs[-1])["status"], "TIMED_OUT")

        status, content_type, text = get(emulator, "/metrics")
        self.assertEqual(status, 200)
        self.assertEqual(content_type, "text/plain; version=0.0.4; charset=utf-8")
        m = parse_exposition(text)

        def execs(family, arn):
            return value_of(m, family, state_machine=arn)

        self.assertEqual(execs("sfn_executions_started_total", ok), 3)
        self.assertEqual(execs("sfn_executions_succeeded_total", ok), 3)
        self.assertEqual(execs("sfn_executions_failed_total", bad), 2)
        self.assertEqual(execs("sfn_executions_succeeded_total", bad), 0)
        self.assertEqual(execs("sfn_executions_aborted_total", hold), 1)
        self.assertEqual(execs("sfn_executions_timed_out_total", late), 1)
        for arn in (ok, bad, hold, late):
            self.assertEqual(execs("sfn_executions_running", arn), 0)
        self.assertEqual(value_of(m, "sfn_executions_retained"), 7)
        # Ok: Task + Succeed entered, three times; Bad: Task; Hold: Task; Late: Wait.
        self.assertEqual(value_of(m, "sfn_state_transitions_total"), 3 * 2 + 2 * 1 + 1 + 1)
        self.assertEqual(value_of(m, "sfn_task_calls_total", kind="return",
                                  outcome="succeeded"), 3 + 1)
        self.assertEqual(value_of(m, "sfn_task_calls_total", kind="throw", outcome="failed"), 2)
        self.assertEqual(value_of(m, "sfn_api_requests_total", action="StartExecution",
                                  status="200"), 7)
        self.assertEqual(value_of(m, "sfn_api_requests_total", action="CreateStateMachine",
                                  status="200"), 4)
        self.assertEqual(value_of(m, "sfn_api_request_duration_seconds",
                                  "sfn_api_request_duration_seconds_count",
                                  action="StartExecution"), 7)
        # An API error is counted under its status.
        status, _, _ = call(ep, "DescribeExecution", {"executionArn": ok.replace(
            "stateMachine", "execution") + ":missing"})
        self.assertEqual(status, 400)
        m = parse_exposition(get(emulator, "/metrics")[2])
        self.assertEqual(value_of(m, "sfn_api_requests_total", action="DescribeExecution",
                                  status="400"), 1)


class ServerLogTest(unittest.TestCase):
    def run_one(self, *args):
        emulator = Emulator(BINARY, *args)
        try:
            arn = create(emulator.endpoint, "Logged", FAIL_DEFINITION)
            finish(emulator.endpoint, start(emulator.endpoint, arn))
            call_ok(emulator.endpoint, "ListStateMachines", {})
        finally:
            emulator.proc.send_signal(signal.SIGTERM)
            code = emulator.proc.wait(timeout=10)
            stderr = emulator.stderr()  # before stop() closes the captured file
            emulator.stop()
        self.assertEqual(code, 0)
        return stderr

    def test_debug_json_has_one_line_per_api_call_and_per_execution_end(self):
        lines = [json.loads(l) for l in self.run_one("--log-level", "debug", "--log-format",
                                                     "json").splitlines() if l.startswith("{")]
        calls = [l for l in lines if l["msg"] == "api call"]
        self.assertEqual(calls[0]["action"], "CreateStateMachine")
        self.assertEqual(calls[1]["action"], "StartExecution")
        self.assertEqual(calls[-1]["action"], "ListStateMachines")
        for c in calls:
            self.assertEqual((c["level"], c["status"]), ("debug", 200))
            self.assertIsInstance(c["latency_ms"], (int, float))
            self.assertRegex(c["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        ended = [l for l in lines if l["msg"] == "execution ended"]
        self.assertEqual(len(ended), 1)
        self.assertEqual((ended[0]["level"], ended[0]["status"]), ("info", "FAILED"))
        self.assertIn(":execution:Logged:", ended[0]["arn"])
        self.assertGreaterEqual(ended[0]["duration_ms"], 0)

    def test_default_info_text_logs_execution_ends_but_not_api_calls(self):
        stderr = self.run_one()
        self.assertNotIn("api call", stderr)
        self.assertRegex(stderr, r"(?m)^\S+Z INFO execution ended arn=arn:aws:states:\S+"
                                 r":execution:Logged:\S+ status=FAILED duration_ms=\d+$")

    def test_off_logs_nothing(self):
        self.assertEqual(self.run_one("--log-level", "off"), "")

    def test_bad_values_are_refused_at_start(self):
        for args in (["--log-level", "loud"], ["--log-format", "xml"],
                     ["--watch"], ["--execution-log", "/nonexistent-dir/x.log"]):
            r = subprocess.run([BINARY, "serve", "--port", "0", *args], capture_output=True,
                               text=True, timeout=10, stdin=subprocess.DEVNULL)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertTrue(r.stderr.strip(), args)


class ExecutionLogTest(unittest.TestCase):
    def test_events_per_level_as_aws_logs_them(self):
        with tempfile.TemporaryDirectory() as tmp:
            log_path = os.path.join(tmp, "executions.log")
            emulator = Emulator(BINARY, "--execution-log", log_path)
            try:
                self.check_levels(emulator, log_path)
            finally:
                emulator.stop()

    def check_levels(self, emulator, log_path):
        ep = emulator.endpoint
        executions = {}
        for name, config in [("All", logging("ALL", True)), ("AllNoData", logging("ALL")),
                             ("Error", logging("ERROR", True)), ("Fatal", logging("FATAL")),
                             ("Off", logging("OFF"))]:
            arn = create(ep, name, FAIL_DEFINITION, loggingConfiguration=config)
            described = call_ok(ep, "DescribeStateMachine", {"stateMachineArn": arn})
            self.assertEqual(described["loggingConfiguration"], config)
            executions[name] = start(ep, arn, '{"in": 1}')
        express = create(ep, "Express", json.dumps({"StartAt": "P", "States": {
            "P": {"Type": "Pass", "End": True}}}), type="EXPRESS",
            loggingConfiguration=logging("ALL", True))
        executions["Express"] = start(ep, express, '{"e": 2}')
        for name, arn in executions.items():
            if name != "Express":
                self.assertEqual(finish(ep, arn)["status"], "FAILED")
        with open(log_path) as f:
            events = [json.loads(line) for line in f]
        by_execution = {}
        for e in events:
            self.assertEqual(list(e), ["id", "type", "details", "previous_event_id",
                                       "event_timestamp", "execution_arn", "redrive_count"])
            for key in ("id", "previous_event_id", "event_timestamp", "redrive_count"):
                self.assertRegex(e[key], r"^\d+$")
            by_execution.setdefault(e["execution_arn"], []).append(e)

        history = call_ok(ep, "GetExecutionHistory",
                          {"executionArn": executions["All"]})["events"]
        logged = by_execution[executions["All"]]
        self.assertEqual([(int(e["id"]), int(e["previous_event_id"]), e["type"]) for e in logged],
                         [(h["id"], h["previousEventId"], h["type"]) for h in history])
        self.assertEqual(logged[0]["details"]["input"], '{"in": 1}')
        self.assertEqual(logged[0]["details"]["roleArn"], ROLE)
        self.assertEqual(logged[2]["details"]["output"], '{"x":1}')

        no_data = by_execution[executions["AllNoData"]]
        self.assertEqual(len(no_data), len(history))
        self.assertEqual(no_data[0]["details"], {"roleArn": ROLE})
        self.assertEqual(no_data[1]["details"], {"name": "P"})
        self.assertEqual(no_data[-1]["details"], {"error": "Boom", "cause": "on purpose"})

        self.assertEqual([e["type"] for e in by_execution[executions["Error"]]],
                         ["FailStateEntered", "ExecutionFailed"])
        self.assertEqual([e["type"] for e in by_execution[executions["Fatal"]]],
                         ["ExecutionFailed"])
        self.assertNotIn(executions["Off"], by_execution)
        # EXPRESS executions keep no history, but AWS logs them.
        self.assertEqual([e["type"] for e in by_execution[executions["Express"]]],
                         ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                          "ExecutionSucceeded"])

    def test_invalid_logging_configurations_get_aws_errors(self):
        emulator = Emulator(BINARY)
        try:
            ep = emulator.endpoint
            for config, message in [
                    ({"level": "ERROR"},
                     "Invalid Logging Configuration: Must specify exactly one Log Destination."),
                    ({"level": "ALL", "destinations": [{"cloudWatchLogsLogGroup": {
                        "logGroupArn": LOG_GROUP[:-2]}}]},
                     "Invalid Logging Configuration: Log Group ARN must be provided with '*' "
                     "qualifier.")]:
                status, headers, body = call(ep, "CreateStateMachine", {
                    "name": "x", "definition": FAIL_DEFINITION, "roleArn": ROLE,
                    "loggingConfiguration": config})
                self.assertEqual((status, headers["x-amzn-ErrorType"], body["message"]),
                                 (400, "InvalidLoggingConfiguration", message))
        finally:
            emulator.stop()


class WatchTest(unittest.TestCase):
    def test_a_good_edit_is_applied_and_a_bad_one_reported(self):
        with tempfile.TemporaryDirectory() as tmp:
            definition = os.path.join(tmp, "flow.asl.json")
            routes = os.path.join(tmp, "routes.json")
            first = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
            with open(definition, "w") as f:
                json.dump(first, f)
            with open(routes, "w") as f:
                json.dump({"routes": [], "stateMachines": [
                    {"name": "Flow", "definition": "flow.asl.json"}]}, f)
            emulator = Emulator(BINARY, "--config", routes, "--watch")
            try:
                self.edit_and_check(emulator, definition)
            finally:
                emulator.stop()

    def watch_status(self, emulator, until, timeout=15.0):
        deadline = time.monotonic() + timeout
        while True:
            status = json.loads(get(emulator, "/console/api/watch")[2])
            machine = status["stateMachines"][0]
            if until(machine) or time.monotonic() > deadline:
                return machine
            time.sleep(0.05)

    def edit_and_check(self, emulator, definition):
        ep = emulator.endpoint
        arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Flow"
        machine = self.watch_status(emulator, lambda m: True)
        self.assertEqual((machine["stateMachineArn"], machine["updates"], machine["error"]),
                         (arn, 0, None))
        second = json.dumps({"StartAt": "B", "States": {"B": {"Type": "Succeed"}}})
        with open(definition, "w") as f:
            f.write(second)
        machine = self.watch_status(emulator, lambda m: m["updates"] == 1)
        self.assertEqual(machine["updates"], 1)
        self.assertIsNone(machine["error"])
        self.assertEqual(call_ok(ep, "DescribeStateMachine",
                                 {"stateMachineArn": arn})["definition"], second)
        # An edit the API refuses keeps the good definition and is reported.
        with open(definition, "w") as f:
            f.write('{"StartAt": "C", "States": {"B": {"Type": "Succeed"}}}')
        machine = self.watch_status(emulator, lambda m: m["error"] is not None)
        self.assertEqual(machine["error"]["error"], "InvalidDefinition")
        self.assertEqual(machine["error"]["cause"],
                         "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: "
                         "Missing 'StartAt' target: C at /StartAt'")
        self.assertEqual(machine["updates"], 1)
        self.assertEqual(call_ok(ep, "DescribeStateMachine",
                                 {"stateMachineArn": arn})["definition"], second)
        self.assertIn("definition file not applied", emulator.stderr())
        self.assertIn("InvalidDefinition", emulator.stderr())
        # The next good edit clears the error.
        third = json.dumps({"StartAt": "C", "States": {"C": {"Type": "Succeed"}}})
        with open(definition, "w") as f:
            f.write(third)
        machine = self.watch_status(emulator, lambda m: m["updates"] == 2)
        self.assertIsNone(machine["error"])
        self.assertEqual(call_ok(ep, "DescribeStateMachine",
                                 {"stateMachineArn": arn})["definition"], third)

    def test_without_watch_nothing_is_watched(self):
        emulator = Emulator(BINARY)
        try:
            status, _, body = get(emulator, "/console/api/watch")
            self.assertEqual((status, json.loads(body)), (200, {"watching": False, "stateMachines": []}))
        finally:
            emulator.stop()
        emulator = Emulator(BINARY, "--no-console")
        try:
            self.assertEqual(get(emulator, "/console/api/watch")[0], 404)
        finally:
            emulator.stop()


def raw_post(port, headers, body=b"{}", target="ListStateMachines"):
    """POST / with exactly `headers` (Host included) over http.client."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("POST", "/", skip_host=True, skip_accept_encoding=True)
    all_headers = {"X-Amz-Target": f"AWSStepFunctions.{target}",
                   "Content-Type": "application/x-amz-json-1.0"}
    all_headers.update(headers)
    for name, value in all_headers.items():
        if value is not None:
            conn.putheader(name, value)
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, json.loads(payload) if payload else None


class GuardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emulator = Emulator(BINARY, "--allow-host", "sfn-service")
        cls.port = cls.emulator.port

    @classmethod
    def tearDownClass(cls):
        cls.emulator.stop()

    def assertRefused(self, headers, why, **kwargs):
        status, body = raw_post(self.port, headers, **kwargs)
        self.assertEqual(status, 403, headers)
        self.assertTrue(body["__type"].endswith("AccessDeniedException"), body)
        self.assertIn(why, body["message"])

    def assertServed(self, headers, **kwargs):
        status, body = raw_post(self.port, headers, **kwargs)
        self.assertEqual(status, 200, (headers, body))

    def test_loopback_hosts_are_answered_with_or_without_sync_prefix(self):
        p = self.port
        for host in (f"localhost:{p}", f"127.0.0.1:{p}", f"[::1]:{p}", "localhost",
                     f"sync-localhost:{p}", f"sync-127.0.0.1:{p}", f"sfn-service:{p}",
                     f"sync-sfn-service:{p}", f"LOCALHOST:{p}"):
            self.assertServed({"Host": host})

    def test_dns_rebinding_other_hosts_are_refused(self):
        for host in (f"attacker.example:{self.port}", "localhost.attacker.example",
                     f"127.0.0.1.nip.io:{self.port}", "sfn-service2"):
            self.assertRefused({"Host": host}, "DNS rebinding")

    def test_a_foreign_origin_is_refused_and_the_own_one_served(self):
        own = f"127.0.0.1:{self.port}"
        for origin in ("http://attacker.example", "null", f"http://localhost:{self.port}",
                       f"http://127.0.0.1:{self.port + 1}"):
            self.assertRefused({"Host": own, "Origin": origin}, "Cross-origin request refused")
        self.assertServed({"Host": own, "Origin": f"http://{own}"})

    def test_form_content_types_from_browsers_are_refused(self):
        own = f"127.0.0.1:{self.port}"
        for content_type in ("text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                             "multipart/form-data; boundary=x"):
            self.assertRefused({"Host": own, "Origin": f"http://{own}",
                                "Content-Type": content_type}, "Content-Type")
            self.assertRefused({"Host": own, "Sec-Fetch-Mode": "no-cors",
                                "Content-Type": content_type}, "Content-Type")
        # curl -d sends a form type but is no browser: served as before.
        self.assertServed({"Host": own, "Content-Type": "application/x-www-form-urlencoded"})

    def test_sec_fetch_site_cross_site_is_refused(self):
        self.assertRefused({"Host": f"localhost:{self.port}", "Sec-Fetch-Site": "cross-site"},
                           "Cross-site request refused")

    def test_a_refused_request_starts_nothing(self):
        arn = create(self.emulator.endpoint, "Guarded", json.dumps(
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}))
        self.assertRefused({"Host": f"127.0.0.1:{self.port}", "Origin": "http://evil.example"},
                           "Cross-origin", target="StartExecution",
                           body=json.dumps({"stateMachineArn": arn}).encode())
        listed = call_ok(self.emulator.endpoint, "ListExecutions", {"stateMachineArn": arn})
        self.assertEqual(listed["executions"], [])

    def test_metrics_with_a_foreign_origin_is_refused(self):
        status, _, body = get(self.emulator, "/metrics", {"Origin": "http://evil.example"})
        self.assertEqual(status, 403)
        self.assertIn("Cross-origin", body)

    def test_boto3_and_the_aws_cli_are_served(self):
        from sfnlocal import boto3_client, skip_unless_importable
        if os.path.exists("/usr/bin/aws"):
            env = dict(os.environ, AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x",
                       AWS_DEFAULT_REGION="us-east-1", NO_PROXY="127.0.0.1,localhost")
            r = subprocess.run(["/usr/bin/aws", "stepfunctions", "list-state-machines",
                                "--endpoint-url", self.emulator.endpoint],
                               capture_output=True, text=True, env=env, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("stateMachines", r.stdout)
        try:
            client = boto3_client(self.emulator.endpoint)
        except ImportError:
            self.skipTest("boto3 is not installed")
        self.assertIn("stateMachines", client.list_state_machines())


class UnguardedHostTest(unittest.TestCase):
    def test_bound_to_all_interfaces_the_host_is_not_checked(self):
        emulator = Emulator(BINARY, "--host", "0.0.0.0")
        try:
            status, _ = raw_post(emulator.port, {"Host": "sfn.compose.internal:8083"})
            self.assertEqual(status, 200)
            status, _ = raw_post(emulator.port, {"Host": "x", "Origin": "http://evil.example"})
            self.assertEqual(status, 403)  # origins are still checked
        finally:
            emulator.stop()


if __name__ == "__main__":
    run_unittests()
