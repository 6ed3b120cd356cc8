#!/usr/bin/python3
"""Cairn on a small disk of its own (tmpfs, needs root) with storage.min_free=0, for SECONDS.

Watches the spool once a second (so segments evicted later are still counted), samples RSS, and at
the end writes OUT/report.json: segments seen, the longest gap in recorded time between consecutive
segments, sequence numbers skipped, segments the box says it dropped, RSS over time, and how often
the log shows a pipeline restart, a stack trace, motion_start or an error event.

usage: disk-full.py JAR SECONDS DISK_MIB OUT [--set KEY=VALUE]...
"""
import json, os, signal, subprocess, sys, time, glob, shutil

jar, seconds, mib, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
extra = sys.argv[5:]
os.makedirs(out, exist_ok=True)
disk = os.path.join(out, "disk")
os.makedirs(disk, exist_ok=True)
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mib}m", "tmpfs", disk], check=True)
# A rebuild during the run must not change the jar (or its lib/) under it.
shutil.copytree(os.path.dirname(os.path.abspath(jar)), os.path.join(out, "app"), dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("classes", "test-classes", "surefire-reports", "generated-*", "maven-*"))
jar_copy = os.path.join(out, "app", os.path.basename(jar))
log = open(os.path.join(out, "cairn.log"), "w")
args = ["java", "-Xmx160m", "-XX:+UseSerialGC", "-jar", jar_copy, "--set", f"storage.dir={disk}",
        "--set", "storage.min_free=0"] + extra
proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
seen, rss, free = {}, [], []
start = time.time()
try:
    while time.time() - start < seconds and proc.poll() is None:
        for j in glob.glob(os.path.join(disk, "spool", "*", "[0-9]*.json")):
            if j not in seen:
                try:
                    with open(j) as f:
                        seen[j] = json.load(f)
                except (OSError, ValueError):
                    pass  # evicted or half-written between listing and reading
        with open(f"/proc/{proc.pid}/status") as f:
            kb = next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))
        st = os.statvfs(disk)
        t = round(time.time() - start, 1)
        rss.append([t, kb // 1024])
        free.append([t, st.f_bavail * st.f_frsize // 1024])
        time.sleep(1)
finally:
    alive = proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(60)
    log.close()
status = json.load(open(os.path.join(disk, "status.json"))) if os.path.exists(os.path.join(disk, "status.json")) else {}
tmp_left = [os.path.relpath(p, disk) for p in glob.glob(os.path.join(disk, "**", "*.tmp"), recursive=True)]
subprocess.run(["umount", "-l", disk], check=True)
segs = sorted(seen.values(), key=lambda s: (s["camera"], s["sequence"]))
gaps, skipped = [], 0
for a, b in zip(segs, segs[1:]):
    if a["camera"] == b["camera"] and a["bootId"] == b["bootId"]:
        gaps.append((b["startMonoNanos"] - a["endMonoNanos"]) / 1e9)
        skipped += b["sequence"] - a["sequence"] - 1
text = open(os.path.join(out, "cairn.log")).read()
lengths = [(s["endMonoNanos"] - s["startMonoNanos"]) / 1e9 for s in segs]
warm = [m for t, m in rss if t >= 60] or [m for _, m in rss]
report = {
    "seconds": seconds, "disk_mib": mib, "args": extra, "alive_at_end": alive, "exit_code": code,
    "segments_seen": len(segs), "segment_seconds_max": max(lengths, default=0),
    "recorded_seconds": round(sum(lengths), 1),
    "longest_gap_s": round(max(gaps, default=0), 3), "sequence_numbers_skipped": skipped,
    "segments_dropped": sum(c.get("segments_dropped", 0) for c in status.get("cameras", {}).values()),
    "evictions": text.count("evicted"), "pipeline_restarts": text.count("pipeline failed"),
    "stack_traces": text.count("\n\tat "), "motion_start": text.count("event motion_start"),
    "error_events": text.count("event error"), "tmp_files_left": tmp_left,
    "rss_mb": {"after_60s_first": warm[0], "after_60s_last": warm[-1], "max": max(m for _, m in rss),
               "min_after_60s": min(warm), "max_after_60s": max(warm)},
    "free_kb_min": min(k for _, k in free), "rss_timeline": rss[::10], "free_kb_timeline": free[::10],
}
json.dump(report, open(os.path.join(out, "report.json"), "w"), indent=1)
print(json.dumps({k: v for k, v in report.items() if not k.endswith("timeline")}, indent=1))
