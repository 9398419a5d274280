# SPDX-License-Identifier: MIT
"""What the source checks share: the lines of the C++ sources in core/, ui/ and app/, and the command line
(ROOT to scan it, --self-test to check the check)."""
import pathlib
import sys
import tempfile


def source_lines(root):
    """(path relative to root, line number, line) of every .cpp and .h file under core/, ui/ and app/."""
    for folder in ("core", "ui", "app"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".cpp", ".h"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                yield path.relative_to(root), number, line


def self_test(scan, relative_path, text, expected):
    """Writes `text` to a file in a scratch tree and checks that scan() finds `expected` problems in it."""
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp, relative_path)
        source.parent.mkdir(parents=True)
        source.write_text(text, encoding="utf-8")
        found = scan(pathlib.Path(tmp))
    if len(found) != expected:
        print(f"self-test: expected {expected} findings, got {found}")
        return 1
    return 0


def main(scan, run_self_test):
    """Prints each finding and exits 1 when there is any; --self-test runs the check's own test."""
    if sys.argv[1:] == ["--self-test"]:
        return run_self_test()
    found = scan(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    for line in found:
        print(line)
    return 1 if found else 0
