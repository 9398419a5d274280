// SPDX-License-Identifier: MIT
#include "state/json_state_backend.h"

#include "common/atomic_file.h"
#include "common/file_lock.h"
#include "common/logging.h"
#include "state/record_converter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace Cockpit {

JsonStateBackend::JsonStateBackend(QString dir, Options options)
    : m_dir(std::move(dir))
    , m_options(std::move(options))
    , m_recordCache(std::size_t(std::max(0, m_options.cacheSize)))
{}

JsonStateBackend::~JsonStateBackend() = default;

StateResult<void> JsonStateBackend::open()
{
    QMutexLocker lock(&m_mutex);
    QDir dir(m_dir);
    if (!dir.exists() && (!m_options.createDir || !QDir().mkpath(m_dir)))
        return fail(StateErrorCode::BackendUnavailable,
                    m_options.createDir ? QStringLiteral("cannot create the JSON folder")
                                        : QStringLiteral("JSON folder does not exist"),
                    m_dir);
    m_open = true;
    refreshFileListLocked();
    return {};
}

bool JsonStateBackend::isHealthy()
{
    QMutexLocker lock(&m_mutex);
    return m_open && QFileInfo(m_dir).isDir();
}

void JsonStateBackend::refreshFileListLocked()
{
    const QDir dir(m_dir);
    const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    std::map<QString, CachedFile> kept;
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        auto it = m_files.find(path);
        kept[path] = it != m_files.end() ? it->second : CachedFile{};
    }
    m_files.swap(kept);
    m_fileForChain.clear();
    for (auto &[path, cached] : m_files) {
        if (auto file = loadFileLocked(path)) // a broken file is reported by whoever reads it
            m_fileForChain.emplace((*file)->chainId(), path);
    }
}

StateResult<std::shared_ptr<const JsonDeploymentFile>> JsonStateBackend::loadFileLocked(const QString &path)
{
    const QFileInfo info(path);
    CachedFile &cached = m_files[path];
    if (cached.file && info.exists() && cached.size == info.size() && cached.modified == info.lastModified())
        return cached.file;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        cached = {};
        return fail(StateErrorCode::BackendUnavailable, f.errorString(), path);
    }
    const QByteArray bytes = f.readAll();
    StateResult<JsonDeploymentFile> parsed =
        JsonDeploymentFile::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), path);
    if (!parsed) {
        cached = {};
        return fail(parsed.error());
    }
    cached.size = info.size();
    cached.modified = info.lastModified();
    cached.file = std::make_shared<const JsonDeploymentFile>(std::move(*parsed));
    return cached.file;
}

StateResult<QString> JsonStateBackend::fileForChainLocked(qint64 chainId)
{
    auto it = m_fileForChain.find(chainId);
    if (it != m_fileForChain.end())
        return it->second;
    const QString network = m_options.networks.value(chainId);
    if (network.isEmpty())
        return fail(StateErrorCode::ValidationFailed,
                    QStringLiteral("chain %1 has no JSON file and no network name; add it to state.networks "
                                   "in the environment file")
                        .arg(chainId),
                    m_dir);
    return QDir(m_dir).filePath(network + QLatin1String(".json"));
}

StateResult<QString> JsonStateBackend::fileForChain(qint64 chainId)
{
    QMutexLocker lock(&m_mutex);
    refreshFileListLocked();
    return fileForChainLocked(chainId);
}

JsonStateBackend::FileSet JsonStateBackend::loadFiles()
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    FileSet set;
    if (!QFileInfo(m_dir).isDir()) {
        set.errors.append(StateError::make(StateErrorCode::BackendUnavailable,
                                           QStringLiteral("JSON folder does not exist"), m_dir));
        return set;
    }
    refreshFileListLocked();
    for (auto &[path, cached] : m_files) {
        if (auto file = loadFileLocked(path))
            set.files.push_back(*file);
        else
            set.errors.append(file.error());
    }
    m_metrics.record(MetricsRecorder::Kind::Query, timer.nsecsElapsed(), !set.errors.isEmpty());
    return set;
}

