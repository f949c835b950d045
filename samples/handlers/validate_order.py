#!/usr/bin/env python3
"""Order fulfillment: validates the order and computes its total."""
from common import fail, read_input, respond

order = read_input()
items = order.get("items") or []
if not items:
    fail("InvalidOrder", "the order has no items")
for item in items:
    if item.get("quantity", 0) <= 0:
        fail("InvalidOrder", f"item {item.get('sku')} has no positive quantity")
total = round(sum(i["quantity"] * i["price"] for i in items), 2)
respond({"orderId": order["orderId"], "itemCount": sum(i["quantity"] for i in items), "total": total})
