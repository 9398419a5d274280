// SPDX-License-Identifier: MIT
#include "state/state_sync_job.h"

#include "common/atomic_file.h"
#include "common/logging.h"
#include "state/json_state_backend.h"
#include "state/leveldb_state_backend.h"
#include "state/record_converter.h"
#include "state/record_validator.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <map>

namespace Cockpit {

StateSyncJob::StateSyncJob(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

QString StateSyncJob::journalPath(const QString &jsonDir)
{
    return QDir(jsonDir).filePath(QStringLiteral(".cockpit-sync.journal"));
}

void StateSyncJob::run()
{
    m_report = Report{};
    m_report.dryRun = m_options.dryRun;
    auto stop = [&](const StateError &error) {
        m_report.errors.append(error);
        m_report.failure = error.describe();
        emit failed(m_report.failure);
    };

    emit progressMessage(tr("Reading LevelDB"));
    emit progress(0);
    std::unique_ptr<LevelDbStateBackend> leveldb;
    if (m_options.snapshot) {
        auto copy = LevelDbStateBackend::openSnapshot(m_options.leveldbPath);
        if (!copy)
            return stop(copy.error());
        leveldb = std::move(*copy);
    } else {
        leveldb =
            std::make_unique<LevelDbStateBackend>(m_options.leveldbPath, LevelDbStateBackend::Options{});
        if (StateResult<void> opened = leveldb->open(); !opened)
            return stop(opened.error());
    }
    ScanResult scan = leveldb->scanAll();
    m_report.errors += scan.errors; // unreadable values are reported and skipped, the rest is synced

    JsonStateBackend::Options jsonOptions;
    jsonOptions.networks = m_options.networks;
    jsonOptions.readOnly = m_options.dryRun;
    JsonStateBackend json(m_options.jsonDir, jsonOptions);
    if (StateResult<void> opened = json.open(); !opened)
        return stop(opened.error());
    JsonStateBackend::FileSet files = json.loadFiles();
    m_report.errors += files.errors;
    QSet<qint64> known;
    for (auto it = m_options.networks.begin(); it != m_options.networks.end(); ++it)
        known.insert(it.key());
    std::map<qint64, std::shared_ptr<const JsonDeploymentFile>> fileByChain;
    for (const auto &f : files.files) {
        known.insert(f->chainId());
        fileByChain.emplace(f->chainId(), f);
    }
    // A file that does not parse must not be overwritten by a sync: its chain is skipped.
    QSet<QString> brokenFiles;
    for (const StateError &e : files.errors)
        brokenFiles.insert(e.file);

    const RecordValidator validator(known);
    std::map<qint64, std::vector<const ContractRecord *>> byChain;
    std::map<qint64, QStringList> invalidByChain;
    for (const ContractRecord &r : scan.records) {
        if (validator.problems(r, r.keyChainId()).isEmpty())
            byChain[r.keyChainId()].push_back(&r);
        else
            invalidByChain[r.keyChainId()].append(QString::fromStdString(r.storageKey()));
    }
    for (const auto &[chainId, keys] : invalidByChain) {
        if (!byChain.count(chainId))
            byChain[chainId];
    }

    const QString journal = journalPath(m_options.jsonDir);
    m_report.interruptedBefore = QFile::exists(journal);
    if (!m_options.dryRun) {
        const QByteArray started = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        if (const Result<void> written = AtomicFile::write(journal, "sync started " + started + '\n');
            !written)
            return stop(StateError::make(StateErrorCode::WriteFailed, written.error().message, journal));
    }

    const qsizetype total = qsizetype(scan.records.size());
    qsizetype done = 0;
    for (auto &[chainId, records] : byChain) {
        if (m_cancel.load()) {
            m_report.cancelled = true;
            break;
        }
        ChainPlan plan;
        plan.chainId = chainId;
        plan.skippedInvalid = invalidByChain[chainId];
        m_report.skipped += int(plan.skippedInvalid.size());
        const StateResult<QString> located = json.fileForChain(chainId);
        plan.file = located.value_or(QString());
        if (records.empty()) {
            plan.skippedReason = tr("no valid records");
        } else if (!located) {
            plan.skippedReason = located.error().message;
            m_report.skipped += int(records.size());
        } else if (brokenFiles.contains(plan.file)) {
            plan.skippedReason = tr("the JSON file could not be read; fix it first");
            m_report.skipped += int(records.size());
        }
        emit progressMessage(tr("Chain %1: %2 records").arg(chainId).arg(records.size()));
        if (plan.skippedReason.isEmpty()) {
            // A structured binding cannot be captured by clang 14; a plain reference can.
            const auto &chainRecords = records;
            auto apply = [&](JsonDeploymentFile &file) {
                bool changed = false;
                for (const ContractRecord *r : chainRecords) {
                    std::string name;
                    ContractRecord::splitKey(r->storageKey(), nullptr, &name);
                    const bool existed = file.hasContract(name);
                    if (file.setEntry(name, RecordConverter::toJsonEntry(*r))) {
                        changed = true;
                        (existed ? plan.updated : plan.added).append(QString::fromStdString(name));
                    } else {
                        ++plan.unchanged;
                    }
                }
                return changed && !m_options.dryRun;
            };
            if (m_options.dryRun) {
                auto existing = fileByChain.find(chainId);
                JsonDeploymentFile copy = existing != fileByChain.end()
                                              ? *existing->second
                                              : JsonDeploymentFile::create(plan.file, std::string(), chainId);
                apply(copy);
            } else {
                if (StateResult<void> written = json.updateChain(chainId, apply); !written) {
                    m_report.errors.append(written.error());
                    plan.added.clear();
                    plan.updated.clear();
                    plan.unchanged = 0;
                    plan.skippedReason = written.error().describe();
                } else {
                    plan.written = !plan.added.isEmpty() || !plan.updated.isEmpty();
                }
            }
        }
        m_report.added += int(plan.added.size());
        m_report.updated += int(plan.updated.size());
        m_report.unchanged += plan.unchanged;
        m_report.filesWritten += plan.written ? 1 : 0;
        m_report.chains.append(plan);
        done += qsizetype(records.size() + plan.skippedInvalid.size());
        emit progress(total ? int(100 * done / total) : 100);
    }
    if (!m_options.dryRun)
        QFile::remove(journal);
    qCDebug(lcState) << "sync" << (m_options.dryRun ? "(dry run)" : "") << "added" << m_report.added
                     << "updated" << m_report.updated << "unchanged" << m_report.unchanged << "skipped"
                     << m_report.skipped;
    emit progress(100);
    emit finished();
}

} // namespace Cockpit
