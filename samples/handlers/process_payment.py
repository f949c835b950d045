#!/usr/bin/env python3
"""Order fulfillment: charges the card.

Cards ending in 0002 are declined. Cards ending in 0119 time out on the first
attempt, to show the state's Retry at work.
"""
from common import attempt, fail, log, read_input, respond, short_id

request = read_input()
card = str(request["card"])
if card.endswith("0002"):
    fail("PaymentDeclined", "the card issuer declined the charge")
if card.endswith("0119") and attempt() == 0:
    log("payment gateway did not answer in time")
    fail("PaymentGatewayTimeout", "the payment gateway did not answer in time")
respond({"paymentId": short_id("PAY", request["orderId"], card[-4:]), "amount": request["amount"],
         "status": "CAPTURED"})
