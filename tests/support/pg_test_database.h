// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

#include <QString>

namespace CockpitTest {

// A fresh, empty PostgreSQL database on the loopback server that tests/scripts/ensure-postgres.sh starts.
// The server is reached with COCKPIT_TEST_PG_HOST/PORT/USER/PASSWORD (defaults: 127.0.0.1, 5432,
// cockpit_test, cockpit_test). The database is dropped when the object goes away.
class PgTestDatabase
{
public:
    PgTestDatabase();
    ~PgTestDatabase();
    PgTestDatabase(const PgTestDatabase &) = delete;
    PgTestDatabase &operator=(const PgTestDatabase &) = delete;

    // Empty when the database was created, otherwise why not (server down, wrong password...).
    QString error() const { return m_error; }
    bool isValid() const { return m_error.isEmpty(); }
    // Connection settings for the database; the password is exported as COCKPIT_TEST_PG_PASSWORD.
    Cockpit::DatabaseConfig config() const { return m_config; }
    QString name() const { return m_config.dbname; }

    // True when CI demands the PostgreSQL tests run (COCKPIT_REQUIRE_POSTGRES=1): then a missing
    // server is a failure, not a skip.
    static bool required();

private:
    Cockpit::DatabaseConfig m_config;
    QString m_error;
};

} // namespace CockpitTest

// Use at the top of a PostgreSQL test: skips visibly when no server is available, fails when CI requires one.
#define COCKPIT_REQUIRE_PG(db)                                                                               \
    do {                                                                                                     \
        if (!(db).isValid()) {                                                                               \
            if (CockpitTest::PgTestDatabase::required())                                                     \
                QFAIL(qPrintable(QStringLiteral("PostgreSQL required but unavailable: ") + (db).error()));   \
            QSKIP(qPrintable(QStringLiteral("PostgreSQL unavailable, test skipped: ") + (db).error()));      \
        }                                                                                                    \
    } while (false)
