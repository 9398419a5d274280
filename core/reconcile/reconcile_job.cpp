// SPDX-License-Identifier: MIT
#include "reconcile/reconcile_job.h"

#include <QDateTime>

namespace Cockpit {

ReconcileJob::ReconcileJob(LedgerConfig config, Reconciler::Options options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
{
    qRegisterMetaType<Cockpit::RunSummary>();
    qRegisterMetaType<QList<Cockpit::DiscrepancyRecord>>();
}

ReconcileJob::~ReconcileJob() = default;

void ReconcileJob::cancel()
{
    m_cancelRequested.store(true);
    QMutexLocker lock(&m_mutex);
    if (m_reconciler)
        m_reconciler->cancel();
}

void ReconcileJob::flush(bool force)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_batch.isEmpty() || (!force && m_batch.size() < 1000 && now - m_lastFlushMs < 100))
        return;
    Q_EMIT discrepanciesFound(m_batch);
    m_batch.clear();
    m_lastFlushMs = now;
}

void ReconcileJob::run()
{
    Reconciler reconciler(ReconcileStorage::of(m_config, QString()), m_config.mapping);
    {
        QMutexLocker lock(&m_mutex);
        m_reconciler = &reconciler;
    }
    Q_EMIT progress(0);
    Q_EMIT progressMessage(tr("Connecting to %1").arg(reconciler.describe()));
    // A failed open is reported by run(), which opens again and records why.
    if (reconciler.open()) {
        if (const std::optional<qint64> expected = reconciler.expectedDurationMs(m_options.kind)) {
            Q_EMIT etaChanged(QDateTime::currentMSecsSinceEpoch() + *expected);
            Q_EMIT progressMessage(
                tr("Reconciling; the last complete run took %1 s").arg(double(*expected) / 1000, 0, 'f', 1));
        } else {
            Q_EMIT etaChanged(0);
        }
    }
    // A cancel that arrived before the reconciler existed still counts.
    if (m_cancelRequested.load())
        reconciler.cancel();
    m_lastFlushMs = QDateTime::currentMSecsSinceEpoch();
    m_summary = reconciler.run(
        m_options,
        [this](const DiscrepancyRecord &row) {
            m_batch.append(row);
            flush(false);
        },
        [this](int percent, const QString &message) {
            Q_EMIT progress(percent);
            Q_EMIT progressMessage(message);
        });
    {
        QMutexLocker lock(&m_mutex);
        m_reconciler = nullptr;
    }
    flush(true);
    Q_EMIT summaryReady(m_summary);
    if (m_summary.isComplete())
        Q_EMIT finished();
    else
        Q_EMIT failed(m_summary.error);
}

} // namespace Cockpit
