// SPDX-License-Identifier: MIT
// What live mode asks between runs: which users changed since the last check.
#include "reconcile/reconciler.h"

#include "db/sql_error_text.h"
#include "reconcile/live_triggers.h"

#include "reconcile/reconcile_sql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

namespace {

QString queryError(const QString &describe, const QString &step, const QSqlQuery &q)
{
    return describe + QLatin1String(": ") + step + QLatin1String(": ") + sqlErrorText(q.lastError());
}

// The first column of every row of `st`: user ids.
Result<QStringList> readUsers(const QSqlDatabase &db, const ReconcileSql::Statement &st,
                              const QString &describe, const QString &step)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!st.exec(q))
        return fail(queryError(describe, step, q));
    QStringList users;
    while (q.next())
        users.append(q.value(0).toString());
    return users;
}

} // namespace

Result<QStringList> Reconciler::changeMarks()
{
    QSqlQuery q(database());
    if (!q.exec(ReconcileSql::observedHighWaterMarks(m_names).sql) || !q.next())
        return fail(queryError(describe(), QStringLiteral("read the service's change marks"), q));
    return QStringList{q.value(0).toString(), q.value(1).toString()};
}

Result<QStringList> Reconciler::usersChangedAfter(const QStringList &marks)
{
    // No marks yet (no poll before this one): nothing to follow from. A null mark (an empty table then) is
    // passed on: every row of that table is a change.
    const auto mark = [&marks](qsizetype i) {
        return i < marks.size() ? std::optional<QString>(marks.at(i)) : std::nullopt;
    };
    return readUsers(database(), ReconcileSql::observedChangedUsers(m_names, mark(0), mark(1)), describe(),
                     QStringLiteral("find the users changed since the last check"));
}

Result<qint64> Reconciler::highWaterMark()
{
    QSqlQuery q(database());
    if (!q.exec(ReconcileSql::highWaterMark().sql) || !q.next())
        return fail(queryError(describe(), QStringLiteral("read the change high-water mark"), q));
    return q.value(0).toLongLong();
}

Result<QStringList> Reconciler::changedUsers(qint64 afterEntry)
{
    return readUsers(database(), ReconcileSql::changedUsers(afterEntry), describe(),
                     QStringLiteral("find changed users"));
}

Result<int> Reconciler::liveTriggerTables()
{
    const Result<QList<bool>> present = LiveTriggers::presence(database(), m_connection.storage(), m_names);
    if (!present)
        return fail(present.error());
    return static_cast<int>(present->count(true));
}

} // namespace Cockpit
