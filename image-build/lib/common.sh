# shellcheck shell=bash
# Helpers shared by image-build's scripts.

die() { echo "${0##*/}: $*" >&2; exit 1; }
warn() { echo "${0##*/}: warning: $*" >&2; }

# Installs the Debian packages named that are not installed yet (root; Debian's archive only).
install_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  [[ $EUID -eq 0 ]] || die "needs the Debian packages ${missing[*]}: run as root, or apt-get install them"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# /proc, /sys and /dev for programs run in the arm64 root under qemu-user (bind mounts, not loop devices).
chroot_mounts_up() {
  local r="$1"
  mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
  mountpoint -q "$r/sys" || mount -t sysfs sys "$r/sys"
  mountpoint -q "$r/dev" || mount --bind /dev "$r/dev"
  mountpoint -q "$r/dev/pts" || mount --bind /dev/pts "$r/dev/pts"
}

chroot_mounts_down() {
  local r="$1" m
  for m in dev/pts dev sys proc; do
    if mountpoint -q "$r/$m"; then umount -l "$r/$m"; fi
  done
}
