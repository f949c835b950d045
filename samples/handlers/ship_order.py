#!/usr/bin/env python3
"""Order fulfillment: books the shipment from the chosen warehouse."""
from common import read_input, respond, short_id

request = read_input()
respond({"trackingNumber": short_id("1Z", request["orderId"], request["warehouse"]),
         "carrier": "UPS", "warehouse": request["warehouse"]})
