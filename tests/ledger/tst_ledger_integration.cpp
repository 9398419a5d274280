// SPDX-License-Identifier: MIT
#include "ledger/ledger_integration.h"
#include "ledger/ledger_monitor.h"
#include "ledger/ledger_store.h"
#include "ledger_test_backend.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTest>

using namespace Cockpit;

namespace {

Money m(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

LedgerMode phase(const char *id)
{
    return *LedgerMode::forPhase(QString::fromLatin1(id));
}

// "ledger:usdc_balance=1.000000,...;legacy:pending_deposits=..." for one-line comparisons.
QString sides(LedgerStore &store, const QString &user)
{
    const auto ledger = store.ledgerBalances(user);
    const auto legacy = store.legacyBalances(user);
    if (!ledger || !legacy)
        return errorMessage(ledger) + errorMessage(legacy);
    QStringList parts;
    for (const QString &t : {LedgerAccountType::usdcBalance(), LedgerAccountType::fiatExposure(),
                             LedgerAccountType::pendingInvestment()})
        parts.append(ledger->value(t).toString());
    parts.append(QStringLiteral("|"));
    for (const QString &c : {QStringLiteral("pending_deposits"), QStringLiteral("buying_power"),
                             QStringLiteral("pending_investments")})
        parts.append(legacy->value(c).toString());
    return parts.join(QLatin1Char(' '));
}

// Makes every legacy write fail inside the database, as a broken legacy schema or service would.
QString breakLegacyTable(CockpitTest::LedgerTestBackend &backend)
{
    if (backend.isPostgres()) {
        QString e =
            backend.exec(QStringLiteral("CREATE FUNCTION legacy_down() RETURNS trigger LANGUAGE plpgsql AS $$"
                                        " BEGIN RAISE EXCEPTION 'legacy balances table is locked'; END $$"));
        if (e.isEmpty())
            e = backend.exec(QStringLiteral("CREATE TRIGGER legacy_down BEFORE INSERT OR UPDATE ON balances"
                                            " FOR EACH ROW EXECUTE FUNCTION legacy_down()"));
        return e;
    }
    QString e =
        backend.exec(QStringLiteral("CREATE TRIGGER legacy_down_i BEFORE INSERT ON balances"
                                    " BEGIN SELECT RAISE(ABORT, 'legacy balances table is locked'); END"));
    if (e.isEmpty())
        e = backend.exec(
            QStringLiteral("CREATE TRIGGER legacy_down_u BEFORE UPDATE ON balances"
                           " BEGIN SELECT RAISE(ABORT, 'legacy balances table is locked'); END"));
    return e;
}

// For tests of the SQLite store's own batch path: one data row, driver sqlite.
void sqliteOnly()
{
    QTest::addColumn<QString>("driver");
    QTest::addRow("sqlite") << QStringLiteral("sqlite");
}

// After a batch the database threw away: nothing of user "b" stayed behind, and the next batch (one deposit
// of `amount` under reference `ref`) starts from the database, not from anything cached.
void batchGoneNextOneClean(LedgerIntegration &facade, LedgerStore &store, const QString &ref,
                           const char *amount)
{
    QCOMPARE(sides(store, QStringLiteral("b")),
             QStringLiteral("0.000000 0.000000 0.000000 | 0.000000 0.000000 0.000000"));
    QCOMPARE(errorMessage(facade.beginBatch()), QString());
    QVERIFY(facade.creditUserUsdc(QStringLiteral("b"), m(amount), QString(), ref).ok());
    QCOMPARE(errorMessage(facade.commitBatch()), QString());
    const QString value = QString::fromLatin1(amount) + QStringLiteral(".000000");
    QCOMPARE(sides(store, QStringLiteral("b")), QStringList({value, QStringLiteral("0.000000 0.000000 |"),
                                                             value, QStringLiteral("0.000000 0.000000")})
                                                    .join(QLatin1Char(' ')));
}

} // namespace

class TestLedgerIntegration : public QObject
{
    Q_OBJECT

private slots:
    void phasesMapToModes()
    {
        QCOMPARE(phase("legacy_only").ledgerWrites, false);
        QCOMPARE(phase("shadow").readSource, LedgerMode::ReadSource::Legacy);
        QVERIFY(phase("shadow").shadowWrites && !phase("shadow").strict);
        QCOMPARE(phase("ledger_reads").readSource, LedgerMode::ReadSource::Ledger);
        QVERIFY(phase("strict").strict && phase("strict").shadowWrites);
        QVERIFY(!phase("ledger_only").shadowWrites && phase("ledger_only").strict);
        QVERIFY(!LedgerMode::forPhase(QStringLiteral("shadow_mode")).has_value());
    }

