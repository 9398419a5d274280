// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/money.h"

#include <QVarLengthArray>

#include <optional>
#include <span>

namespace Cockpit {

// Which of one user's mapped pairs are discrepancies, from the values on both sides (nullopt: no such
// ledger account, or a NULL legacy column). One rule for both paths (SQLite's merge in C++, PostgreSQL's
// FULL JOIN query), so that they report exactly the same rows (the table in docs/reconciler.md):
// - user on both sides: a pair is reported when |ledger - legacy| > tolerance (a missing account is zero);
// - user in the ledger only: every mapped account the user has;
// - user in `balances` only: every non-NULL mapped column.
// Stateless; callable from any thread.
class DiscrepancyRule
{
public:
    struct Finding
    {
        qsizetype pair = 0; // index into the mapping
        Money difference;   // ledger - legacy, a missing side counting as zero
    };
    using Findings = QVarLengthArray<Finding, 8>;

    // Appends the discrepancies of one user to *out. False when a difference exceeds the amount range
    // (*overflowPair names the pair); the run must then fail rather than report a wrong difference.
    static bool evaluate(bool inLedger, bool inLegacy, std::span<const std::optional<Money>> ledger,
                         std::span<const std::optional<Money>> legacy, Money tolerance, Findings *out,
                         qsizetype *overflowPair);
};

} // namespace Cockpit
