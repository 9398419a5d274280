// SPDX-License-Identifier: MIT
#include "wiring/service_ledger_gates.h"

#include <QTest>

using namespace Cockpit;

// Which periods of a gate's window the cockpit's own reconciliation runs cover.
class TstServiceLedgerGates : public QObject
{
    Q_OBJECT

    static RunSummary run(qint64 id, qint64 finishedMs, qint64 discrepancies = 0,
                          RunStatus status = RunStatus::Complete, RunKind kind = RunKind::Full)
    {
        RunSummary r;
        r.runId = id;
        r.finishedMs = finishedMs;
        r.discrepancies = discrepancies;
        r.status = status;
        r.kind = kind;
        return r;
    }

private Q_SLOTS:
    void everyPeriodNeedsACompleteFullRun()
    {
        const qint64 hour = 3600 * 1000;
        const qint64 now = 100 * hour;
        // A 3-hour window in 1-hour periods: runs in the newest and the oldest period only; an incremental
        // run and a failed one in the middle do not count.
        const QList<RunSummary> runs = {
            run(1, now - 150 * 60 * 1000 - 10), run(2, now - 90 * 60 * 1000, 0, RunStatus::Failed),
            run(3, now - 80 * 60 * 1000, 0, RunStatus::Complete, RunKind::Incremental),
            run(4, now - 10 * 60 * 1000)};
        const ServiceLedgerGates::Coverage c = ServiceLedgerGates::coverage(runs, 3 * 3600, 3600, now);
        QCOMPARE(c.runs, 2);
        QCOMPARE(c.newestRun, 4);
        QCOMPARE(c.uncoveredFromMs, QList<qint64>{now - 2 * hour});
        QCOMPARE(c.dirtyRuns, 0);
        QCOMPARE(c.firstDirtyRun, 0);
    }

    void aRunThatFoundDiscrepanciesIsNamed()
    {
        const qint64 now = 1'000'000'000;
        const QList<RunSummary> runs = {run(7, now - 1000, 3), run(8, now - 500, 2),
                                        run(6, now - 10'000'000, 9)};
        const ServiceLedgerGates::Coverage c = ServiceLedgerGates::coverage(runs, 3600, 3600, now);
        QCOMPARE(c.runs, 2); // run 6 is before the window
        // Both runs found discrepancies (the same ones, as likely as not): two dirty runs, not 5
        // discrepancies.
        QCOMPARE(c.dirtyRuns, 2);
        QCOMPARE(c.newestDiscrepancies, 2);
        QCOMPARE(c.firstDirtyRun, 7);
        QVERIFY(c.uncoveredFromMs.isEmpty());
    }

    void aCleanNewestRunDoesNotHideAnOlderDirtyOne()
    {
        const qint64 now = 1'000'000'000;
        const ServiceLedgerGates::Coverage c =
            ServiceLedgerGates::coverage({run(3, now - 2000, 4), run(4, now - 1000, 0)}, 3600, 3600, now);
        QCOMPARE(c.runs, 2);
        QCOMPARE(c.dirtyRuns, 1);
        QCOMPARE(c.firstDirtyRun, 3);
        QCOMPARE(c.newestRun, 4);
        QCOMPARE(c.newestDiscrepancies, 0);
    }

    void noRunAtAllCoversNothing()
    {
        const ServiceLedgerGates::Coverage c =
            ServiceLedgerGates::coverage({}, 7 * 86400, 86400, 7 * 86400 * 1000LL);
        QCOMPARE(c.runs, 0);
        QCOMPARE(c.uncoveredFromMs.size(), 7);
    }
};

QTEST_GUILESS_MAIN(TstServiceLedgerGates)
#include "tst_service_ledger_gates.moc"
