// SPDX-License-Identifier: MIT
#include "state/leveldb_state_backend.h"

#include "common/atomic_file.h"
#include "common/logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <leveldb/db.h>
#include <leveldb/env.h>
#include <leveldb/write_batch.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <system_error>
#include <thread>

namespace Cockpit {

namespace {

QString statusText(const leveldb::Status &status)
{
    return QString::fromStdString(status.ToString());
}

// A snapshot copy is thrown away after one use, so syncing its files to disk buys nothing; yet opening it
// syncs the MANIFEST, CURRENT, the folder and the table written when the copied log is replayed, and on a
// machine whose disk is busy those waits took longer than reading the database. Snapshots are opened with
// this Env: files are written as usual, Sync() only flushes. Never used for a database in place.
class NoSyncFile : public leveldb::WritableFile
{
public:
    explicit NoSyncFile(leveldb::WritableFile *file)
        : m_file(file)
    {}
    leveldb::Status Append(const leveldb::Slice &data) override { return m_file->Append(data); }
    leveldb::Status Close() override { return m_file->Close(); }
    leveldb::Status Flush() override { return m_file->Flush(); }
    leveldb::Status Sync() override { return m_file->Flush(); }

private:
    std::unique_ptr<leveldb::WritableFile> m_file;
};

class NoSyncEnv : public leveldb::EnvWrapper
{
public:
    NoSyncEnv()
        : EnvWrapper(leveldb::Env::Default())
    {}
    leveldb::Status NewWritableFile(const std::string &name, leveldb::WritableFile **result) override
    {
        return wrap(target()->NewWritableFile(name, result), result);
    }
    leveldb::Status NewAppendableFile(const std::string &name, leveldb::WritableFile **result) override
    {
        return wrap(target()->NewAppendableFile(name, result), result);
    }

private:
    static leveldb::Status wrap(const leveldb::Status &status, leveldb::WritableFile **result)
    {
        if (status.ok())
            *result = new NoSyncFile(*result); // the caller owns it, as with the default Env
        return status;
    }
};

leveldb::Env *snapshotEnv()
{
    // Never destroyed, like leveldb::Env::Default(): a database may still be open during static destruction.
    static NoSyncEnv *const env = new NoSyncEnv;
    return env;
}

} // namespace

LevelDbStateBackend::LevelDbStateBackend(QString path, Options options)
    : m_path(std::move(path))
    , m_dataPath(m_path)
    , m_options(options)
{}

LevelDbStateBackend::~LevelDbStateBackend() = default;

StateResult<void> LevelDbStateBackend::open()
{
    QMutexLocker lock(&m_mutex);
    m_locked = false;
    auto unavailable = [&](const QString &message) {
        qCDebug(lcState) << "LevelDB open failed:" << m_path << message;
        return fail(StateErrorCode::BackendUnavailable, message, m_path);
    };
    if (!m_options.createIfMissing && !QFileInfo::exists(m_dataPath + QLatin1String("/CURRENT"))) {
        if (!QFileInfo::exists(m_dataPath))
            return unavailable(QStringLiteral("LevelDB folder does not exist"));
        return unavailable(QStringLiteral("not a LevelDB database (no CURRENT file)"));
    }
    if (m_options.createIfMissing) {
        if (const Result<void> created = AtomicFile::createPrivateFolder(m_dataPath); !created)
            return unavailable(created.error().message);
    }
    leveldb::Options options;
    options.create_if_missing = m_options.createIfMissing;
    if (m_snapshotDir)
        options.env = snapshotEnv();
    leveldb::DB *db = nullptr;
    const leveldb::Status status =
        leveldb::DB::Open(options, QFile::encodeName(m_dataPath).toStdString(), &db);
    if (!status.ok()) {
        const QString text = statusText(status);
        if (status.IsIOError() && text.contains(QLatin1String("lock"), Qt::CaseInsensitive)) {
            m_locked = true;
            return unavailable(
                QLatin1String("the database is locked by another process (a deploy script or another "
                              "cockpit?): ")
                + text
                + QLatin1String(". Close that process, or open a read-only snapshot copy instead "
                                "(state diff, validate and export and the Deployment state page always "
                                "read from one)."));
        }
        return unavailable(text);
    }
    m_db.reset(db);
    return {};
}

StateResult<std::unique_ptr<LevelDbStateBackend>> LevelDbStateBackend::openSnapshot(const QString &path)
{
    auto dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid())
        return fail(StateErrorCode::BackendUnavailable,
                    QStringLiteral("cannot create a temporary folder for the snapshot"), path);
    const QDir source(path);
    if (!source.exists())
        return fail(StateErrorCode::BackendUnavailable, QStringLiteral("LevelDB folder does not exist"),
                    path);
    // LevelDB files are immutable once written except the log and MANIFEST, which only grow; a copy taken
    // while a writer runs is a consistent prefix, which LevelDB's recovery accepts.
    for (const QString &name : source.entryList(QDir::Files)) {
        if (name == QLatin1String("LOCK"))
            continue;
        // Table files never change once written: a hard link is an instant, safe copy. The log, MANIFEST and
        // CURRENT can still grow or be replaced by a writer, so they are copied.
        const bool table = name.endsWith(QLatin1String(".ldb")) || name.endsWith(QLatin1String(".sst"));
        const QByteArray from = QFile::encodeName(source.filePath(name));
        const QByteArray to = QFile::encodeName(dir->filePath(name));
        if (table && ::link(from.constData(), to.constData()) == 0)
            continue;
        // Not QFile::copy, which syncs each copy to disk: the copy is temporary (see NoSyncEnv).
        std::error_code copyError;
        if (!std::filesystem::copy_file(std::filesystem::path(from.toStdString()),
                                        std::filesystem::path(to.toStdString()), copyError))
            return fail(StateErrorCode::BackendUnavailable,
                        QStringLiteral("cannot copy %1 for the snapshot").arg(name), path);
        QFile::setPermissions(dir->filePath(name), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    Options options;
    options.readOnly = true;
    // Opened from the copy, named by the user's folder: a message about the snapshot names what the user
    // configured, not a temporary folder that is gone by the time they read it.
    auto backend = std::make_unique<LevelDbStateBackend>(path, options);
    backend->m_dataPath = dir->path();
    backend->m_snapshotDir = std::move(dir);
    if (StateResult<void> opened = backend->open(); !opened)
        return fail(opened.error());
    return backend;
}

bool LevelDbStateBackend::isHealthy()
{
    QMutexLocker lock(&m_mutex);
    return m_db != nullptr;
}

StateResult<void> LevelDbStateBackend::writableCheck(const QString &key) const
{
    if (!m_db)
        return fail(StateErrorCode::BackendUnavailable, QStringLiteral("database is not open"), m_path, key);
    if (m_options.readOnly)
        return fail(StateErrorCode::WriteFailed,
                    isSnapshot() ? QStringLiteral("opened as a read-only snapshot copy")
                                 : QStringLiteral("opened read-only"),
                    m_path, key);
    return {};
}

StateResult<std::optional<ContractRecord>> LevelDbStateBackend::getContract(qint64 chainId,
                                                                            const QString &contractName)
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    const std::string key = ContractRecord::makeKey(chainId, contractName.toStdString());
    if (!m_db)
        return fail(StateErrorCode::BackendUnavailable, QStringLiteral("database is not open"), m_path,
                    QString::fromStdString(key));
    std::string value;
    const leveldb::Status status = m_db->Get(leveldb::ReadOptions(), key, &value);
    if (status.IsNotFound()) {
        m_metrics.record(MetricsRecorder::Kind::Read, timer.nsecsElapsed(), false);
        return std::optional<ContractRecord>();
    }
    std::string parseError;
    std::optional<ContractRecord> record;
    if (status.ok())
        record = ContractRecord::fromOwnedBytes(std::move(value), &parseError);
    m_metrics.record(MetricsRecorder::Kind::Read, timer.nsecsElapsed(), !record);
    if (!record)
        return fail(status.ok() ? StateErrorCode::ValidationFailed : StateErrorCode::BackendUnavailable,
                    status.ok() ? QString::fromStdString(parseError) : statusText(status), m_path,
                    QString::fromStdString(key));
    return record;
}

StateResult<void> LevelDbStateBackend::putContracts(const std::vector<ContractRecord> &records)
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    if (StateResult<void> writable = writableCheck(QString()); !writable)
        return writable;
    leveldb::WriteBatch batch;
    for (const ContractRecord &r : records) {
        if (r.contractName().empty() || r.chainId() <= 0)
            return fail(StateErrorCode::ValidationFailed,
                        QStringLiteral("record needs a contractName and a positive chainId"), m_path,
                        QString::fromStdString(r.key()));
        batch.Put(r.key(), r.serialize());
    }
    leveldb::WriteOptions options;
    options.sync = m_options.syncWrites;
    const leveldb::Status status = m_db->Write(options, &batch);
    m_metrics.record(MetricsRecorder::Kind::Write, timer.nsecsElapsed(), !status.ok());
    if (!status.ok())
        return fail(StateErrorCode::WriteFailed, statusText(status), m_path);
    return {};
}

