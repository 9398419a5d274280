// SPDX-License-Identifier: MIT
// Builds environment files for the control tests: a demo environment in a temporary folder, with the
// control database on SQLite or on a fresh PostgreSQL database.
#pragma once

#include "config/environment_config.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUuid>

namespace ControlTest {

inline QJsonObject controlSection(const Cockpit::DatabaseConfig *pg)
{
    if (!pg)
        return QJsonObject{{QStringLiteral("database"),
                            QJsonObject{{QStringLiteral("driver"), QStringLiteral("sqlite")},
                                        {QStringLiteral("path"), QStringLiteral("data/control.sqlite")}}}};
    return QJsonObject{
        {QStringLiteral("database"), QJsonObject{{QStringLiteral("driver"), QStringLiteral("postgresql")},
                                                 {QStringLiteral("host"), pg->host},
                                                 {QStringLiteral("port"), pg->port},
                                                 {QStringLiteral("dbname"), pg->dbname},
                                                 {QStringLiteral("user"), pg->user},
                                                 {QStringLiteral("passwordEnv"), pg->passwordEnv},
                                                 {QStringLiteral("sslmode"), QStringLiteral("disable")}}},
        {QStringLiteral("schema"), QStringLiteral("cockpit_control")}};
}

// Writes <dir>/env.json and returns its path. kind: demo, staging or prod (staging/prod need the state paths,
// which point into dir). ledgerActuator: a JSON object for actuators/ledger, or empty for the control store.
inline QString writeConfig(const QString &dir, const QString &kind, const Cockpit::DatabaseConfig *pg,
                           const QJsonObject &ledgerActuator = QJsonObject(), const QString &name = QString())
{
    QJsonObject environment{{QStringLiteral("name"), name.isEmpty() ? QLatin1String("test-") + kind : name},
                            {QStringLiteral("kind"), kind}};
    QJsonObject root{{QStringLiteral("environment"), environment},
                     {QStringLiteral("control"), controlSection(pg)}};
    if (kind == QLatin1String("demo")) {
        environment.insert(QStringLiteral("dataDir"), QStringLiteral("data"));
        root.insert(QStringLiteral("environment"), environment);
    } else {
        root.insert(
            QStringLiteral("ledger"),
            QJsonObject{{QStringLiteral("database"),
                         QJsonObject{{QStringLiteral("driver"), QStringLiteral("sqlite")},
                                     {QStringLiteral("path"), QStringLiteral("data/ledger.sqlite")}}}});
        root.insert(QStringLiteral("state"),
                    QJsonObject{{QStringLiteral("leveldb"), QStringLiteral("data/leveldb")},
                                {QStringLiteral("jsonDir"), QStringLiteral("data/json")}});
        root.insert(QStringLiteral("metrics"),
                    QJsonObject{{QStringLiteral("source"), QStringLiteral("simulator")}});
        if (!pg) {
            // staging/prod with an SQLite control file is allowed by the config; tests use it for speed.
        }
    }
    root.insert(QStringLiteral("rollout"),
                QJsonObject{{QStringLiteral("modules"), QJsonArray{QStringLiteral("transaction_pool"),
                                                                   QStringLiteral("sync_service")}}});
    QJsonObject actuators{{QStringLiteral("rollout"),
                           QJsonObject{{QStringLiteral("kind"), QStringLiteral("env_file")},
                                       {QStringLiteral("path"), QStringLiteral("data/rollout.env")}}}};
    if (!ledgerActuator.isEmpty())
        actuators.insert(QStringLiteral("ledger"), ledgerActuator);
    root.insert(QStringLiteral("actuators"), actuators);
    const QString path = dir + QStringLiteral("/env.json");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    file.write(QJsonDocument(root).toJson());
    return path;
}

inline Cockpit::EnvironmentConfig load(const QString &path)
{
    const auto result = Cockpit::ConfigLoader::load(path);
    return result.config.value_or(Cockpit::EnvironmentConfig());
}

// Runs one statement on the control database behind the store's back (to tamper with it, as an attacker
// with database access would). pg == nullptr: the SQLite file at sqlitePath. Returns an error or "".
inline QString execSql(const QString &sqlitePath, const Cockpit::DatabaseConfig *pg, const QString &sql)
{
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
        if (pg) {
            db.setHostName(pg->host);
            db.setPort(pg->port);
            db.setDatabaseName(pg->dbname);
            db.setUserName(pg->user);
            db.setPassword(QProcessEnvironment::systemEnvironment().value(pg->passwordEnv));
        } else {
            db.setDatabaseName(sqlitePath);
        }
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                error = q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace ControlTest
