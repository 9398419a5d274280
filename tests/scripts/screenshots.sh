#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the screenshots of the user guide from the running demo, offscreen: every page in the light and the dark
# colour scheme and in German, every page at 1024 x 700 in English and German (from tst_window_fits), and the
# main window at 200 % scaling. usage: tests/scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
out=${2:-docs/images}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A fresh copy of the demo environment in a throwaway home folder, so the pictures do not depend on earlier
# runs and show the paths as a user sees them ("~/cockpit/demo.json").
export QT_QPA_PLATFORM=offscreen
export HOME="$work/home"
mkdir -p "$HOME/cockpit"
cp configs/demo.json "$HOME/cockpit/demo.json"
# A demo a few steps in, so every page shows something: the ledger in shadow mode with a workload that had
# failing legacy writes, a reconciliation run, deployment state in dual-write, one module at 10 % V2.
ctl() { "$build/bin/cockpitctl" "$@" --config "$HOME/cockpit/demo.json" >/dev/null; }
ctl migrate ledger advance --yes --reason "screenshots for the user guide"
ctl simulate ledger --users 40 --ops 600 --legacy-fault-rate 0.05 --seed 7
ctl reconcile || true # exits 1: it found the discrepancies the faults caused
ctl migrate state advance --yes --reason "screenshots for the user guide"
ctl migrate rollout:transaction_pool advance --yes --override --reason "screenshots for the user guide"
shot() { # FILE [ARGS...]
    local file=$1
    shift
    "$build/bin/migration-cockpit" --config "$HOME/cockpit/demo.json" "$@" \
        --screenshot "$file" --screenshot-delay "${COCKPIT_SCREENSHOT_DELAY_MS:-4000}" >/dev/null 2>&1
    echo "$file"
}
for page in overview ledger state rollout audit; do
    shot "$out/$page.png" --page "$page" --color-scheme light
    shot "$out/$page-dark.png" --page "$page" --color-scheme dark
    LC_ALL=de_DE.UTF-8 shot "$out/$page-de.png" --page "$page" --color-scheme light
done
mkdir -p "$work/laptop"
# Its home is the folder the configs are copied to, so that the bar shows "~/configs/…".
HOME="$work/laptop" COCKPIT_SCREENSHOT_DIR="$work/laptop" "$build/bin/tst_window_fits" >/dev/null 2>&1
for language in en de; do
    for page in overview ledger state rollout audit; do
        cp "$work/laptop/laptop-$language-demo-$page.png" "$out/laptop-$language-$page.png"
        echo "$out/laptop-$language-$page.png"
    done
done
QT_SCALE_FACTOR=2 shot "$out/overview-200-percent.png" --page overview --color-scheme light
