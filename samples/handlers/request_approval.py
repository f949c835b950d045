#!/usr/bin/env python3
"""Human approval: asks a manager to approve a request (.waitForTaskToken).

The execution waits until someone answers with the task token:

    aws stepfunctions send-task-success --endpoint-url http://127.0.0.1:8083 \\
        --task-token TOKEN --task-output '{"approved": true, "approver": "me"}'

So that the sample also runs unattended, an "auto-approver" answers after a
second unless SFN_SAMPLE_AUTO_APPROVE=0: requests up to 1000 are approved,
larger ones rejected (ApprovalRejected). It calls the emulator at
$SFN_ENDPOINT, else $AWS_ENDPOINT_URL, else http://127.0.0.1:8083.
"""
import json
import os
import subprocess
import sys

from common import log, read_input, respond

event = read_input()
token = event["taskToken"]
request = event["request"]
log(f"approval needed for {request['requestId']} ({request['amount']}): "
    f"answer with send-task-success --task-token {token}")
if os.environ.get("SFN_SAMPLE_AUTO_APPROVE", "1") != "0":
    approver = os.path.join(os.path.dirname(os.path.abspath(__file__)), "auto_approver.py")
    # The token travels on the approver's standard input, never on a command line.
    child = subprocess.Popen([sys.executable, approver], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    child.stdin.write(json.dumps({"taskToken": token, "amount": request["amount"]}).encode())
    child.stdin.close()
respond({"notified": "manager@example.com"})
