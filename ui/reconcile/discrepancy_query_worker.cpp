// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_query_worker.h"

#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_schema.h"

namespace Cockpit {

DiscrepancyQueryWorker::DiscrepancyQueryWorker(DatabaseConfig database, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
{}

DiscrepancyQueryWorker::~DiscrepancyQueryWorker()
{
    m_store.reset(); // before the connection it uses
}

DiscrepancyStore *DiscrepancyQueryWorker::store(QString *error)
{
    if (m_store && m_connection->isOpen())
        return m_store.get();
    m_store.reset();
    m_connection = std::make_unique<ReconcileConnection>(m_database, QStringLiteral("reconcile-view"));
    QString e = m_connection->open();
    // The view may open before any run: make sure the tables exist so that an empty view is not an error.
    if (e.isEmpty())
        e = ReconcileSchema::ensure(m_connection->database(), m_connection->dialect(),
                                    m_connection->describe());
    if (!e.isEmpty()) {
        *error = e;
        return nullptr;
    }
    m_store = std::make_unique<DiscrepancyStore>(m_connection->database(), m_connection->dialect(),
                                                 m_connection->describe());
    return m_store.get();
}

void DiscrepancyQueryWorker::count(quint64 generation, const DiscrepancyFilter &filter)
{
    QString error;
    std::optional<qint64> n;
    if (DiscrepancyStore *s = store(&error))
        n = s->count(filter, &error);
    if (!n)
        m_store.reset(); // reconnect on the next request
    Q_EMIT countReady(generation, n.value_or(0), error);
}

void DiscrepancyQueryWorker::fetch(quint64 generation, const DiscrepancyFilter &filter, int sortColumn,
                                   bool descending, qint64 offset, int limit)
{
    QString error;
    std::optional<QList<StoredDiscrepancy>> rows;
    if (DiscrepancyStore *s = store(&error))
        rows = s->fetch(filter, DiscrepancyStore::SortColumn(sortColumn), descending, offset, limit, &error);
    if (!rows)
        m_store.reset();
    Q_EMIT windowReady(generation, offset, rows.value_or(QList<StoredDiscrepancy>()), error);
}

} // namespace Cockpit
