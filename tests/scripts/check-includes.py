#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that every part includes only what it may use (docs/architecture.md, "Layers").

core/<folder>  includes only the folders of the libraries it links (read from the folder's CMakeLists.txt,
               transitively): a lane never includes another lane it does not declare.
ui/<lane>      includes its own ui folder, ui/shell, and in core what core/<lane> may include, plus the
               joining folders (wiring, guard); never another lane's ui folder or core folder.
ui/shell       includes ui/shell and any core folder; never a lane's ui folder (app/gui assembles pages).
core/*         never includes "ui/...".
app/, tests/   may include anything.

Prints one line per violation (file:line: what and why) and exits 1 when there is any; 2 on bad input.
"""
import pathlib
import re
import sys

# The ledger page shows balances and history through the reconciler's read-only ledger reader.
UI_EXTRA = {"ledger": {"reconcile"}}

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]+"([^"]+)"', re.M)
CORE_LIBRARY = re.compile(r"cockpit_add_core_library\(\s*cockpit_(\w+)(.*?)\)\s*$", re.S | re.M)


def core_dependencies(root):
    direct = {}
    for cmake in sorted((root / "core").glob("*/CMakeLists.txt")):
        text = cmake.read_text()
        match = CORE_LIBRARY.search(text)
        if not match:
            continue
        name = match.group(1)
        if name != cmake.parent.name:
            sys.exit(f"{cmake}: library cockpit_{name} does not match its folder {cmake.parent.name}")
        link = match.group(2).split("LINK", 1)[1] if "LINK" in match.group(2) else ""
        direct[name] = {m for m in re.findall(r"\bcockpit_(\w+)", link)}
    closed = {}

    def close(name, seen=()):
        if name in closed:
            return closed[name]
        if name in seen:
            sys.exit(f"core/{name}/CMakeLists.txt: circular LINK through {' -> '.join(seen)}")
        result = {name}
        for dep in direct.get(name, ()):
            if dep not in direct:
                sys.exit(f"core/{name}/CMakeLists.txt: links cockpit_{dep}, which is not a core folder")
            result |= close(dep, seen + (name,))
        closed[name] = result
        return result

    for name in direct:
        close(name)
    return closed


def lanes(root):
    match = re.search(r"set\(COCKPIT_PARTS ([^)]*)\)", (root / "CMakeLists.txt").read_text())
    if not match:
        sys.exit("CMakeLists.txt: COCKPIT_PARTS is not set")
    return set(match.group(1).split())


def includes(path):
    text = path.read_text(errors="replace")
    for match in INCLUDE.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1)


def sources(root, top):
    """(path relative to root, folder, line, target) of every quoted include with a folder, under top/*/."""
    for path in sorted(root.glob(f"{top}/*/*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        for line, target in includes(path):
            if "/" in target:
                yield path.relative_to(root), path.parent.name, line, target


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    allowed = core_dependencies(root)
    lane_names = lanes(root)
    joining = {"wiring", "guard"}
    problems = []
    for path, folder, line, target in sources(root, "core"):
        first = target.split("/", 1)[0]
        if first == "ui":
            problems.append(f"{path}:{line}: core includes {target}: core knows no widgets")
        elif first not in allowed.get(folder, {folder}):
            problems.append(f"{path}:{line}: {target}: core/{folder} does not link "
                            f"cockpit_{first} (core/{folder}/CMakeLists.txt)")
    for path, folder, line, target in sources(root, "ui"):
        parts = target.split("/")
        where = f"{path}:{line}: {target}"
        if parts[0] == "ui":
            ui_folder = parts[1] if len(parts) > 2 else ""
            if ui_folder not in (folder, "shell"):
                problems.append(f"{where}: ui/{folder} may not include another lane's ui folder")
            continue
        if folder == "shell":
            if parts[0] not in allowed:
                problems.append(f"{where}: not a core folder")
            continue
        may = set(allowed.get(folder, set())) | joining | UI_EXTRA.get(folder, set())
        may |= {name for name in allowed if name not in lane_names}
        if parts[0] not in may:
            problems.append(f"{where}: ui/{folder} may not include the {parts[0]} lane")
    for problem in problems:
        print(problem)
    print(f"check-includes: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
