#!/usr/bin/env python3
"""Runs the sample state machines end to end and checks their results.

    python3 samples/check_samples.py --binary build/sfn-local
        starts the emulator on a free port with samples/routes.json and
        samples/mock-config.json, runs every case, stops it;
    python3 samples/check_samples.py --endpoint http://127.0.0.1:8083
        uses an emulator that is already running with those two files.

Standard library only. Prints one line per case and exits non-zero when a
case fails.
"""
import argparse
import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "handlers"))
from common import short_id  # noqa: E402  (the handlers' own id scheme)

AUTHORIZATION = ("AWS4-HMAC-SHA256 Credential=sample/20240101/us-east-1/states/aws4_request, "
                 "SignedHeaders=host, Signature=0")


def load_input(name):
    with open(os.path.join(HERE, "inputs", name), encoding="utf-8") as f:
        return json.load(f)


def changed(name, **fields):
    value = load_input(name)
    value.update(fields)
    return value


ORDER_ITEMS = load_input("order-fulfillment.json")["items"]

# (case, state machine, input, test case, expectations)
CASES = [
    ("bank account opened", "BankAccountOpening", load_input("bank-account-opening.json"), None,
     {"status": "SUCCEEDED", "output": {
         "accountId": short_id("ACC", "Ada Lovelace", "London"), "status": "OPEN",
         "message": f"Welcome, Ada Lovelace! Your account {short_id('ACC', 'Ada Lovelace', 'London')} is open."}}),
    ("bank account: watch list", "BankAccountOpening",
     changed("bank-account-opening.json", applicant={"name": "Mallory Fraud", "address": "1 Main St, Springfield"}),
     None, {"status": "FAILED", "error": "ApplicationRejected"}),
    ("bank account: bad address", "BankAccountOpening",
     changed("bank-account-opening.json", applicant={"name": "Ada Lovelace", "address": "nowhere"}),
     None, {"status": "FAILED", "error": "ApplicationRejected"}),

    ("order fulfilled after a gateway retry", "OrderFulfillment", load_input("order-fulfillment.json"), None,
     {"status": "SUCCEEDED", "output": {
         "orderId": "o-1001", "total": 37.0, "warehouse": "west",
         "paymentId": short_id("PAY", "o-1001", "0119"), "trackingNumber": short_id("1Z", "o-1001", "west")},
      "entered": ["ValidateOrder", "CheckEastWarehouse", "CheckWestWarehouse", "ProcessPayment", "ShipOrder",
                  "SendConfirmation"]}),
    ("order from the east warehouse", "OrderFulfillment",
     changed("order-fulfillment.json", items=[{"sku": "BOOK-1", "quantity": 1, "price": 12.5}],
             payment={"card": "4111111111111111"}), None,
     {"status": "SUCCEEDED", "output": {"warehouse": "east", "total": 12.5}}),
    ("order: card declined", "OrderFulfillment",
     changed("order-fulfillment.json", payment={"card": "4000000000000002"}), None,
     {"status": "FAILED", "error": "PaymentFailed"}),
    ("order: out of stock", "OrderFulfillment",
     changed("order-fulfillment.json", items=[{"sku": "LAMP-3", "quantity": 2, "price": 30}]), None,
     {"status": "FAILED", "error": "OutOfStock"}),
    ("order: no items", "OrderFulfillment", changed("order-fulfillment.json", items=[]), None,
     {"status": "FAILED", "error": "OrderRejected"}),
    ("order mock: PaymentDeclined", "OrderFulfillment", load_input("order-fulfillment.json"), "PaymentDeclined",
     {"status": "FAILED", "error": "PaymentFailed"}),
    ("order mock: GatewayFlaky", "OrderFulfillment", load_input("order-fulfillment.json"), "GatewayFlaky",
     {"status": "SUCCEEDED", "output": {"paymentId": "PAY-MOCK"}}),
    ("order mock: EverythingMocked", "OrderFulfillment", load_input("order-fulfillment.json"), "EverythingMocked",
     {"status": "SUCCEEDED", "output": {"orderId": "o-1001", "total": 37.0, "warehouse": "west",
                                        "paymentId": "PAY-MOCK", "trackingNumber": "1Z-MOCK"}}),

    ("approval granted by the auto-approver", "HumanApproval", load_input("human-approval.json"), None,
     {"status": "SUCCEEDED", "output": {"requestId": "r-7", "approved": True, "approver": "auto-approver"}}),
    ("approval refused above the limit", "HumanApproval", changed("human-approval.json", amount=5000), None,
     {"status": "FAILED", "error": "RequestRejected"}),
    ("approval mock: Approved", "HumanApproval", load_input("human-approval.json"), "Approved",
     {"status": "SUCCEEDED", "output": {"approved": True, "approver": "manager@example.com"}}),
    ("approval mock: Rejected", "HumanApproval", load_input("human-approval.json"), "Rejected",
     {"status": "FAILED", "error": "RequestRejected"}),

    ("trip booked", "TravelBookingSaga", load_input("travel-booking-saga.json"), None,
     {"status": "SUCCEEDED", "output": {"tripId": "t-300", "status": "BOOKED", "bookings": {
         "hotel": {"bookingId": short_id("H", "t-300", "hotel")},
         "flight": {"bookingId": short_id("F", "t-300", "flight")},
         "car": {"bookingId": short_id("C", "t-300", "car")}}}}),
    ("trip: no car, flight and hotel cancelled", "TravelBookingSaga",
     changed("travel-booking-saga.json", failAt="car"), None,
     {"status": "FAILED", "error": "TripBookingFailed", "entered": ["CancelFlight", "CancelHotel"]}),
    ("trip: no flight, hotel cancelled", "TravelBookingSaga",
     changed("travel-booking-saga.json", failAt="flight"), None,
     {"status": "FAILED", "error": "TripBookingFailed", "entered": ["CancelHotel"], "not_entered": ["CancelFlight"]}),
    ("trip mock: NoCars", "TravelBookingSaga", load_input("travel-booking-saga.json"), "NoCars",
     {"status": "FAILED", "error": "TripBookingFailed", "entered": ["CancelFlight", "CancelHotel"]}),

    ("model deployed", "MlTrainingPipeline", load_input("ml-training-pipeline.json"), None,
     {"status": "SUCCEEDED", "output": {
         "model": "churn", "accuracy": 0.9,
         "endpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-endpoint"}}),
    ("model below the threshold", "MlTrainingPipeline",
     changed("ml-training-pipeline.json", hyperparameters={"epochs": 5, "learningRate": 0.05}), None,
     {"status": "FAILED", "error": "ModelBelowThreshold", "entered": ["ReportLowAccuracy"]}),
    ("model mock: LowAccuracy", "MlTrainingPipeline", load_input("ml-training-pipeline.json"), "LowAccuracy",
     {"status": "FAILED", "error": "ModelBelowThreshold"}),

    ("data pipeline report", "DataProcessingPipeline", load_input("data-processing-pipeline.json"), None,
     {"status": "SUCCEEDED", "output": {"report": "s3://raw-events/reports/2024-06-01.json",
                                        "summary": {"files": 5}}}),
]


