#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Finds non-ASCII text in Latin-1 literals (QLatin1String, QLatin1StringView, QLatin1Char, _L1).

The sources are UTF-8: such a literal decodes each byte of "⚠" or "—" as a Latin-1 character and the user
reads "â" followed by boxes. Text with non-ASCII characters belongs in QStringLiteral, u""_s or tr().
Prints file:line for each and exits 1 when there is any.
"""
import re
import sys

from source_scan import main, self_test, source_lines

LATIN1 = re.compile(r'(?:QLatin1(?:String|StringView|Char)\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'))'
                    r'|"((?:[^"\\]|\\.)*)"_L1')


def scan(root):
    found = []
    for path, number, line in source_lines(root):
        for match in LATIN1.finditer(line):
            text = next(g for g in match.groups() if g is not None)
            if any(ord(c) > 127 for c in text):
                found.append(f"{path}:{number}: non-ASCII text in a Latin-1 literal: {match.group(0)}")
    return found


def run_self_test():
    """The check finds each spelling of a Latin-1 literal with non-ASCII text and passes ASCII ones."""
    return self_test(scan, "ui/x.cpp",
                     'a(QLatin1String("\u26a0 x")); b(QLatin1Char(\'\u00b7\')); c("\u2014"_L1);\n'
                     'd(QLatin1String("ok")); e("fine"_L1); f(QStringLiteral("\u26a0"));\n', 3)


if __name__ == "__main__":
    sys.exit(main(scan, run_self_test))
