#!/usr/bin/env python3
"""Bank account opening: checks that the address looks deliverable."""
from common import fail, read_input, respond

applicant = read_input()
address = " ".join(str(applicant.get("address", "")).split())
if not any(c.isdigit() for c in address) or "," not in address:
    fail("CheckFailed", f"the address '{address}' could not be verified")
street, _, city = address.rpartition(",")
respond({"verified": True, "street": street.strip(), "city": city.strip()})
