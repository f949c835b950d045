#!/usr/bin/env python3
"""ML pipeline: splits the dataset into training and validation sets."""
from common import fail, read_input, respond

request = read_input()
uri = request.get("datasetUri", "")
if not uri.startswith("s3://"):
    fail("InvalidDataset", f"'{uri}' is not an s3:// URI")
base = uri.rsplit(".", 1)[0]
respond({"trainUri": base + "/train.csv", "validationUri": base + "/validation.csv",
         "rows": 120000, "features": 18})
