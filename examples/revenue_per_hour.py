#!/usr/bin/env python3
"""Example sandbox consumer: revenue per hour from replayed `payments` events.

Reads Rewind NDJSON envelopes on standard input (what `rewind-cli replay` feeds a consumer with
"input": "stdin"), or kcat -J lines, and prints captured revenue per hour (UTC) at the end.
Idempotent, as a consumer of a log must be: a redelivered event (same event_id) counts once.
"""
import json
import sys
from collections import defaultdict
from datetime import datetime, timezone

revenue = defaultdict(int)       # hour -> cents
failed = defaultdict(int)        # hour -> failed payment attempts
seen = set()
records = duplicates = skipped = 0

for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    try:
        envelope = json.loads(line)
        value = envelope.get("value")
        if value is None and "payload" in envelope:  # kcat -J
            value = envelope["payload"]
        if isinstance(value, str):
            value = json.loads(value)
    except ValueError:
        skipped += 1
        continue
    if not isinstance(value, dict):
        skipped += 1
        continue
    records += 1
    event_id = value.get("event_id")
    if event_id in seen:
        duplicates += 1
        continue
    seen.add(event_id)
    ts = envelope.get("timestamp") or envelope.get("ts") or 0
    hour = datetime.fromtimestamp(ts / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:00")
    if value.get("type") == "PaymentCaptured":
        revenue[hour] += int(value.get("amount_cents", 0))
    elif value.get("type") == "PaymentFailed":
        failed[hour] += 1

print(f"revenue per hour (UTC) from {records} records, {duplicates} duplicate deliveries ignored"
      + (f", {skipped} lines skipped" if skipped else ""))
print(f"{'hour':<17} {'captured EUR':>13} {'failed attempts':>16}")
for hour in sorted(set(revenue) | set(failed)):
    print(f"{hour:<17} {revenue[hour] / 100:>13.2f} {failed[hour]:>16}")
sys.stdout.flush()
