// SPDX-License-Identifier: MIT
// The ledger's schema on both databases: creation, upgrades from every older version, the rules the
// database itself enforces, and the migration plan's own queries running against it.
#include "config/config_sections.h"
#include "ledger/ledger_store.h"
#include "ledger_test_backend.h"
#include "test_paths.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;
using CockpitTest::deposit;
using CockpitTest::postOne;

class TestLedgerSchema : public QObject
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
        const auto violations = store->checkInvariants();
        QVERIFY2(violations, qPrintable(errorMessage(violations)));
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
        QCOMPARE(errorMessage(store->open()), QString());
        QCOMPARE(store->schemaVersion(), LedgerStore::latestSchemaVersion());
        QVERIFY(store->isWritable());
        const auto ledger = store->ledgerBalances(QStringLiteral("alice"));
        QVERIFY2(ledger, qPrintable(errorMessage(ledger)));
        QCOMPARE(ledger->value(LedgerAccountType::usdcBalance()).toString(), QStringLiteral("10.250000"));
        QCOMPARE(ledger->value(LedgerAccountType::fiatExposure()).toString(), QStringLiteral("2.250000"));
        const auto legacy = store->legacyBalances(QStringLiteral("bob"));
        QVERIFY2(legacy, qPrintable(errorMessage(legacy)));
        QCOMPARE(legacy->value(QStringLiteral("buying_power")).toString(), QStringLiteral("7.000000"));
        const auto violations = store->checkInvariants();
        QVERIFY2(violations, qPrintable(errorMessage(violations)));
        QCOMPARE(*violations, QStringList());
        QVERIFY(
            postOne(*store, deposit(QStringLiteral("alice"), QStringLiteral("1"), QStringLiteral("after")))
                .ok());
        QCOMPARE(store->ledgerBalances(QStringLiteral("alice"))
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
        QCOMPARE(errorMessage(store->begin()), QString());
        const PostResult r =
            store->post(*store->openTransaction(),
                        deposit(QStringLiteral("u1"), QStringLiteral("1"), QStringLiteral("d")), 1);
        QCOMPARE(errorMessage(store->rollback()), QString());
        QCOMPARE(r.status, PostResult::Status::Error);
        QVERIFY2(r.message.contains(QLatin1String("refusing to write")), qPrintable(r.message));
        QVERIFY(!store->applyLegacyDelta(QStringLiteral("u1"), {{QStringLiteral("buying_power"), Money()}}, 0,
                                         0));
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
        const auto legacy = store->legacyBalances(QStringLiteral("old"));
        QVERIFY2(legacy, qPrintable(errorMessage(legacy)));
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

    // The migration plan's scripts/reconcile_balances.sh query, verbatim, against the cockpit's PostgreSQL
    // schema.
    void seedReconcileQueryRunsUnchanged()
    {
        CockpitTest::LedgerTestBackend backend(QStringLiteral("postgres"));
        COCKPIT_REQUIRE_PG(*backend.pg());
        LEDGER_OPEN(store, backend);
        QVERIFY(postOne(*store, deposit(QStringLiteral("u-diff"), QStringLiteral("100"), QStringLiteral("a")))
                    .ok());
        QVERIFY(postOne(*store, deposit(QStringLiteral("u-same"), QStringLiteral("5"), QStringLiteral("b")))
                    .ok());
        QCOMPARE(errorMessage(store->begin()), QString());
        QCOMPARE(
            errorMessage(store->applyLegacyDelta(
                QStringLiteral("u-diff"), {{QStringLiteral("buying_power"), *Money::parse(u"90")}}, 0, 0)),
            QString());
        QCOMPARE(
            errorMessage(store->applyLegacyDelta(
                QStringLiteral("u-same"), {{QStringLiteral("buying_power"), *Money::parse(u"5.005")}}, 0, 0)),
            QString());
        QCOMPARE(errorMessage(store->commit()), QString());
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

QTEST_GUILESS_MAIN(TestLedgerSchema)
#include "tst_ledger_schema.moc"
