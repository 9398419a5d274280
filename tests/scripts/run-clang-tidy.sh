#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs clang-tidy (the checks of .clang-tidy, warnings are errors) over C++ sources of core/, ui/ and app/.
# usage: tests/scripts/run-clang-tidy.sh BUILD_DIR [--all | --changed REV [--at-most N] | FILE...]
#   --all          every source file (minutes: each file is parsed with its Qt headers)
#   --changed REV  the sources changed since REV (CI: the commit under test); with --at-most N, N of them,
#                  picked by the commit's hash so that successive commits cover different files, and the
#                  others named as not checked
# The build directory must have compile_commands.json (CMake writes it). Exit 1 when clang-tidy finds
# anything, 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-}
if [ -z "$build" ] || [ ! -f "$build/compile_commands.json" ]; then
    echo "usage: $0 BUILD_DIR [--all | --changed REV | FILE...] (BUILD_DIR needs compile_commands.json)" >&2
    exit 2
fi
shift
case "${1:-}" in
--all)
    mapfile -t files < <(git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
    ;;
--changed)
    [ -n "${2:-}" ] || { echo "$0: --changed needs a revision" >&2; exit 2; }
    if ! git rev-parse --verify --quiet "$2" >/dev/null; then
        echo "clang-tidy: $2 is not in this clone (a shallow clone?); run with --all to check everything" >&2
        exit 2
    fi
    mapfile -t files < <(git diff --name-only --diff-filter=d "$2" -- 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
    if [ "${3:-}" = --at-most ] && [ "${4:-0}" -gt 0 ] && [ ${#files[@]} -gt "$4" ]; then
        seed=$(git rev-parse HEAD)
        mapfile -t files < <(printf '%s\n' "${files[@]}" | shuf --random-source=<(yes "$seed"))
        echo "clang-tidy: ${#files[@]} sources changed; checking $4 of them, not: ${files[*]:$4}"
        files=("${files[@]:0:$4}")
    fi
    ;;
*)
    files=("$@")
    ;;
esac
if [ ${#files[@]} -eq 0 ]; then
    echo "clang-tidy: no sources to check"
    exit 0
fi
echo "clang-tidy: ${#files[@]} file(s)"
# -quiet: only findings; xargs -P runs one clang-tidy per core.
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 1 clang-tidy -quiet -p "$build" 2>/dev/null >"$build/clang-tidy.log" \
    || { grep -E "warning:|error:" -A3 "$build/clang-tidy.log" | head -n 80; echo "clang-tidy: findings above" >&2; exit 1; }
echo "clang-tidy: clean"
