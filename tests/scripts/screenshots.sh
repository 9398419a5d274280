#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the screenshots of the user guide from the running demo, offscreen: one per page, plus the main window at
# 200 % scaling. usage: tests/scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
out=${2:-docs/images}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A fresh copy of the demo environment, so the pictures do not depend on earlier runs.
cp configs/demo.json "$work/demo.json"
export QT_QPA_PLATFORM=offscreen
export HOME="$work/home"
mkdir -p "$HOME"
# Let the demo's workload and simulators run for a while first, so every page shows live data.
"$build/bin/migration-cockpit" --config "$work/demo.json" --page overview --screenshot "$work/warmup.png" \
    --screenshot-delay "${COCKPIT_WARMUP_MS:-8000}" >/dev/null 2>&1
for page in overview ledger state rollout audit; do
    "$build/bin/migration-cockpit" --config "$work/demo.json" --page "$page" \
        --screenshot "$out/$page.png" --screenshot-delay "${COCKPIT_SCREENSHOT_DELAY_MS:-4000}" >/dev/null 2>&1
    echo "$out/$page.png"
done
QT_SCALE_FACTOR=2 "$build/bin/migration-cockpit" --config "$work/demo.json" --page overview \
    --screenshot "$out/overview-200-percent.png" --screenshot-delay 3000 >/dev/null 2>&1
echo "$out/overview-200-percent.png"
