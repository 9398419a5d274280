// SPDX-License-Identifier: MIT
#include "demo/demo_bootstrap.h"

#include "common/atomic_file.h"
#include "common/logging.h"
#include "db/sql_error_text.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QUuid>

#include <leveldb/db.h>
#include <leveldb/write_batch.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace Cockpit {

namespace {

QString ensureDir(const QString &path)
{
    if (QFileInfo(path).isDir() || QDir().mkpath(path))
        return QString();
    return path + QLatin1String(": cannot create folder");
}

QString ensureSqliteFile(const DatabaseConfig &database)
{
    const QString path = database.sqlitePath;
    if (!database.isSqlite() || QFileInfo::exists(path))
        return QString();
    if (const QString error = ensureDir(QFileInfo(path).absolutePath()); !error.isEmpty())
        return error;
    if (const Result<void> created = AtomicFile::createPrivate(path); !created)
        return created.error().message;
    const QString connection = QLatin1String("bootstrap-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            error = path + QLatin1String(": cannot create database: ") + sqlErrorText(db.lastError());
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

QString seedLevelDb(const QString &path)
{
    if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("CURRENT"))))
        return QString();
    if (const Result<void> created = AtomicFile::createPrivateFolder(path); !created)
        return created.error().message;
    QFile records(QStringLiteral(":/demo/lookcoin/leveldb-records.jsonl"));
    if (!records.open(QIODevice::ReadOnly))
        return QStringLiteral("demo seed data missing from the build: leveldb-records.jsonl");
    // All records go in one write batch: the database either has the whole seed or nothing.
    leveldb::WriteBatch batch;
    int line = 0;
    while (!records.atEnd()) {
        const QByteArray text = records.readLine().trimmed();
        ++line;
        if (text.isEmpty())
            continue;
        const auto pair = nlohmann::json::parse(text.constBegin(), text.constEnd(), nullptr, false);
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
            return QLatin1String("leveldb-records.jsonl: line ") + QString::number(line)
                   + QLatin1String(": expected [key, value]");
        batch.Put(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
    leveldb::Options options;
    options.create_if_missing = true;
    leveldb::DB *raw = nullptr;
    leveldb::Status status = leveldb::DB::Open(options, QFile::encodeName(path).toStdString(), &raw);
    if (!status.ok())
        return path + QLatin1String(": cannot create LevelDB database: ")
               + QString::fromStdString(status.ToString());
    std::unique_ptr<leveldb::DB> db(raw);
    leveldb::WriteOptions sync;
    sync.sync = true;
    status = db->Write(sync, &batch);
    if (!status.ok())
        return path + QLatin1String(": cannot write demo records: ")
               + QString::fromStdString(status.ToString());
    return QString();
}

QString seedJsonFolder(const QString &path)
{
    if (const QString error = ensureDir(path); !error.isEmpty())
        return error;
    if (!QDir(path).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty())
        return QString();
    QDirIterator it(QStringLiteral(":/demo/lookcoin/deployments"), {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext()) {
        it.next();
        QFile source(it.filePath());
        if (!source.open(QIODevice::ReadOnly))
            return it.filePath() + QLatin1String(": cannot read demo seed file");
        const QString target = QDir(path).filePath(it.fileName());
        if (const Result<void> written = AtomicFile::write(target, source.readAll()); !written)
            return written.error().message;
    }
    return QString();
}

} // namespace

QString DemoBootstrap::ensureData(const EnvironmentConfig &config, Databases databases)
{
    if (!config.isDemo())
        return QString();
    QString error = ensureDir(config.dataDir);
    if (error.isEmpty() && databases == Databases::Create)
        error = ensureSqliteFile(config.ledger.database);
    if (error.isEmpty() && databases == Databases::Create)
        error = ensureSqliteFile(config.control.database);
    if (error.isEmpty())
        error = seedLevelDb(config.state.leveldbPath);
    if (error.isEmpty())
        error = seedJsonFolder(config.state.jsonDir);
    if (!error.isEmpty())
        qCWarning(lcEnvironment) << "demo bootstrap:" << error;
    return error;
}

} // namespace Cockpit