StateResult<void> LevelDbStateBackend::putRaw(const std::string &key, const std::string &value)
{
    QMutexLocker lock(&m_mutex);
    if (StateResult<void> writable = writableCheck(QString::fromStdString(key)); !writable)
        return writable;
    const leveldb::Status status = m_db->Put(leveldb::WriteOptions(), key, value);
    if (!status.ok())
        return fail(StateErrorCode::WriteFailed, statusText(status), m_path, QString::fromStdString(key));
    return {};
}

StateResult<bool> LevelDbStateBackend::deleteContract(qint64 chainId, const QString &contractName)
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    const std::string key = ContractRecord::makeKey(chainId, contractName.toStdString());
    if (StateResult<void> writable = writableCheck(QString::fromStdString(key)); !writable)
        return fail(writable.error());
    std::string value;
    if (m_db->Get(leveldb::ReadOptions(), key, &value).IsNotFound())
        return false;
    leveldb::WriteOptions options;
    options.sync = m_options.syncWrites;
    const leveldb::Status status = m_db->Delete(options, key);
    m_metrics.record(MetricsRecorder::Kind::Write, timer.nsecsElapsed(), !status.ok());
    if (!status.ok())
        return fail(StateErrorCode::WriteFailed, statusText(status), m_path, QString::fromStdString(key));
    return true;
}

