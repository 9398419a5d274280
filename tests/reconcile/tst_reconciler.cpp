// SPDX-License-Identifier: MIT
#include "ledger/ledger_store.h"
#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_schema.h"
#include "reconcile/reconciler.h"
#include "reconcile_test_data.h"

#include <QProcess>
#include <QSysInfo>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

// The reconciliation run on SQLite and PostgreSQL: what it finds, how it records and resolves, the
// ledger invariants, cancellation and interrupted runs.
class TstReconciler : public QObject
{
    Q_OBJECT

private:
    static Reconciler::Options options()
    {
        Reconciler::Options o;
        o.tolerance = money("0.01");
        return o;
    }

private Q_SLOTS:
    void findsEveryKindOfDiscrepancy_data() { addDriverRows(); }
    void findsEveryKindOfDiscrepancy()
    {
        LEDGER_BACKEND(backend);
        const QString scenarioError = writeScenario(backend);
        QVERIFY2(scenarioError.isEmpty(), qPrintable(scenarioError));
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        const QString openError = errorMessage(reconciler.open());
        QVERIFY2(openError.isEmpty(), qPrintable(openError));

        QList<DiscrepancyRecord> streamed;
        int stages = 0;
        const RunSummary s = reconciler.run(
            options(), [&](const DiscrepancyRecord &r) { streamed.append(r); },
            [&](int, const QString &) { ++stages; });
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QVERIFY(stages >= 2);
        // A missing side counts as zero: u4's zero legacy columns match its missing accounts, so only its
        // deposit differs.
        QCOMPARE(keys(streamed),
                 QStringList({QStringLiteral("u2/usdc_balance"), QStringLiteral("u3/usdc_balance"),
                              QStringLiteral("u4/usdc_balance"), QStringLiteral("u5/pending_investment")}));
        QCOMPARE(s.discrepancies, 4);
        QCOMPARE(s.accounts, 15); // u1..u5 x 3 mapped account types
        QCOMPARE(s.byAccountType.value(QStringLiteral("usdc_balance")), 3);
        QCOMPARE(s.byAccountType.value(QStringLiteral("fiat_exposure")), 0);
        QCOMPARE(s.byAccountType.value(QStringLiteral("pending_investment")), 1);
        QCOMPARE(s.newDiscrepancies, 4);
        QVERIFY(s.invariantsChecked);
        QCOMPARE(s.invariantViolationCount, 0);

        for (const DiscrepancyRecord &r : streamed) {
            if (r.userId == QLatin1String("u3")) {
                QCOMPARE(r.ledger->toString(), QStringLiteral("60.000000"));
                QCOMPARE(r.legacy->toString(), QStringLiteral("50.000000"));
                QCOMPARE(r.difference.toString(), QStringLiteral("10.000000"));
                QCOMPARE(r.legacyColumn, QStringLiteral("pending_deposits"));
            } else if (r.userId == QLatin1String("u2")) {
                QCOMPARE(r.ledger->toString(), QStringLiteral("100.000000"));
                QVERIFY(!r.legacy); // no legacy row at all
            } else if (r.userId == QLatin1String("u5")) {
                QVERIFY(!r.ledger); // the user never had a pending_investment account
                QCOMPARE(r.difference.toString(), QStringLiteral("-0.010001"));
            } else if (r.accountType == QLatin1String("usdc_balance")) {
                QVERIFY(!r.ledger);
                QCOMPARE(r.difference.toString(), QStringLiteral("-5.000000"));
            }
        }

        const auto stored = reconciler.store().fetch({}, DiscrepancyStore::SortColumn::User, false, 0, 100);
        QVERIFY2(stored, qPrintable(errorMessage(stored)));
        QCOMPARE(stored->size(), 4);
        const auto run = reconciler.store().run(s.runId);
        QVERIFY2(run, qPrintable(errorMessage(run)));
        QCOMPARE(run->status, RunStatus::Complete);
        QCOMPARE(run->discrepancies, 4);
        QCOMPARE(run->byAccountType.value(QStringLiteral("usdc_balance")), 3);
    }

