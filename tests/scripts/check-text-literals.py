#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Finds non-ASCII text in Latin-1 literals (QLatin1String, QLatin1StringView, QLatin1Char, _L1).

The sources are UTF-8: such a literal decodes each byte of "⚠" or "—" as a Latin-1 character and the user
reads "â" followed by boxes. Text with non-ASCII characters belongs in QStringLiteral, u""_s or tr().
Prints file:line for each and exits 1 when there is any.
"""
import pathlib
import re
import sys

LATIN1 = re.compile(r'(?:QLatin1(?:String|StringView|Char)\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'))'
                    r'|"((?:[^"\\]|\\.)*)"_L1')


def self_test():
    """The check finds each spelling of a Latin-1 literal with non-ASCII text and passes ASCII ones."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp, "ui", "x.cpp")
        source.parent.mkdir()
        source.write_text('a(QLatin1String("\u26a0 x")); b(QLatin1Char(\'\u00b7\')); c("\u2014"_L1);\n'
                          'd(QLatin1String("ok")); e("fine"_L1); f(QStringLiteral("\u26a0"));\n', encoding="utf-8")
        found = scan(pathlib.Path(tmp))
    expected = 3
    if len(found) != expected:
        print(f"self-test: expected {expected} findings, got {found}")
        return 1
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    found = scan(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    for line in found:
        print(line)
    return 1 if found else 0


def scan(root):
    found = []
    for folder in ("core", "ui", "app"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".cpp", ".h"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in LATIN1.finditer(line):
                    text = next(g for g in match.groups() if g is not None)
                    if any(ord(c) > 127 for c in text):
                        found.append(f"{path.relative_to(root)}:{number}: non-ASCII text in a Latin-1 literal: "
                                     f"{match.group(0)}")
    return found


if __name__ == "__main__":
    sys.exit(main())
