#!/usr/bin/python3
"""Clients that would hold or stall the server: a Content-Length over the
limit, negative or not a number is answered at once (413 or 400 with an AWS
error body) and the connection closed, without waiting for a body; and idle
keep-alive connections, slowloris requests (headers trickled a byte at a
time), 50 MiB bodies and 1,000 waiting GetActivityTask long polls all at once
still leave a new client's ListStateMachines answered. The slowloris
connections are cut off by the header timeout, the 1,001st poller of an
activity is refused with AWS's error, and SIGTERM still stops the server
promptly.

Prints the measured ListStateMachines latency and the server's RSS with the
polls waiting (figures for the README).

Usage: hostile_clients_test.py PATH/TO/sfn-local
"""

import json
import resource
import selectors
import socket
import threading
import time
import unittest

import sfnlocal

BINARY = None
EMU = None
POLLS = 1000
IDLE = 200
SLOWLORIS = 50
BIG_BODIES = 4
BIG = 50 * 1024 * 1024
ANSWER_TIMEOUT = 5.0  # seconds a new client waits for its answer (generous)


def setUpModule():
    global EMU
    # One descriptor per client socket here, and one per connection there.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * (POLLS + IDLE + SLOWLORIS)
    if soft < wanted and (hard == resource.RLIM_INFINITY or hard >= wanted):
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    EMU = sfnlocal.Emulator(BINARY)


def tearDownModule():
    code, _ = EMU.stop()
    assert code == 0, f"sfn-local exited with {code}: {EMU.stderr()}"


def head(action, length, extra=""):
    return (f"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.{action}\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\n{extra}Content-Length: {length}\r\n\r\n"
            ).encode()


def request(action, body):
    payload = json.dumps(body).encode()
    return head(action, len(payload)) + payload


def read_until_closed(sock):
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def parse(data):
    """Status, lower-cased headers and decoded body of one whole response."""
    header_text, _, body = data.partition(b"\r\n\r\n")
    lines = header_text.decode().split("\r\n")
    headers = dict((k.strip().lower(), v.strip()) for k, v in (l.split(":", 1) for l in lines[1:]))
    return int(lines[0].split()[1]), headers, json.loads(body) if body else None


def connect(timeout=ANSWER_TIMEOUT):
    return socket.create_connection((EMU.host, EMU.port), timeout=timeout)


