#!/usr/bin/env bash
# Why the boot counter is not in QEMU's pflash: U-Boot's saveenv to the emulated CFI flash, with
# Debian 12's qemu-system-aarch64 and u-boot-qemu. Types "setenv foo bar; saveenv" at U-Boot's
# prompt, then reads the flash image back with libubootenv's fw_printenv.
#   sudo test-rig/results/2026-12-03-issue15-ab/pflash-saveenv.sh > pflash-saveenv.txt
set -euo pipefail
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
truncate -s 64M "$work/flash1.img"
dpkg-query -W qemu-system-arm u-boot-qemu libubootenv-tool
{ sleep 4; printf '\n'; sleep 1; printf 'setenv foo bar\nsaveenv\n'; sleep 5; } \
  | timeout 20 nice -n 19 qemu-system-aarch64 -M virt -cpu cortex-a72 -m 512 -nographic -nic none \
      -bios /usr/lib/u-boot/qemu_arm64/u-boot.bin -drive if=pflash,unit=1,format=raw,file="$work/flash1.img" \
      -monitor none 2>&1 | tr -d '\r' | sed -n '/^=> setenv/,$p' | grep -v 'terminating on signal' || true
printf '%s 0x0 0x40000 0x40000\n' "$work/flash1.img" > "$work/fw_env.config"
echo "--- fw_printenv foo on the flash image afterwards:"
fw_printenv -c "$work/fw_env.config" foo 2>&1 || true
