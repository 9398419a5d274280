// SPDX-License-Identifier: MIT
// cockpitctl as a user runs it, for the control tests: real processes (start, finish, run) and a fixture
// that writes a demo environment on SQLite or a fresh PostgreSQL database and reads its phase and audit.
#pragma once

#include "cli_run.h"
#include "control/postgres_control_store.h"
#include "control_test_config.h"
#include "pg_test_database.h"
#include "test_paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace ControlTest {

// The base of a test class (which declares Q_OBJECT itself).
class CliFixture : public QObject
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CockpitTest::PgTestDatabase> m_pg;
    QString m_config;

    // Writes a config on SQLite or on a fresh PostgreSQL database; false when PostgreSQL is unavailable.
    bool setUp(const QString &driver, const QString &kind = QStringLiteral("demo"),
               const QJsonObject &ledger = {})
    {
        m_dir = std::make_unique<QTemporaryDir>();
        Cockpit::DatabaseConfig pg;
        if (driver == QLatin1String("postgresql")) {
            m_pg = std::make_unique<CockpitTest::PgTestDatabase>();
            if (!m_pg->isValid())
                return false;
            pg = m_pg->config();
        }
        m_config = ControlTest::writeConfig(m_dir->path(), kind, m_pg ? &pg : nullptr, ledger);
        if (m_pg) {
            // A shared server's control schema comes from the explicit setup step (tested in
            // tst_staging_reconcile), not from opening it.
            Cockpit::PostgresControlStore store(pg, QStringLiteral("cockpit_control"));
            if (!store.setupSchema())
                return false;
        }
        return !m_config.isEmpty();
    }

    QStringList withConfig(QStringList args) const { return args << QStringLiteral("--config") << m_config; }

    QString ledgerPhase()
    {
        const CockpitTest::CliRun r = CockpitTest::run(
            withConfig({QStringLiteral("status"), QStringLiteral("--format"), QStringLiteral("json")}));
        for (const QJsonValue &m : r.json().value(QStringLiteral("migrations")).toArray()) {
            if (m.toObject().value(QStringLiteral("id")).toString() == QLatin1String("ledger"))
                return m.toObject().value(QStringLiteral("phase")).toString();
        }
        return QString();
    }

    int auditCount(const QString &action)
    {
        const CockpitTest::CliRun r = CockpitTest::run(
            withConfig({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                        QStringLiteral("json"), QStringLiteral("--action"), action}));
        return int(r.json().value(QStringLiteral("entries")).toArray().size());
    }

    void addDrivers()
    {
        QTest::addColumn<QString>("driver");
        QTest::addRow("sqlite") << QStringLiteral("sqlite");
        QTest::addRow("postgresql") << QStringLiteral("postgresql");
    }
};

} // namespace ControlTest

// Writes the environment for this test row, or skips/fails visibly when PostgreSQL is unavailable.
#define SET_UP(...)                                                                                          \
    if (!setUp(__VA_ARGS__))                                                                                 \
        COCKPIT_REQUIRE_PG(*m_pg);
