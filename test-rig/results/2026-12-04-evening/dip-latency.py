#!/usr/bin/env python3
"""Live latency inside and outside a stretch of capture time: python3 dip-latency.py FROM TO REPORT...

For each report (report.json or NAME-report.json.gz): live segments, those captured in [FROM, TO) s, their mean and
max latency, the p95 of all and of the rest, and how many of the segments captured in the 67 s after the outage
(183-250 s) went live. Used for the outage runs of this folder with FROM 25 TO 56 (the trace's own dip)."""
import gzip, json, sys

lo, hi = float(sys.argv[1]), float(sys.argv[2])
for f in sys.argv[3:]:
    r = json.load(gzip.open(f) if f.endswith(".gz") else open(f))
    live = [x for x in r["deliveries"] if x["live"]]
    dip = [x["latency_ms"] for x in live if lo <= x["capture_t"] < hi]
    rest = sorted(x["latency_ms"] for x in live if not lo <= x["capture_t"] < hi)
    every = sorted(x["latency_ms"] for x in live)
    p95 = lambda v: v[int(0.95 * (len(v) - 1))]
    after = [x for x in r["deliveries"] if 183 <= x["capture_t"] < 250]
    print(f"{f}: live {len(live)}; in the stretch {len(dip)}, mean {sum(dip) / len(dip):.0f} ms, max {max(dip)}; "
          f"p95 all {p95(every)}, outside {p95(rest)}; after the outage live {sum(x['live'] for x in after)} of {len(after)}")
