// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace Cockpit {

// How the integration facade behaves in one phase of the ledger migration (phases 4.1-4.4).
// A plain value; the migration-control lane maps its current phase to one with forPhase().
struct LedgerMode
{
    enum class ReadSource
    {
        Legacy,
        Ledger
    };

    bool ledgerWrites = true;                   // false only before the migration (legacy_only)
    bool shadowWrites = true;                   // also write the legacy `balances` table (LEDGER_SHADOW_MODE)
    bool strict = false;                        // fail an operation on any discrepancy (LEDGER_STRICT_MODE)
    ReadSource readSource = ReadSource::Legacy; // BALANCE_SOURCE

    // Both sides are written, so reads can compare them.
    bool comparesOnRead() const { return ledgerWrites && shadowWrites; }

    // legacy_only, shadow, ledger_reads, strict, ledger_only; nullopt for any other id.
    static std::optional<LedgerMode> forPhase(const QString &phaseId);
    static QString readSourceName(ReadSource source);
    QString describe() const;

    friend bool operator==(const LedgerMode &, const LedgerMode &) = default;
};

} // namespace Cockpit
