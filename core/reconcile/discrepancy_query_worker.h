// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_connection.h"

#include <QObject>

#include <memory>

namespace Cockpit {

class ReconcileConnection;

// Runs the discrepancy view's database queries (counts and windows) on its own connection.
// Threading: lives in the model's worker thread; call its slots with queued invocations only. Every
// request carries the caller's generation token, echoed in the answer, so that stale answers are dropped.
class DiscrepancyQueryWorker : public QObject
{
    Q_OBJECT

public:
    explicit DiscrepancyQueryWorker(ReconcileStorage storage, QObject *parent = nullptr);
    ~DiscrepancyQueryWorker() override;

    void count(quint64 generation, const Cockpit::DiscrepancyFilter &filter);
    void fetch(quint64 generation, const Cockpit::DiscrepancyFilter &filter, int sortColumn, bool descending,
               qint64 offset, int limit);

Q_SIGNALS:
    void countReady(quint64 generation, qint64 count, const QString &error);
    void windowReady(quint64 generation, qint64 offset, const QList<Cockpit::StoredDiscrepancy> &rows,
                     const QString &error);

private:
    Result<DiscrepancyStore *> store();

    ReconcileStorage m_storage;
    std::unique_ptr<ReconcileConnection> m_connection;
    std::unique_ptr<DiscrepancyStore> m_store;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::DiscrepancyFilter)
Q_DECLARE_METATYPE(Cockpit::StoredDiscrepancy)
Q_DECLARE_METATYPE(Cockpit::RunHistoryPoint)
