// SPDX-License-Identifier: MIT
#include "common/config_sections.h"
#include "ledger/ledger_store.h"
#include "ledger_test_backend.h"
#include "test_paths.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Cockpit;

namespace {

const AccountRef clearing = AccountRef::system(LedgerAccountType::onchainClearingKey());

TransactionRequest deposit(const QString &user, const QString &amount, const QString &ref)
{
    const Money m = *Money::parse(amount);
    return {QStringLiteral("deposit"),
            ref,
            QStringLiteral("test deposit"),
            {{clearing, true, m}, {AccountRef::user(user, LedgerAccountType::usdcBalance()), false, m}}};
}

PostResult postOne(LedgerStore &store, const TransactionRequest &request)
{
    if (!store.begin().isEmpty())
        return {};
    const PostResult r = store.post(*store.openTransaction(), request, 1000);
    if (r.ok())
        store.commit();
    else
        store.rollback();
    return r;
}

QString balanceOf(LedgerStore &store, const QString &user,
                  const QString &type = LedgerAccountType::usdcBalance())
{
    QString error;
    const auto b = store.ledgerBalances(user, &error);
    return b ? b->value(type).toString() : error;
}

} // namespace

class TestLedgerStore : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsMigrated_data() { CockpitTest::addDriverRows(); }
    void freshDatabaseIsMigrated()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QCOMPARE(store->schemaVersion(), LedgerStore::latestSchemaVersion());
        QVERIFY(store->isWritable());
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version WHERE component = 'ledger'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), LedgerStore::latestSchemaVersion());
    }

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
        QString error;
        const auto history = store->history(QStringLiteral("u1"), 10, &error);
        QVERIFY2(history, qPrintable(error));
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().referenceId, QStringLiteral("d1"));
        QCOMPARE(history->first().amount.toString(), QStringLiteral("100.000001"));
        QVERIFY(!history->first().debit);
        const auto violations = store->checkInvariants(&error);
        QVERIFY2(violations, qPrintable(error));
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
        QString error;
        const auto violations = store->checkInvariants(&error);
        QVERIFY2(violations && violations->isEmpty(),
                 qPrintable(error + violations.value_or(QStringList()).join(u'\n')));
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
            QVERIFY(writer->begin().isEmpty());
            QVERIFY(writer->post(*writer->openTransaction(), deposit(user, amount, ref), 1000).ok());
            QCOMPARE(writer->applyLegacyDelta(user, {{column, *Money::parse(amount)}}, seq, 1000), QString());
            QCOMPARE(writer->commit(), QString());
        };
        write(QStringLiteral("5"), QStringLiteral("s1"), 1);

        QCOMPARE(reader->beginReadSnapshot(), QString());
        QCOMPARE(balanceOf(*reader, user), QStringLiteral("5.000000"));
        // Another connection commits a change of both sides between the reader's two reads.
        write(QStringLiteral("2"), QStringLiteral("s2"), 2);
        QString error;
        const auto legacy = reader->legacyBalances(user, &error);
        QVERIFY2(legacy, qPrintable(error));
        QCOMPARE(legacy->value(column).toString(), QStringLiteral("5.000000"));
        QCOMPARE(balanceOf(*reader, user), QStringLiteral("5.000000"));
        QCOMPARE(reader->endReadSnapshot(), QString());

        QCOMPARE(balanceOf(*reader, user), QStringLiteral("7.000000"));
        // Not inside a write transaction.
        QVERIFY(reader->begin().isEmpty());
        QVERIFY(!reader->beginReadSnapshot().isEmpty());
        QCOMPARE(reader->rollback(), QString());
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
        QCOMPARE(store->begin(), QString());
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
        QCOMPARE(store->commit(), QString());
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

    void entriesAreImmutable_data() { CockpitTest::addDriverRows(); }
    void entriesAreImmutable()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("3"), QStringLiteral("d"))).ok());
        QString error = backend.exec(QStringLiteral("UPDATE ledger_entries SET amount = 1"));
        QVERIFY2(error.contains(QLatin1String("immutable")), qPrintable(error));
        error = backend.exec(QStringLiteral("DELETE FROM ledger_entries"));
        QVERIFY2(error.contains(QLatin1String("immutable")), qPrintable(error));
        error = backend.exec(QStringLiteral("DELETE FROM ledger_transactions"));
        QVERIFY2(error.contains(QLatin1String("immutable")), qPrintable(error));
    }

    // One integrity model: rows written behind the store's back that point nowhere are refused by both
    // databases (SQLite on any connection, through the schema's triggers). A one-legged transaction is not
    // something either database can refuse row by row (it is complete only at commit): both report it in
    // the invariant check, and the store never leaves one (its legs are one statement).
    void invalidRowsAreRefusedOnBothDatabases_data() { CockpitTest::addDriverRows(); }
    void invalidRowsAreRefusedOnBothDatabases()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("u1"), QStringLiteral("3"), QStringLiteral("d"))).ok());
        QString error = backend.exec(QStringLiteral("INSERT INTO ledger_entries (transaction_id, account_id,"
                                                    " entry_type, amount, created_at)"
                                                    " VALUES (777, 888, 'credit', 1, 0)"));
        QVERIFY2(error.contains(QLatin1String("FOREIGN KEY")) || error.contains(QLatin1String("foreign key")),
                 qPrintable(error));
        error =
            backend.exec(QStringLiteral("INSERT INTO ledger_accounts (user_id, account_type,"
                                        " created_at, updated_at) VALUES ('ghost', 'usdc_balance', 0, 0)"));
        QVERIFY2(error.contains(QLatin1String("FOREIGN KEY")) || error.contains(QLatin1String("foreign key")),
                 qPrintable(error));
        error = backend.exec(QStringLiteral("DELETE FROM users WHERE id = 'u1'"));
        QVERIFY2(error.contains(QLatin1String("FOREIGN KEY")) || error.contains(QLatin1String("foreign key")),
                 qPrintable(error));

        QCOMPARE(backend.exec(QStringLiteral("INSERT INTO ledger_transactions (reference_type, reference_id,"
                                             " created_at) VALUES ('forged', 'one-leg', 0)")),
                 QString());
        QCOMPARE(backend.exec(QStringLiteral(
                     "INSERT INTO ledger_entries (transaction_id, account_id, entry_type, amount, created_at)"
                     " SELECT t.id, a.id, 'credit', 1, 0 FROM ledger_transactions t, ledger_accounts a"
                     " WHERE t.reference_id = 'one-leg' AND a.user_id = 'u1'")),
                 QString());
        const auto violations = store->checkInvariants(&error);
        QVERIFY2(violations, qPrintable(error));
        QVERIFY2(violations->join(QLatin1Char('\n')).contains(QLatin1String("transaction ")),
                 qPrintable(violations->join(QLatin1Char('\n'))));
    }

    // Ledger files of every older schema version (tests/fixtures/ledger, written by those versions' DDL)
    // open at the latest version with their balances and invariants intact, and take new postings.
    void upgradesFromEveryOlderVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < LedgerStore::latestSchemaVersion(); ++v)
            QTest::addRow("version %d", v) << v;
    }
    void upgradesFromEveryOlderVersion()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        DatabaseConfig config;
        config.sqlitePath = dir.filePath(QStringLiteral("ledger.sqlite"));
        QVERIFY(
            QFile::copy(CockpitTest::fixturesDir() + QStringLiteral("/ledger/ledger-v%1.sqlite").arg(version),
                        config.sqlitePath));
        QVERIFY(QFile::setPermissions(config.sqlitePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto store = LedgerStore::create(config, ConfigSections::defaultMapping());
        QCOMPARE(store->open(), QString());
        QCOMPARE(store->schemaVersion(), LedgerStore::latestSchemaVersion());
        QVERIFY(store->isWritable());
        QString error;
        const auto ledger = store->ledgerBalances(QStringLiteral("alice"), &error);
        QVERIFY2(ledger, qPrintable(error));
        QCOMPARE(ledger->value(LedgerAccountType::usdcBalance()).toString(), QStringLiteral("10.250000"));
        QCOMPARE(ledger->value(LedgerAccountType::fiatExposure()).toString(), QStringLiteral("2.250000"));
        const auto legacy = store->legacyBalances(QStringLiteral("bob"), &error);
        QVERIFY2(legacy, qPrintable(error));
        QCOMPARE(legacy->value(QStringLiteral("buying_power")).toString(), QStringLiteral("7.000000"));
        const auto violations = store->checkInvariants(&error);
        QVERIFY2(violations, qPrintable(error));
        QCOMPARE(*violations, QStringList());
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("alice"), QStringLiteral("1"), QStringLiteral("after")))
                .ok());
        QCOMPARE(store->ledgerBalances(QStringLiteral("alice"), &error)
                     ->value(LedgerAccountType::usdcBalance())
                     .toString(),
                 QStringLiteral("11.250000"));
        // The upgraded file has version 5's rules: a dangling entry is refused.
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture-raw"));
        raw.setDatabaseName(config.sqlitePath);
        QVERIFY(raw.open());
        QSqlQuery q(raw);
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO ledger_entries (transaction_id, account_id, entry_type,"
                                       " amount, created_at) VALUES (777, 888, 'credit', 1, 0)")));
        q = QSqlQuery();
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("fixture-raw"));
    }

    // post() takes the token of the open transaction: none outside one, and one kept past its commit is
    // refused.
    void postNeedsTheOpenTransaction_data() { CockpitTest::addDriverRows(); }
    void postNeedsTheOpenTransaction()
    {
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        QVERIFY(!store->openTransaction());
        QCOMPARE(store->begin(), QString());
        const std::optional<LedgerTransaction> first = store->openTransaction();
        QVERIFY(first);
        QVERIFY(
            store->post(*first, deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("a")), 1)
                .ok());
        QCOMPARE(store->commit(), QString());
        QCOMPARE(store->begin(), QString());
        const PostResult stale =
            store->post(*first, deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("b")), 1);
        QCOMPARE(stale.status, PostResult::Status::Error);
        QVERIFY2(stale.message.contains(QLatin1String("outside the database transaction")),
                 qPrintable(stale.message));
        QCOMPARE(store->rollback(), QString());
    }

    void refusesUnknownSchemaVersion_data() { CockpitTest::addDriverRows(); }
    void refusesUnknownSchemaVersion()
    {
        LEDGER_BACKEND(backend);
        {
            LEDGER_OPEN(store, backend);
        }
        QCOMPARE(
            backend.exec(QStringLiteral("UPDATE schema_version SET version = 99 WHERE component = 'ledger'")),
            QString());
        LEDGER_OPEN(store, backend);
        QVERIFY(!store->isWritable());
        QCOMPARE(store->schemaVersion(), 99);
        QVERIFY2(store->readOnlyReason().contains(QLatin1String("schema version 99 is newer")),
                 qPrintable(store->readOnlyReason()));
        QVERIFY(store->begin().isEmpty());
        const PostResult r =
            store->post(*store->openTransaction(),
                        deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("d")), 1);
        store->rollback();
        QCOMPARE(r.status, PostResult::Status::Error);
        QVERIFY2(r.message.contains(QLatin1String("refusing to write")), qPrintable(r.message));
        QVERIFY(
            !store->applyLegacyDelta(QStringLiteral("u1"), {{QStringLiteral("buying_power"), Money()}}, 0, 0)
                 .isEmpty());
    }

    void adoptsLegacyDatabase_data() { CockpitTest::addDriverRows(); }
    void adoptsLegacyDatabase()
    {
        LEDGER_BACKEND(backend);
        // The legacy service's tables, as they exist before the migration.
        const QString money =
            backend.isPostgres() ? QStringLiteral("NUMERIC(38,6)") : QStringLiteral("INTEGER");
        QCOMPARE(backend.exec(QStringLiteral(
                     "CREATE TABLE users (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL DEFAULT 0)")),
                 QString());
        QCOMPARE(
            backend.exec(QLatin1String("CREATE TABLE balances (user_id TEXT PRIMARY KEY, pending_deposits ")
                         + money + QLatin1String(" NOT NULL DEFAULT 0, buying_power ") + money
                         + QLatin1String(" NOT NULL DEFAULT 0, pending_investments ") + money
                         + QLatin1String(" NOT NULL DEFAULT 0, change_seq BIGINT NOT NULL DEFAULT 0,"
                                         " updated_at BIGINT NOT NULL DEFAULT 0)")),
            QString());
        const QString value = backend.isPostgres() ? QStringLiteral("'42.5'") : QStringLiteral("42500000");
        QCOMPARE(backend.exec(QLatin1String("INSERT INTO balances (user_id, buying_power) VALUES ('old', ")
                              + value + QLatin1String(")")),
                 QString());
        LEDGER_OPEN(store, backend);
        QCOMPARE(store->schemaVersion(), LedgerStore::latestSchemaVersion());
        QString error;
        const auto legacy = store->legacyBalances(QStringLiteral("old"), &error);
        QVERIFY2(legacy, qPrintable(error));
        QCOMPARE(legacy->value(QStringLiteral("buying_power")).toString(), QStringLiteral("42.500000"));
    }

    void missingMappedColumnIsNamed_data() { CockpitTest::addDriverRows(); }
    void missingMappedColumnIsNamed()
    {
        LEDGER_BACKEND(backend);
        backend.config().mapping.append({QStringLiteral("margin"), QStringLiteral("margin_balance")});
        QString error;
        auto store = backend.open(&error);
        QVERIFY2(error.contains(QLatin1String("margin_balance")) && error.contains(QLatin1String("balances")),
                 qPrintable(error));
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
        QString error;
        const auto violations = store->checkInvariants(&error);
        QVERIFY2(violations && violations->isEmpty(),
                 qPrintable(error + violations.value_or(QStringList()).join(u'\n')));
    }

    // The seed's scripts/reconcile_balances.sh query, verbatim, against the cockpit's PostgreSQL schema.
    void seedReconcileQueryRunsUnchanged()
    {
        CockpitTest::LedgerTestBackend backend(QStringLiteral("postgres"));
        COCKPIT_REQUIRE_PG(*backend.pg());
        LEDGER_OPEN(store, backend);
        QVERIFY(postOne(*store, deposit(QStringLiteral("u-diff"), QStringLiteral("100"), QStringLiteral("a")))
                    .ok());
        QVERIFY(postOne(*store, deposit(QStringLiteral("u-same"), QStringLiteral("5"), QStringLiteral("b")))
                    .ok());
        QVERIFY(store->begin().isEmpty());
        QCOMPARE(store->applyLegacyDelta(QStringLiteral("u-diff"),
                                         {{QStringLiteral("buying_power"), *Money::parse(u"90")}}, 0, 0),
                 QString());
        QCOMPARE(store->applyLegacyDelta(QStringLiteral("u-same"),
                                         {{QStringLiteral("buying_power"), *Money::parse(u"5.005")}}, 0, 0),
                 QString());
        QVERIFY(store->commit().isEmpty());
        const QString seedQuery = QStringLiteral(R"(
SELECT 
    u.id as user_id,
    la.balance as ledger_balance,
    b.buying_power as legacy_balance,
    la.balance - b.buying_power as difference
FROM users u
JOIN ledger_accounts la ON la.user_id = u.id AND la.account_type = 'usdc_balance'
LEFT JOIN balances b ON b.user_id = u.id
WHERE ABS(la.balance - b.buying_power) > 0.01
)");
        QSqlQuery q(backend.raw());
        q.setNumericalPrecisionPolicy(QSql::HighPrecision);
        QVERIFY2(q.exec(seedQuery), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("u-diff"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("10.000000"));
        QVERIFY(!q.next());
    }
};

QTEST_GUILESS_MAIN(TestLedgerStore)
#include "tst_ledger_store.moc"
