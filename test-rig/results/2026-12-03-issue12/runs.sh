#!/usr/bin/env bash
# The issue-12 runs, one at a time under the shared benchmark lock, from a copy of the jars
# (JARS: a folder holding appliance/target, test-rig/target and test-rig/viewer of the commit measured).
# usage: runs.sh JARS OUT [which...]   which: umts evdo lte outage (default: all, in that order)
set -euo pipefail
jars="$1"; out="$2"; shift 2
data="$(cd "$(dirname "$0")/../../../.." && pwd)/shared/data"
[[ -d "$data" ]] || data=/work/shared/data
clip="$data/video/sorenvind-office-1m-720.mp4"
t="$data/traces"
run() {
  local name="$1"; shift
  echo "== $name: lab scenario $* ($(date -u +%H:%M:%S))"
  flock /tmp/cairn-bench.lock java -Dcairn.appliance.jar="$jars/appliance/target/cairn-appliance.jar" \
    -jar "$jars/test-rig/target/cairn-lab.jar" scenario --camera "$clip" "$@" --out "$out/$name" \
    > "$out/$name.out" 2>&1 || echo "$name: exit $?"
  tail -20 "$out/$name.out"
}
for w in "${@:-umts evdo lte outage}"; do
  for which in $w; do
    case "$which" in
      umts) run umts-rtt150 --uplink-trace "$t/TMobile-UMTS-driving.up" --rtt-ms 150 --duration 600 ;;
      evdo) run evdo-rtt150 --uplink-trace "$t/Verizon-EVDO-driving.up" --rtt-ms 150 --duration 600 ;;
      lte) run lte-rtt150 --uplink-trace "$t/ATT-LTE-driving-2016.up" --rtt-ms 150 --duration 120 ;;
      outage) run umts-rtt300-outage --uplink-trace "$t/TMobile-UMTS-driving.up" --rtt-ms 300 --outage 120+60 --duration 300 ;;
    esac
  done
done
