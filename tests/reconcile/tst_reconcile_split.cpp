// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_store.h"
#include "reconcile/reconciler.h"
#include "reconcile_test_data.h"

#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

// A full run split by user key into parts compared at the same time (SQLite: threads with connections of
// their own; PostgreSQL: connections importing the run's exported snapshot). The scenario's few users never
// reach the automatic split's threshold, so the split keys are forced here; the benchmark runs the
// automatic split on a million users.
class TstReconcileSplit : public QObject
{
    Q_OBJECT

private:
    static Reconciler::Options options()
    {
        Reconciler::Options o;
        o.tolerance = money("0.01");
        o.record = false;
        return o;
    }

    // Every streamed row with its values, in the order streamed.
    static QStringList describeRows(const QList<DiscrepancyRecord> &rows)
    {
        QStringList out;
        const auto text = [](const std::optional<Decimal> &m) {
            return m ? m->toString() : QStringLiteral("missing");
        };
        for (const DiscrepancyRecord &r : rows)
            out.append(QStringList{r.userId, r.accountType, r.legacyColumn, text(r.ledger), text(r.legacy),
                                   r.difference.toString()}
                           .join(QLatin1Char(' ')));
        return out;
    }

private Q_SLOTS:
    void splitRunEqualsOnePart_data() { addDriverRows(); }
    void splitRunEqualsOnePart()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        const QString openError = errorMessage(reconciler.open());
        QVERIFY2(openError.isEmpty(), qPrintable(openError));

        Reconciler::Options one = options();
        one.parts = 1;
        QList<DiscrepancyRecord> expected;
        const RunSummary reference =
            reconciler.run(one, [&](const DiscrepancyRecord &r) { expected.append(r); });
        QVERIFY2(reference.isComplete(), qPrintable(reference.error));
        QCOMPARE(reference.discrepancies, 4);

        // Keys between users, on users, before and after all of them, and an empty part in the middle.
        const QList<QStringList> splits = {
            {QStringLiteral("u3")},
            {QStringLiteral("u2"), QStringLiteral("u4")},
            {QStringLiteral("a")},
            {QStringLiteral("zz")},
            {QStringLiteral("u1"), QStringLiteral("u10"), QStringLiteral("u5")},
            {QStringLiteral("u0"), QStringLiteral("u2a"), QStringLiteral("u3a"), QStringLiteral("u4a")}};
        for (const QStringList &keys : splits) {
            Reconciler::Options split = options();
            split.splitKeys = keys;
            QList<DiscrepancyRecord> rows;
            QList<int> percents;
            const RunSummary s = reconciler.run(
                split, [&](const DiscrepancyRecord &r) { rows.append(r); },
                [&](int percent, const QString &) { percents.append(percent); });
            QVERIFY2(s.isComplete(), qPrintable(keys.join(QLatin1Char(',')) + QLatin1String(": ") + s.error));
            // SQLite's merge streams in user order, split or not. PostgreSQL's query has no ORDER BY (a
            // merge join on a large table, a hash join on these few rows): the same rows, any order.
            QStringList got = describeRows(rows);
            QStringList want = describeRows(expected);
            if (backend.isPostgres()) {
                got.sort();
                want.sort();
            }
            QCOMPARE(got, want);
            QCOMPARE(s.accounts, reference.accounts);
            QCOMPARE(s.discrepancies, reference.discrepancies);
            QCOMPARE(s.byAccountType, reference.byAccountType);
            // Progress moves forward only and ends at 100.
            QVERIFY(!percents.isEmpty());
            QVERIFY(std::is_sorted(percents.begin(), percents.end()));
            QCOMPARE(percents.last(), 100);
        }

