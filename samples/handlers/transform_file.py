#!/usr/bin/env python3
"""Data pipeline: transforms one file. A "-partial" file is still being
written on the first attempt (TransientReadError), so the Map's Retry shows."""
import hashlib

from common import attempt, fail, read_input, respond

item = read_input()
key = item["key"]
if "-partial" in key and attempt() == 0:
    fail("TransientReadError", f"s3://{item['bucket']}/{key} is still being written")
digest = int(hashlib.sha1(key.encode()).hexdigest(), 16)
records = 100 + digest % 900
kind = "refund" if "/refunds-" in key else "order"
respond({"key": key, "kind": kind, "records": records, "rejected": digest % 7})
