#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The include check finds what it must: builds small trees with one violation each and expects exit 1
and a line naming the file; a clean tree passes."""
import pathlib
import subprocess
import sys
import tempfile

CHECK = pathlib.Path(__file__).with_name("check-includes.py")


def tree(root, extra):
    files = {
        "CMakeLists.txt": "set(COCKPIT_PARTS ledger rollout)\n",
        "core/common/CMakeLists.txt": "cockpit_add_core_library(cockpit_common\n    SOURCES a.h)\n",
        "core/common/a.h": "#pragma once\n",
        "core/ledger/CMakeLists.txt":
            "cockpit_add_core_library(cockpit_ledger\n    SOURCES l.h\n    LINK cockpit_common Qt6::Sql)\n",
        "core/ledger/l.h": '#include "common/a.h"\n',
        "core/rollout/CMakeLists.txt":
            "cockpit_add_core_library(cockpit_rollout\n    SOURCES r.h\n    LINK cockpit_common)\n",
        "core/rollout/r.h": '#include "common/a.h"\n',
        "ui/ledger/p.cpp": '#include "ui/ledger/p.h"\n#include "ui/shell/w.h"\n#include "ledger/l.h"\n',
        "ui/ledger/p.h": "#pragma once\n",
        "ui/shell/w.h": '#include "rollout/r.h"\n',
    }
    files.update(extra)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def run(extra):
    with tempfile.TemporaryDirectory() as directory:
        tree(pathlib.Path(directory), extra)
        done = subprocess.run([sys.executable, str(CHECK), directory], capture_output=True, text=True)
        return done.returncode, done.stdout


def main():
    failures = []
    code, out = run({})
    if code != 0:
        failures.append(f"clean tree: exit {code}: {out}")
    cases = {
        "core lane includes another lane": ({"core/ledger/x.cpp": '#include "rollout/r.h"\n'}, "core/ledger/x.cpp:1"),
        "core includes ui": ({"core/rollout/y.cpp": '\n#include "ui/ledger/p.h"\n'}, "core/rollout/y.cpp:2"),
        "ui lane includes another ui lane": ({"ui/rollout/z.cpp": '#include "ui/ledger/p.h"\n'}, "ui/rollout/z.cpp:1"),
        "ui lane includes another core lane": ({"ui/rollout/z.cpp": '#include "ledger/l.h"\n'}, "ui/rollout/z.cpp:1"),
        "shell includes a lane's ui": ({"ui/shell/v.cpp": '#include "ui/ledger/p.h"\n'}, "ui/shell/v.cpp:1"),
    }
    for name, (extra, where) in cases.items():
        code, out = run(extra)
        if code != 1 or where not in out:
            failures.append(f"{name}: exit {code}, output {out!r}, expected exit 1 naming {where}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(cases) + 1 - len(failures)} of {len(cases) + 1} cases as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
