#!/usr/bin/env python3
"""One table row per scenario report: python3 summary.py DIR...  (each DIR holds report.json)."""
import json, sys

print("| run | produced | lost / dup / corrupt | live / backlog | live latency p50 / p95 / max ms | utilization (link-limited, s) | below_top | drained after outage | backlog at end | ssim | chg/min | whole run carried / capacity |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for d in sys.argv[1:]:
    r = json.load(open(d + "/report.json"))
    seg, lat, b = r["segments"], r["latency_ms"], r["backlog"]
    ud = r.get("utilization_detail", {})
    secs = ud.get("seconds", ud.get("seconds_counted", "?"))
    u = r.get("utilization")
    rate = r.get("rate", {})
    print(f"| {d.rstrip('/').split('/')[-1]} | {seg['produced']} | {seg['lost']} / {seg['duplicates']} / {seg['corrupt']} "
          f"| {seg['sent_live']} / {seg['delivered'] - seg['sent_live']} | {lat['p50']} / {lat['p95']} / {lat['max']} "
          f"| {u if u is None else round(u, 3)} ({secs}) | {r.get('utilization_below_top') if r.get('utilization_below_top') is None else round(r['utilization_below_top'], 3)} "
          f"| {b.get('drained_s_after_outage')} | {b.get('drained_before_end')} | {r.get('quality', {}).get('ssim_mean')} | {round(rate.get('changes_per_min', 0), 2)} | {round(r['bytes']['delivered'] / max(1, r['bytes']['link_capacity']), 3)} |")
