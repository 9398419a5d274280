#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run-fuzzer.sh BINARY SECONDS WORKDIR SEEDS: fuzz for SECONDS from the checked-in SEEDS, new inputs into
# WORKDIR (build tree), a crashing input into WORKDIR/artifacts/ (named in the output; check it in under
# SEEDS to make it a regression input).
set -euo pipefail
binary=$1 seconds=$2 work=$3 seeds=$4
mkdir -p "$work/corpus" "$work/artifacts"
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds"
