#!/usr/bin/env python3
"""Test handler: fails with {"errorType", "errorMessage"}. Usage: fail.py TYPE [MESSAGE] [stdout|stderr]"""
import json
import sys

sys.stdin.read()
document = json.dumps({"errorType": sys.argv[1], "errorMessage": sys.argv[2] if len(sys.argv) > 2 else ""})
if len(sys.argv) > 3 and sys.argv[3] == "stderr":
    sys.stderr.write("Traceback (most recent call last):\n  File \"handler.py\", line 1\n")
    sys.stderr.write(document + "\n")
else:
    sys.stdout.write(document)
sys.exit(1)
