#!/usr/bin/env python3
"""Travel booking saga: books one part of the trip. Usage: book.py hotel|flight|car

The trip's "failAt" field names a part that cannot be booked, to show the
saga's compensations.
"""
import sys

from common import fail, read_input, respond, short_id

kind = sys.argv[1]
trip = read_input()
if trip.get("failAt") == kind:
    fail("BookingUnavailable", f"no {kind} is available for trip {trip['tripId']}")
respond({"bookingId": short_id(kind[0].upper(), trip["tripId"], kind), "kind": kind,
         "status": "CONFIRMED"})