class Api:
    def __init__(self, endpoint):
        self.endpoint = endpoint

    def call(self, action, body):
        request = urllib.request.Request(
            self.endpoint, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.0",
                     "X-Amz-Target": f"AWSStepFunctions.{action}", "Authorization": AUTHORIZATION})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{action}: HTTP {e.code}: {e.read().decode()}") from None


def machine_arn(api, name):
    for machine in api.call("ListStateMachines", {"maxResults": 1000})["stateMachines"]:
        if machine["name"] == name:
            return machine["stateMachineArn"]
    raise RuntimeError(f"state machine {name} is not loaded (start the emulator with samples/routes.json)")


def subset_mismatch(expected, actual, path="$"):
    """The first place where `actual` does not contain `expected`, or None."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected an object, got {json.dumps(actual)}"
        for key, value in expected.items():
            if key not in actual:
                return f"{path}.{key}: missing"
            found = subset_mismatch(value, actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    return None if expected == actual else f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"


def run_case(api, arns, case):
    name, machine, value, test_case, expect = case
    arn = arns[machine] + (f"#{test_case}" if test_case else "")
    execution = api.call("StartExecution", {"stateMachineArn": arn, "input": json.dumps(value)})["executionArn"]
    deadline = time.time() + 60
    while True:
        described = api.call("DescribeExecution", {"executionArn": execution})
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.1)
    problems = []
    if described["status"] != expect["status"]:
        problems.append(f"status {described['status']} (error {described.get('error')}: {described.get('cause')})")
    if "error" in expect and described.get("error") != expect["error"]:
        problems.append(f"error {described.get('error')!r}, expected {expect['error']!r}")
    if "output" in expect and described["status"] == "SUCCEEDED":
        found = subset_mismatch(expect["output"], json.loads(described.get("output", "null")))
        if found:
            problems.append(found)
    if "entered" in expect or "not_entered" in expect:
        events = api.call("GetExecutionHistory", {"executionArn": execution, "maxResults": 1000})["events"]
        entered = {e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e}
        problems += [f"state {s} was not entered" for s in expect.get("entered", []) if s not in entered]
        problems += [f"state {s} was entered" for s in expect.get("not_entered", []) if s in entered]
    return name, problems


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator(binary):
    endpoint = f"http://127.0.0.1:{free_port()}"
    command = [binary, "serve", "--port", endpoint.rsplit(":", 1)[1], "--wait-scale", "0",
               "--config", os.path.join(HERE, "routes.json"),
               "--mock-config", os.path.join(HERE, "mock-config.json")]
    # Handlers inherit the environment: the human-approval auto-approver finds us here.
    environment = dict(os.environ, SFN_ENDPOINT=endpoint)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=environment)
    line = process.stdout.readline()
    if "listening on" not in line:
        process.kill()
        raise RuntimeError(f"the emulator did not start: {line!r}")
    return process, endpoint


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--binary", help="sfn-local binary to start")
    group.add_argument("--endpoint", help="URL of a running emulator")
    parser.add_argument("-k", "--filter", default="", help="run only cases whose name contains this")
    args = parser.parse_args()
    process = None
    endpoint = args.endpoint
    if args.binary:
        process, endpoint = start_emulator(args.binary)
    try:
        api = Api(endpoint)
        arns = {machine: machine_arn(api, machine) for machine in {c[1] for c in CASES}}
        cases = [c for c in CASES if args.filter in c[0]]
        failed = 0
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            for name, problems in pool.map(lambda c: run_case(api, arns, c), cases):
                failed += bool(problems)
                print(("FAIL " if problems else "ok   ") + name + ("".join("\n     " + p for p in problems)))
        print(f"{len(cases) - failed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
