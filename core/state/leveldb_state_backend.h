// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_backend.h"

#include <QMutex>
#include <QTemporaryDir>

#include <memory>

namespace leveldb {
class DB;
}

namespace Cockpit {

// The LevelDB store of the LookCoin deploy scripts, byte compatible with the npm `level` package opened
// with valueEncoding "json": key "${chainId}-${contractName}" (UTF-8), value JSON.stringify(record).
// Records are written back exactly as read (see JsonValue), so a read/write cycle changes no byte.
//
// A database held by another process (a running deploy script) cannot be opened: open() then fails with
// BACKEND_UNAVAILABLE and isLocked() is true; openSnapshot() copies the folder and opens the copy read-only.
//
// Threading: thread-safe (one mutex around the database handle); every call blocks on disk I/O.
class LevelDbStateBackend : public StateBackend
{
public:
    struct Options
    {
        bool createIfMissing = false;
        bool readOnly = false;
        bool syncWrites = true; // fsync each write batch, so a crash keeps every acknowledged write
    };

    explicit LevelDbStateBackend(QString path, Options options);
    explicit LevelDbStateBackend(QString path)
        : LevelDbStateBackend(std::move(path), Options{})
    {}
    ~LevelDbStateBackend() override;

    // Copies the database folder (without its LOCK) to a temporary folder and opens that copy read-only.
    static StateResult<std::unique_ptr<LevelDbStateBackend>> openSnapshot(const QString &path);

    // The user's folder, also for a snapshot copy: what every message names.
    QString path() const { return m_path; }
    bool isLocked() const { return m_locked; }
    bool isReadOnly() const { return m_options.readOnly; }
    bool isSnapshot() const { return m_snapshotDir != nullptr; }

    QString backendType() const override { return QStringLiteral("leveldb"); }
    QString location() const override { return m_path; }
    StateResult<void> open() override;
    bool isHealthy() override;
    StateResult<std::optional<ContractRecord>> getContract(qint64 chainId,
                                                           const QString &contractName) override;
    StateResult<void> putContracts(const std::vector<ContractRecord> &records) override;
    StateResult<bool> deleteContract(qint64 chainId, const QString &contractName) override;
    ScanResult scanAll() override;

    // Stores raw bytes under a key without any check (tests use it to plant bad values).
    StateResult<void> putRaw(const std::string &key, const std::string &value);

private:
    StateResult<void> writableCheck(const QString &key) const;

    QString m_path;     // the user's folder
    QString m_dataPath; // the folder LevelDB opens: m_path, or the snapshot copy
    Options m_options;
    mutable QMutex m_mutex;
    std::unique_ptr<leveldb::DB> m_db;
    std::unique_ptr<QTemporaryDir> m_snapshotDir;
    bool m_locked = false;
};

} // namespace Cockpit
