// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_config.h"

class QSqlDatabase;

namespace Cockpit {

// The one place a QPSQL connection is configured from an environment's DatabaseConfig: host, port, database,
// role, the password read from the environment variable the config names (never from the file), the connect
// timeout and sslmode. Every lane's PostgreSQL connection goes through it.
class PostgresConnection
{
public:
    static void configure(QSqlDatabase &db, const DatabaseConfig &config);
    // The password variable is named but not set: worth saying next to a failed login.
    static QString missingPasswordHint(const DatabaseConfig &config);
};

} // namespace Cockpit
