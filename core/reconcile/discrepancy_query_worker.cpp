// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_query_worker.h"

#include "reconcile/reconcile_connection.h"
#include "reconcile/reconcile_schema.h"

namespace Cockpit {

DiscrepancyQueryWorker::DiscrepancyQueryWorker(ReconcileStorage storage)
    : m_storage(std::move(storage))
{}

DiscrepancyQueryWorker::~DiscrepancyQueryWorker()
{
    m_store.reset(); // before the connection it uses
}

Result<DiscrepancyStore *> DiscrepancyQueryWorker::store()
{
    if (m_store && m_connection->isOpen())
        return m_store.get();
    m_store.reset();
    m_connection = std::make_unique<ReconcileConnection>(m_storage, QStringLiteral("reconcile-view"));
    if (Result<void> opened = m_connection->open(); !opened)
        return fail(opened.error().message, ErrorKind::Unreachable);
    // The view may open before any run: on a database the cockpit owns the tables are created, so that an
    // empty view is not an error; elsewhere they must have been set up.
    QString refused;
    const Result<bool> present = m_connection->prepareTables(&refused);
    if (!present)
        return fail(present.error().message, ErrorKind::Unreachable);
    if (!refused.isEmpty()) // the runs exist, this role may not read them: not "none stored yet"
        return fail(refused, ErrorKind::Unreachable);
    if (!*present)
        return fail(QStringLiteral("no reconciliation has been stored yet (read-only session; the cockpit's "
                                   "tables are created by cockpitctl setup)"),
                    ErrorKind::Unreachable);
    m_store = std::make_unique<DiscrepancyStore>(m_connection->database(), m_connection->dialect(),
                                                 m_connection->describe());
    return m_store.get();
}

Result<qint64> DiscrepancyQueryWorker::count(const DiscrepancyFilter &filter)
{
    const Result<DiscrepancyStore *> s = store();
    Result<qint64> n = s ? (*s)->count(filter) : fail(s.error());
    if (!n)
        m_store.reset(); // reconnect on the next request
    return n;
}

Result<QList<StoredDiscrepancy>> DiscrepancyQueryWorker::fetch(const DiscrepancyFilter &filter,
                                                               DiscrepancyStore::SortColumn sort,
                                                               bool descending, qint64 offset, int limit)
{
    const Result<DiscrepancyStore *> s = store();
    Result<QList<StoredDiscrepancy>> rows =
        s ? (*s)->fetch(filter, sort, descending, offset, limit) : fail(s.error());
    if (!rows)
        m_store.reset();
    return rows;
}

} // namespace Cockpit
