// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/ledger_store.h"
#include "pg_test_database.h"

#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace CockpitTest {

// One ledger database for a test row: an SQLite file in a temporary folder, or a fresh PostgreSQL
// database on the loopback server. Also offers a raw connection for checks the store does not expose.
class LedgerTestBackend
{
public:
    explicit LedgerTestBackend(const QString &driver)
        : m_postgres(driver == QLatin1String("postgres"))
    {
        if (m_postgres) {
            m_pg = std::make_unique<PgTestDatabase>();
            m_database = m_pg->config();
        } else {
            m_database.driver = Cockpit::DatabaseConfig::Driver::Sqlite;
            m_database.sqlitePath = m_dir.filePath(QStringLiteral("ledger.sqlite"));
        }
        m_config.database = m_database;
        m_config.mapping = {{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits")},
                            {QStringLiteral("fiat_exposure"), QStringLiteral("buying_power")},
                            {QStringLiteral("pending_investment"), QStringLiteral("pending_investments")}};
    }
    ~LedgerTestBackend()
    {
        if (!m_rawName.isEmpty()) {
            QSqlDatabase::database(m_rawName, false).close();
            QSqlDatabase::removeDatabase(m_rawName);
        }
    }

    bool isPostgres() const { return m_postgres; }
    PgTestDatabase *pg() const { return m_pg.get(); }
    Cockpit::LedgerConfig &config() { return m_config; }
    QString folder() const { return m_dir.path(); }

    std::unique_ptr<Cockpit::LedgerStore> open(QString *error)
    {
        auto store = Cockpit::LedgerStore::create(m_config.database, m_config.mapping);
        *error = Cockpit::errorMessage(store->open());
        return store;
    }

    // A connection of its own, as another program (the legacy service, psql) would have.
    QSqlDatabase raw()
    {
        if (m_rawName.isEmpty()) {
            m_rawName = QLatin1String("raw-") + QUuid::createUuid().toString(QUuid::Id128);
            QSqlDatabase db = QSqlDatabase::addDatabase(
                m_postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_rawName);
            if (m_postgres) {
                db.setHostName(m_database.host);
                db.setPort(m_database.port);
                db.setDatabaseName(m_database.dbname);
                db.setUserName(m_database.user);
                db.setPassword(QProcessEnvironment::systemEnvironment().value(m_database.passwordEnv));
            } else {
                db.setDatabaseName(m_database.sqlitePath);
                db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            }
            db.open();
        }
        return QSqlDatabase::database(m_rawName);
    }

    // Runs SQL on the raw connection; returns the error text or "".
    QString exec(const QString &sql)
    {
        QSqlQuery q(raw());
        return q.exec(sql) ? QString() : q.lastError().text();
    }

    // A money value read over the raw connection: SQLite INTEGER micro-units, PostgreSQL NUMERIC as text.
    Cockpit::Money money(const QVariant &v) const
    {
        if (m_postgres)
            return Cockpit::Money::parse(v.toString()).value_or(Cockpit::Money());
        return Cockpit::Money::fromMicros(v.toLongLong());
    }
    QString moneyText(const QString &column) const
    {
        return m_postgres ? QLatin1String("(") + column + QLatin1String(")::text") : column;
    }

private:
    bool m_postgres = false;
    QTemporaryDir m_dir;
    std::unique_ptr<PgTestDatabase> m_pg;
    Cockpit::DatabaseConfig m_database;
    Cockpit::LedgerConfig m_config;
    QString m_rawName;
};

inline void addDriverRows()
{
    QTest::addColumn<QString>("driver");
    QTest::addRow("sqlite") << QStringLiteral("sqlite");
    QTest::addRow("postgres") << QStringLiteral("postgres");
}

// A deposit of `amount` to `user` from the on-chain clearing account, and posting it in a transaction of
// its own; the shared vocabulary of the ledger store tests.
inline Cockpit::TransactionRequest deposit(const QString &user, const QString &amount, const QString &ref)
{
    const Cockpit::Money m = *Cockpit::Money::parse(amount);
    return {QStringLiteral("deposit"),
            ref,
            QStringLiteral("test deposit"),
            {{Cockpit::AccountRef::system(Cockpit::LedgerAccountType::onchainClearingKey()), true, m},
             {Cockpit::AccountRef::user(user, Cockpit::LedgerAccountType::usdcBalance()), false, m}}};
}

inline Cockpit::PostResult postOne(Cockpit::LedgerStore &store, const Cockpit::TransactionRequest &request)
{
    if (const Cockpit::Result<void> begun = store.begin(); !begun)
        return {Cockpit::PostResult::Status::Error, begun.error().message, 0};
    const Cockpit::PostResult r = store.post(*store.openTransaction(), request, 1000);
    const Cockpit::Result<void> ended = r.ok() ? store.commit() : store.rollback();
    if (!ended)
        return {Cockpit::PostResult::Status::Error, ended.error().message, 0};
    return r;
}

inline QString balanceOf(Cockpit::LedgerStore &store, const QString &user,
                         const QString &type = Cockpit::LedgerAccountType::usdcBalance())
{
    const auto b = store.ledgerBalances(user);
    return b ? b->value(type).toString() : errorMessage(b);
}

} // namespace CockpitTest

// Declares `backend` for the current data row and skips/fails visibly when PostgreSQL is unavailable.
#define LEDGER_BACKEND(backend)                                                                              \
    QFETCH(QString, driver);                                                                                 \
    CockpitTest::LedgerTestBackend backend(driver);                                                          \
    if (backend.isPostgres())                                                                                \
        COCKPIT_REQUIRE_PG(*backend.pg());

// Opens `store` on `backend`, failing the test with the store's message.
#define LEDGER_OPEN(store, backend)                                                                          \
    QString store##Error;                                                                                    \
    auto store = (backend).open(&store##Error);                                                              \
    QVERIFY2(store##Error.isEmpty(), qPrintable(store##Error));
