// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "reconcile/reconciler.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>

namespace Cockpit {

// One reconciliation run as a job the GUI runs in a worker thread: move it to the thread, call run() there
// (e.g. from QThread::started through a queued invocation), connect to the signals with queued connections.
// Discrepancies are streamed in batches (at most every 100 ms or 1,000 rows) as the database returns them.
//
// Threading: run() in the job's thread; cancel() from any thread (it interrupts the database statement).
// Signals are emitted from the job's thread.
class ReconcileJob : public QObject
{
    Q_OBJECT

public:
    ReconcileJob(LedgerConfig config, Reconciler::Options options, QObject *parent = nullptr);
    ~ReconcileJob() override;

    RunSummary summary() const { return m_summary; }

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    void progress(int percent);
    void progressMessage(const QString &message);
    // Expected end of the run (ms since the epoch) from the last complete run's duration; 0 when unknown.
    void etaChanged(qint64 expectedEndMs);
    void discrepanciesFound(const QList<Cockpit::DiscrepancyRecord> &rows);
    // Emitted for every outcome before finished() or failed().
    void summaryReady(const Cockpit::RunSummary &summary);
    void finished();
    void failed(const QString &reason);

private:
    void flush(bool force);

    LedgerConfig m_config;
    Reconciler::Options m_options;
    RunSummary m_summary;
    QList<DiscrepancyRecord> m_batch;
    qint64 m_lastFlushMs = 0;
    QMutex m_mutex; // guards m_reconciler for cancel()
    Reconciler *m_reconciler = nullptr;
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace Cockpit
