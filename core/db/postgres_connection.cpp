// SPDX-License-Identifier: MIT
#include "db/postgres_connection.h"

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
    QString options = QLatin1String("connect_timeout=") + QString::number(config.connectTimeoutSeconds)
                      + QLatin1String(";sslmode=") + config.sslMode;
    // Read-only down to the session: a role that could write still cannot, whatever a code path tries.
    if (config.readOnly)
        options += QLatin1String(";options='") + readOnlyOptions() + QLatin1Char('\'');
    db.setConnectOptions(options);
}

QString PostgresConnection::classify(const QString &driverMessage, const DatabaseConfig &config)
{
    const QString m = driverMessage.toLower();
    if (config.isSqlite())
        return QStringLiteral("cannot open");
    if (m.contains(QLatin1String("authentication failed"))
        || m.contains(QLatin1String("no password supplied"))
        || m.contains(QLatin1String("password authentication")))
        return QStringLiteral("authentication failed");
    if (m.contains(QLatin1String("permission denied"))
        || m.contains(QLatin1String("not permitted to log in")))
        return QStringLiteral("permission denied");
    if (m.contains(QLatin1String("does not exist")))
        return QStringLiteral("database or role not found");
    if (m.contains(QLatin1String("connection refused")) || m.contains(QLatin1String("timeout expired"))
        || m.contains(QLatin1String("could not translate host name")) || m.contains(QLatin1String("no route"))
        || m.contains(QLatin1String("could not connect")) || m.contains(QLatin1String("server closed")))
        return QStringLiteral("unreachable");
    return QStringLiteral("cannot connect");
}

QString PostgresConnection::passwordHint(const DatabaseConfig &config, const QString &driverMessage)
{
    if (config.isSqlite() || config.passwordEnv.isEmpty())
        return QString();
    if (!QProcessEnvironment::systemEnvironment().contains(config.passwordEnv))
        return QLatin1String(" (environment variable ") + config.passwordEnv + QLatin1String(" is not set)");
    if (classify(driverMessage, config) == QLatin1String("authentication failed"))
        return QLatin1String(" (the password is the value of environment variable ") + config.passwordEnv
               + QLatin1Char(')');
    return QString();
}

} // namespace Cockpit