namespace {

// Records read from LevelDB but not parsed yet, in key order; parsed by whichever thread takes the chunk.
struct ScanChunk
{
    std::vector<std::pair<std::string, std::string>> input; // key, value
    std::vector<ContractRecord> records;
    QList<StateError> errors;
};

constexpr std::size_t ScanChunkSize = 1024;

void parseChunk(ScanChunk &chunk, const QString &path)
{
    chunk.records.reserve(chunk.input.size());
    for (auto &[key, value] : chunk.input) {
        qint64 keyChain = 0;
        if (!ContractRecord::splitKey(key, &keyChain, nullptr)) {
            chunk.errors.append(StateError::make(StateErrorCode::ValidationFailed,
                                                 QStringLiteral("key is not \"<chainId>-<contractName>\""),
                                                 path, toQString(key)));
            continue;
        }
        std::string parseError;
        auto record = ContractRecord::fromOwnedBytes(std::move(value), &parseError);
        if (!record) {
            chunk.errors.append(StateError::make(StateErrorCode::ValidationFailed,
                                                 QString::fromStdString(parseError), path, toQString(key)));
            continue;
        }
        record->setStorageKey(std::move(key));
        chunk.records.push_back(std::move(*record));
    }
    chunk.input.clear();
    chunk.input.shrink_to_fit();
}

} // namespace