        // A stored split run records the same discrepancies.
        Reconciler::Options stored = options();
        stored.record = true;
        stored.splitKeys = {QStringLiteral("u3")};
        const RunSummary s = reconciler.run(stored);
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(reconciler.store().openCount().value_or(-1), 4);
    }

    // A write committed after the parts took their snapshot, touching users of both parts, is seen by
    // neither: the run reports the state before it, and the next run the state after it.
    void splitRunReadsOneSnapshot_data() { addDriverRows(); }
    void splitRunReadsOneSnapshot()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());

        Reconciler::Options split = options();
        split.splitKeys = {QStringLiteral("u3")}; // u1 in part 1, u5 in part 2
        QString writeError;
        bool wrote = false;
        split.snapshotTaken = [&] {
            QSqlDatabase raw = backend.raw();
            if (!raw.transaction()) {
                writeError = raw.lastError().text();
                return;
            }
            writeError =
                setLegacy(backend, QStringLiteral("u1"), QStringLiteral("pending_deposits"), money("7"));
            if (writeError.isEmpty())
                writeError =
                    setLegacy(backend, QStringLiteral("u5"), QStringLiteral("pending_deposits"), money("7"));
            if (writeError.isEmpty() && !raw.commit())
                writeError = raw.lastError().text();
            wrote = writeError.isEmpty();
        };
        QList<DiscrepancyRecord> rows;
        const RunSummary during = reconciler.run(split, [&](const DiscrepancyRecord &r) { rows.append(r); });
        QVERIFY2(wrote, qPrintable(writeError));
        QVERIFY2(during.isComplete(), qPrintable(during.error));
        QCOMPARE(during.discrepancies, 4);
        QVERIFY(!keys(rows).contains(QStringLiteral("u1/usdc_balance")));
        QVERIFY(!keys(rows).contains(QStringLiteral("u5/usdc_balance")));

        split.snapshotTaken = {};
        rows.clear();
        const RunSummary after = reconciler.run(split, [&](const DiscrepancyRecord &r) { rows.append(r); });
        QVERIFY2(after.isComplete(), qPrintable(after.error));
        QCOMPARE(after.discrepancies, 6);
        QVERIFY(keys(rows).contains(QStringLiteral("u1/usdc_balance")));
        QVERIFY(keys(rows).contains(QStringLiteral("u5/usdc_balance")));
    }

    // Cancelling while the parts run stops all of them; nothing is stored and the next run is complete.
    void cancelledSplitRunStoresNothing_data() { addDriverRows(); }
    void cancelledSplitRunStoresNothing()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        Reconciler::Options split = options();
        split.record = true;
        split.splitKeys = {QStringLiteral("u2"), QStringLiteral("u4")};
        split.snapshotTaken = [&reconciler] {
            reconciler.cancel();
        };
        const RunSummary s = reconciler.run(split);
        QCOMPARE(s.status, RunStatus::Cancelled);
        QCOMPARE(reconciler.store().openCount().value_or(-1), 0);
        split.snapshotTaken = {};
        const RunSummary next = reconciler.run(split);
        QVERIFY2(next.isComplete(), qPrintable(next.error));
        QCOMPARE(next.discrepancies, 4);
    }

    // SQLite: a writer holding the write lock (a long batch) is not waited for: the run goes on in one part,
    // complete and equal to a split one, and says so.
    void writerHoldingTheLockMeansOnePart()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        Reconciler::Options split = options();
        split.splitKeys = {QStringLiteral("u3")};
        QVERIFY(backend.exec(QStringLiteral("BEGIN IMMEDIATE")).isEmpty());
        QVERIFY(backend.exec(QStringLiteral("UPDATE balances SET updated_at = 1 WHERE user_id = 'u1'"))
                    .isEmpty());
        QStringList stages;
        QList<DiscrepancyRecord> rows;
        const RunSummary s = reconciler.run(
            split, [&](const DiscrepancyRecord &r) { rows.append(r); },
            [&](int, const QString &message) { stages.append(message); });
        QVERIFY(backend.exec(QStringLiteral("ROLLBACK")).isEmpty());
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(s.discrepancies, 4);
        QVERIFY2(stages.join(QLatin1Char('|')).contains(QLatin1String("in one part: a writer held")),
                 qPrintable(stages.join(QLatin1Char('|'))));
        QList<DiscrepancyRecord> splitRows;
        const RunSummary free =
            reconciler.run(split, [&](const DiscrepancyRecord &r) { splitRows.append(r); });
        QVERIFY2(free.isComplete(), qPrintable(free.error));
        QCOMPARE(describeRows(rows), describeRows(splitRows));
    }

    // The parts' libpq connections stay open between runs; when the server dropped them meanwhile, the
    // next split run reconnects instead of failing.
    void partConnectionsSurviveTheServerDroppingThem()
    {
        LedgerTestBackend backend(QStringLiteral("postgres"));
        COCKPIT_REQUIRE_PG(*backend.pg());
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        Reconciler::Options split = options();
        split.splitKeys = {QStringLiteral("u3")};
        QVERIFY(reconciler.run(split).isComplete());
        const QString dropError =
            backend.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                                        " AND usename = current_user AND backend_type = 'client backend'"));
        QVERIFY2(dropError.isEmpty(), qPrintable(dropError));
        // The run's own connection was dropped too: this run fails on it (as without a split) and
        // reconnects it; the one after runs both parts again.
        reconciler.run(split);
        const RunSummary s = reconciler.run(split);
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(s.discrepancies, 4);
    }
};

QTEST_GUILESS_MAIN(TstReconcileSplit)
#include "tst_reconcile_split.moc"
