#!/usr/bin/env python3
"""Bank account opening: checks the applicant's name against a watch list."""
from common import fail, log, read_input, respond

WATCH_LIST = {"john doe", "mallory fraud"}

applicant = read_input()
name = " ".join(str(applicant.get("name", "")).split())
if len(name.split(" ")) < 2:
    fail("CheckFailed", f"'{name}' is not a full name")
if name.lower() in WATCH_LIST:
    fail("CheckFailed", f"'{name}' is on the watch list")
log(f"name check passed for {name}")
respond({"name": name, "verified": True, "watchListHit": False})
