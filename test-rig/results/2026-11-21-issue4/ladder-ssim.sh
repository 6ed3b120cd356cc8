#!/usr/bin/env bash
# How the default ladder's sizes were chosen: the office clip's first 30 s encoded at a rung's
# bitrate and frame rate at 360p, 540p and 720p (x264 veryfast, zerolatency, ABR with a one-second
# buffer), then scored as the lab does: luma SSIM at the clip's 1280x720, each frame held until the
# next. Prints: kbps fps height SSIM(Y) bytes.
set -euo pipefail
src="${1:-$(dirname "$0")/../../../../shared/data/video/sorenvind-office-1m-720.mp4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for cfg in "700 25 720" "700 25 540" "450 20 720" "450 20 540" "280 12 720" "280 12 540" "280 12 360" \
           "170 8 720" "170 8 540" "170 8 360" "100 5 720" "100 5 540" "100 5 360" "60 2 720" "60 2 360"; do
  set -- $cfg
  out="$work/e_$1_$2_$3.mp4"
  ffmpeg -v error -y -t 30 -i "$src" -vf "fps=$2,scale=-2:$3" -c:v libx264 -preset veryfast -tune zerolatency \
    -b:v "${1}k" -maxrate "${1}k" -bufsize "${1}k" -g 120 -an "$out"
  ssim=$(ffmpeg -v info -t 30 -i "$out" -t 30 -i "$src" \
    -lavfi "[0:v]scale=1280:720,fps=30[a];[1:v]fps=30,format=yuv420p[b];[a][b]ssim" -f null - 2>&1 \
    | grep -o "Y:[0-9.]*" | tail -1)
  echo "$1 $2 $3 ${ssim#Y:} $(stat -c %s "$out")"
done
