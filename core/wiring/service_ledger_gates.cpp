// SPDX-License-Identifier: MIT
#include "wiring/service_ledger_gates.h"

#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_connection.h"
#include "wiring/ledger_telemetry.h"

#include <QDateTime>

namespace Cockpit {

namespace {

using Verdict = GateResult::Verdict;

GateResult result(Verdict verdict, const Text &evidence)
{
    return GateResult::make(verdict, evidence);
}

QString span(qint64 seconds)
{
    if (seconds % 86400 == 0)
        return QString::number(seconds / 86400) + QLatin1String(" d");
    if (seconds % 3600 == 0)
        return QString::number(seconds / 3600) + QLatin1String(" h");
    if (seconds % 60 == 0)
        return QString::number(seconds / 60) + QLatin1String(" min");
    return QString::number(seconds) + QLatin1String(" s");
}

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

Result<QList<RunSummary>> readRuns(const EnvironmentConfig &config, qint64 sinceMs)
{
    ReconcileConnection connection(ReconcileStorage::of(config.ledger, config.filePath),
                                   QStringLiteral("ledger-gates"));
    if (Result<void> opened = connection.open(); !opened)
        return fail(opened.error().message, ErrorKind::Unreachable);
    QString refused;
    const Result<bool> present = connection.prepareTables(&refused);
    if (!present)
        return fail(present.error());
    // Runs this role may not read are unknown, not absent: the gate must not count them as none.
    if (!refused.isEmpty())
        return fail(refused, ErrorKind::Refused);
    if (!*present)
        return QList<RunSummary>();
    DiscrepancyStore store(connection.database(), connection.dialect(), connection.describe());
    return store.completeFullRuns(sinceMs);
}

} // namespace

ServiceLedgerGates::Coverage ServiceLedgerGates::coverage(const QList<RunSummary> &runs, qint64 windowSeconds,
                                                          qint64 periodSeconds, qint64 nowMs)
{
    Coverage c;
    const qint64 fromMs = nowMs - windowSeconds * 1000;
    for (const RunSummary &r : runs) {
        if (r.finishedMs < fromMs || r.finishedMs > nowMs || !r.isComplete() || r.kind != RunKind::Full)
            continue;
        ++c.runs;
        if (r.discrepancies > 0) {
            ++c.dirtyRuns;
            if (c.firstDirtyRun == 0)
                c.firstDirtyRun = r.runId;
        }
        if (r.finishedMs >= c.newestMs) {
            c.newestMs = r.finishedMs;
            c.newestRun = r.runId;
            c.newestDiscrepancies = r.discrepancies;
        }
    }
    const qint64 periodMs = std::max<qint64>(1, periodSeconds) * 1000;
    for (qint64 end = nowMs; end > fromMs; end -= periodMs) {
        const qint64 start = std::max(fromMs, end - periodMs);
        bool covered = false;
        for (const RunSummary &r : runs)
            covered = covered
                      || (r.isComplete() && r.kind == RunKind::Full && r.finishedMs >= start
                          && r.finishedMs <= end);
        if (!covered)
            c.uncoveredFromMs.append(start);
    }
    return c;
}

GateResult ServiceLedgerGates::cleanWindow(const EnvironmentConfig &config, qint64 windowSeconds,
                                           qint64 nowMs)
{
    const auto readings =
        LedgerTelemetry::query(config, {QStringLiteral("discrepancies")}, windowSeconds, nowMs);
    if (!readings)
        return result(Verdict::Inconclusive, Text::plain(readings.error().message));
    const LedgerTelemetry::Reading &counter = readings->first();
    const Text telemetry = Text::translate("Gates", "service's telemetry: discrepancies in the last %1: %2")
                               .arg(span(windowSeconds), counter.describe());

    const Result<QList<RunSummary>> runs = readRuns(config, nowMs - windowSeconds * 1000);
    if (!runs) {
        // Runs that cannot be read prove nothing, but the service's own count of discrepancies still does.
        const Text evidence =
            Text::translate("Gates", "%1; reconciliation runs: %2").arg(telemetry, runs.error().message);
        return result(counter.value && *counter.value > 0 ? Verdict::Fail : Verdict::Inconclusive, evidence);
    }
    const Coverage c = coverage(*runs, windowSeconds, config.ledger.reconcilePeriodSeconds, nowMs);
    Text reconciliation =
        Text::translate("Gates", "cockpit's reconciliation: %1 complete full runs in the last %2")
            .arg(c.runs, span(windowSeconds));
    if (c.runs > 0)
        reconciliation =
            reconciliation
            + Text::translate("Gates", ", %1 of them found discrepancies; the newest, run %2 at %3, found %4")
                  .arg(c.dirtyRuns, QString::number(c.newestRun), utc(c.newestMs), c.newestDiscrepancies);
    if (!c.uncoveredFromMs.isEmpty())
        reconciliation =
            reconciliation
            + Text::translate("Gates",
                              "; no run in %1 of the %2 periods (one per %3 needed), newest gap from %4")
                  .arg(c.uncoveredFromMs.size(),
                       (windowSeconds + config.ledger.reconcilePeriodSeconds - 1)
                           / std::max<qint64>(1, config.ledger.reconcilePeriodSeconds),
                       span(config.ledger.reconcilePeriodSeconds), utc(c.uncoveredFromMs.first()));
    const Text evidence = telemetry + Text::plain(QStringLiteral("; ")) + reconciliation;
    if ((counter.value && *counter.value > 0) || c.dirtyRuns > 0)
        return result(Verdict::Fail, evidence);
    if (!counter.value || !c.uncoveredFromMs.isEmpty())
        return result(Verdict::Inconclusive, evidence);
    return result(Verdict::Pass, evidence);
}

GateResult ServiceLedgerGates::strictClean(const EnvironmentConfig &config, qint64 windowSeconds,
                                           qint64 nowMs)
{
    const auto readings =
        LedgerTelemetry::query(config, {QStringLiteral("write_success_rate_min")}, windowSeconds, nowMs);
    if (!readings)
        return result(Verdict::Inconclusive, Text::plain(readings.error().message));
    const LedgerTelemetry::Reading &rate = readings->first();
    const Text evidence =
        Text::translate("Gates", "lowest ledger_write_success_rate in the last %1: %2 (0.99 needed)")
            .arg(span(windowSeconds), rate.describe());
    if (!rate.value)
        return result(Verdict::Inconclusive, evidence);
    return result(*rate.value >= 0.99 ? Verdict::Pass : Verdict::Fail, evidence);
}

GateResult ServiceLedgerGates::performance(const EnvironmentConfig &config, qint64 nowMs)
{
    const auto readings = LedgerTelemetry::query(
        config, {QStringLiteral("query_p95_ledger"), QStringLiteral("query_p95_legacy")},
        config.ledger.discrepancyAlertWindowSeconds, nowMs);
    if (!readings)
        return result(Verdict::Inconclusive, Text::plain(readings.error().message));
    const LedgerTelemetry::Reading &l = readings->at(0);
    const LedgerTelemetry::Reading &g = readings->at(1);
    const int pct = config.ledger.performanceTolerancePercent;
    const Text evidence = Text::translate("Gates", "p95 ledger %1 vs legacy %2 (limit %3 %)")
                              .arg(l.describe(), g.describe(), 100 + pct);
    if (!l.value || !g.value)
        return result(Verdict::Inconclusive, evidence);
    return result(*l.value * 100 <= *g.value * (100 + pct) ? Verdict::Pass : Verdict::Fail, evidence);
}

} // namespace Cockpit
