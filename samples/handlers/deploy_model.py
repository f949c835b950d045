#!/usr/bin/env python3
"""ML pipeline: stands for sagemaker:createEndpoint."""
from common import read_input, respond

request = read_input()
name = request["EndpointName"]
respond({"EndpointArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name.lower()}"})