    void toleranceIsExact_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("legacy");
        QTest::addColumn<QString>("tolerance");
        QTest::addColumn<bool>("flagged");
        for (const char *driver : {"sqlite", "postgres"}) {
            const QString d = QString::fromLatin1(driver);
            QTest::addRow("%s equal", driver)
                << d << QStringLiteral("100") << QStringLiteral("0.01") << false;
            QTest::addRow("%s at tolerance", driver)
                << d << QStringLiteral("99.99") << QStringLiteral("0.01") << false;
            QTest::addRow("%s one micro over", driver)
                << d << QStringLiteral("99.989999") << QStringLiteral("0.01") << true;
            QTest::addRow("%s above, negative side", driver)
                << d << QStringLiteral("100.010001") << QStringLiteral("0.01") << true;
            QTest::addRow("%s zero tolerance", driver)
                << d << QStringLiteral("100.000001") << QStringLiteral("0") << true;
            QTest::addRow("%s wide tolerance", driver)
                << d << QStringLiteral("90") << QStringLiteral("10") << false;
        }
    }
    void toleranceIsExact()
    {
        LEDGER_BACKEND(backend);
        QFETCH(QString, legacy);
        QFETCH(QString, tolerance);
        QFETCH(bool, flagged);
        QString error;
        {
            auto store = backend.open(&error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            LedgerIntegration facade(*store, backend.config(),
                                     *LedgerMode::forPhase(QStringLiteral("shadow")));
            QVERIFY(facade
                        .creditUserUsdc(QStringLiteral("t1"), money("100"), QStringLiteral("t"),
                                        QStringLiteral("r1"))
                        .ok());
        }
        QVERIFY(setLegacy(backend, QStringLiteral("t1"), QStringLiteral("pending_deposits"),
                          *Money::parse(legacy))
                    .isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        Reconciler::Options o;
        o.tolerance = *Money::parse(tolerance);
        const RunSummary s = reconciler.run(o);
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(s.discrepancies, flagged ? 1 : 0);
    }

    void bigAmountsSurviveDigitForDigit_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("amount");
        QTest::addRow("sqlite near int64")
            << QStringLiteral("sqlite") << QStringLiteral("9223372036854.775807");
        QTest::addRow("postgres 32 digits")
            << QStringLiteral("postgres") << QStringLiteral("12345678901234567890123456789012.123456");
    }
    void bigAmountsSurviveDigitForDigit()
    {
        LEDGER_BACKEND(backend);
        QFETCH(QString, amount);
        QString error;
        backend.open(&error).reset();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO users (id) VALUES ('big')")));
        q.prepare(QStringLiteral(
            "INSERT INTO ledger_accounts (user_id, account_type, balance, created_at, updated_at)"
            " VALUES ('big', 'usdc_balance', ?, 0, 0)"));
        q.addBindValue(ReconcileSql::bindMoney(dialectOf(backend), *Money::parse(amount)));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(insertLegacyRow(backend, QStringLiteral("big"), Money()).isEmpty());

        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        QList<DiscrepancyRecord> rows;
        Reconciler::Options o = options();
        o.checkInvariants = false; // the account has no entries on purpose
        const RunSummary s = reconciler.run(o, [&](const DiscrepancyRecord &r) { rows.append(r); });
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().ledger->toString(), amount);
        QCOMPARE(rows.first().difference.toString(), amount);
        const auto stored = reconciler.store().fetch({}, DiscrepancyStore::SortColumn::User, false, 0, 10);
        QVERIFY2(stored, qPrintable(errorMessage(stored)));
        QCOMPARE(stored->first().record.difference.toString(), amount);
    }

    void resolvesWhatDisappears_data() { addDriverRows(); }
    void resolvesWhatDisappears()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        const RunSummary first = reconciler.run(options());
        QVERIFY2(first.isComplete(), qPrintable(first.error));
        QTest::qWait(5); // distinct timestamps
        QVERIFY(setLegacy(backend, QStringLiteral("u3"), QStringLiteral("pending_deposits"), money("60"))
                    .isEmpty());
        const RunSummary second = reconciler.run(options());
        QVERIFY2(second.isComplete(), qPrintable(second.error));
        QCOMPARE(second.discrepancies, 3);
        QCOMPARE(second.newDiscrepancies, 0);
        QCOMPARE(second.resolvedDiscrepancies, 1);

        DiscrepancyFilter resolved;
        resolved.status = DiscrepancyFilter::Status::Resolved;
        const auto rows =
            reconciler.store().fetch(resolved, DiscrepancyStore::SortColumn::User, false, 0, 10);
        QVERIFY2(rows, qPrintable(errorMessage(rows)));
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->first().record.userId, QStringLiteral("u3"));
        QCOMPARE(rows->first().resolvedRun, second.runId);
        QCOMPARE(rows->first().lastRun, first.runId);

        const auto open = reconciler.store().fetch({}, DiscrepancyStore::SortColumn::User, false, 0, 10);
        QCOMPARE(open->size(), 3);
        for (const StoredDiscrepancy &d : *open) {
            QCOMPARE(d.firstRun, first.runId); // first seen is kept across runs
            QCOMPARE(d.lastRun, second.runId);
            QVERIFY(d.lastSeenMs > d.firstSeenMs);
        }
        // A discrepancy that comes back after being resolved is a new one.
        QVERIFY(setLegacy(backend, QStringLiteral("u3"), QStringLiteral("pending_deposits"), money("1"))
                    .isEmpty());
        const RunSummary third = reconciler.run(options());
        QCOMPARE(third.newDiscrepancies, 1);
        DiscrepancyFilter any;
        any.status = DiscrepancyFilter::Status::Any;
        any.userContains = QStringLiteral("u3");
        QCOMPARE(reconciler.store().count(any).value_or(-1), 2);
    }

    void incrementalChecksOnlyTheGivenUsers_data() { addDriverRows(); }
    void incrementalChecksOnlyTheGivenUsers()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        QVERIFY(reconciler.run(options()).isComplete());
        QVERIFY(setLegacy(backend, QStringLiteral("u1"), QStringLiteral("pending_deposits"), money("7"))
                    .isEmpty());
        QVERIFY(setLegacy(backend, QStringLiteral("u3"), QStringLiteral("pending_deposits"), money("60"))
                    .isEmpty());
        Reconciler::Options o = options();
        o.kind = RunKind::Incremental;
        o.users = QStringList{QStringLiteral("u1"), QStringLiteral("u3")};
        QList<DiscrepancyRecord> rows;
        const RunSummary s = reconciler.run(o, [&](const DiscrepancyRecord &r) { rows.append(r); });
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(keys(rows), QStringList{QStringLiteral("u1/usdc_balance")});
        QCOMPARE(s.accounts, 6);
        QCOMPARE(s.resolvedDiscrepancies, 1); // u3
        QCOMPARE(s.newDiscrepancies, 1);      // u1
        QVERIFY(!s.invariantsChecked);
        QCOMPARE(reconciler.store().openCount().value_or(-1), 4); // u2, u4, u5 untouched, u1 added
    }

    // User ids are data: quotes, backslashes, commas, braces and non-ASCII bytes go through the subset
    // parameter (a JSON array on SQLite, a text[] literal on PostgreSQL) and through SQLite's merge, which
    // relies on the byte order of UTF-8 keys.
    void anyUserIdSurvivesSubsetsAndTheMerge_data() { addDriverRows(); }
    void anyUserIdSurvivesSubsetsAndTheMerge()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        const QString odd = QStringLiteral("we\"ird\\,{id} \u00fc");
        const QString other = QStringLiteral("\u00fc-other");
        QVERIFY(insertLegacyRow(backend, odd, money("5")).isEmpty());
        QVERIFY(insertLegacyRow(backend, other, money("6")).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        QList<DiscrepancyRecord> full;
        const RunSummary all = reconciler.run(options(), [&](const DiscrepancyRecord &r) { full.append(r); });
        QVERIFY2(all.isComplete(), qPrintable(all.error));
        QVERIFY(keys(full).contains(odd + QLatin1String("/usdc_balance")));
        QVERIFY(keys(full).contains(other + QLatin1String("/usdc_balance")));
        Reconciler::Options o = options();
        o.kind = RunKind::Incremental;
        o.users = QStringList{odd, QStringLiteral("u1")};
        QList<DiscrepancyRecord> rows;
        const RunSummary s = reconciler.run(o, [&](const DiscrepancyRecord &r) { rows.append(r); });
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QStringList users;
        for (const DiscrepancyRecord &r : rows)
            users.append(r.userId);
        users.removeDuplicates();
        QCOMPARE(users, QStringList{odd}); // u1 has nothing, the other odd id was not asked for
        QCOMPARE(rows.first().legacy, std::optional<Decimal>(money("5")));
        QVERIFY(!rows.first().ledger);
        QCOMPARE(s.resolvedDiscrepancies, 0);
    }

    void reportsLedgerInvariantsSeparately_data() { addDriverRows(); }
    void reportsLedgerInvariantsSeparately()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        // A one-legged transaction written behind the ledger's back: unbalanced, and the account's balance
        // no longer equals its entries.
        QVERIFY(backend
                    .exec(QStringLiteral(
                        "INSERT INTO ledger_transactions (reference_type, reference_id, created_at)"
                        " VALUES ('rogue', 'r1', 0)"))
                    .isEmpty());
        QVERIFY(backend
                    .exec(QStringLiteral(
                        "INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount,"
                        " created_at) SELECT t.id, a.id, 'credit', 5, 0 FROM ledger_transactions t,"
                        " ledger_accounts a WHERE t.reference_type = 'rogue' AND a.user_id = 'u1'"))
                    .isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        const RunSummary s = reconciler.run(options());
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(s.discrepancies, 4); // unchanged: invariants are reported apart
        QVERIFY(s.invariantsChecked);
        QCOMPARE(s.invariantViolationCount, 2);
        QVERIFY(s.invariantViolations.at(0).contains(QLatin1String("1 entries")));
        QVERIFY(s.invariantViolations.at(1).contains(QLatin1String("(u1/usdc_balance)")));
        QCOMPARE(reconciler.store().run(s.runId)->invariantViolationCount, 2);
    }

    void cancelledRunStoresNothing_data() { addDriverRows(); }
    void cancelledRunStoresNothing()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        reconciler.cancel();
        const RunSummary s = reconciler.run(options());
        QCOMPARE(s.status, RunStatus::Cancelled);
        QVERIFY(!s.isComplete());
        QVERIFY(!s.error.isEmpty());
        QCOMPARE(reconciler.store().run(s.runId)->status, RunStatus::Cancelled);
        QCOMPARE(reconciler.store().openCount().value_or(-1), 0);
        // The next run is not affected by the earlier cancel.
        QVERIFY(reconciler.run(options()).isComplete());
    }

    void runOfADeadProcessIsMarkedInterrupted()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        {
            Reconciler first(backend.config().database, backend.config().mapping);
            QCOMPARE(errorMessage(first.open()), QString());
        }
        QProcess dead;
        dead.start(QStringLiteral("true"), {});
        QVERIFY(dead.waitForStarted());
        const qint64 deadPid = dead.processId();
        QVERIFY(dead.waitForFinished());
        QSqlQuery q(backend.raw());
        q.prepare(QStringLiteral("INSERT INTO reconcile_runs (kind, status, started_ms, tolerance, host, pid)"
                                 " VALUES ('full', 'running', 1, '0.01', ?, ?)"));
        q.addBindValue(QSysInfo::machineHostName());
        q.addBindValue(deadPid);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        Reconciler second(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(second.open()), QString());
        const auto runs = second.store().recentRuns(1);
        QVERIFY2(runs, qPrintable(errorMessage(runs)));
        QCOMPARE(runs->first().status, RunStatus::Interrupted);
        QVERIFY(!runs->first().error.isEmpty());
    }

    void schemaMigratesAndRefusesUnknownVersions_data() { addDriverRows(); }
    void schemaMigratesAndRefusesUnknownVersions()
    {
        LEDGER_BACKEND(backend);
        QString error;
        backend.open(&error).reset();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // A database left at version 1 by an older cockpit.
        for (const QString &sql : ReconcileSchema::migration(1, dialectOf(backend)))
            QVERIFY2(backend.exec(sql).isEmpty(), qPrintable(sql));
        QVERIFY(backend
                    .exec(QStringLiteral("INSERT INTO schema_version (component, version, applied_at)"
                                         " VALUES ('reconcile', 1, 0)"))
                    .isEmpty());
        {
            Reconciler reconciler(backend.config().database, backend.config().mapping);
            QCOMPARE(errorMessage(reconciler.open()), QString());
        }
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version WHERE component = 'reconcile'"))
                && q.next());
        QCOMPARE(q.value(0).toInt(), ReconcileSchema::latestVersion());
        q.finish();
        // A newer cockpit's database: refused with a message naming it, nothing written.
        QVERIFY(
            backend
                .exec(QStringLiteral("UPDATE schema_version SET version = 99 WHERE component = 'reconcile'"))
                .isEmpty());
        Reconciler newer(backend.config().database, backend.config().mapping);
        const QString e = errorMessage(newer.open());
        QVERIFY2(e.contains(QLatin1String("newer than this cockpit knows")), qPrintable(e));
        const RunSummary s = newer.run(Reconciler::Options{});
        QCOMPARE(s.status, RunStatus::Failed);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM reconcile_runs")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // Ledger schema version 2 adds the covering index the comparison reads, version 3 drops the change_seq
    // indexes (changes are found through the entries), version 4 the entries' transaction index on SQLite;
    // a version-1 database gets all of it on open, and on SQLite the reconciler adds the index of the
    // mapped legacy columns.
    void ledgerVersionOneGetsTheCoveringIndexes_data() { addDriverRows(); }
    void ledgerVersionOneGetsTheCoveringIndexes()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        QVERIFY(backend.exec(QStringLiteral("DROP INDEX ledger_accounts_user_balance")).isEmpty());
        for (const char *table : {"ledger_accounts", "balances"}) {
            QVERIFY(backend
                        .exec(QLatin1String("CREATE INDEX ") + QLatin1String(table)
                              + QLatin1String("_change_seq ON ") + QLatin1String(table)
                              + QLatin1String(" (change_seq)"))
                        .isEmpty());
        }
        QVERIFY(
            backend.exec(QStringLiteral("UPDATE schema_version SET version = 1 WHERE component = 'ledger'"))
                .isEmpty());
        const QString indexCount =
            backend.isPostgres()
                ? QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE indexname = ?")
                : QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?");
        const auto hasIndex = [&](const QString &name) {
            QSqlQuery q(backend.raw());
            q.prepare(indexCount);
            q.addBindValue(name);
            return q.exec() && q.next() && q.value(0).toInt() == 1;
        };
        QVERIFY(!hasIndex(QStringLiteral("ledger_accounts_user_balance")));
        QVERIFY(hasIndex(QStringLiteral("balances_change_seq")));
        // Version 1 had the transaction index (4 dropped it on SQLite, 5 restored it everywhere).
        QVERIFY(
            backend
                .exec(QStringLiteral(
                    "CREATE INDEX IF NOT EXISTS ledger_entries_transaction ON ledger_entries (transaction_id)"))
                .isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        QVERIFY(hasIndex(QStringLiteral("ledger_accounts_user_balance")));
        QVERIFY(!hasIndex(QStringLiteral("ledger_accounts_change_seq")));
        QVERIFY(!hasIndex(QStringLiteral("balances_change_seq")));
        QVERIFY(hasIndex(QStringLiteral("ledger_entries_transaction")));
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version WHERE component = 'ledger'"))
                && q.next());
        QCOMPARE(q.value(0).toInt(), LedgerStore::latestSchemaVersion());
        QCOMPARE(q.value(0).toInt(), 5);
        if (!backend.isPostgres()) {
            QVERIFY(hasIndex(
                QStringLiteral("balances_reconcile_pending_deposits_buying_power_pending_investments")));
        }
        QList<DiscrepancyRecord> rows;
        const RunSummary s = reconciler.run(options(), [&](const DiscrepancyRecord &r) { rows.append(r); });
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QVERIFY(!rows.isEmpty());
    }

    // Live mode's change tracking (schema version 3, entry ids since version 4): the users changed after a
    // mark are those with later entries, which covers a shadow write whose legacy half failed; the clearing
    // account (no user) is not one; a refused or duplicate operation moves nothing.
    void changedUsersFollowTheTransactions_data() { addDriverRows(); }
    void changedUsersFollowTheTransactions()
    {
        LEDGER_BACKEND(backend);
        QVERIFY(writeScenario(backend).isEmpty());
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        const Result<qint64> start = reconciler.highWaterMark();
        QVERIFY2(start && *start > 0, qPrintable(errorMessage(start)));
        QCOMPARE(reconciler.changedUsers(*start).value_or(QStringList{QStringLiteral("error")}),
                 QStringList());
        const Result<QStringList> all = reconciler.changedUsers(0);
        QVERIFY2(all, qPrintable(errorMessage(all)));
        QStringList sorted = *all;
        sorted.sort();
        QCOMPARE(sorted, (QStringList{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3"),
                                      QStringLiteral("u5")}));
        {
            QString openError;
            auto store = backend.open(&openError);
            QVERIFY2(openError.isEmpty(), qPrintable(openError));
            LedgerIntegration facade(*store, backend.config(),
                                     *LedgerMode::forPhase(QStringLiteral("shadow")));
            facade.setLegacyFaultHook(
                [](const QString &, const QString &) { return Cockpit::fail(QStringLiteral("outage")); });
            QVERIFY(facade
                        .creditUserUsdc(QStringLiteral("u7"), money("1"), QStringLiteral("t"),
                                        QStringLiteral("c7"))
                        .ok());
            QVERIFY(
                !facade.reserveForInvestment(QStringLiteral("u1"), money("1000"), QStringLiteral("r1")).ok());
            QVERIFY(facade
                        .creditUserUsdc(QStringLiteral("u7"), money("1"), QStringLiteral("t"),
                                        QStringLiteral("c7"))
                        .ok()); // a duplicate: posted once
        }
        const Result<qint64> next = reconciler.highWaterMark();
        QVERIFY2(next, qPrintable(errorMessage(next)));
        QCOMPARE(*next, *start + 2); // one transaction: a debit and a credit
        QCOMPARE(reconciler.changedUsers(*start).value_or(QStringList()), QStringList{QStringLiteral("u7")});
        QCOMPARE(reconciler.changedUsers(*next).value_or(QStringList{QStringLiteral("error")}),
                 QStringList());
    }

    void badMappingIsRefusedWithAClearMessage()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        Reconciler reconciler(
            backend.config().database,
            {{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits; DROP TABLE x")}});
        const QString e = errorMessage(reconciler.open());
        QVERIFY(e.contains(QLatin1String("ledger.mapping")));
        const RunSummary s = reconciler.run(options());
        QCOMPARE(s.status, RunStatus::Failed);
    }
};

QTEST_GUILESS_MAIN(TstReconciler)
#include "tst_reconciler.moc"
