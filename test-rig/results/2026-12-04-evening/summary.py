#!/usr/bin/env python3
"""One table row per scenario report: python3 summary.py DIR...  (each DIR holds report.json, or give NAME-report.json.gz).

As 2026-12-03-issue12/summary.py, with the figure of 4 December (held judged by the rung's kbit/s) beside the
link-limited utilization (held judged by the cap in force, from the box's cap lines)."""
import gzip, json, sys

def load(p):
    if p.endswith(".gz"):
        return json.load(gzip.open(p)), p.split("/")[-1][:-len("-report.json.gz")]
    return json.load(open(p.rstrip("/") + "/report.json")), p.rstrip("/").split("/")[-1]

def r3(v):
    return None if v is None else round(v, 3)

print("| run | produced | lost / dup / corrupt | live / backlog | live latency p50 / p95 / max ms "
      "| utilization (link-limited, s) | rung-cap figure of 4 Dec (s) | pending (s) | below_top "
      "| drained after outage | ssim | chg/min | MB/h segments / playlists / MQTT / total |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for p in sys.argv[1:]:
    r, name = load(p)
    seg, lat, b = r["segments"], r["latency_ms"], r["backlog"]
    ud, rd, pd = (r.get(k, {}) or {} for k in ("utilization_detail", "utilization_rung_cap_detail",
                                                "utilization_pending_detail"))
    h = r.get("bytes_per_hour", {})
    bph = " / ".join(f"{h.get(k, 0) / 1e6:.2f}" for k in ("segments", "playlists", "mqtt", "total_on_wire"))
    rung = f"{r3(r.get('utilization_rung_cap'))} ({rd.get('seconds', '—')})" if rd else "—"
    print(f"| {name} | {seg['produced']} | {seg['lost']} / {seg['duplicates']} / {seg['corrupt']} "
          f"| {seg['sent_live']} / {seg['delivered'] - seg['sent_live']} | {lat['p50']} / {lat['p95']} / {lat['max']} "
          f"| {r3(r.get('utilization'))} ({ud.get('seconds')}) | {rung} "
          f"| {r3(r.get('utilization_pending'))} ({pd.get('seconds')}) | {r3(r.get('utilization_below_top'))} "
          f"| {b.get('drained_s_after_outage')} | {r.get('quality', {}).get('ssim_mean')} "
          f"| {round(r.get('rate', {}).get('changes_per_min', 0), 2)} | {bph} |")
