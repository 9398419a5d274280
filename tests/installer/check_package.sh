#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# usage: check_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
export LC_ALL=C.UTF-8
build=$1
source=$2
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: installing a .deb needs root (CI runs as root)"
    exit 77
fi
if dpkg-query -W -f='${Status}' migration-cockpit 2>/dev/null | grep -q "install ok installed"; then
    echo "SKIP: migration-cockpit is installed on this machine already; not touching it"
    exit 77
fi

work=$(mktemp -d)
trap 'dpkg --purge migration-cockpit >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/pkg/*.deb | head -n 1)
[ -f "$deb" ] || fail "no .deb produced"
echo "package: $(basename "$deb")"

# Debian's own checker, strictest level: no error, no warning (info and pedantic notes are printed).
if command -v lintian >/dev/null; then
    lintian --pedantic --display-info "$deb" >"$work/lintian.log" 2>&1 || true
    cat "$work/lintian.log"
    if grep -E '^(E|W): ' "$work/lintian.log" >/dev/null; then
        fail "lintian reports errors or warnings (above)"
    fi
else
    fail "lintian is not installed (.ci/setup.sh installs it)"
fi
[ "$(dpkg-deb -f "$deb" Section)" = admin ] || fail "Section is not admin"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for required in libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libleveldb1d libqt6core6 libqt6widgets6; do
    grep -qE "(^|, )$required( |,|$)" <<<"$depends" || fail "Depends lacks $required"
done

files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' | grep -v '/$')
for expected in /usr/bin/migration-cockpit /usr/bin/cockpitctl /usr/share/applications/migration-cockpit.desktop \
    /usr/share/metainfo/io.github.migration_cockpit.MigrationCockpit.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/migration-cockpit.svg /usr/share/icons/hicolor/48x48/apps/migration-cockpit.png \
    /usr/share/migration-cockpit/configs/prod.example.json /usr/share/man/man1/cockpitctl.1.gz \
    /usr/share/man/man1/migration-cockpit.1.gz /usr/share/doc/migration-cockpit/copyright \
    /usr/share/doc/migration-cockpit/changelog.gz /usr/share/bash-completion/completions/cockpitctl \
    /usr/share/zsh/vendor-completions/_cockpitctl \
    /usr/lib/systemd/system/migration-cockpit-guard@.service; do
    grep -qx "$expected" <<<"$files" || fail "package lacks $expected"
done

dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
sleep 1 # a second apart: what the programs write later is newer than the marker
touch "$work/installed.marker"
desktop-file-validate /usr/share/applications/migration-cockpit.desktop || fail "desktop entry invalid"
appstreamcli validate --no-net /usr/share/metainfo/io.github.migration_cockpit.MigrationCockpit.metainfo.xml >/dev/null \
    || fail "metainfo invalid"

# No path of the machine that built the package is compiled into what it installs.
for binary in /usr/bin/migration-cockpit /usr/bin/cockpitctl; do
    for path in "$(realpath "$source")" "$(realpath "$build")"; do
        if strings "$binary" | grep -F "$path" >/dev/null; then
            fail "$binary contains the build path $path: $(strings "$binary" | grep -F "$path" | head -n 3)"
        fi
    done
done
grep -q '^MimeType=' /usr/share/applications/migration-cockpit.desktop && fail "the desktop entry claims a MIME type"

