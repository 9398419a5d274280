// SPDX-License-Identifier: MIT
#include "ledger/ledger_mode.h"

namespace Cockpit {

std::optional<LedgerMode> LedgerMode::forPhase(const QString &phaseId)
{
    using RS = ReadSource;
    if (phaseId == QLatin1String("legacy_only"))
        return LedgerMode{false, true, false, RS::Legacy};
    if (phaseId == QLatin1String("shadow"))
        return LedgerMode{true, true, false, RS::Legacy};
    if (phaseId == QLatin1String("ledger_reads"))
        return LedgerMode{true, true, false, RS::Ledger};
    if (phaseId == QLatin1String("strict"))
        return LedgerMode{true, true, true, RS::Ledger};
    if (phaseId == QLatin1String("ledger_only"))
        return LedgerMode{true, false, true, RS::Ledger};
    return std::nullopt;
}

QString LedgerMode::readSourceName(ReadSource source)
{
    return source == ReadSource::Ledger ? QStringLiteral("ledger") : QStringLiteral("legacy");
}

QString LedgerMode::describe() const
{
    const auto flag = [](bool b) {
        return b ? QStringLiteral("true") : QStringLiteral("false");
    };
    return QLatin1String("LEDGER_WRITES=") + flag(ledgerWrites) + QLatin1String(" LEDGER_SHADOW_MODE=")
           + flag(shadowWrites) + QLatin1String(" LEDGER_STRICT_MODE=") + flag(strict)
           + QLatin1String(" BALANCE_SOURCE=") + readSourceName(readSource);
}

} // namespace Cockpit
