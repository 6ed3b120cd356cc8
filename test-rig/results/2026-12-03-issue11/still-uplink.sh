#!/bin/sh
# The still 720p test pattern for SECONDS (600) twice at once: with an uplink (lab scenario over an
# unlimited loopback link to nginx) and spool only (appliance/cairn, no uplink). Prints both byte counts.
set -eu
repo=$(cd "$(dirname "$0")/../../.." && pwd)
secs=${1:-600}
out=${2:-/tmp/issue11-still}
rm -rf "$out" && mkdir -p "$out"
# 10 packets of 1500 bytes every millisecond: 120 Mbit/s, the link never limits.
python3 -c "
with open('$out/unlimited.up', 'w') as f:
    f.writelines(f'{ms}\n' * 10 for ms in range(1, 1001))"
"$repo/test-rig/lab" scenario --camera testsrc --uplink-trace "$out/unlimited.up" --duration "$secs" \
  --out "$out/uplink" --set camera.cam1.source=testsrc --set camera.cam1.pattern=still > "$out/uplink.log" 2>&1 &
scenario=$!
timeout -s TERM "$secs" "$repo/appliance/cairn" --set camera.cam1.pattern=still \
  --set storage.dir="$out/spool-only" > "$out/spool-only.log" 2>&1 || true
wait "$scenario"
spool=$(find "$out/spool-only/spool" -name '*.ts' -printf '%s\n' | awk '{s+=$1} END {print s}')
python3 - "$out" "$spool" <<'PY'
import json, sys
out, spool = sys.argv[1], int(sys.argv[2])
r = json.load(open(out + "/uplink/report.json"))
seg, wire = r["bytes"]["segments_delivered"], r["bytes"]["delivered"]
print(f"spool only: {spool} bytes of segments")
print(f"uplink: {seg} bytes of segments ({seg / spool:.2f}x), {wire} on the wire incl. playlists and HTTP ({wire / spool:.2f}x)")
print(f"live latency ms p50 {r['latency_ms']['p50']} p95 {r['latency_ms']['p95']} max {r['latency_ms']['max']}; "
      f"segments produced {r['segments']['produced']} lost {r['segments']['lost']}")
PY
