// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_rule.h"

namespace Cockpit {

namespace {

template<typename Amount>
bool evaluateAll(std::span<const std::optional<Amount>> ledger, std::span<const std::optional<Amount>> legacy,
                 const Amount &tolerance, DiscrepancyRule::Findings *out, qsizetype *overflowPair)
{
    const qsizetype n = qsizetype(ledger.size());
    for (qsizetype i = 0; i < n; ++i) {
        const std::optional<Amount> &l = ledger[size_t(i)];
        const std::optional<Amount> &g = legacy[size_t(i)];
        if (!l && !g)
            continue;
        if (l && g && *l == *g && !tolerance.isNegative())
            continue; // the common case, decided without the arithmetic below
        const std::optional<Amount> diff = l.value_or(Amount()).minus(g.value_or(Amount()));
        if (!diff) {
            *overflowPair = i;
            return false;
        }
        if (diff->abs() <= tolerance)
            continue;
        out->append(DiscrepancyRule::Finding{i, Decimal(*diff)});
    }
    return true;
}

} // namespace

bool DiscrepancyRule::evaluate(std::span<const std::optional<Money>> ledger,
                               std::span<const std::optional<Money>> legacy, Money tolerance, Findings *out,
                               qsizetype *overflowPair)
{
    return evaluateAll<Money>(ledger, legacy, tolerance, out, overflowPair);
}

bool DiscrepancyRule::evaluate(std::span<const std::optional<Decimal>> ledger,
                               std::span<const std::optional<Decimal>> legacy, const Decimal &tolerance,
                               Findings *out, qsizetype *overflowPair)
{
    return evaluateAll<Decimal>(ledger, legacy, tolerance, out, overflowPair);
}

} // namespace Cockpit
