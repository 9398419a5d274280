// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_rule.h"

namespace Cockpit {

bool DiscrepancyRule::evaluate(bool inLedger, bool inLegacy, std::span<const std::optional<Money>> ledger,
                               std::span<const std::optional<Money>> legacy, Money tolerance, Findings *out,
                               qsizetype *overflowPair)
{
    const qsizetype n = qsizetype(ledger.size());
    for (qsizetype i = 0; i < n; ++i) {
        const std::optional<Money> &l = ledger[size_t(i)];
        const std::optional<Money> &g = legacy[size_t(i)];
        if (!l && !g)
            continue;
        if (l && g && *l == *g && !tolerance.isNegative())
            continue; // the common case, decided without the arithmetic below
        if (inLedger && !inLegacy && !l)
            continue; // the user has no such account and no legacy row: nothing to compare
        const std::optional<Money> diff = l.value_or(Money()).minus(g.value_or(Money()));
        if (!diff) {
            *overflowPair = i;
            return false;
        }
        if (inLedger && inLegacy && diff->abs() <= tolerance)
            continue;
        out->append(Finding{i, *diff});
    }
    return true;
}

} // namespace Cockpit