ScanResult JsonStateBackend::scanAll()
{
    FileSet set = loadFiles();
    ScanResult result;
    result.errors = set.errors;
    for (const auto &file : set.files) {
        for (const std::string &name : file->contractNames())
            result.records.push_back(RecordConverter::fromJsonEntry(*file, name));
    }
    return result;
}

StateResult<std::optional<ContractRecord>> JsonStateBackend::getContract(qint64 chainId,
                                                                         const QString &contractName)
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    const std::string name = contractName.toStdString();
    const std::string key = ContractRecord::makeKey(chainId, name);
    refreshFileListLocked();
    auto chainFile = m_fileForChain.find(chainId);
    if (chainFile == m_fileForChain.end()) {
        m_metrics.record(MetricsRecorder::Kind::Read, timer.nsecsElapsed(), false);
        return std::optional<ContractRecord>();
    }
    const QString path = chainFile->second;
    const CachedFile &cached = m_files[path];
    if (CachedRecord *hit = m_recordCache.find(key); hit && hit->fileModified == cached.modified) {
        m_metrics.record(MetricsRecorder::Kind::Read, timer.nsecsElapsed(), false);
        return std::optional<ContractRecord>(hit->record);
    }
    auto file = loadFileLocked(path);
    if (!file) {
        m_metrics.record(MetricsRecorder::Kind::Read, timer.nsecsElapsed(), true);
        return fail(file.error());
    }
    std::optional<ContractRecord> record;
    if ((*file)->hasContract(name)) {
        record = RecordConverter::fromJsonEntry(**file, name);
        m_recordCache.insert(key, CachedRecord{*record, m_files[path].modified});
    }
    m_metrics.record(MetricsRecorder::Kind::Read, timer.nsecsElapsed(), false);
    return record;
}

StateResult<void> JsonStateBackend::updateChain(qint64 chainId,
                                                const std::function<bool(JsonDeploymentFile &)> &change)
{
    return updateChains({{chainId, change}});
}

