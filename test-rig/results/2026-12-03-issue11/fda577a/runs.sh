#!/bin/bash
# Issue 11's scenario runs, one at a time under the bench lock, from a copy of the jars of fda577a.
cd /tmp/run11 || exit 1
v=/work/shared/data/video/sorenvind-office-1m-720.mp4
t=/work/shared/data/traces
run() { name=$1; shift; rm -rf /tmp/r11/$name; flock /tmp/cairn-bench.lock test-rig/lab scenario --camera $v "$@" --out /tmp/r11/$name > /tmp/r11/$name.out 2>&1; echo "$name rc=$? $(date +%T)" >> /tmp/r11/done; }
run evdo-cairn --uplink-trace $t/Verizon-EVDO-driving.up --duration 600
run evdo-fixed --uplink-trace $t/Verizon-EVDO-driving.up --duration 600 --fixed-kbps 843
run umts-cairn --uplink-trace $t/TMobile-UMTS-driving.up --duration 600
run umts-fixed --uplink-trace $t/TMobile-UMTS-driving.up --duration 600 --fixed-kbps 943
run lte-cairn --uplink-trace $t/ATT-LTE-driving-2016.up --duration 120
run lte-fixed --uplink-trace $t/ATT-LTE-driving-2016.up --duration 120 --fixed-kbps 1910
