#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# usage: check_translations.sh SOURCE_DIR LUPDATE
set -euo pipefail
source=$1
lupdate=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
mapfile -t sources < <(cd "$source" && find ui app/gui core \( -name '*.cpp' -o -name '*.h' \) | sort)
for ts in "$source"/translations/*.ts; do
    name=$(basename "$ts")
    cp "$ts" "$work/$name"
    # The same options as translations/CMakeLists.txt uses for the update_translations target.
    (cd "$source" && "$lupdate" -silent -locations none -no-obsolete -no-ui-lines -I . -I core -I app/gui \
        "${sources[@]}" -ts "$work/$name")
    if ! diff -u "$ts" "$work/$name" >"$work/$name.diff"; then
        echo "FAIL: translations/$name is out of date with the sources; run: cmake --build build --target update_translations"
        head -n 40 "$work/$name.diff"
        status=1
    fi
    if [[ "$name" != *_en.ts ]]; then
        unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
        if [ "$unfinished" != 0 ]; then
            echo "FAIL: translations/$name has $unfinished unfinished entries:"
            grep -B2 'type="unfinished"' "$ts" | grep '<source>' | head -n 20
            status=1
        fi
    fi
    obsolete=$(grep -cE 'type="(obsolete|vanished)"' "$ts" || true)
    if [ "$obsolete" != 0 ]; then
        echo "FAIL: translations/$name has $obsolete obsolete entries"
        status=1
    fi
done
if [ $status = 0 ]; then
    echo "1 passed, 0 failed"
else
    echo "0 passed, 1 failed"
fi
exit $status
