#!/usr/bin/env bash
# lab rate-sim at round trips 0 to 300 ms on the three traces, under the shared benchmark lock.
# usage: ratesim.sh LAB_JAR OUT_PREFIX   (LAB_JAR: a copy of test-rig/target/cairn-lab.jar of the commit measured)
set -euo pipefail
jar="$1"; out="$2"
t=/work/shared/data/traces
for r in 0 50 100 150 200 300; do
  flock /tmp/cairn-bench.lock java -jar "$jar" rate-sim --duration 600 --seeds 4 --rtt-ms "$r" \
    "$t/TMobile-UMTS-driving.up" "$t/Verizon-EVDO-driving.up" "$t/ATT-LTE-driving-2016.up" > "$out-rtt$r.out"
  echo "rtt $r"; cat "$out-rtt$r.out"
done
