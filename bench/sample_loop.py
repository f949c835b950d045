#!/usr/bin/env python3
"""Times a sample state machine run again and again through `sfn-local serve`,
to compare exec routes one-shot against "persistent": true.

    /usr/bin/python3 bench/sample_loop.py --binary build/sfn-local \
        --routes samples/routes.json --machine OrderFulfillment \
        --input samples/inputs/order-fulfillment.json --executions 20

Waits and Retry intervals cost nothing (`--wait-scale 0`). `--warm` rewrites the routes file's Python exec routes to run their script
under samples/handlers/warm_runner.py with "persistent": true (same
interpreter, same handler code). Standard library only; prints one line.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

AUTH = ("AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/states/aws4_request, "
        "SignedHeaders=host, Signature=0")
HERE = os.path.dirname(os.path.abspath(__file__))
WARM_RUNNER = os.path.join(HERE, "..", "samples", "handlers", "warm_runner.py")


def call(endpoint, action, body):
    request = urllib.request.Request(endpoint + "/", json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.0", "Authorization": AUTH,
        "X-Amz-Target": f"AWSStepFunctions.{action}"}, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=60) as response:
        return json.loads(response.read())


def warm_routes(path):
    """A copy of the routes file (in its folder) whose exec routes run warm."""
    with open(path) as f:
        routes = json.load(f)
    for route in routes["routes"]:
        if "exec" in route and os.path.basename(route["exec"][0]).startswith("python"):
            route["exec"] = [route["exec"][0], os.path.abspath(WARM_RUNNER)] + route["exec"][1:]
            route["persistent"] = True
    handle, copy = tempfile.mkstemp(suffix=".json", dir=os.path.dirname(os.path.abspath(path)))
    with os.fdopen(handle, "w") as f:
        json.dump(routes, f)
    return copy


def run(args, routes):
    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--wait-scale", "0",
                               "--config", routes],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        line = server.stdout.readline().decode()
        endpoint = re.search(r"(http://\S+)", line).group(1)
        arn = next(m["stateMachineArn"] for m in call(endpoint, "ListStateMachines", {})[
            "stateMachines"] if m["name"] == args.machine)
        with open(args.input) as f:
            task_input = f.read()
        started = time.monotonic()
        for _ in range(args.executions):
            execution = call(endpoint, "StartExecution",
                             {"stateMachineArn": arn, "input": task_input})["executionArn"]
            while True:
                status = call(endpoint, "DescribeExecution", {"executionArn": execution})
                if status["status"] != "RUNNING":
                    break
                time.sleep(0.002)
            if status["status"] != "SUCCEEDED":
                sys.exit(f"{execution} ended {status['status']}: {status.get('cause')}")
        return time.monotonic() - started
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--routes", required=True)
    parser.add_argument("--machine", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--executions", type=int, default=20)
    parser.add_argument("--warm", action="store_true")
    args = parser.parse_args()
    routes = warm_routes(args.routes) if args.warm else args.routes
    try:
        seconds = run(args, routes)
    finally:
        if args.warm:
            os.unlink(routes)
    print(f"{args.machine} x{args.executions} {'warm' if args.warm else 'one-shot'}: "
          f"{seconds:.2f} s, {1000 * seconds / args.executions:.1f} ms per execution, "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
