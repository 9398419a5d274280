// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/decimal.h"
#include "ledger/money.h"

#include <QVarLengthArray>

#include <optional>
#include <span>

namespace Cockpit {

// Which of one user's mapped pairs are discrepancies, from the values on both sides (nullopt: no such
// ledger account, no legacy row or a NULL legacy column). One rule for both paths (SQLite's merge in C++,
// PostgreSQL's FULL JOIN query), so that they report exactly the same rows: a pair is reported when
// |ledger - legacy| > tolerance, a missing side counting as zero, as the service's own comparison counts
// it. A user in the ledger only with a zero balance, or a legacy row of zeros, is therefore no discrepancy.
// Money is the cockpit's own ledger (micro-units, the fast path of the merge); Decimal any database's
// NUMERIC at its own scale. Stateless; callable from any thread.
class DiscrepancyRule
{
public:
    struct Finding
    {
        qsizetype pair = 0; // index into the mapping
        Decimal difference; // ledger - legacy, a missing side counting as zero
    };
    using Findings = QVarLengthArray<Finding, 8>;

    // Appends the discrepancies of one user to *out. False when a difference exceeds the amount range
    // (*overflowPair names the pair); the run must then fail rather than report a wrong difference.
    static bool evaluate(std::span<const std::optional<Money>> ledger,
                         std::span<const std::optional<Money>> legacy, Money tolerance, Findings *out,
                         qsizetype *overflowPair);
    static bool evaluate(std::span<const std::optional<Decimal>> ledger,
                         std::span<const std::optional<Decimal>> legacy, const Decimal &tolerance,
                         Findings *out, qsizetype *overflowPair);
};

} // namespace Cockpit
