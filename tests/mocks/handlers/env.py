#!/usr/bin/env python3
"""Test handler: returns its working directory, its SFN_* variables and TEST_VAR."""
import json
import os
import sys

sys.stdin.read()
names = [n for n in os.environ if n.startswith("SFN_")] + ["TEST_VAR"]
print(json.dumps({"cwd": os.getcwd(), "env": {n: os.environ.get(n) for n in sorted(names)}}))
