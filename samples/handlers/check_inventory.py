#!/usr/bin/env python3
"""Order fulfillment: checks one warehouse's stock for every item."""
from common import read_input, respond

STOCK = {
    "east": {"BOOK-1": 5, "PEN-7": 5, "LAMP-3": 1},
    "west": {"BOOK-1": 50, "PEN-7": 100},
}

request = read_input()
warehouse = request["warehouse"]
stock = STOCK.get(warehouse, {})
missing = [i["sku"] for i in request["items"] if stock.get(i["sku"], 0) < i["quantity"]]
respond({"warehouse": warehouse, "inStock": not missing, "missing": missing})