def proc_status(pid, field):
    """A number from /proc/PID/status ("VmRSS" in KiB, "Threads")."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class BadContentLength(unittest.TestCase):
    CASES = [("2000000", 413, "RequestEntityTooLargeException"),
             ("99999999999999999999999", 413, "RequestEntityTooLargeException"),
             ("-5", 400, "SerializationException"),
             ("abc", 400, "SerializationException"),
             ("12, 12", 400, "SerializationException")]

    def test_answered_at_once_and_closed_without_a_body(self):
        for attempt in range(3):
            for value, status, error in self.CASES:
                with self.subTest(attempt=attempt, content_length=value):
                    # A timeout here (2 s) means the server waited for the body.
                    with connect(timeout=2) as s:
                        s.sendall(head("ListStateMachines", value))
                        got, headers, body = parse(read_until_closed(s))
                    self.assertEqual(got, status)
                    self.assertEqual(headers["x-amzn-errortype"], error)
                    self.assertEqual(headers["connection"], "close")
                    self.assertTrue(body["__type"].endswith("#" + error), body)

    def test_expect_100_continue_over_the_limit_gets_no_continue(self):
        with connect(timeout=2) as s:
            s.sendall(head("ListStateMachines", BIG, "Expect: 100-continue\r\n"))
            status, _, _ = parse(read_until_closed(s))
        self.assertEqual(status, 413)


class HostileClients(unittest.TestCase):
    def setUp(self):
        self.sockets = []
        self.stop = threading.Event()
        self.workers = []

    def tearDown(self):
        self.stop.set()
        for t in self.workers:
            t.join()
        for s in self.sockets:
            s.close()

    def open(self, data=b""):
        s = connect(timeout=30)
        if data:
            s.sendall(data)
        self.sockets.append(s)
        return s

    def background(self, fn, *args):
        t = threading.Thread(target=fn, args=args, daemon=True)
        t.start()
        self.workers.append(t)

    def trickle(self, sock):
        """Sends a request's headers a byte at a time, never finishing them."""
        partial = b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Slow-Header-" + b"x" * 10000
        try:
            for i in range(len(partial)):
                if self.stop.wait(0.2):
                    return
                sock.sendall(partial[i:i + 1])
        except OSError:
            return  # the server cut us off

    def big_body(self, chunked):
        """Sends (or tries to) a 50 MiB body; the server refuses it with 413."""
        try:
            s = connect(timeout=30)
        except OSError as e:
            self.big_results.append(("connect", str(e)))
            return
        with s:
            try:
                extra = "Transfer-Encoding: chunked\r\n" if chunked else ""
                h = head("ListStateMachines", BIG, extra)
                if chunked:
                    h = h.replace(f"Content-Length: {BIG}\r\n".encode(), b"")
                s.sendall(h)
                block = b"x" * 65536
                frame = (b"10000\r\n" + block + b"\r\n") if chunked else block
                for _ in range(BIG // 65536):
                    s.sendall(frame)
            except OSError:
                pass  # refused before we finished sending: expected
            try:
                data = read_until_closed(s)
                self.big_results.append(parse(data)[0] if data else "closed")
            except OSError as e:
                self.big_results.append(("recv", str(e)))

    def timed_list(self, client):
        started = time.monotonic()
        client.list_state_machines()
        return time.monotonic() - started

    def test_a_new_client_is_answered_while_others_hold_connections(self):
        pid = EMU.proc.pid
        base_threads = proc_status(pid, "Threads")
        rss_before = proc_status(pid, "VmRSS")
        arn = sfnlocal.call_ok(EMU.endpoint, "CreateActivity", {"name": "crowded"})["activityArn"]
        poll = request("GetActivityTask", {"activityArn": arn, "workerName": "w"})
        for _ in range(POLLS):
            self.open(poll)
        for i in range(IDLE):
            s = self.open(request("ListStateMachines", {}) if i % 2 else b"")
            if i % 2:  # one answered request, then idle on a keep-alive connection
                self.assertEqual(parse(s.recv(65536))[0], 200)
        slow = [self.open() for _ in range(SLOWLORIS)]
        for s in slow:
            self.background(self.trickle, s)
        self.big_results = []
        for i in range(BIG_BODIES):
            self.background(self.big_body, i % 2 == 1)
        deadline = time.monotonic() + 60
        while proc_status(pid, "Threads") < base_threads + POLLS and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # the last polls reach their wait

        # The 1,001st poller of the activity is refused with AWS's error.
        status, headers, body = sfnlocal.call(EMU.endpoint, "GetActivityTask", {"activityArn": arn})
        self.assertEqual((status, headers["x-amzn-ErrorType"]), (400, "ActivityWorkerLimitExceeded"))
        self.assertEqual(body["message"], "The maximum number of workers concurrently polling for "
                                          "activity tasks has been reached.")

        client = sfnlocal.boto3_client(EMU.endpoint, connect_timeout=ANSWER_TIMEOUT,
                                       read_timeout=ANSWER_TIMEOUT)
        latencies = sorted(self.timed_list(client) for _ in range(20))
        rss_with_polls = proc_status(pid, "VmRSS")
        print(f"\nListStateMachines with {POLLS} polls, {IDLE} idle, {SLOWLORIS} slowloris and "
              f"{BIG_BODIES} 50 MiB bodies: median {latencies[10] * 1000:.1f} ms, "
              f"max {latencies[-1] * 1000:.1f} ms; server threads {proc_status(pid, 'Threads')}, "
              f"RSS {rss_before // 1024} MiB before, {rss_with_polls // 1024} MiB with the polls waiting",
              flush=True)

        # Every 50 MiB body was refused (or cut off) without a 5xx.
        for t in self.workers[SLOWLORIS:]:
            t.join(timeout=60)
        self.assertEqual(len(self.big_results), BIG_BODIES, self.big_results)
        for result in self.big_results:
            self.assertIn(result, (413, "closed"), self.big_results)

        # The header timeout (10 s) cuts every slowloris connection off.
        for s in slow:
            s.settimeout(30)
            self.assertIn(read_until_closed(s)[:12], (b"", b"HTTP/1.1 400"))

        # A task scheduled now is taken by one of the waiting polls at once.
        definition = {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": arn, "End": True}}}
        machine = client.create_state_machine(name="crowd", definition=json.dumps(definition),
                                              roleArn=sfnlocal.ROLE)["stateMachineArn"]
        client.start_execution(stateMachineArn=machine, input='{"job": 1}')
        with selectors.DefaultSelector() as selector:
            for s in self.sockets[:POLLS]:
                selector.register(s, selectors.EVENT_READ)
            ready = selector.select(timeout=10)
        self.assertEqual(len(ready), 1)
        status, _, body = parse(ready[0][0].fileobj.recv(65536))
        self.assertEqual((status, json.loads(body["input"])), (200, {"job": 1}))

if __name__ == "__main__":
    sfnlocal.run_unittests()
