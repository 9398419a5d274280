// SPDX-License-Identifier: MIT
#include "pg_test_database.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace CockpitTest {

namespace {

QString env(const char *name, const QString &fallback)
{
    const QString value = QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(name));
    return value.isEmpty() ? fallback : value;
}

// Runs `sql` on the server's maintenance database; returns an error message or an empty string.
QString runAdmin(const Cockpit::DatabaseConfig &config, const QString &password, const QString &sql)
{
    const QString connection = QLatin1String("pg-test-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(password);
        db.setDatabaseName(QStringLiteral("postgres"));
        db.setConnectOptions(QStringLiteral("connect_timeout=3"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                error = query.lastError().text();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

} // namespace

bool PgTestDatabase::required()
{
    return env("COCKPIT_REQUIRE_POSTGRES", QStringLiteral("0")) == QLatin1String("1");
}

PgTestDatabase::PgTestDatabase()
{
    m_config.driver = Cockpit::DatabaseConfig::Driver::Postgres;
    m_config.host = env("COCKPIT_TEST_PG_HOST", QStringLiteral("127.0.0.1"));
    m_config.port = env("COCKPIT_TEST_PG_PORT", QStringLiteral("5432")).toInt();
    m_config.user = env("COCKPIT_TEST_PG_USER", QStringLiteral("cockpit_test"));
    m_config.passwordEnv = QStringLiteral("COCKPIT_TEST_PG_PASSWORD");
    m_config.sslMode = QStringLiteral("disable");
    const QString password = env("COCKPIT_TEST_PG_PASSWORD", QStringLiteral("cockpit_test"));
    qputenv("COCKPIT_TEST_PG_PASSWORD", password.toUtf8());
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        m_error = QStringLiteral("the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
        return;
    }
    m_config.dbname = QLatin1String("cockpit_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    m_error = runAdmin(m_config, password, QLatin1String("CREATE DATABASE ") + m_config.dbname);
}

PgTestDatabase::~PgTestDatabase()
{
    if (m_error.isEmpty()) {
        runAdmin(m_config, env("COCKPIT_TEST_PG_PASSWORD", QStringLiteral("cockpit_test")),
                 QLatin1String("DROP DATABASE IF EXISTS ") + m_config.dbname
                     + QLatin1String(" WITH (FORCE)"));
    }
}

} // namespace CockpitTest
