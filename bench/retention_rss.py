#!/usr/bin/python3
"""Memory kept per closed execution, and whether --max-executions bounds it.

Starts `sfn-local serve --wait-scale 0 [EXTRA ARGS]`, runs COUNT executions
of bench/workloads/W1.json (10 Pass states, 23 history events each) one after
the other over one keep-alive connection, and prints the server's resident
set size (VmRSS) at every tenth of the run, then the RSS growth per retained
execution.

    bench/retention_rss.py build/sfn-local 10000
    bench/retention_rss.py build/sfn-local 30000 --max-executions 10000

Standard library only; loopback only.
"""

import http.client
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = "arn:aws:iam::123456789012:role/bench"
AUTH = ("AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/states/aws4_request, "
        "SignedHeaders=host, Signature=0")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    binary, count, extra = argv[1], int(argv[2]), argv[3:]
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--wait-scale", "0", *extra],
                            stdout=subprocess.PIPE)
    port = int(re.search(r":(\d+)$", proc.stdout.readline().decode().strip()).group(1))
    conn = http.client.HTTPConnection("127.0.0.1", port)

    def call(action, body):
        conn.request("POST", "/", json.dumps(body), {
            "Content-Type": "application/x-amz-json-1.0", "Authorization": AUTH,
            "X-Amz-Target": "AWSStepFunctions." + action})
        response = conn.getresponse()
        payload = json.loads(response.read())
        assert response.status == 200, payload
        return payload

    with open(os.path.join(HERE, "workloads", "W1.json")) as f:
        definition = f.read()
    with open(os.path.join(HERE, "workloads", "W1.input.json")) as f:
        execution_input = f.read()
    arn = call("CreateStateMachine", {"name": "W1", "definition": definition,
                                      "roleArn": ROLE})["stateMachineArn"]
    start = rss_kib(proc.pid)
    print(f"executions {0:>7}  RSS {start / 1024:8.1f} MiB")
    last = None
    for i in range(1, count + 1):
        last = call("StartExecution", {"stateMachineArn": arn, "input": execution_input})
        if i % max(1, count // 10) == 0:
            print(f"executions {i:>7}  RSS {rss_kib(proc.pid) / 1024:8.1f} MiB", flush=True)
    status = call("DescribeExecution", {"executionArn": last["executionArn"]})["status"]
    assert status == "SUCCEEDED", status
    end = rss_kib(proc.pid)
    print(f"growth per execution run: {(end - start) * 1024 / count:.0f} bytes")
    proc.terminate()
    proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
