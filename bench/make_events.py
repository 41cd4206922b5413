"""Writes signed PaymentFlow events for the benchmark, one per line: <signature> TAB <body>."""
import hashlib
import hmac
import json
import sys
import uuid

secret, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
run = uuid.uuid4().hex[:8]
with open(out, "w") as f:
    for i in range(count):
        body = json.dumps({"id": f"evt_bench_{run}_{i}", "type": "payment.succeeded", "created": 1699564800,
                           "data": {"object": {"id": f"pay_bench_{run}_{i}", "amount": 2999, "currency": "usd",
                                               "customer": {"email": "customer@example.com", "name": "Jane Doe"}}}},
                          separators=(",", ":"))
        sig = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        f.write(sig + "\t" + body + "\n")
