#!/usr/bin/env python3
"""Data pipeline: sums up the per-file results."""
from common import read_input, respond

results = read_input()["results"]
summary = {"files": len(results), "records": sum(r["records"] for r in results),
           "rejected": sum(r["rejected"] for r in results)}
for kind in sorted({r["kind"] for r in results}):
    summary[kind + "Records"] = sum(r["records"] for r in results if r["kind"] == kind)
respond(summary)
