#!/usr/bin/env python3
"""Test handler: writes two lines on standard error, then returns {"ok": true}."""
import sys

sys.stdin.read()
sys.stderr.write("first line\nsecond line\n")
sys.stdout.write('{"ok": true}')
