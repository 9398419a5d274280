// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_connection.h"

#include <QMetaType>

#include <memory>

namespace Cockpit {

class ReconcileConnection;

// Runs the discrepancy view's database queries (counts and windows) on its own connection, opened at the
// first query and opened again after a failure (the backend may come back).
// Threading: the context of the view's JobThread: used only in that thread, where its connection lives.
class DiscrepancyQueryWorker
{
public:
    explicit DiscrepancyQueryWorker(ReconcileStorage storage);
    ~DiscrepancyQueryWorker();
    DiscrepancyQueryWorker(const DiscrepancyQueryWorker &) = delete;
    DiscrepancyQueryWorker &operator=(const DiscrepancyQueryWorker &) = delete;

    Result<qint64> count(const DiscrepancyFilter &filter);
    Result<QList<StoredDiscrepancy>> fetch(const DiscrepancyFilter &filter, DiscrepancyStore::SortColumn sort,
                                           bool descending, qint64 offset, int limit);

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
