"""Writes signed PaymentFlow events for the benchmark, one per line: <signature> TAB <body>.

Usage: make_events.py SECRET COUNT OUT [MIX]. MIX "succeeded" (default): every event a payment.succeeded (ERP and
ledger); "realistic": 70 % payment.succeeded, 20 % payment.failed (an e-mail to the customer), 10 % refund.created
(ledger and ERP), in a fixed pseudo-random order. Event ids are random, as PaymentFlow's are ("evt_" and 16 hex
digits): new keys land all over the idempotency index, as they would in production, not at one end of it.
"""
import hashlib
import hmac
import json
import random
import sys
import time
import uuid

secret, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
mix = sys.argv[4] if len(sys.argv) > 4 else "succeeded"
run = uuid.uuid4().hex[:8]
created = int(time.time())
shuffle = random.Random(20261128)


def event_type():
    if mix == "succeeded":
        return "payment.succeeded"
    draw = shuffle.random()
    return "payment.succeeded" if draw < 0.7 else "payment.failed" if draw < 0.9 else "refund.created"


with open(out, "w") as f:
    for i in range(count):
        kind = event_type()
        prefix = "re" if kind.startswith("refund") else "pay"
        body = json.dumps({"id": f"evt_{uuid.uuid4().hex[:16]}", "type": kind, "created": created,
                           "data": {"object": {"id": f"{prefix}_bench_{run}_{i}", "amount": 2999, "currency": "usd",
                                               "customer": {"email": f"customer{i}@example.com",
                                                            "name": "Jane Doe"}}}},
                          separators=(",", ":"))
        sig = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        f.write(sig + "\t" + body + "\n")