# Both man pages render without a warning, and cockpitctl(1) lists every command its --help lists.
for page in cockpitctl migration-cockpit; do
    warnings=$(MANWIDTH=80 man --warnings -l "/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "man $page: $warnings"
    for section in ENVIRONMENT EXAMPLES; do
        MANWIDTH=80 man -l "/usr/share/man/man1/$page.1.gz" 2>/dev/null | grep -q "^$section" \
            || fail "man $page has no $section section"
    done
done
manual=$(MANWIDTH=200 man -l /usr/share/man/man1/cockpitctl.1.gz 2>/dev/null)
while read -r synopsis; do
    words=""
    for word in ${synopsis#cockpitctl }; do
        [[ $word =~ ^[a-z] ]] || break
        words="$words $word"
    done
    grep -qE "^ +${words# }( |$)" <<<"$manual" || fail "cockpitctl(1) lacks the command${words}: $synopsis"
done < <(/usr/bin/cockpitctl help --synopses)

# The guard's service runs as the package's system user, which can run cockpitctl on a packaged config.
getent passwd migration-cockpit >/dev/null || fail "the package did not create the system user migration-cockpit"
unit=/usr/lib/systemd/system/migration-cockpit-guard@.service
grep -qx 'User=migration-cockpit' "$unit" || fail "the guard's unit does not run as migration-cockpit"
runuser -u migration-cockpit -- /usr/bin/cockpitctl config check /usr/share/migration-cockpit/configs/prod.example.json \
    >/dev/null || fail "the system user migration-cockpit cannot run cockpitctl"

version=$(/usr/bin/cockpitctl --version) || fail "installed cockpitctl --version failed"
echo "installed: $version"
/usr/bin/cockpitctl config check /usr/share/migration-cockpit/configs/prod.example.json >/dev/null \
    || fail "installed cockpitctl cannot check the packaged prod example"

# An offscreen start of the installed GUI on the packaged demo environment, with a private HOME.
export HOME="$work/home"
mkdir -p "$HOME"
QT_QPA_PLATFORM=offscreen QT_DEBUG_PLUGINS=1 timeout 120 /usr/bin/migration-cockpit \
    --screenshot "$work/installed.png" --screenshot-delay 1500 >"$work/gui.log" 2>&1 || { tail -n 30 "$work/gui.log"; fail "installed GUI did not start"; }
[ -s "$work/installed.png" ] || fail "installed GUI saved no screenshot"
# The demo runs from the user's data folder, also as root; nothing is written under /usr/share.
[ -f "$HOME/.local/share/migration-cockpit/demo.json" ] || fail "the demo config was not copied to the user's data folder"
[ -d "$HOME/.local/share/migration-cockpit/demo-data" ] || fail "the demo data is not in the user's data folder"
written=$(find /usr/share/migration-cockpit -newer "$work/installed.marker" -print || true)
[ -z "$written" ] || fail "the GUI wrote under /usr/share: $written"
# A file given as an argument (what the desktop entry's %f passes) is the environment that opens.
sed 's/"name": *"demo"/"name": "argument-demo"/; s/"dataDir": *"[^"]*"/"dataDir": "argument-data"/' \
    /usr/share/migration-cockpit/configs/demo.json >"$work/argument.json"
QT_QPA_PLATFORM=offscreen timeout 120 /usr/bin/migration-cockpit "$work/argument.json" \
    --screenshot "$work/argument.png" --screenshot-delay 500 >"$work/gui-argument.log" 2>&1 \
    || { tail -n 30 "$work/gui-argument.log"; fail "the GUI did not open the file given as an argument"; }
[ -d "$work/argument-data" ] || fail "the GUI did not open the file given as an argument (no argument-data)"

# Every Qt plugin the installed programs loaded must come from a package the .deb depends on.
plugins=$(grep -oE '"[^"]+" loaded library' "$work/gui.log" | sed -E 's/"(.*)" loaded library/\1/' | sort -u || true)
sqlite_plugin=$(grep "libqsqlite.so" <<<"$plugins" || true)
[ -n "$sqlite_plugin" ] || fail "the GUI did not load the SQLite driver"
# Loaded only for PostgreSQL environments and on an X display: checked by path.
plugin_dir=$(dirname "$(dirname "$sqlite_plugin")")
plugins+=$'\n'"$plugin_dir/sqldrivers/libqsqlpsql.so"
plugins+=$'\n'"$plugin_dir/platforms/libqxcb.so"
while read -r plugin; do
    [ -n "$plugin" ] || continue
    owner=$(dpkg -S "$(realpath "$plugin")" 2>/dev/null | head -n 1 | cut -d: -f1) || true
    [ -n "$owner" ] || fail "no package owns plugin $plugin"
    if ! grep -qE "(^|, )$owner( |,|$)" <<<"$depends"; then
        fail "plugin $plugin comes from $owner, which is not in Depends"
    fi
    echo "plugin ok: $(basename "$plugin") from $owner"
done <<<"$plugins"

dpkg --purge migration-cockpit >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge failed"; }
left=""
while read -r f; do
    [ -e "$f" ] && left="$left $f"
done <<<"$files"
[ -z "$left" ] || fail "left behind after purge:$left"
[ ! -d /usr/share/migration-cockpit ] || fail "left behind after purge: /usr/share/migration-cockpit"
echo "1 passed, 0 failed"
