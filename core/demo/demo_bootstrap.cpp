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

Result<void> ensureDir(const QString &path)
{
    if (QFileInfo(path).isDir() || QDir().mkpath(path))
        return ok();
    return fail(path + QLatin1String(": cannot create folder"));
}

Result<void> ensureSqliteFile(const DatabaseConfig &database)
{
    const QString path = database.sqlitePath;
    if (!database.isSqlite() || QFileInfo::exists(path))
        return ok();
    if (Result<void> made = ensureDir(QFileInfo(path).absolutePath()); !made)
        return made;
    if (const Result<void> created = AtomicFile::createPrivate(path); !created)
        return fail(created.error());
    const QString connection = QLatin1String("bootstrap-") + QUuid::createUuid().toString(QUuid::Id128);
    Result<void> created = ok();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            created = fail(path + QLatin1String(": cannot create database: ") + sqlErrorText(db.lastError()));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return created;
}

Result<void> seedLevelDb(const QString &path)
{
    if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("CURRENT"))))
        return ok();
    if (const Result<void> created = AtomicFile::createPrivateFolder(path); !created)
        return fail(created.error());
    QFile records(QStringLiteral(":/demo/lookcoin/leveldb-records.jsonl"));
    if (!records.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("demo seed data missing from the build: leveldb-records.jsonl"));
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
            return fail(QLatin1String("leveldb-records.jsonl: line ") + QString::number(line)
                        + QLatin1String(": expected [key, value]"));
        batch.Put(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
    leveldb::Options options;
    options.create_if_missing = true;
    leveldb::DB *raw = nullptr;
    leveldb::Status status = leveldb::DB::Open(options, QFile::encodeName(path).toStdString(), &raw);
    if (!status.ok())
        return fail(path + QLatin1String(": cannot create LevelDB database: ")
                    + QString::fromStdString(status.ToString()));
    std::unique_ptr<leveldb::DB> db(raw);
    leveldb::WriteOptions sync;
    sync.sync = true;
    status = db->Write(sync, &batch);
    if (!status.ok())
        return fail(path + QLatin1String(": cannot write demo records: ")
                    + QString::fromStdString(status.ToString()));
    return ok();
}

Result<void> seedJsonFolder(const QString &path)
{
    if (Result<void> made = ensureDir(path); !made)
        return made;
    if (!QDir(path).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty())
        return ok();
    QDirIterator it(QStringLiteral(":/demo/lookcoin/deployments"), {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext()) {
        it.next();
        QFile source(it.filePath());
        if (!source.open(QIODevice::ReadOnly))
            return fail(it.filePath() + QLatin1String(": cannot read demo seed file"));
        const QString target = QDir(path).filePath(it.fileName());
        if (const Result<void> written = AtomicFile::write(target, source.readAll()); !written)
            return fail(written.error());
    }
    return ok();
}

} // namespace

Result<void> DemoBootstrap::ensureData(const EnvironmentConfig &config, Databases databases)
{
    // A read-only session leaves the disk as it found it; each store reports what is missing.
    if (!config.isDemo() || config.readOnly)
        return ok();
    Result<void> made = ensureDir(config.dataDir);
    if (made && databases == Databases::Create)
        made = ensureSqliteFile(config.ledger.database);
    if (made && databases == Databases::Create)
        made = ensureSqliteFile(config.control.database);
    if (made)
        made = seedLevelDb(config.state.leveldbPath);
    if (made)
        made = seedJsonFolder(config.state.jsonDir);
    if (!made)
        qCWarning(lcEnvironment) << "demo bootstrap:" << made.error().message;
    return made;
}

} // namespace Cockpit