ScanResult LevelDbStateBackend::scanAll()
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    ScanResult result;
    if (!m_db) {
        result.errors.append(StateError::make(StateErrorCode::BackendUnavailable,
                                              QStringLiteral("database is not open"), m_path));
        return result;
    }
    // Two stages: this thread iterates (LevelDB reads and decompresses blocks) and copies each key and
    // value out; parsing the values takes as long again, so a second thread parses chunks of 1,024 records
    // while the iteration goes on, and this thread joins in when it is done. Records keep the key order:
    // chunks are parsed in any order but concatenated in the order they were read.
    std::vector<std::unique_ptr<ScanChunk>> chunks;
    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::size_t published = 0; // chunks ready to parse (guarded by queueMutex)
    std::size_t taken = 0;     // chunks a thread has started parsing (guarded by queueMutex)
    bool finished = false;     // no more chunks will come (guarded by queueMutex)
    auto parseQueued = [&](bool wait) {
        while (true) {
            ScanChunk *chunk = nullptr;
            {
                std::unique_lock<std::mutex> guard(queueMutex);
                if (wait)
                    queueChanged.wait(guard, [&] { return taken < published || finished; });
                if (taken >= published)
                    return;
                chunk = chunks[taken++].get();
            }
            parseChunk(*chunk, m_path);
        }
    };
    std::thread worker;
    const bool parallel = std::thread::hardware_concurrency() > 1;
    bool noThread = false;
    // The worker starts with the first full chunk: a small database is parsed here, without a thread.
    auto publish = [&](std::unique_ptr<ScanChunk> chunk, bool full) {
        {
            std::lock_guard<std::mutex> guard(queueMutex);
            chunks.push_back(std::move(chunk));
            ++published;
        }
        queueChanged.notify_one();
        if (full && parallel && !worker.joinable() && !noThread) {
            try {
                worker = std::thread(parseQueued, true);
            } catch (const std::system_error &) {
                noThread = true; // no thread to be had: this thread parses every chunk at the end
            }
        }
    };

    leveldb::ReadOptions options;
    options.fill_cache = false;
    std::unique_ptr<leveldb::Iterator> it(m_db->NewIterator(options));
    auto chunk = std::make_unique<ScanChunk>();
    chunk->input.reserve(ScanChunkSize);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const leveldb::Slice key = it->key();
        const leveldb::Slice value = it->value();
        chunk->input.emplace_back(std::string(key.data(), key.size()),
                                  std::string(value.data(), value.size()));
        if (chunk->input.size() == ScanChunkSize) {
            publish(std::move(chunk), true);
            chunk = std::make_unique<ScanChunk>();
            chunk->input.reserve(ScanChunkSize);
        }
    }
    if (!chunk->input.empty())
        publish(std::move(chunk), false);
    {
        std::lock_guard<std::mutex> guard(queueMutex);
        finished = true;
    }
    queueChanged.notify_all();
    parseQueued(false);
    if (worker.joinable())
        worker.join();

    std::size_t total = 0;
    for (const auto &c : chunks)
        total += c->records.size();
    result.records.reserve(total);
    for (auto &c : chunks) {
        std::move(c->records.begin(), c->records.end(), std::back_inserter(result.records));
        result.errors += c->errors;
    }
    if (!it->status().ok())
        result.errors.append(
            StateError::make(StateErrorCode::BackendUnavailable, statusText(it->status()), m_path));
    m_metrics.record(MetricsRecorder::Kind::Query, timer.nsecsElapsed(), !result.errors.isEmpty());
    return result;
}

} // namespace Cockpit
