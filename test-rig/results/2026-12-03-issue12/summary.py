#!/usr/bin/env python3
"""One table row per scenario report: python3 summary.py DIR...  (each DIR holds report.json)."""
import json, sys

print("| run | produced | lost / dup / corrupt | live / backlog | live latency p50 / p95 / max ms | utilization (link-limited, s) | pending (issue 11 rule, s) | below_top | drained after outage | backlog at end | ssim | chg/min | whole run carried / capacity | MB/h segments / playlists / MQTT / total |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for d in sys.argv[1:]:
    r = json.load(open(d + "/report.json"))
    seg, lat, b = r["segments"], r["latency_ms"], r["backlog"]
    ud = r.get("utilization_detail", {})
    secs = ud.get("seconds", ud.get("seconds_counted", "?"))
    u = r.get("utilization")
    rate = r.get("rate", {})
    pd = r.get("utilization_pending_detail", {})
    pu = r.get("utilization_pending")
    h = r.get("bytes_per_hour", {})
    bph = " / ".join(f"{h.get(k, 0) / 1e6:.2f}" for k in ("segments", "playlists", "mqtt", "total_on_wire"))
    pend = f"{pu if pu is None else round(pu, 3)} ({pd.get('seconds', '?')})"
    print(f"| {d.rstrip('/').split('/')[-1]} | {seg['produced']} | {seg['lost']} / {seg['duplicates']} / {seg['corrupt']} "
          f"| {seg['sent_live']} / {seg['delivered'] - seg['sent_live']} | {lat['p50']} / {lat['p95']} / {lat['max']} "
          f"| {u if u is None else round(u, 3)} ({secs}) | {pend} | {r.get('utilization_below_top') if r.get('utilization_below_top') is None else round(r['utilization_below_top'], 3)} "
          f"| {b.get('drained_s_after_outage')} | {b.get('drained_before_end')} | {r.get('quality', {}).get('ssim_mean')} | {round(rate.get('changes_per_min', 0), 2)} | {round(r['bytes']['delivered'] / max(1, r['bytes']['link_capacity']), 3)} | {bph} |")
