#!/usr/bin/env python3
"""Answers a human-approval task after a second (see request_approval.py)."""
import json
import os
import sys
import time
import urllib.request

job = json.loads(sys.stdin.read())
time.sleep(1)
endpoint = (os.environ.get("SFN_ENDPOINT") or os.environ.get("AWS_ENDPOINT_URL")
            or "http://127.0.0.1:8083")
if job["amount"] <= 1000:
    action = "SendTaskSuccess"
    body = {"taskToken": job["taskToken"],
            "output": json.dumps({"approved": True, "approver": "auto-approver"})}
else:
    action = "SendTaskFailure"
    body = {"taskToken": job["taskToken"], "error": "ApprovalRejected",
            "cause": f"{job['amount']} is above the 1000 approval limit"}
request = urllib.request.Request(
    endpoint, data=json.dumps(body).encode(), method="POST",
    headers={"Content-Type": "application/x-amz-json-1.0",
             "X-Amz-Target": f"AWSStepFunctions.{action}",
             "Authorization": "AWS4-HMAC-SHA256 Credential=sample/20240101/us-east-1/states/aws4_request, "
                              "SignedHeaders=host, Signature=0"})
urllib.request.urlopen(request, timeout=10).read()
