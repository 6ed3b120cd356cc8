#!/usr/bin/env bash
# The scenario runs of issues 11 and 12 on one set of jars, one at a time under the shared benchmark lock.
# JARS: a folder holding appliance/target, test-rig/target and test-rig/viewer of the commit measured.
# usage: runs.sh JARS OUT [which...]
#   which: outage umts evdo lte umts-fixed evdo-fixed lte-fixed ratesim (default: all, in that order)
# Fixed rates are the traces' means (as in issue 4): UMTS 943, EVDO 843, LTE 1910 kbit/s.
set -euo pipefail
jars="$1"; out="$2"; shift 2
mkdir -p "$out"
data="$(cd "$(dirname "$0")/../../../.." && pwd)/shared/data"
[[ -d "$data" ]] || data=/work/shared/data
clip="$data/video/sorenvind-office-1m-720.mp4"
t="$data/traces"
lab=(java -Dcairn.appliance.jar="$jars/appliance/target/cairn-appliance.jar" -jar "$jars/test-rig/target/cairn-lab.jar")
run() {
  local name="$1"; shift
  echo "== $name: lab scenario $* ($(date -u +%H:%M:%S))"
  flock /tmp/cairn-bench.lock "${lab[@]}" scenario --camera "$clip" "$@" --out "$out/$name" \
    > "$out/$name.out" 2>&1 || echo "$name: exit $?"
  tail -6 "$out/$name.out"
}
umts="$t/TMobile-UMTS-driving.up"; evdo="$t/Verizon-EVDO-driving.up"; lte="$t/ATT-LTE-driving-2016.up"
[[ $# -gt 0 ]] || set -- outage evdo lte umts lte-fixed evdo-fixed umts-fixed ratesim
for which in "$@"; do
  case "$which" in
    outage) run umts-rtt300-outage --uplink-trace "$umts" --rtt-ms 300 --outage 120+60 --duration 300 ;;
    umts) run umts-rtt150 --uplink-trace "$umts" --rtt-ms 150 --duration 600 ;;
    evdo) run evdo-rtt150 --uplink-trace "$evdo" --rtt-ms 150 --duration 600 ;;
    lte) run lte-rtt150 --uplink-trace "$lte" --rtt-ms 150 --duration 120 ;;
    umts-fixed) run umts-rtt150-fixed943 --uplink-trace "$umts" --rtt-ms 150 --duration 600 --fixed-kbps 943 ;;
    evdo-fixed) run evdo-rtt150-fixed843 --uplink-trace "$evdo" --rtt-ms 150 --duration 600 --fixed-kbps 843 ;;
    lte-fixed) run lte-rtt150-fixed1910 --uplink-trace "$lte" --rtt-ms 150 --duration 120 --fixed-kbps 1910 ;;
    ratesim)
      for r in 0 50 100 150 200 300; do
        flock /tmp/cairn-bench.lock "${lab[@]}" rate-sim --duration 600 --seeds 4 --rtt-ms "$r" "$umts" "$evdo" "$lte" \
          > "$out/ratesim-rtt$r.out" 2>&1
        echo "rate-sim rtt $r"; tail -3 "$out/ratesim-rtt$r.out"
      done ;;
    *) echo "unknown run: $which" >&2; exit 2 ;;
  esac
done
