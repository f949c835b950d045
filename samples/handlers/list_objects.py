#!/usr/bin/env python3
"""Data pipeline: stands for aws-sdk:s3:listObjectsV2 (a fixed listing)."""
from common import read_input, respond

request = read_input()
prefix = request.get("Prefix", "")
names = ["orders-0001.json", "orders-0002.json", "orders-0003-partial.json", "refunds-0001.json",
         "orders-0004.json"]
respond({"Name": request["Bucket"], "Prefix": prefix, "KeyCount": len(names), "IsTruncated": False,
         "Contents": [{"Key": prefix + n, "Size": 1000 + 137 * i} for i, n in enumerate(names)]})
