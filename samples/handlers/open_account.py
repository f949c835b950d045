#!/usr/bin/env python3
"""Bank account opening: opens the account once both checks passed."""
from common import fail, read_input, respond, short_id

request = read_input()
deposit = request.get("initialDeposit", 0)
if not isinstance(deposit, (int, float)) or deposit < 0:
    fail("InvalidDeposit", f"the initial deposit {deposit!r} is not a non-negative amount")
name = request["applicant"]["name"]
respond({"accountId": short_id("ACC", name, request["addressCheck"]["city"]),
         "status": "OPEN", "balance": deposit, "currency": "EUR"})
