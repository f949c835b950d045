#!/usr/bin/python3
"""Writes the seed corpus of each fuzz target from the project's own inputs.

usage: make_corpora.py OUT_DIR

OUT_DIR/<target>/ gets one file per seed: the committed seeds under
fuzz/seeds/<target>/, plus what the samples (samples/*.asl.json, routes.json,
mock-config.json, samples/inputs) and, when the shared conformance folder
(../shared/conformance beside the checkout) is present, the AWS-recorded
cases and the JSONata test suite hold: definitions for definition_fuzz and
api_fuzz, the paths, intrinsic calls and JSONata expressions inside them (with
the case's input) for jsonpath_fuzz, intrinsics_fuzz and jsonata_fuzz,
routes lists for routes_fuzz. Generated, not committed: the cases change.
"""
import glob
import hashlib
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "conformance")
LIMIT = 3000  # seeds per target: enough variety, quick to load
ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:m"
ROLE = "arn:aws:iam::123456789012:role/r"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def strings(value):
    """Every (key, string) pair inside a JSON value."""
    stack = [(None, value)]
    while stack:
        key, v = stack.pop()
        if isinstance(v, str):
            yield key, v
        elif isinstance(v, dict):
            stack.extend(v.items())
        elif isinstance(v, list):
            stack.extend((key, item) for item in v)


def cases():
    """(definition, input) of each sample and conformance case."""
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.asl.json"))):
        yield load(path), {}
    for path in sorted(glob.glob(os.path.join(SHARED, "aws-recorded", "*", "*.json"))):
        case = load(path)
        yield case["definition"], case.get("input", {})


def expression_seeds(definition, document):
    tail = b"\0" + json.dumps(document, separators=(",", ":")).encode()
    for key, s in strings(definition):
        if s.startswith("{%") and s.endswith("%}"):
            yield "jsonata_fuzz", s[2:-2].strip().encode() + tail
        elif s.startswith("States."):
            yield "intrinsics_fuzz", s.encode() + tail
        elif s.startswith("$"):
            yield "jsonpath_fuzz", s.encode() + tail


def api_seed(definition, document):
    text = json.dumps(definition, separators=(",", ":"))
    calls = [
        ("CreateStateMachine", {"name": "m", "definition": text, "roleArn": ROLE}),
        ("StartExecution", {"stateMachineArn": ARN, "name": "e",
                            "input": json.dumps(document)}),
        ("DescribeExecution", {"executionArn": ARN.replace("stateMachine", "execution") + ":e"}),
        ("GetExecutionHistory", {"executionArn": ARN.replace("stateMachine", "execution") + ":e",
                                 "maxResults": 2}),
        ("ValidateStateMachineDefinition", {"definition": text}),
    ]
    return "\n".join(f"{a}\t{json.dumps(b)}" for a, b in calls).encode()


def jsonata_suite_seeds():
    for path in sorted(glob.glob(os.path.join(SHARED, "jsonata-suite", "groups", "*", "*.json"))):
        for case in (lambda c: c if isinstance(c, list) else [c])(load(path)):
            if isinstance(case.get("expr"), str) and "data" in case:
                yield case["expr"].encode() + b"\0" + json.dumps(case["data"]).encode()


def main(out):
    seeds = {}

    def add(target, data):
        seeds.setdefault(target, {})[hashlib.sha1(data).hexdigest()] = data

    for definition, document in cases():
        text = json.dumps(definition, separators=(",", ":")).encode()
        add("definition_fuzz", text)
        add("api_fuzz", api_seed(definition, document))
        for target, data in expression_seeds(definition, document):
            add(target, data)
    for data in jsonata_suite_seeds():
        add("jsonata_fuzz", data)
    add("routes_fuzz", open(os.path.join(ROOT, "samples", "routes.json"), "rb").read())
    add("mock_config_fuzz", open(os.path.join(ROOT, "samples", "mock-config.json"), "rb").read())
    for path in sorted(glob.glob(os.path.join(SHARED, "aws-recorded", "*", "*.json"))):
        routes = load(path).get("routes")
        if routes:
            add("routes_fuzz", json.dumps({"routes": routes}).encode())
    for folder in sorted(glob.glob(os.path.join(HERE, "seeds", "*"))):
        for path in sorted(glob.glob(os.path.join(folder, "*"))):
            add(os.path.basename(folder), open(path, "rb").read())

    for target, by_hash in sorted(seeds.items()):
        folder = os.path.join(out, target)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name, data in sorted(by_hash.items())[:LIMIT]:
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        print(f"{target}: {min(len(by_hash), LIMIT)} seeds")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
