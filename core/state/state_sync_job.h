// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_error.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <atomic>

namespace Cockpit {

// Bulk sync LevelDB -> JSON (the migration's data synchronisation step). LevelDB is the source of truth:
// contracts missing from a chain's JSON file are added, entries that differ are updated, everything else in
// the file is kept. Each network file is written once, atomically (JsonStateBackend::updateChain), so a
// cancel or a crash leaves every file either old or new.
//
// Resumable and idempotent: a run after a cancel or a crash only does what is left, and a run over synced
// stores writes nothing. A journal file "<jsonDir>/.cockpit-sync.journal" exists while a run writes; finding
// it at the start means the previous run was interrupted (Report::interruptedBefore).
//
// Records that fail the data-health rules (e.g. the local chain 31337's invalid addresses) and chains with no
// JSON file and no configured network name are skipped and listed, never copied.
//
// Threading: create it anywhere, call run() in a worker thread (it blocks); cancel() is thread-safe. Signals
// are emitted from the thread running run(); connect with queued connections to update a GUI.
class StateSyncJob : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString leveldbPath;
        QString jsonDir;
        QMap<qint64, QString> networks;
        bool dryRun = false;
        // Read LevelDB from a snapshot copy: never writes to it and works while a deploy script holds it.
        bool snapshot = true;
    };

    struct ChainPlan
    {
        qint64 chainId = 0;
        QString file;
        QStringList added;
        QStringList updated;
        int unchanged = 0;
        QStringList skippedInvalid;
        QString skippedReason; // the whole chain was skipped
        bool written = false;
    };

    struct Report
    {
        bool dryRun = false;
        bool cancelled = false;
        bool interruptedBefore = false;
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int skipped = 0;
        int filesWritten = 0;
        QList<ChainPlan> chains;
        QList<StateError> errors;
        QString failure; // why the run stopped before its end; empty when it ran through
    };

    explicit StateSyncJob(Options options, QObject *parent = nullptr);

    void run();
    void cancel() { m_cancel.store(true); }
    Report report() const { return m_report; }

    static QString journalPath(const QString &jsonDir);

signals:
    void progress(int percent);
    void progressMessage(const QString &message);
    void finished();
    void failed(const QString &message);

private:
    Options m_options;
    Report m_report;
    std::atomic<bool> m_cancel{false};
};

} // namespace Cockpit
