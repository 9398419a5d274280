#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's two commands: `.ci/setup.sh demo` (install, build, open the demo environment) and
# `.ci/setup.sh test` (install, build, run the whole test suite through ctest). Idempotent; fast when built.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
demo | test) ;;
*)
    echo "usage: .ci/setup.sh demo|test" >&2
    exit 2
    ;;
esac

# Debian 12 packages: build tools, Qt 6, leveldb, nlohmann_json; PostgreSQL and Prometheus for the tests;
# python3-psycopg2 for the staging world's service writer (tests/staging); python3-scipy as the rollout
# judge's independent reference (tests/rollout/judge); dbus-daemon for a private session bus in the
# desktop-notification test; Xvfb for GUI tests and screenshots; desktop-file-utils, appstream, lintian and
# man-db to check the package, its metadata and man pages; zsh to load its completion; lld, the linker of
# every build here.
packages=(
    build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev lld clang-format clang-tidy dpkg-dev file
    qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6 libgl-dev
    libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
    libleveldb-dev libsnappy-dev nlohmann-json3-dev libexpected-dev libsqlite3-dev libpq-dev
    postgresql python3-psycopg2 python3-scipy prometheus dbus-daemon xvfb xauth x11-apps imagemagick desktop-file-utils appstream lintian man-db zsh fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

jobs=$(nproc)
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
# lld links the many test executables in a fraction of ld.bfd's time. Line tables (-g1) are what a
# backtrace needs; the full debug information of -g makes every compile and link markedly slower.
configure() { # dir, extra args...
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
            -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
            -DCOCKPIT_WERROR=$werror "$@" >/dev/null
    fi
}

if [ "$mode" = demo ]; then
    configure build
    cmake --build build -j "$jobs" --target migration-cockpit cockpitctl
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "setup: no display found; running under xvfb-run (set DISPLAY, or QT_QPA_PLATFORM=offscreen)" >&2
        exec xvfb-run -a build/bin/migration-cockpit
    fi
    exec build/bin/migration-cockpit
fi

# test
# Each stage's wall time, so that the run's budget can be kept where it is spent.
stage_start=$SECONDS
stage() {
    echo "setup: $1 took $((SECONDS - stage_start)) s"
    stage_start=$SECONDS
}
if [ "${CI:-}" = "true" ]; then
    # The formatting of every C++ file is part of the build's contract.
    git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror
fi
bash tests/scripts/ensure-postgres.sh
export COCKPIT_REQUIRE_POSTGRES=${COCKPIT_REQUIRE_POSTGRES:-1}
export COCKPIT_REQUIRE_SCIPY=${COCKPIT_REQUIRE_SCIPY:-1}
configure build
cmake --build build -j "$jobs"
stage "the build"
if [ "${CI:-}" = "true" ]; then
    # clang-tidy (.clang-tidy) over the sources this commit changed, at most 16 within the time budget;
    # the whole tree: tests/scripts/run-clang-tidy.sh build --all.
    if git rev-parse --verify --quiet HEAD~1 >/dev/null; then
        tests/scripts/run-clang-tidy.sh build --changed HEAD~1 --at-most 16
    else
        echo "setup: no parent commit in this clone; clang-tidy checks the whole tree"
        tests/scripts/run-clang-tidy.sh build --all
    fi
fi
ctest --test-dir build -LE benchmark -j "$jobs" --output-on-failure --timeout 600
stage "clang-tidy and the tests"

if [ "${CI:-}" = "true" ] || [ "${COCKPIT_SANITIZE_TESTS:-0}" = 1 ]; then
    # ASan + UBSan build of every test that needs no display: the unit tests and the integration tests
    # (real SQLite, PostgreSQL, LevelDB, Prometheus), which also drive the multi-threaded scans and diffs.
    # Built by clang, whose sanitizers are the reference ones and which compiles an unoptimised build much
    # faster than gcc; the normal build above, the one packaged, stays gcc's, so both compilers' warnings
    # are errors.
    # The races (hundreds of cockpitctl processes) test the control store's logic, which the normal build
    # runs; under ASan they would cost the CI budget several minutes. The crash trials run their full 20
    # kills per scenario in the normal build and 3 here, where each kill costs four times as much.
    configure build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DCOCKPIT_SANITIZE=ON -DCOCKPIT_BUILD_GUI=OFF -DCOCKPIT_BUILD_BENCHMARKS=OFF
    cmake --build build-asan -j "$jobs"
    stage "the ASan + UBSan build"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        COCKPIT_CRASH_TRIALS=3 ctest --test-dir build-asan -LE "benchmark|package|race" -j "$jobs" --output-on-failure --timeout 600
    stage "the ASan + UBSan tests"
    # ThreadSanitizer build of the tests that run core's own threads (label threads): only those tests and
    # what they link are built. Its suppressions (tests/tsan.supp) cover uninstrumented glibc and QtTest
    # internals only, each explained there. gcc's: clang 14's ThreadSanitizer aborts in a child that
    # QProcess starts (its fork handling fails an internal check).
    configure build-tsan -DCMAKE_BUILD_TYPE=TSan -DCMAKE_CXX_FLAGS_TSAN="-O1 -g1" -DCOCKPIT_TSAN=ON \
        -DCOCKPIT_BUILD_GUI=OFF -DCOCKPIT_BUILD_BENCHMARKS=OFF
    cmake --build build-tsan -j "$jobs" --target cockpit_thread_tests
    ctest --test-dir build-tsan -L threads -j "$jobs" --output-on-failure --timeout 600
    stage "the TSan build and tests"
    # libFuzzer targets (clang, ASan + UBSan): every checked-in input once, then COCKPIT_FUZZ_SECONDS each
    # (15 in CI, to keep the whole run within its budget; tests/fuzz/README.md has longer runs).
    configure build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCOCKPIT_FUZZ=ON \
        -DCOCKPIT_FUZZ_SECONDS="${COCKPIT_FUZZ_SECONDS:-15}"
    cmake --build build-fuzz -j "$jobs" --target cockpit_fuzzers
    ctest --test-dir build-fuzz -L fuzz -j "$jobs" --output-on-failure
    stage "the fuzz build and runs"
fi