StateResult<void> JsonStateBackend::updateChains(const std::map<qint64, ChainChange> &changes)
{
    QElapsedTimer timer;
    timer.start();
    QMutexLocker lock(&m_mutex);
    auto failed = [&](StateError error) {
        m_metrics.record(MetricsRecorder::Kind::Write, timer.nsecsElapsed(), true);
        return fail(std::move(error));
    };
    if (m_options.readOnly)
        return failed(
            {StateErrorCode::WriteFailed, QStringLiteral("JSON store opened read-only"), m_dir, {}});
    if (!QFileInfo(m_dir).isDir())
        return failed(
            {StateErrorCode::BackendUnavailable, QStringLiteral("JSON folder does not exist"), m_dir, {}});
    refreshFileListLocked();

    // Phase 1: every file locked (in chain order, the same in every process), read and changed in memory.
    struct Planned
    {
        QString path;
        bool existed = false;
        QByteArray before;
        std::string after;
    };
    std::vector<std::unique_ptr<FileLock>> locks;
    std::vector<Planned> planned;
    for (const auto &[chainId, change] : changes) {
        const StateResult<QString> located = fileForChainLocked(chainId);
        if (!located)
            return failed(located.error());
        const QString &path = *located;
        auto fileLock = std::make_unique<FileLock>(path + QLatin1String(".lock"));
        if (const Result<void> locked = fileLock->tryLock(m_options.lockTimeoutMs); !locked) {
            return failed({StateErrorCode::WriteFailed,
                           locked.error().kind == ErrorKind::Refused
                               ? QStringLiteral("another writer holds %1.lock (waited %2 ms)")
                                     .arg(QFileInfo(path).fileName())
                                     .arg(m_options.lockTimeoutMs)
                               : locked.error().message,
                           path,
                           {}});
        }
        locks.push_back(std::move(fileLock));
        // Re-read under the lock: another process may have written since our cached copy.
        m_files.erase(path);
        Planned p{path, QFileInfo::exists(path), {}, {}};
        JsonDeploymentFile file;
        if (p.existed) {
            QFile raw(path);
            if (raw.open(QIODevice::ReadOnly))
                p.before = raw.readAll();
            auto current = loadFileLocked(path);
            if (!current)
                return failed(current.error());
            file = **current;
        } else {
            file =
                JsonDeploymentFile::create(path, QFileInfo(path).completeBaseName().toStdString(), chainId);
        }
        if (!change(file))
            continue;
        p.after = file.serialize();
        planned.push_back(std::move(p));
    }

    // Phase 2: the writes, each atomic; a failure puts back what this call already wrote.
    for (std::size_t i = 0; i < planned.size(); ++i) {
        const Planned &p = planned[i];
        AtomicFile::Options options;
        options.keepBackup = p.existed;
        const Result<void> written =
            AtomicFile::write(p.path, QByteArray(p.after.data(), qsizetype(p.after.size())), options);
        if (written)
            continue;
        const QString writeError = written.error().message;
        QStringList restored;
        for (std::size_t j = 0; j < i; ++j) {
            const Planned &done = planned[j];
            const bool back = done.existed ? AtomicFile::write(done.path, done.before).has_value()
                                           : QFile::remove(done.path);
            restored.append(QFileInfo(done.path).fileName()
                            + (back ? QString() : QStringLiteral(" (NOT restored)")));
        }
        m_files.clear();
        m_recordCache.clear();
        refreshFileListLocked();
        return failed({StateErrorCode::WriteFailed,
                       restored.isEmpty()
                           ? writeError
                           : writeError + QLatin1String("; the files written before it were put back: ")
                                 + restored.join(QLatin1String(", ")),
                       p.path,
                       {}});
    }
    for (const Planned &p : planned) {
        m_files.erase(p.path);
        qCDebug(lcState) << "wrote" << p.path;
    }
    if (!planned.empty()) {
        m_recordCache.clear();
        refreshFileListLocked();
    }
    m_metrics.record(MetricsRecorder::Kind::Write, timer.nsecsElapsed(), false);
    return {};
}

StateResult<void> JsonStateBackend::putContracts(const std::vector<ContractRecord> &records)
{
    std::map<qint64, std::vector<const ContractRecord *>> byChain;
    for (const ContractRecord &r : records) {
        if (r.contractName().empty() || r.chainId() <= 0)
            return fail(StateErrorCode::ValidationFailed,
                        QStringLiteral("record needs a contractName and a positive chainId"), m_dir,
                        QString::fromStdString(r.key()));
        byChain[r.chainId()].push_back(&r);
    }
    // One call for every chain: a batch (an import, a sync) is applied to all its files or to none.
    std::map<qint64, ChainChange> changes;
    for (const auto &[chainId, list] : byChain) {
        changes.emplace(chainId, [list = list](JsonDeploymentFile &file) {
            bool changed = false;
            for (const ContractRecord *r : list)
                changed |= file.setEntry(std::string(r->contractName()), RecordConverter::toJsonEntry(*r));
            return changed;
        });
    }
    return updateChains(changes);
}

StateResult<bool> JsonStateBackend::deleteContract(qint64 chainId, const QString &contractName)
{
    bool removed = false;
    return updateChain(chainId,
                       [&](JsonDeploymentFile &file) {
                           removed = file.removeEntry(contractName.toStdString());
                           return removed;
                       })
        .map([&] { return removed; });
}

BackendMetrics JsonStateBackend::metrics() const
{
    BackendMetrics m = m_metrics.snapshot();
    QMutexLocker lock(&m_mutex);
    m.cacheHitRate = m_recordCache.hitRate();
    return m;
}

} // namespace Cockpit
