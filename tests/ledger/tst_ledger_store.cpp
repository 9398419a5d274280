// SPDX-License-Identifier: MIT
#include "ledger/ledger_store.h"
#include "ledger_test_backend.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace Cockpit;
using CockpitTest::balanceOf;
using CockpitTest::deposit;
using CockpitTest::postOne;

namespace {

const AccountRef clearing = AccountRef::system(LedgerAccountType::onchainClearingKey());

} // namespace

class TestLedgerStore : public QObject
{
    Q_OBJECT

private slots:
    void postsBalancedTransaction_data() { CockpitTest::addDriverRows(); }
    void postsBalancedTransaction()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        const PostResult r = postOne(
            *store, deposit(QStringLiteral("u1"), QStringLiteral("100.000001"), QStringLiteral("d1")));
        QVERIFY2(r.status == PostResult::Status::Posted, qPrintable(r.message));
        QVERIFY(r.transactionId > 0);
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("100.000001"));
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QLatin1String("SELECT ") + backend.moneyText(QStringLiteral("balance"))
                       + QLatin1String(" FROM ledger_accounts WHERE system_key = 'onchain_clearing'")));
        QVERIFY(q.next());
        QCOMPARE(backend.money(q.value(0)).toString(), QStringLiteral("-100.000001"));
        const auto history = store->history(QStringLiteral("u1"), 10);
        QVERIFY2(history, qPrintable(errorMessage(history)));
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().referenceId, QStringLiteral("d1"));
        QCOMPARE(history->first().amount.toString(), QStringLiteral("100.000001"));
        QVERIFY(!history->first().debit);
        const auto violations = store->checkInvariants();
        QVERIFY2(violations, qPrintable(errorMessage(violations)));
        QVERIFY2(violations->isEmpty(), qPrintable(violations->join(QLatin1Char('\n'))));
    }

    // A transaction of more than two entries (a fill split between fiat exposure and a fee account): every
    // entry is written, in order, and the balances follow.
    void postsTransactionOfThreeEntries_data() { CockpitTest::addDriverRows(); }
    void postsTransactionOfThreeEntries()
    {
        const auto entry = [](const QString &type, bool debit, const char16_t *amount) {
            return EntryRequest{AccountRef::user(QStringLiteral("u1"), type), debit, *Money::parse(amount)};
        };
        const TransactionRequest split{
            QStringLiteral("fill"),
            QStringLiteral("f1"),
            QStringLiteral("fill with a fee"),
            {entry(LedgerAccountType::usdcBalance(), true, u"10"),
             entry(LedgerAccountType::fiatExposure(), false, u"9.75"),
             {AccountRef::system(QStringLiteral("fees")), false, *Money::parse(u"0.25")}}};
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("d1"))).ok());
        const PostResult r = postOne(*store, split);
        QVERIFY2(r.status == PostResult::Status::Posted, qPrintable(r.message));
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("0.000000"));
        QCOMPARE(balanceOf(*store, QStringLiteral("u1"), LedgerAccountType::fiatExposure()),
                 QStringLiteral("9.750000"));
        QSqlQuery q(backend.raw());
        q.prepare(QLatin1String("SELECT entry_type, ") + backend.moneyText(QStringLiteral("amount"))
                  + QLatin1String(" FROM ledger_entries WHERE transaction_id = ? ORDER BY id"));
        q.addBindValue(r.transactionId);
        QVERIFY(q.exec());
        QStringList rows;
        while (q.next())
            rows.append(q.value(0).toString() + QLatin1Char(' ') + backend.money(q.value(1)).toString());
        QCOMPARE(rows, (QStringList{QStringLiteral("debit 10.000000"), QStringLiteral("credit 9.750000"),
                                    QStringLiteral("credit 0.250000")}));
        const auto violations = store->checkInvariants();
        QVERIFY2(violations && violations->isEmpty(),
                 qPrintable(errorMessage(violations) + violations.value_or(QStringList()).join(u'\n')));
    }

    // A read snapshot does not see what another connection commits meanwhile, and ends cleanly.
    void readSnapshotIsStable_data() { CockpitTest::addDriverRows(); }
    void readSnapshotIsStable()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(reader, backend);
        LEDGER_OPEN(writer, backend);
        const QString user = QStringLiteral("u-snap");
        const QString column = QStringLiteral("pending_deposits"); // usdc_balance's legacy column
        auto write = [&](const QString &amount, const QString &ref, qint64 seq) {
            QCOMPARE(errorMessage(writer->begin()), QString());
            QVERIFY(writer->post(*writer->openTransaction(), deposit(user, amount, ref), 1000).ok());
            QCOMPARE(
                errorMessage(writer->applyLegacyDelta(user, {{column, *Money::parse(amount)}}, seq, 1000)),
                QString());
            QCOMPARE(errorMessage(writer->commit()), QString());
        };
        write(QStringLiteral("5"), QStringLiteral("s1"), 1);

        QCOMPARE(errorMessage(reader->beginReadSnapshot()), QString());
        QCOMPARE(balanceOf(*reader, user), QStringLiteral("5.000000"));
        // Another connection commits a change of both sides between the reader's two reads.
        write(QStringLiteral("2"), QStringLiteral("s2"), 2);
        const auto legacy = reader->legacyBalances(user);
        QVERIFY2(legacy, qPrintable(errorMessage(legacy)));
        QCOMPARE(legacy->value(column).toString(), QStringLiteral("5.000000"));
        QCOMPARE(balanceOf(*reader, user), QStringLiteral("5.000000"));
        QCOMPARE(errorMessage(reader->endReadSnapshot()), QString());

        QCOMPARE(balanceOf(*reader, user), QStringLiteral("7.000000"));
        // Not inside a write transaction.
        QCOMPARE(errorMessage(reader->begin()), QString());
        QVERIFY(!reader->beginReadSnapshot());
        QCOMPARE(errorMessage(reader->rollback()), QString());
    }

    void rejectsBadTransactions_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
            QTest::addRow("%s single entry", qPrintable(driver))
                << driver << 0 << QStringLiteral("at least 2");
            QTest::addRow("%s unbalanced", qPrintable(driver)) << driver << 1 << QStringLiteral("unbalanced");
            QTest::addRow("%s zero amount", qPrintable(driver))
                << driver << 2 << QStringLiteral("must be positive");
            QTest::addRow("%s no reference", qPrintable(driver))
                << driver << 3 << QStringLiteral("reference");
            QTest::addRow("%s overdraft", qPrintable(driver))
                << driver << 4 << QStringLiteral("insufficient funds");
        }
    }

    void rejectsBadTransactions()
    {
        QFETCH(int, kind);
        QFETCH(QString, message);
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("d1"))).ok());
        const AccountRef usdc = AccountRef::user(QStringLiteral("u1"), LedgerAccountType::usdcBalance());
        const AccountRef fiat = AccountRef::user(QStringLiteral("u1"), LedgerAccountType::fiatExposure());
        const Money five = *Money::parse(u"5");
        TransactionRequest bad{QStringLiteral("move"),
                               QStringLiteral("m1"),
                               QString(),
                               {{usdc, true, five}, {fiat, false, five}}};
        switch (kind) {
        case 0:
            bad.entries.removeLast();
            break;
        case 1:
            bad.entries[1].amount = *Money::parse(u"4.999999");
            break;
        case 2:
            bad.entries[0].amount = Money();
            bad.entries[1].amount = Money();
            break;
        case 3:
            bad.referenceId.clear();
            break;
        case 4:
            bad.entries[0].amount = *Money::parse(u"10.000001");
            bad.entries[1].amount = *Money::parse(u"10.000001");
            break;
        }
        const PostResult r = postOne(*store, bad);
        QVERIFY2(r.status == PostResult::Status::Rejected, qPrintable(r.message));
        QVERIFY2(r.message.contains(message), qPrintable(r.message));
        // Nothing changed.
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("10.000000"));
        QCOMPARE(balanceOf(*store, QStringLiteral("u1"), LedgerAccountType::fiatExposure()),
                 QStringLiteral("0.000000"));
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM ledger_transactions")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void idempotentByReference_data() { CockpitTest::addDriverRows(); }
    void idempotentByReference()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QCOMPARE(postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("7"), QStringLiteral("dep-9")))
                     .status,
                 PostResult::Status::Posted);
        const PostResult again =
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("7"), QStringLiteral("dep-9")));
        QCOMPARE(again.status, PostResult::Status::Duplicate);
        QVERIFY(again.message.contains(QLatin1String("dep-9")));
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("7.000000"));
        // Same id under another reference type is another transaction.
        TransactionRequest other =
            deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("dep-9"));
        other.referenceType = QStringLiteral("bonus");
        QCOMPARE(postOne(*store, other).status, PostResult::Status::Posted);
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("8.000000"));
    }

    void duplicateWinsOverRefusal_data() { CockpitTest::addDriverRows(); }
    void duplicateWinsOverRefusal()
    {
        // A replayed reservation is a duplicate even though the money it reserved is gone by now.
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("d"))).ok());
        const Money ten = *Money::parse(u"10");
        const TransactionRequest reserve{
            QStringLiteral("investment_reservation"),
            QStringLiteral("r1"),
            QString(),
            {{AccountRef::user(QStringLiteral("u1"), LedgerAccountType::usdcBalance()), true, ten},
             {AccountRef::user(QStringLiteral("u1"), LedgerAccountType::pendingInvestment()), false, ten}}};
        QCOMPARE(postOne(*store, reserve).status, PostResult::Status::Posted);
        QCOMPARE(postOne(*store, reserve).status, PostResult::Status::Duplicate);
    }

    void refusalWritesNothing_data()
    {
        // Only the SQLite store promises this (refusesBeforeWriting()); PostgreSQL's callers roll back.
        QTest::addColumn<QString>("driver");
        QTest::addRow("sqlite") << QStringLiteral("sqlite");
    }

    void refusalWritesNothing()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(store->refusesBeforeWriting());
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("d"))).ok());
        const Money five = *Money::parse(u"5");
        const Money maxMicros = Money::fromMicros(std::numeric_limits<qint64>::max());
        QCOMPARE(errorMessage(store->begin()), QString());
        // A user without accounts cannot pay: refused before the user or the accounts are created.
        PostResult r = store->post(
            *store->openTransaction(),
            {QStringLiteral("move"),
             QStringLiteral("m1"),
             QString(),
             {{AccountRef::user(QStringLiteral("nobody"), LedgerAccountType::usdcBalance()), true, five},
              {AccountRef::user(QStringLiteral("nobody"), LedgerAccountType::fiatExposure()), false, five}}},
            2000);
        QCOMPARE(r.status, PostResult::Status::Rejected);
        QVERIFY2(r.message.contains(QLatin1String("insufficient funds")), qPrintable(r.message));
        // An amount the clearing account cannot hold: refused before the user's debit is written.
        r = store->post(
            *store->openTransaction(),
            {QStringLiteral("deposit"),
             QStringLiteral("huge"),
             QString(),
             {{AccountRef::user(QStringLiteral("u1"), LedgerAccountType::usdcBalance()), true, five},
              {AccountRef::user(QStringLiteral("u1"), LedgerAccountType::fiatExposure()), false, five},
              {clearing, true, maxMicros},
              {AccountRef::user(QStringLiteral("u1"), LedgerAccountType::usdcBalance()), false, maxMicros}}},
            2000);
        QCOMPARE(r.status, PostResult::Status::Rejected);
        QVERIFY2(r.message.contains(QLatin1String("overflows")), qPrintable(r.message));
        // Committed, not rolled back: whatever the refusals wrote would stay.
        QCOMPARE(errorMessage(store->commit()), QString());
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral(
                    "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM ledger_accounts),"
                    " (SELECT COUNT(*) FROM ledger_transactions),"
                    " (SELECT COUNT(*) FROM ledger_entries)"))
                && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toInt(), 2); // clearing and u1's usdc_balance
        QCOMPARE(q.value(2).toInt(), 1);
        QCOMPARE(q.value(3).toInt(), 2);
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("10.000000"));
    }

    void seesBalancesChangedElsewhere_data() { CockpitTest::addDriverRows(); }
    void seesBalancesChangedElsewhere()
    {
        // Another connection (another cockpit, a repair script) changes a balance between two transactions
        // of this store; the store's checks must use the new value.
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("d"))).ok());
        const auto setBalance = [&](const char *amount) {
            const QString value =
                backend.isPostgres()
                    ? QString::fromLatin1(amount)
                    : QString::number(*Money::parse(QString::fromLatin1(amount))->toMicros64());
            return backend.exec(QLatin1String("UPDATE ledger_accounts SET balance = ") + value
                                + QLatin1String(" WHERE user_id = 'u1' AND account_type = 'usdc_balance'"));
        };
        const auto move = [](const char *ref, const char *amount) {
            const Money a = *Money::parse(QString::fromLatin1(amount));
            return TransactionRequest{
                QStringLiteral("move"),
                QString::fromLatin1(ref),
                QString(),
                {{AccountRef::user(QStringLiteral("u1"), LedgerAccountType::usdcBalance()), true, a},
                 {AccountRef::user(QStringLiteral("u1"), LedgerAccountType::fiatExposure()), false, a}}};
        };
        QCOMPARE(setBalance("3"), QString());
        const PostResult refused = postOne(*store, move("m1", "5"));
        QCOMPARE(refused.status, PostResult::Status::Rejected);
        QVERIFY2(refused.message.contains(QLatin1String("has 3.000000")), qPrintable(refused.message));
        QCOMPARE(postOne(*store, move("m2", "2")).status, PostResult::Status::Posted);
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("1.000000"));
        QCOMPARE(setBalance("100"), QString());
        QCOMPARE(postOne(*store, move("m3", "50")).status, PostResult::Status::Posted);
        QCOMPARE(balanceOf(*store, QStringLiteral("u1")), QStringLiteral("50.000000"));
    }

    // post() takes the token of the open transaction: none outside one, and one kept past its commit is
    // refused.
    void postNeedsTheOpenTransaction_data() { CockpitTest::addDriverRows(); }
    void postNeedsTheOpenTransaction()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(!store->openTransaction());
        QCOMPARE(errorMessage(store->begin()), QString());
        const std::optional<LedgerTransaction> first = store->openTransaction();
        QVERIFY(first);
        QVERIFY(
            store->post(*first, deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("a")), 1)
                .ok());
        QCOMPARE(errorMessage(store->commit()), QString());
        QCOMPARE(errorMessage(store->begin()), QString());
        const PostResult stale =
            store->post(*first, deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("b")), 1);
        QCOMPARE(stale.status, PostResult::Status::Error);
        QVERIFY2(stale.message.contains(QLatin1String("outside the database transaction")),
                 qPrintable(stale.message));
        QCOMPARE(errorMessage(store->rollback()), QString());
    }

    void amountRange_data() { CockpitTest::addDriverRows(); }
    void amountRange()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        // 20 integer digits: beyond SQLite's 64-bit micro-units, within NUMERIC(38,6).
        const QString big = QStringLiteral("98765432109876543210.123456");
        const PostResult r = postOne(*store, deposit(QStringLiteral("whale"), big, QStringLiteral("big")));
        if (backend.isPostgres()) {
            QVERIFY2(r.status == PostResult::Status::Posted, qPrintable(r.message));
            QCOMPARE(balanceOf(*store, QStringLiteral("whale")), big);
        } else {
            QCOMPARE(r.status, PostResult::Status::Rejected);
            QVERIFY2(r.message.contains(QLatin1String("exceeds the SQLite ledger's range")),
                     qPrintable(r.message));
            QCOMPARE(balanceOf(*store, QStringLiteral("whale")), QStringLiteral("0.000000"));
        }
        // Largest value that fits both, then one more micro-unit into the same account: SQLite refuses
        // the overflow instead of turning the sum into a float.
        const QString max64 = QStringLiteral("9223372036854.775807");
        QVERIFY(postOne(*store, deposit(QStringLiteral("edge"), max64, QStringLiteral("e1"))).ok());
        const PostResult over = postOne(
            *store, deposit(QStringLiteral("edge"), QStringLiteral("0.000001"), QStringLiteral("e2")));
        if (backend.isPostgres()) {
            QVERIFY(over.ok());
            QCOMPARE(balanceOf(*store, QStringLiteral("edge")), QStringLiteral("9223372036854.775808"));
        } else {
            QVERIFY(!over.ok());
            QVERIFY2(over.message.contains(QLatin1String("overflow")), qPrintable(over.message));
            QCOMPARE(balanceOf(*store, QStringLiteral("edge")), max64);
        }
        const auto violations = store->checkInvariants();
        QVERIFY2(violations && violations->isEmpty(),
                 qPrintable(errorMessage(violations) + violations.value_or(QStringList()).join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLedgerStore)
#include "tst_ledger_store.moc"
