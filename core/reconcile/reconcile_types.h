// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/decimal.h"
#include "ledger/money.h"

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Cockpit {

// Value types of the reconciler. Plain data: copy freely between threads (they cross queued signals).

// One (user, account type) pair whose ledger balance and mapped legacy column differ by more than the
// tolerance, a missing side counting as zero (nullopt: no such account, or no legacy row). Amounts are
// exact at the scale the database holds them (a service's legacy column may have more places than Money).
struct DiscrepancyRecord
{
    QString userId;
    QString accountType;
    QString legacyColumn;
    std::optional<Decimal> ledger;
    std::optional<Decimal> legacy;
    Decimal difference; // ledger - legacy, a missing side counting as zero

    bool isOneSided() const { return !ledger || !legacy; }
};

enum class RunKind
{
    Full,        // every user
    Incremental, // the users changed since the last check (live mode)
};

enum class RunStatus
{
    Running,
    Complete,
    Cancelled,
    Failed,
    Interrupted, // found "running" at the next start: the process or its connection died mid-run
};

QString runKindName(RunKind kind);
QString runStatusName(RunStatus status);
std::optional<RunStatus> runStatusFromName(const QString &name);

struct RunSummary
{
    qint64 runId = 0; // 0 when the run could not even be recorded
    RunKind kind = RunKind::Full;
    RunStatus status = RunStatus::Running;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    qint64 accounts = 0;      // (user, account type) pairs compared
    qint64 discrepancies = 0; // rows seen by this run
    QMap<QString, qint64> byAccountType;
    qint64 newDiscrepancies = 0;
    qint64 resolvedDiscrepancies = 0;
    // The ledger's own invariants, reported apart from discrepancies. Full runs only.
    bool invariantsChecked = false;
    qint64 invariantViolationCount = 0;
    QStringList invariantViolations; // the first ones, at most Reconciler::MaxListedViolations
    QString error;                   // why it failed or was cancelled

    // Only a complete run's numbers describe the whole database.
    bool isComplete() const { return status == RunStatus::Complete; }
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::DiscrepancyRecord)
Q_DECLARE_METATYPE(Cockpit::RunSummary)
