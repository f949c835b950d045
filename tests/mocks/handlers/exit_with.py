#!/usr/bin/env python3
"""Test handler: writes TEXT on standard output and exits with STATUS. Usage: exit_with.py STATUS [TEXT]"""
import sys

sys.stdin.read()
sys.stdout.write(sys.argv[2] if len(sys.argv) > 2 else "")
sys.exit(int(sys.argv[1]))
