#!/usr/bin/env python3
"""Test handler: writes its standard input back unchanged."""
import sys

sys.stdout.write(sys.stdin.read())