    void seedOperationsMoveBothSides_data() { CockpitTest::addDriverRows(); }
    void seedOperationsMoveBothSides()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        const QString u = QStringLiteral("u1");
        QVERIFY(facade.creditUserUsdc(u, m("100"), QStringLiteral("Deposit"), QStringLiteral("dep-1")).ok());
        QVERIFY(facade.reserveForInvestment(u, m("30"), QStringLiteral("ord-1")).ok());
        QVERIFY(facade.executeInvestment(u, m("10"), QStringLiteral("ord-1")).ok());
        QVERIFY(facade.releaseReservation(u, m("20"), QStringLiteral("rel-ord-1")).ok());
        QVERIFY(
            facade.moveFundsToFiatExposure(u, m("40.5"), QStringLiteral("to fiat"), QStringLiteral("fx-1"))
                .ok());
        QCOMPARE(sides(*store, u),
                 QStringLiteral("49.500000 50.500000 0.000000 | 49.500000 50.500000 0.000000"));
        // The same deposit notification again: posted once.
        const OperationResult dup =
            facade.creditUserUsdc(u, m("100"), QStringLiteral("Deposit"), QStringLiteral("dep-1"));
        QCOMPARE(dup.status, OperationResult::Status::Duplicate);
        QCOMPARE(sides(*store, u),
                 QStringLiteral("49.500000 50.500000 0.000000 | 49.500000 50.500000 0.000000"));
        // Overdraft refused on both sides.
        const OperationResult over = facade.reserveForInvestment(u, m("49.500001"), QStringLiteral("ord-2"));
        QCOMPARE(over.status, OperationResult::Status::Rejected);
        QVERIFY2(over.message.contains(QLatin1String("insufficient funds")), qPrintable(over.message));
        QCOMPARE(sides(*store, u),
                 QStringLiteral("49.500000 50.500000 0.000000 | 49.500000 50.500000 0.000000"));
        const auto view = facade.getUserBalance(u);
        QVERIFY2(view, qPrintable(errorMessage(view)));
        QCOMPARE(view->source, QStringLiteral("legacy"));
        QVERIFY(view->discrepancies.isEmpty());
        QCOMPARE(facade.checkAvailableBalance(u, m("49.5"), LedgerAccountType::usdcBalance()),
                 std::optional<bool>(true));
        QCOMPARE(facade.checkAvailableBalance(u, m("49.500001"), LedgerAccountType::usdcBalance()),
                 std::optional<bool>(false));
    }

