#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Finds a retired way of reporting an error: a value (often std::optional or bool) plus a `QString *error`
or `StateError *error` out-parameter.

A function that can fail returns Result<T> (core/common/result.h): the error cannot be read when there was
none, nor be forgotten (Result is [[nodiscard]]), and it says what kind of failure it is (the deployment-state
stores: StateResult<T>, whose error keeps their code, file and key). Prints file:line for
each retired signature in core/, ui/ and app/ and exits 1 when there is any.
"""
import re
import sys

from source_scan import main, self_test, source_lines

RETIRED = re.compile(r"\b(?:QString|StateError)\s*\*\s*\w*(?:[eE]rror|[eE]rr)\w*\s*(?:=\s*nullptr\s*)?[,)]")


def scan(root):
    return [f"{path}:{number}: an error out-parameter; return Result<T> (core/common/result.h): {line.strip()}"
            for path, number, line in source_lines(root) if RETIRED.search(line)]


def run_self_test():
    """The check finds the retired parameter in its spellings and passes the Result form."""
    return self_test(scan, "core/x.h",
                     "std::optional<int> a(QString *error);\n"
                     "bool b(int x, QString* errorOut = nullptr);\n"
                     "std::function<std::optional<int>(QString *error)> c;\n"
                     "Result<int> d(const QString &error);\n"
                     "Result<int> e(QString *source);\n"
                     "bool f(qint64 chainId, StateError *error);\n"
                     "StateResult<bool> g(qint64 chainId);\n", 4)


if __name__ == "__main__":
    sys.exit(main(scan, run_self_test))
