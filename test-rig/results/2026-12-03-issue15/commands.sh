#!/usr/bin/env bash
# The runs behind README.md in this folder, from the repository root (one at a time, under the bench lock).
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
# 1. End to end on loopback over the 3G trace with a 30 s outage 40 s after the link starts (the command is
#    sent right after): the good release commits, the record-nothing release is rolled back and refused again.
flock /tmp/cairn-bench.lock nice -n 5 mvn -B -ntp -pl test-rig -am verify -Dit.test=OtaUpdateIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dota.e2e=true \
  -Dota.e2e.trace=/work/shared/data/traces/TMobile-UMTS-driving.down -Dota.e2e.outage=40+30 \
  -Dota.e2e.out="$out/e2e-3g"
# 2. SIGKILL at 200 random points (also part of test-rig/test-all); prints "OtaKillIT: …".
nice -n 5 mvn -B -ntp -pl test-rig -am verify -Dit.test='OtaKillIT,OtaDownloadIT' -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
# 3. The trial books.
image-build/test/cairn-run-test