    void failedLegacyWriteKeepsLedger_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<bool>("injected");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
            QTest::addRow("%s injected fault", qPrintable(driver)) << driver << true;
            QTest::addRow("%s database refuses", qPrintable(driver)) << driver << false;
        }
    }
    void failedLegacyWriteKeepsLedger()
    {
        QFETCH(bool, injected);
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        const QString u = QStringLiteral("u1");
        QVERIFY(facade.creditUserUsdc(u, m("10"), QString(), QStringLiteral("dep-0")).ok());
        if (injected)
            facade.setLegacyFaultHook(
                [](const QString &, const QString &) { return Cockpit::fail(QStringLiteral("injected")); });
        else
            QCOMPARE(breakLegacyTable(backend), QString());
        const OperationResult r = facade.creditUserUsdc(u, m("2.5"), QString(), QStringLiteral("dep-1"));
        QCOMPARE(r.status, OperationResult::Status::Ok);
        QVERIFY(r.shadowWriteFailed);
        QVERIFY2(r.message.contains(QLatin1String("shadow-write failure")), qPrintable(r.message));
        QCOMPARE(sides(*store, u),
                 QStringLiteral("12.500000 0.000000 0.000000 | 10.000000 0.000000 0.000000"));
        QString error;
        QCOMPARE(store->shadowFailureCount().value_or(-1), 1);
        const auto failures = store->shadowFailures(10);
        QVERIFY(failures && failures->size() == 1);
        QCOMPARE(failures->first().referenceId, QStringLiteral("dep-1"));
        QCOMPARE(failures->first().operation, QStringLiteral("CreditUserUSDC"));
        QVERIFY(
            failures->first().error.contains(injected ? QLatin1String("injected") : QLatin1String("locked")));

        // A shadow read sees and records the discrepancy; the read still answers from the phase's source.
        const auto view = facade.getUserBalance(u);
        QVERIFY2(view, qPrintable(errorMessage(view)));
        QCOMPARE(view->discrepancies.size(), 1);
        QCOMPARE(view->discrepancies.first().accountType, LedgerAccountType::usdcBalance());
        QCOMPARE(view->discrepancies.first().ledger.toString(), QStringLiteral("12.500000"));
        QCOMPARE(view->discrepancies.first().legacy.toString(), QStringLiteral("10.000000"));
        const auto recorded = store->discrepancies(0, 10);
        QVERIFY(recorded && recorded->size() == 1);
        QCOMPARE(recorded->first().userId, u);
    }

    void strictModeWritesNothingOnDiscrepancy_data() { CockpitTest::addDriverRows(); }
    void strictModeWritesNothingOnDiscrepancy()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        const QString u = QStringLiteral("u1");
        facade.setLegacyFaultHook(
            [](const QString &, const QString &) { return Cockpit::fail(QStringLiteral("injected")); });
        QVERIFY(facade.creditUserUsdc(u, m("5"), QString(), QStringLiteral("dep-1")).shadowWriteFailed);
        facade.setLegacyFaultHook({});
        facade.setMode(phase("strict"));
        const QString before = sides(*store, u);
        const OperationResult r = facade.creditUserUsdc(u, m("1"), QString(), QStringLiteral("dep-2"));
        QCOMPARE(r.status, OperationResult::Status::Failed);
        QVERIFY2(r.message.contains(QLatin1String("discrepancy"))
                     && r.message.contains(QLatin1String("nothing written")),
                 qPrintable(r.message));
        QCOMPARE(sides(*store, u), before);
        // The reference was not consumed: once fixed, the same deposit posts.
        QString error;
        QCOMPARE(errorMessage(store->begin()), QString());
        QCOMPARE(
            errorMessage(store->applyLegacyDelta(u, {{QStringLiteral("pending_deposits"), m("5")}}, 0, 0)),
            QString());
        QCOMPARE(errorMessage(store->commit()), QString());
        QVERIFY(facade.creditUserUsdc(u, m("1"), QString(), QStringLiteral("dep-2")).ok());
        QCOMPARE(sides(*store, u), QStringLiteral("6.000000 0.000000 0.000000 | 6.000000 0.000000 0.000000"));
        // Strict reads fail on a discrepancy.
        QCOMPARE(errorMessage(store->begin()), QString());
        QCOMPARE(
            errorMessage(store->applyLegacyDelta(u, {{QStringLiteral("buying_power"), m("0.02")}}, 0, 0)),
            QString());
        QCOMPARE(errorMessage(store->commit()), QString());
        const auto refused = facade.getUserBalance(u);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("discrepancy detected (strict mode)")),
                 qPrintable(refused.error().message));
    }

    void strictModeWritesNothingOnLegacyFailure_data() { CockpitTest::addDriverRows(); }
    void strictModeWritesNothingOnLegacyFailure()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("strict"));
        QVERIFY(facade.creditUserUsdc(QStringLiteral("u1"), m("5"), QString(), QStringLiteral("dep-1")).ok());
        QCOMPARE(breakLegacyTable(backend), QString());
        const OperationResult r =
            facade.creditUserUsdc(QStringLiteral("u1"), m("1"), QString(), QStringLiteral("dep-2"));
        QCOMPARE(r.status, OperationResult::Status::Failed);
        QVERIFY2(r.message.contains(QLatin1String("strict mode")), qPrintable(r.message));
        QCOMPARE(sides(*store, QStringLiteral("u1")),
                 QStringLiteral("5.000000 0.000000 0.000000 | 5.000000 0.000000 0.000000"));
        QCOMPARE(store->shadowFailureCount().value_or(-1), 0);
    }

    void phasesChooseSides_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("phaseId");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("source");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
            QTest::addRow("%s legacy_only", qPrintable(driver))
                << driver << QStringLiteral("legacy_only")
                << QStringLiteral("0.000000 0.000000 0.000000 | 3.000000 0.000000 0.000000")
                << QStringLiteral("legacy");
            QTest::addRow("%s ledger_reads", qPrintable(driver))
                << driver << QStringLiteral("ledger_reads")
                << QStringLiteral("3.000000 0.000000 0.000000 | 3.000000 0.000000 0.000000")
                << QStringLiteral("ledger");
            QTest::addRow("%s ledger_only", qPrintable(driver))
                << driver << QStringLiteral("ledger_only")
                << QStringLiteral("3.000000 0.000000 0.000000 | 0.000000 0.000000 0.000000")
                << QStringLiteral("ledger");
        }
    }
    void phasesChooseSides()
    {
        QFETCH(QString, phaseId);
        QFETCH(QString, expected);
        QFETCH(QString, source);
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), *LedgerMode::forPhase(phaseId));
        QVERIFY(facade.creditUserUsdc(QStringLiteral("u"), m("3"), QString(), QStringLiteral("d")).ok());
        QCOMPARE(sides(*store, QStringLiteral("u")), expected);
        const auto view = facade.getUserBalance(QStringLiteral("u"));
        QVERIFY2(view, qPrintable(errorMessage(view)));
        QCOMPARE(view->source, source);
        QCOMPARE(view->ledgerRead, phaseId != QLatin1String("legacy_only"));
        QCOMPARE(view->legacyRead, phaseId != QLatin1String("ledger_only"));
    }

    void batchCommitsOnceAndRollsBackWhole_data() { CockpitTest::addDriverRows(); }
    void batchCommitsOnceAndRollsBackWhole()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        QCOMPARE(errorMessage(facade.beginBatch()), QString());
        for (int i = 0; i < 50; ++i)
            QVERIFY(
                facade.creditUserUsdc(QStringLiteral("b"), m("1"), QString(), QStringLiteral("d%1").arg(i))
                    .ok());
        // A refused operation inside the batch undoes only itself.
        QCOMPARE(facade.reserveForInvestment(QStringLiteral("b"), m("51"), QStringLiteral("o")).status,
                 OperationResult::Status::Rejected);
        QCOMPARE(errorMessage(facade.commitBatch()), QString());
        QCOMPARE(sides(*store, QStringLiteral("b")),
                 QStringLiteral("50.000000 0.000000 0.000000 | 50.000000 0.000000 0.000000"));
        QCOMPARE(errorMessage(facade.beginBatch()), QString());
        QVERIFY(facade.creditUserUsdc(QStringLiteral("b"), m("1"), QString(), QStringLiteral("x")).ok());
        QCOMPARE(errorMessage(facade.rollbackBatch()), QString());
        QCOMPARE(sides(*store, QStringLiteral("b")),
                 QStringLiteral("50.000000 0.000000 0.000000 | 50.000000 0.000000 0.000000"));
    }

    // SQLite runs batch operations without a savepoint (its post() refuses before writing); an error after a
    // write then costs the whole batch. PostgreSQL keeps a savepoint per operation.
    void unexpectedErrorWithoutSavepointRollsBackBatch_data() { sqliteOnly(); }
    void unexpectedErrorWithoutSavepointRollsBackBatch()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        // A database that fails in the middle of a post, after the transaction row is written.
        QCOMPARE(
            backend.exec(QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON ledger_entries"
                                        " WHEN NEW.amount = 7000000 BEGIN SELECT RAISE(ABORT, 'boom'); END")),
            QString());
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        QCOMPARE(errorMessage(facade.beginBatch()), QString());
        QVERIFY(facade.creditUserUsdc(QStringLiteral("b"), m("1"), QString(), QStringLiteral("d1")).ok());
        const OperationResult failed =
            facade.creditUserUsdc(QStringLiteral("b"), m("7"), QString(), QStringLiteral("d7"));
        QCOMPARE(failed.status, OperationResult::Status::Failed);
        QVERIFY2(failed.message.contains(QLatin1String("boom")), qPrintable(failed.message));
        const OperationResult after =
            facade.creditUserUsdc(QStringLiteral("b"), m("2"), QString(), QStringLiteral("d2"));
        QCOMPARE(after.status, OperationResult::Status::Failed);
        QVERIFY2(after.message.contains(QLatin1String("rolled back")), qPrintable(after.message));
        const QString commit = errorMessage(facade.commitBatch());
        QVERIFY2(commit.contains(QLatin1String("boom")), qPrintable(commit));
        QVERIFY(!facade.inBatch());
        batchGoneNextOneClean(facade, *store, QStringLiteral("d1"), "1");
    }

    // The SQLite store writes each touched balance row once, when the batch commits (or before a savepoint; a
    // read through the same connection overlays the deferred balances); what a batch operation decides must
    // still see the batch's earlier operations, and the committed rows must be what one write per operation
    // would have left.
    void batchSeesItsOwnWrites_data() { CockpitTest::addDriverRows(); }
    void batchSeesItsOwnWrites()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        const QString a = QStringLiteral("a");
        QCOMPARE(errorMessage(facade.beginBatch()), QString());
        QVERIFY(facade.creditUserUsdc(a, m("5"), QString(), QStringLiteral("d1")).ok());
        QVERIFY(facade.creditUserUsdc(QStringLiteral("b"), m("2"), QString(), QStringLiteral("d2")).ok());
        const OperationResult reserve = facade.reserveForInvestment(a, m("1"), QStringLiteral("r1"));
        QVERIFY(reserve.ok());
        QCOMPARE(sides(*store, a), QStringLiteral("4.000000 0.000000 1.000000 | 4.000000 0.000000 1.000000"));
        QVERIFY(facade.creditUserUsdc(a, m("3"), QString(), QStringLiteral("d3")).ok());
        const OperationResult move =
            facade.moveFundsToFiatExposure(a, m("7"), QString(), QStringLiteral("f1"));
        QVERIFY2(move.ok(), qPrintable(move.message));
        // Refused on the balance the batch left (0), not on the committed one.
        QCOMPARE(facade.reserveForInvestment(a, m("0.000001"), QStringLiteral("r2")).status,
                 OperationResult::Status::Rejected);
        QCOMPARE(errorMessage(facade.commitBatch()), QString());
        // Read over another connection: the committed rows, with change_seq = the last transaction that
        // changed each of them.
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QLatin1String("SELECT COALESCE(user_id, system_key), account_type, ")
                       + backend.moneyText(QStringLiteral("balance"))
                       + QLatin1String(", change_seq FROM ledger_accounts ORDER BY 1, 2")));
        QStringList rows;
        while (q.next())
            rows.append(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString() + QLatin1Char(' ')
                        + backend.money(q.value(2)).toString() + QLatin1Char(' ')
                        + (q.value(3).toLongLong() == move.transactionId      ? QStringLiteral("move")
                           : q.value(3).toLongLong() == reserve.transactionId ? QStringLiteral("reserve")
                                                                              : q.value(3).toString()));
        QCOMPARE(rows.join(QLatin1String("; ")),
                 QStringLiteral("a fiat_exposure 7.000000 move; a pending_investment 1.000000 reserve; "
                                "a usdc_balance 0.000000 move; b usdc_balance 2.000000 2; "
                                "onchain_clearing system -10.000000 4"));
        QVERIFY(q.exec(QStringLiteral("SELECT change_seq FROM balances WHERE user_id = 'a'")) && q.next());
        QCOMPARE(q.value(0).toLongLong(), move.transactionId);
        const auto violations = store->checkInvariants();
        QVERIFY2(violations && violations->isEmpty(),
                 qPrintable(errorMessage(violations) + violations.value_or(QStringList()).join(u'\n')));
    }

    void deferredWriteFailureRollsBackBatch_data() { sqliteOnly(); }
    void deferredWriteFailureRollsBackBatch()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        // Fails only the deferred write of the batch's final balance (3 + 4), when the batch commits.
        QCOMPARE(backend.exec(
                     QStringLiteral("CREATE TRIGGER boom BEFORE UPDATE ON ledger_accounts"
                                    " WHEN NEW.balance = 7000000 BEGIN SELECT RAISE(ABORT, 'boom'); END")),
                 QString());
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        QCOMPARE(errorMessage(facade.beginBatch()), QString());
        QVERIFY(facade.creditUserUsdc(QStringLiteral("b"), m("3"), QString(), QStringLiteral("d3")).ok());
        QVERIFY(facade.creditUserUsdc(QStringLiteral("b"), m("4"), QString(), QStringLiteral("d4")).ok());
        const QString commit = errorMessage(facade.commitBatch());
        QVERIFY2(commit.contains(QLatin1String("boom")) && commit.contains(QLatin1String("rolled back")),
                 qPrintable(commit));
        QVERIFY(!store->inTransaction());
        batchGoneNextOneClean(facade, *store, QStringLiteral("d3"), "3");
    }

    // A savepoint sees every earlier write of the transaction, so rolling back to it undoes only what
    // follows.
    void savepointAfterBatchWrites_data() { CockpitTest::addDriverRows(); }
    void savepointAfterBatchWrites()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        const QString a = QStringLiteral("a");
        QCOMPARE(errorMessage(facade.beginBatch()), QString());
        QVERIFY(facade.creditUserUsdc(a, m("5"), QString(), QStringLiteral("d1")).ok());
        QCOMPARE(errorMessage(store->savepoint(QStringLiteral("sp"))), QString());
        QVERIFY(facade.creditUserUsdc(a, m("3"), QString(), QStringLiteral("d2")).ok());
        QCOMPARE(errorMessage(store->rollbackToSavepoint(QStringLiteral("sp"))), QString());
        QCOMPARE(errorMessage(store->releaseSavepoint(QStringLiteral("sp"))), QString());
        QCOMPARE(sides(*store, a), QStringLiteral("5.000000 0.000000 0.000000 | 5.000000 0.000000 0.000000"));
        QVERIFY(facade.creditUserUsdc(a, m("1"), QString(), QStringLiteral("d3")).ok());
        QCOMPARE(errorMessage(facade.commitBatch()), QString());
        QCOMPARE(sides(*store, a), QStringLiteral("6.000000 0.000000 0.000000 | 6.000000 0.000000 0.000000"));
        const auto violations = store->checkInvariants();
        QVERIFY2(violations && violations->isEmpty(),
                 qPrintable(errorMessage(violations) + violations.value_or(QStringList()).join(u'\n')));
    }

    void metricsPersistAndAlertsFire_data() { CockpitTest::addDriverRows(); }
    void metricsPersistAndAlertsFire()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        LedgerIntegration facade(*store, backend.config(), phase("shadow"));
        facade.setLegacyFaultHook(
            [](const QString &, const QString &) { return Cockpit::fail(QStringLiteral("injected")); });
        QVERIFY(facade.creditUserUsdc(QStringLiteral("u"), m("1"), QString(), QStringLiteral("d"))
                    .shadowWriteFailed);
        facade.setLegacyFaultHook({});
        // Eleven reads: which side is read first alternates, and every read, in either order, sees the same
        // discrepancy and times both sides.
        for (int i = 0; i < 11; ++i) {
            const auto view = facade.getUserBalance(QStringLiteral("u"));
            QVERIFY2(view, qPrintable(errorMessage(view)));
            QCOMPARE(view->discrepancies.size(), 1);
            QCOMPARE(view->discrepancies.first().ledger.toString(), QStringLiteral("1.000000"));
        }
        QCOMPARE(errorMessage(facade.flushMetrics()), QString());
        // A second store (another process) sees the same numbers.
        LEDGER_OPEN(reader, backend);
        const auto health =
            LedgerMonitor::load(*reader, backend.config(), QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(health, qPrintable(errorMessage(health)));
        QCOMPARE(health->discrepancies, 11);
        QCOMPARE(health->discrepanciesByType.value(LedgerAccountType::usdcBalance()), 11);
        QCOMPARE(health->shadowFailures, 1);
        QCOMPARE(health->writesOk, 1);
        QCOMPARE(health->successRateText(), QStringLiteral("1.0000"));
        QCOMPARE(health->ledgerQuery.count(), 11);
        QCOMPARE(health->legacyQuery.count(), 11);
        QVERIFY(health->alerts.first().name == QLatin1String("HighDiscrepancyRate")
                && health->alerts.first().firing);
        QCOMPARE(health->gates.first().verdict, LedgerGate::Verdict::Fail);
        QVERIFY2(
            health->gates.first().evidence.english().contains(QLatin1String("11 discrepancies in the last")),
            qPrintable(health->gates.first().evidence.english()));
    }
};

QTEST_GUILESS_MAIN(TestLedgerIntegration)
#include "tst_ledger_integration.moc"
