// SPDX-License-Identifier: MIT
#pragma once

#include "state/json_deployment_file.h"
#include "state/lru_cache.h"
#include "state/state_backend.h"

#include <QDateTime>
#include <QMap>
#include <QMutex>

#include <functional>
#include <map>
#include <memory>

namespace Cockpit {

// The JSON store: one LookCoin deployment file per network in one folder (deployments/<network>.json).
// Files are found by content (their chainId member), so a folder written by the deploy scripts opens as is;
// a chain without a file gets "<network>.json" from the configured chainId -> network map.
//
// Writes: a FileLock "<file>.lock" keeps two writers (processes or threads) from interleaving; the file is
// re-read under the lock, changed, and replaced atomically (AtomicFile: temp, fsync, rename, fsync of the
// folder) with the previous content kept as "<file>.backup"; new files are 0600. A write that changes
// nothing does not touch the file, which keeps sync idempotent.
//
// Reads: parsed files are cached while their size and mtime are unchanged; single-record reads go through
// an LRU cache of `cacheSize` records whose hit rate is reported in metrics().
//
// Threading: thread-safe (one mutex); every call blocks on disk I/O.
class JsonStateBackend : public StateBackend
{
public:
    struct Options
    {
        QMap<qint64, QString> networks; // chainId -> network name (file base name)
        int cacheSize = 1024;
        int lockTimeoutMs = 5000;
        bool readOnly = false;
        bool createDir = false;
    };

    struct FileSet
    {
        std::vector<std::shared_ptr<const JsonDeploymentFile>> files;
        QList<StateError> errors;
    };

    JsonStateBackend(QString dir, Options options);
    ~JsonStateBackend() override;

    QString dir() const { return m_dir; }

    QString backendType() const override { return QStringLiteral("json"); }
    QString location() const override { return m_dir; }
    StateResult<void> open() override;
    bool isHealthy() override;
    StateResult<std::optional<ContractRecord>> getContract(qint64 chainId,
                                                           const QString &contractName) override;
    StateResult<void> putContracts(const std::vector<ContractRecord> &records) override;
    StateResult<bool> deleteContract(qint64 chainId, const QString &contractName) override;
    ScanResult scanAll() override;
    BackendMetrics metrics() const override;

    // Every deployment file of the folder, parsed (bad files reported, the rest returned).
    FileSet loadFiles();
    // The file that holds (or would hold) a chain; an error when the chain has no file and no configured
    // network name.
    StateResult<QString> fileForChain(qint64 chainId);
    // Applies `change` to the chain's file under its lock and writes it when `change` returns true.
    // Fails when the file cannot be read, locked or written.
    StateResult<void> updateChain(qint64 chainId, const std::function<bool(JsonDeploymentFile &)> &change);
    // The same for several chains at once, all or nothing: every file is locked, read and changed in memory
    // before the first is written, and when a write fails the files written before it get their previous
    // content back.
    using ChainChange = std::function<bool(JsonDeploymentFile &)>;
    StateResult<void> updateChains(const std::map<qint64, ChainChange> &changes);

private:
    struct CachedFile
    {
        qint64 size = -1;
        QDateTime modified;
        std::shared_ptr<const JsonDeploymentFile> file;
    };
    struct CachedRecord
    {
        ContractRecord record;
        QDateTime fileModified;
    };

    void refreshFileListLocked();
    StateResult<std::shared_ptr<const JsonDeploymentFile>> loadFileLocked(const QString &path);
    StateResult<QString> fileForChainLocked(qint64 chainId);

    QString m_dir;
    Options m_options;
    mutable QMutex m_mutex;
    bool m_open = false;
    std::map<QString, CachedFile> m_files;    // path -> parsed file
    std::map<qint64, QString> m_fileForChain; // from the files' chainId members
    mutable LruCache<std::string, CachedRecord> m_recordCache;
};

} // namespace Cockpit
