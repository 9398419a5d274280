// SPDX-License-Identifier: MIT
#include "common/postgres_connection.h"

#include <QProcessEnvironment>
#include <QSqlDatabase>

namespace Cockpit {

void PostgresConnection::configure(QSqlDatabase &db, const DatabaseConfig &config)
{
    db.setHostName(config.host);
    db.setPort(config.port);
    db.setDatabaseName(config.dbname);
    db.setUserName(config.user);
    if (!config.passwordEnv.isEmpty())
        db.setPassword(QProcessEnvironment::systemEnvironment().value(config.passwordEnv));
    db.setConnectOptions(QLatin1String("connect_timeout=") + QString::number(config.connectTimeoutSeconds)
                         + QLatin1String(";sslmode=") + config.sslMode);
}

QString PostgresConnection::missingPasswordHint(const DatabaseConfig &config)
{
    if (config.isSqlite() || config.passwordEnv.isEmpty()
        || QProcessEnvironment::systemEnvironment().contains(config.passwordEnv))
        return QString();
    return QLatin1String(" (environment variable ") + config.passwordEnv + QLatin1String(" is not set)");
}

} // namespace Cockpit
