// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"

class QSqlDatabase;

namespace Cockpit {

// The one place a QPSQL connection is configured from an environment's DatabaseConfig: host, port, database,
// role, the password read from the environment variable the config names (never from the file), the connect
// timeout and sslmode. Every lane's PostgreSQL connection goes through it.
class PostgresConnection
{
public:
    static void configure(QSqlDatabase &db, const DatabaseConfig &config);
    // Next to a failed connection: that the password variable is named but not set, or, when the login was
    // refused, which variable the password came from (the file holds none, so the operator looks there).
    static QString passwordHint(const DatabaseConfig &config, const QString &driverMessage);
    // What a failed connection means for the operator, from the driver's message: "unreachable",
    // "authentication failed", "database not found" or "permission denied" ("cannot connect" otherwise).
    // A login that is refused is not a server that is down, and the two call for different fixes.
    static QString classify(const QString &driverMessage, const DatabaseConfig &config);
    // libpq's conninfo value for a session that refuses every write.
    static QString readOnlyOptions() { return QStringLiteral("-c default_transaction_read_only=on"); }
};

} // namespace Cockpit
