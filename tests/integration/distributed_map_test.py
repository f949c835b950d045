#!/usr/bin/python3
"""A Distributed Map's data path through the real binary with files on disk:
`sfn-local serve --s3-dir DIR` driven by boto3 (CSV and JSON items read from
the S3 stand-in, batched, the results written back with a manifest), S3
listings, the aws-sdk:s3 Task integrations, S3's errors, keys that would
leave DIR, and `sfn-local run --s3-dir`.

Usage: distributed_map_test.py PATH/TO/sfn-local (exits 77 when boto3 is missing)
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import warnings

import sfnlocal
from sfnlocal import ROLE

sfnlocal.skip_unless_importable("boto3")

BINARY = None
EMU = None
SFN = None
ROOT = None  # the --s3-dir folder

PROCESSOR = {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
             "StartAt": "Count",
             "States": {"Count": {"Type": "Pass",
                                  "Parameters": {"n.$": "States.ArrayLength($.Items)",
                                                 "tag.$": "$.BatchInput.tag",
                                                 "first.$": "$.Items[0]"},
                                  "End": True}}}


def write(bucket, key, text):
    path = os.path.join(ROOT, bucket, key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(bucket, key):
    with open(os.path.join(ROOT, bucket, key), encoding="utf-8") as f:
        return f.read()


def setUpModule():
    global EMU, SFN, ROOT
    warnings.simplefilter("ignore", ResourceWarning)
    ROOT = tempfile.mkdtemp(prefix="sfn-dmap-")
    os.makedirs(os.path.join(ROOT, "results"))
    write("inputs", "people.csv", "name;age\nada;36\n\"bob; jr\";7\ncy;51\n")
    write("inputs", "orders.json", json.dumps({"data": {"orders": [{"id": i} for i in range(5)]}}))
    write("inputs", "logs/a.txt", "aaa")
    write("inputs", "logs/b.txt", "bbbbb")
    with open(os.path.join(ROOT, "secret.txt"), "w", encoding="utf-8") as f:
        f.write("outside every bucket")
    EMU = sfnlocal.Emulator(BINARY, "--s3-dir", ROOT)
    SFN = sfnlocal.boto3_client(EMU.endpoint)


def tearDownModule():
    code, _ = EMU.stop()
    shutil.rmtree(ROOT, ignore_errors=True)
    assert code == 0, f"sfn-local exited with {code}"


def run(definition, name, execution_input="{}"):
    arn = SFN.create_state_machine(name=name, definition=json.dumps(definition),
                                   roleArn=ROLE)["stateMachineArn"]
    execution = SFN.start_execution(stateMachineArn=arn, input=execution_input)["executionArn"]
    for _ in range(500):
        d = SFN.describe_execution(executionArn=execution)
        if d["status"] != "RUNNING":
            return d, SFN.get_execution_history(executionArn=execution)["events"]
        time.sleep(0.02)
    raise AssertionError("execution still running")


class DistributedMapData(unittest.TestCase):
    def test_csv_batched_and_written_then_json_by_items_pointer(self):
        definition = {"StartAt": "People", "States": {
            "People": {"Type": "Map", "Label": "people",
                       "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                      "ReaderConfig": {"InputType": "CSV",
                                                       "CSVHeaderLocation": "FIRST_ROW",
                                                       "CSVDelimiter": "SEMICOLON"},
                                      "Parameters": {"Bucket": "inputs", "Key.$": "$.csv"}},
                       "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag.$": "$.tag"}},
                       "ItemProcessor": PROCESSOR,
                       "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                        "Parameters": {"Bucket": "results", "Prefix": "people"}},
                       "ResultPath": "$.written", "Next": "Orders"},
            "Orders": {"Type": "Map",
                       "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                      "ReaderConfig": {"InputType": "JSON",
                                                       "ItemsPointer": "/data/orders",
                                                       "MaxItems": 3},
                                      "Parameters": {"Bucket": "inputs", "Key": "orders.json"}},
                       "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                                                             "ExecutionType": "EXPRESS"},
                                         "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
                       "ResultPath": "$.orders", "End": True}}}
        d, events = run(definition, "dmap-csv", json.dumps({"csv": "people.csv", "tag": "t1"}))
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        output = json.loads(d["output"])
        self.assertEqual(output["orders"], [{"id": 0}, {"id": 1}, {"id": 2}])
        written = output["written"]
        map_run = written["MapRunArn"]
        self.assertIn(":mapRun:dmap-csv/people:", map_run)
        run_id = map_run.rsplit(":", 1)[1]
        self.assertEqual(written["ResultWriterDetails"],
                         {"Bucket": "results", "Key": f"people/{run_id}/manifest.json"})
        manifest = json.loads(read("results", f"people/{run_id}/manifest.json"))
        self.assertEqual(manifest["DestinationBucket"], "results")
        self.assertEqual(manifest["MapRunArn"], map_run)
        self.assertEqual(manifest["ResultFiles"]["FAILED"], [])
        self.assertEqual(manifest["ResultFiles"]["PENDING"], [])
        [entry] = manifest["ResultFiles"]["SUCCEEDED"]
        self.assertEqual(entry["Key"], f"people/{run_id}/SUCCEEDED_0.json")
        body = read("results", entry["Key"])
        self.assertEqual(entry["Size"], len(body.encode()))
        records = json.loads(body)
        self.assertEqual([r["Status"] for r in records], ["SUCCEEDED", "SUCCEEDED"])
        self.assertEqual([json.loads(r["Output"]) for r in records],
                         [{"n": 2, "tag": "t1", "first": {"name": "ada", "age": "36"}},
                          {"n": 1, "tag": "t1", "first": {"name": "cy", "age": "51"}}])
        self.assertEqual(json.loads(records[0]["Input"]),
                         {"BatchInput": {"tag": "t1"},
                          "Items": [{"name": "ada", "age": "36"}, {"name": "bob; jr", "age": "7"}]})
        for r in records:
            self.assertTrue(r["ExecutionArn"].startswith(map_run.split(":mapRun:")[0] + ":execution:"))
        types = [e["type"] for e in events]
        self.assertEqual(types[:5], ["ExecutionStarted", "MapStateEntered", "MapStateStarted",
                                     "MapRunStarted", "MapRunSucceeded"])

    def test_tolerated_failures_are_written_to_failed_files(self):
        write("inputs", "mixed.json", json.dumps([{"ok": True}, {"ok": False}, {"ok": True}]))
        definition = {"StartAt": "Mixed", "States": {
            "Mixed": {"Type": "Map", "ToleratedFailureCount": 1,
                      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                     "ReaderConfig": {"InputType": "JSON"},
                                     "Parameters": {"Bucket": "inputs", "Key": "mixed.json"}},
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                                                            "ExecutionType": "STANDARD"},
                                        "StartAt": "Check", "States": {
                                            "Check": {"Type": "Choice", "Choices": [
                                                {"Variable": "$.ok", "BooleanEquals": True,
                                                 "Next": "Fine"}], "Default": "Boom"},
                                            "Fine": {"Type": "Succeed"},
                                            "Boom": {"Type": "Fail", "Error": "Bad",
                                                     "Cause": "not ok"}}},
                      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                       "Parameters": {"Bucket": "results", "Prefix": "mixed"}},
                      "End": True}}}
        d, _ = run(definition, "dmap-mixed")
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        key = json.loads(d["output"])["ResultWriterDetails"]["Key"]
        manifest = json.loads(read("results", key))
        [failed] = manifest["ResultFiles"]["FAILED"]
        [succeeded] = manifest["ResultFiles"]["SUCCEEDED"]
        failures = json.loads(read("results", failed["Key"]))
        self.assertEqual([(r["Status"], r["Error"], r["Cause"]) for r in failures],
                         [("FAILED", "Bad", "not ok")])
        self.assertEqual(json.loads(failures[0]["Input"]), {"ok": False})
        described = SFN.describe_execution(executionArn=failures[0]["ExecutionArn"])
        self.assertEqual(described["status"], "FAILED")
        self.assertEqual(len(json.loads(read("results", succeeded["Key"]))), 2)

    def test_listing_with_prefix_gives_each_object(self):
        definition = {"StartAt": "M", "States": {"M": {
            "Type": "Map",
            "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                           "Parameters": {"Bucket": "inputs", "Prefix": "logs/"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
            "End": True}}}
        d, _ = run(definition, "dmap-list")
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        items = json.loads(d["output"])
        self.assertEqual([(i["Key"], i["Size"]) for i in items], [("logs/a.txt", 3), ("logs/b.txt", 5)])
        self.assertEqual(list(items[0]), ["Etag", "LastModified", "Key", "Size", "StorageClass"])
        self.assertIsInstance(items[0]["LastModified"], int)

    def test_missing_object_fails_with_item_reader_failed(self):
        definition = {"StartAt": "M", "States": {"M": {
            "Type": "Map",
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                           "ReaderConfig": {"InputType": "JSON"},
                           "Parameters": {"Bucket": "inputs", "Key": "nope.json"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
            "End": True}}}
        d, events = run(definition, "dmap-missing")
        self.assertEqual(d["status"], "FAILED")
        self.assertEqual(d["error"], "States.ItemReaderFailed")
        self.assertIn("The specified key does not exist.", d["cause"])
        failed = [e for e in events if e["type"] == "MapRunFailed"]
        self.assertEqual(failed[0]["mapRunFailedEventDetails"]["error"], "States.ItemReaderFailed")

    def test_create_time_checks(self):
        definition = {"StartAt": "M", "States": {"M": {
            "Type": "Map",
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                           "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN"},
                           "Parameters": {"Bucket": "inputs", "Key": "people.csv"}},
            "ItemProcessor": PROCESSOR, "End": True}}}
        with self.assertRaises(SFN.exceptions.InvalidDefinition) as caught:
            SFN.create_state_machine(name="dmap-bad", definition=json.dumps(definition), roleArn=ROLE)
        self.assertIn("These fields are required: [CSVHeaders] at /States/M/ItemReader/ReaderConfig",
                      caught.exception.response["Error"]["Message"])

    def test_sdk_integrations_put_get_list_and_errors(self):
        definition = {"StartAt": "Put", "States": {
            "Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
                    "Parameters": {"Bucket": "results", "Key": "sdk/note.json", "Body": {"hi": 1}},
                    "ResultPath": "$.put", "Next": "Get"},
            "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                    "Parameters": {"Bucket": "results", "Key": "sdk/note.json"},
                    "ResultSelector": {"Body.$": "$.Body", "ContentLength.$": "$.ContentLength"},
                    "ResultPath": "$.get", "Next": "List"},
            "List": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                     "Parameters": {"Bucket": "results", "Prefix": "sdk/"},
                     "ResultSelector": {"KeyCount.$": "$.KeyCount", "Keys.$": "$.Contents[*].Key"},
                     "ResultPath": "$.list", "Next": "Missing"},
            "Missing": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                        "Parameters": {"Bucket": "results", "Key": "sdk/none"},
                        "Catch": [{"ErrorEquals": ["S3.NoSuchKeyException"], "ResultPath": "$.missing",
                                   "Next": "Escape"}], "End": True},
            "Escape": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                       "Parameters": {"Bucket": "inputs", "Key": "../secret.txt"},
                       "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.escape",
                                  "Next": "Done"}], "End": True},
            "Done": {"Type": "Pass", "End": True}}}
        d, _ = run(definition, "dmap-sdk")
        self.assertEqual(d["status"], "SUCCEEDED", d.get("cause"))
        out = json.loads(d["output"])
        self.assertIn("ETag", out["put"])
        self.assertEqual(out["get"], {"Body": '{"hi":1}', "ContentLength": 8})
        self.assertEqual(out["list"], {"KeyCount": 1, "Keys": ["sdk/note.json"]})
        self.assertEqual(out["missing"]["Error"], "S3.NoSuchKeyException")
        self.assertEqual(out["escape"]["Error"], "S3.S3Exception")
        self.assertIn("refuses the key '../secret.txt'", out["escape"]["Cause"])
        self.assertNotIn("outside every bucket", d["output"])

    def test_run_command_reads_and_writes_the_folder(self):
        with tempfile.TemporaryDirectory() as folder:
            os.makedirs(os.path.join(folder, "data-in"))
            os.makedirs(os.path.join(folder, "data-out"))
            with open(os.path.join(folder, "data-in", "x.jsonl"), "w", encoding="utf-8") as f:
                f.write('{"v": 1}\n{"v": 2}\n{"v": 3}\n')
            definition = {"StartAt": "M", "States": {"M": {
                "Type": "Map",
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                               "ReaderConfig": {"InputType": "JSONL"},
                               "Parameters": {"Bucket": "data-in", "Key": "x.jsonl"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                  "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "data-out", "Prefix": "out"},
                                 "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},
                "End": True}}}
            path = os.path.join(folder, "sm.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(definition, f)
            done = subprocess.run([BINARY, "run", path, "--s3-dir", folder],
                                  capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual(done.returncode, 0, done.stderr)
            result = json.loads(done.stdout)
            key = result["ResultWriterDetails"]["Key"]
            manifest = json.loads(open(os.path.join(folder, "data-out", key), encoding="utf-8").read())
            [entry] = manifest["ResultFiles"]["SUCCEEDED"]
            lines = open(os.path.join(folder, "data-out", entry["Key"]), encoding="utf-8").read()
            self.assertEqual(lines, '{"v":1}\n{"v":2}\n{"v":3}\n')
            missing = subprocess.run([BINARY, "run", path, "--s3-dir", os.path.join(folder, "nope")],
                                     capture_output=True, text=True, timeout=60, check=False)
            self.assertNotEqual(missing.returncode, 0)
            self.assertIn("--s3-dir", missing.stderr)

    def test_test_command_reads_the_folder(self):
        with tempfile.TemporaryDirectory() as folder:
            os.makedirs(os.path.join(folder, "cases-in"))
            with open(os.path.join(folder, "cases-in", "n.json"), "w", encoding="utf-8") as f:
                f.write("[1, 2, 3, 4, 5]")
            definition = {"StartAt": "M", "States": {"M": {
                "Type": "Map",
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                               "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.max"},
                               "Parameters": {"Bucket": "cases-in", "Key": "n.json"}},
                "ItemBatcher": {"MaxItemsPerBatch": 2},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                  "StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.Items",
                                                                   "End": True}}},
                "End": True}}}
            with open(os.path.join(folder, "sm.json"), "w", encoding="utf-8") as f:
                json.dump(definition, f)
            with open(os.path.join(folder, "sm.sfn-test.yaml"), "w", encoding="utf-8") as f:
                f.write("stateMachine: sm.json\ncases:\n"
                        "  - name: three items in batches of two\n"
                        "    input: {max: 3}\n"
                        "    expect: {status: SUCCEEDED, output: [[1, 2], [3]]}\n")
            done = subprocess.run([BINARY, "test", os.path.join(folder, "sm.sfn-test.yaml"),
                                   "--s3-dir", folder],
                                  capture_output=True, text=True, timeout=60, check=False)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            self.assertIn("PASS", done.stdout)


if __name__ == "__main__":
    sfnlocal.run_unittests()
