#!/usr/bin/env python3
"""Travel booking saga: cancels a booking (a compensation). Usage: cancel.py hotel|flight|car"""
import sys

from common import log, read_input, respond

kind = sys.argv[1]
request = read_input()
log(f"cancelling {kind} booking {request.get('bookingId')}")
respond({"cancelled": request.get("bookingId"), "kind": kind})
