// SPDX-License-Identifier: MIT
#include "reconcile/discrepancy_store.h"

#include "db/sql_error_text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <signal.h>

namespace Cockpit {

namespace {

bool processAlive(qint64 pid)
{
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
}

QVariant nullableAmount(ReconcileSql::Dialect dialect, const std::optional<Decimal> &m)
{
    if (!m)
        return dialect == ReconcileSql::Dialect::Sqlite ? QVariant(QMetaType(QMetaType::LongLong))
                                                        : QVariant(QMetaType(QMetaType::QString));
    return ReconcileSql::bindDecimal(dialect, *m);
}

QString byTypeJson(const QMap<QString, qint64> &byType)
{
    QJsonObject o;
    for (auto it = byType.cbegin(); it != byType.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

const char *const runColumns =
    "id, kind, status, started_ms, finished_ms, accounts, discrepancies, by_account_type,"
    " new_discrepancies, resolved_discrepancies, invariants_checked, invariant_violations,"
    " invariant_sample, error";

RunSummary readRun(const QSqlQuery &q)
{
    RunSummary s;
    s.runId = q.value(0).toLongLong();
    s.kind = q.value(1).toString() == QLatin1String("incremental") ? RunKind::Incremental : RunKind::Full;
    s.status = runStatusFromName(q.value(2).toString()).value_or(RunStatus::Failed);
    s.startedMs = q.value(3).toLongLong();
    s.finishedMs = q.value(4).toLongLong();
    s.accounts = q.value(5).toLongLong();
    s.discrepancies = q.value(6).toLongLong();
    const QJsonObject byType = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
    for (auto it = byType.begin(); it != byType.end(); ++it)
        s.byAccountType.insert(it.key(), it.value().toInteger());
    s.newDiscrepancies = q.value(8).toLongLong();
    s.resolvedDiscrepancies = q.value(9).toLongLong();
    s.invariantsChecked = q.value(10).toInt() != 0;
    s.invariantViolationCount = q.value(11).toLongLong();
    for (const auto &v : QJsonDocument::fromJson(q.value(12).toString().toUtf8()).array())
        s.invariantViolations.append(v.toString());
    s.error = q.value(13).toString();
    return s;
}

} // namespace

DiscrepancyStore::DiscrepancyStore(QSqlDatabase db, ReconcileSql::Dialect dialect, QString describe)
    : m_db(db) // QSqlDatabase has no move constructor: a copy is a reference count
    , m_dialect(dialect)
    , m_describe(std::move(describe))
{}

QString DiscrepancyStore::error(const QString &step, const QString &text) const
{
    return m_describe + QLatin1String(": ") + step + QLatin1String(": ") + text;
}

Result<qint64> DiscrepancyStore::startRun(RunKind kind, Money tolerance, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO reconcile_runs (kind, status, started_ms, tolerance, host, pid)"
                             " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(runKindName(kind));
    q.addBindValue(runStatusName(RunStatus::Running));
    q.addBindValue(nowMs);
    q.addBindValue(tolerance.toString());
    q.addBindValue(QSysInfo::machineHostName());
    q.addBindValue(QCoreApplication::applicationPid());
    if (!q.exec() || !q.next())
        return fail(error(QStringLiteral("record the start of a run"), sqlErrorText(q.lastError())));
    return q.value(0).toLongLong();
}

Result<void> DiscrepancyStore::record(qint64 runId, const QList<DiscrepancyRecord> &rows,
                                      const std::optional<QStringList> &users, qint64 nowMs, qint64 *newCount,
                                      qint64 *resolvedCount)
{
    *newCount = 0;
    *resolvedCount = 0;
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE reconcile_discrepancies SET legacy_column = ?, ledger_value = ?,"
                                  " legacy_value = ?, difference = ?, last_seen_ms = ?, last_run = ?"
                                  " WHERE user_id = ? AND account_type = ? AND resolved_run IS NULL"));
    QSqlQuery insert(m_db);
    insert.prepare(
        QStringLiteral("INSERT INTO reconcile_discrepancies (user_id, account_type, legacy_column,"
                       " ledger_value, legacy_value, difference, first_seen_ms, last_seen_ms, first_run,"
                       " last_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const DiscrepancyRecord &r : rows) {
        update.addBindValue(r.legacyColumn);
        update.addBindValue(nullableAmount(m_dialect, r.ledger));
        update.addBindValue(nullableAmount(m_dialect, r.legacy));
        update.addBindValue(ReconcileSql::bindDecimal(m_dialect, r.difference));
        update.addBindValue(nowMs);
        update.addBindValue(runId);
        update.addBindValue(r.userId);
        update.addBindValue(r.accountType);
        if (!update.exec())
            return fail(
                error(QLatin1String("update discrepancy of ") + r.userId, sqlErrorText(update.lastError())));
        if (update.numRowsAffected() > 0)
            continue;
        insert.addBindValue(r.userId);
        insert.addBindValue(r.accountType);
        insert.addBindValue(r.legacyColumn);
        insert.addBindValue(nullableAmount(m_dialect, r.ledger));
        insert.addBindValue(nullableAmount(m_dialect, r.legacy));
        insert.addBindValue(ReconcileSql::bindDecimal(m_dialect, r.difference));
        insert.addBindValue(nowMs);
        insert.addBindValue(nowMs);
        insert.addBindValue(runId);
        insert.addBindValue(runId);
        if (!insert.exec())
            return fail(
                error(QLatin1String("insert discrepancy of ") + r.userId, sqlErrorText(insert.lastError())));
        ++*newCount;
    }
    QSqlQuery resolve(m_db);
    QString sql = QStringLiteral("UPDATE reconcile_discrepancies SET resolved_run = ?, resolved_ms = ?"
                                 " WHERE resolved_run IS NULL AND last_run <> ?");
    if (users)
        sql += QLatin1String(" AND ") + ReconcileSql::usersFilter(m_dialect, QStringLiteral("user_id"));
    resolve.prepare(sql);
    resolve.addBindValue(runId);
    resolve.addBindValue(nowMs);
    resolve.addBindValue(runId);
    if (users)
        resolve.addBindValue(ReconcileSql::usersBinding(m_dialect, *users));
    if (!resolve.exec())
        return fail(
            error(QStringLiteral("resolve discrepancies no longer seen"), sqlErrorText(resolve.lastError())));
    *resolvedCount = resolve.numRowsAffected();
    return ok();
}

Result<qint64> DiscrepancyStore::openCount()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM reconcile_discrepancies WHERE resolved_run IS NULL"))
        || !q.next()) {
        return fail(error(QStringLiteral("count open discrepancies"), sqlErrorText(q.lastError())));
    }
    return q.value(0).toLongLong();
}

Result<void> DiscrepancyStore::finishRun(const RunSummary &s, qint64 openAfter)
{
    QJsonArray sample;
    for (const QString &v : s.invariantViolations)
        sample.append(v);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE reconcile_runs SET status = ?, finished_ms = ?, accounts = ?, discrepancies = ?,"
        " by_account_type = ?, new_discrepancies = ?, resolved_discrepancies = ?, open_after = ?,"
        " invariants_checked = ?, invariant_violations = ?, invariant_sample = ?, error = ?"
        " WHERE id = ?"));
    q.addBindValue(runStatusName(s.status));
    q.addBindValue(s.finishedMs);
    q.addBindValue(s.accounts);
    q.addBindValue(s.discrepancies);
    q.addBindValue(byTypeJson(s.byAccountType));
    q.addBindValue(s.newDiscrepancies);
    q.addBindValue(s.resolvedDiscrepancies);
    q.addBindValue(openAfter);
    q.addBindValue(s.invariantsChecked ? 1 : 0);
    q.addBindValue(s.invariantViolationCount);
    q.addBindValue(QString::fromUtf8(QJsonDocument(sample).toJson(QJsonDocument::Compact)));
    q.addBindValue(s.error.isNull() ? QStringLiteral("") : s.error);
    q.addBindValue(s.runId);
    if (!q.exec())
        return fail(
            error(QStringLiteral("record the end of run %1").arg(s.runId), sqlErrorText(q.lastError())));
    return ok();
}

Result<void> DiscrepancyStore::markInterruptedRuns()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, pid FROM reconcile_runs WHERE status = ? AND host = ?"));
    q.addBindValue(runStatusName(RunStatus::Running));
    q.addBindValue(QSysInfo::machineHostName());
    if (!q.exec())
        return fail(error(QStringLiteral("look for interrupted runs"), sqlErrorText(q.lastError())));
    QList<qint64> dead;
    while (q.next()) {
        const qint64 pid = q.value(1).toLongLong();
        if (pid != QCoreApplication::applicationPid() && !processAlive(pid))
            dead.append(q.value(0).toLongLong());
    }
    q.finish();
    for (qint64 id : dead) {
        QSqlQuery u(m_db);
        u.prepare(
            QStringLiteral("UPDATE reconcile_runs SET status = ?, error = ? WHERE id = ? AND status = ?"));
        u.addBindValue(runStatusName(RunStatus::Interrupted));
        u.addBindValue(QStringLiteral("the process running it ended before the run finished"));
        u.addBindValue(id);
        u.addBindValue(runStatusName(RunStatus::Running));
        if (!u.exec())
            return fail(
                error(QStringLiteral("mark run %1 interrupted").arg(id), sqlErrorText(u.lastError())));
    }
    return ok();
}

std::optional<qint64> DiscrepancyStore::lastDurationMs(RunKind kind)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT finished_ms - started_ms FROM reconcile_runs WHERE kind = ? AND status = ?"
                       " ORDER BY id DESC LIMIT 1"));
    q.addBindValue(runKindName(kind));
    q.addBindValue(runStatusName(RunStatus::Complete));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

Result<RunSummary> DiscrepancyStore::run(qint64 runId)
{
    QSqlQuery q(m_db);
    q.prepare(QLatin1String("SELECT ") + QLatin1String(runColumns)
              + QLatin1String(" FROM reconcile_runs WHERE id = ?"));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(error(QStringLiteral("read run %1").arg(runId), sqlErrorText(q.lastError())));
    if (!q.next())
        return fail(m_describe + QStringLiteral(": no reconciliation run %1").arg(runId));
    return readRun(q);
}

Result<QList<RunSummary>> DiscrepancyStore::listRuns(const QString &condition, const QVariantList &binds,
                                                     const QString &step)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QLatin1String("SELECT ") + QLatin1String(runColumns) + QLatin1String(" FROM reconcile_runs ")
              + condition);
    bindAll(q, binds);
    if (!q.exec())
        return fail(error(step, sqlErrorText(q.lastError())));
    QList<RunSummary> runs;
    while (q.next())
        runs.append(readRun(q));
    return runs;
}

Result<QList<RunSummary>> DiscrepancyStore::completeFullRuns(qint64 sinceMs)
{
    return listRuns(QStringLiteral("WHERE kind = ? AND status = ? AND finished_ms >= ? ORDER BY finished_ms"),
                    {runKindName(RunKind::Full), runStatusName(RunStatus::Complete), sinceMs},
                    QStringLiteral("list complete full runs"));
}

Result<QList<RunSummary>> DiscrepancyStore::recentRuns(int limit)
{
    return listRuns(QStringLiteral("ORDER BY id DESC LIMIT ?"), {limit}, QStringLiteral("list runs"));
}

QString DiscrepancyStore::where(const DiscrepancyFilter &f, QVariantList *binds) const
{
    QString sql = QStringLiteral(" WHERE 1 = 1");
    if (f.status == DiscrepancyFilter::Status::Open)
        sql += QLatin1String(" AND resolved_run IS NULL");
    else if (f.status == DiscrepancyFilter::Status::Resolved)
        sql += QLatin1String(" AND resolved_run IS NOT NULL");
    if (!f.userContains.isEmpty()) {
        // instr() / strpos(): a plain substring match, no LIKE wildcards to escape.
        sql += m_dialect == ReconcileSql::Dialect::Sqlite ? QLatin1String(" AND instr(user_id, ?) > 0")
                                                          : QLatin1String(" AND strpos(user_id, ?) > 0");
        binds->append(f.userContains);
    }
    if (!f.accountType.isEmpty()) {
        sql += QLatin1String(" AND account_type = ?");
        binds->append(f.accountType);
    }
    const QString param = m_dialect == ReconcileSql::Dialect::Sqlite ? QStringLiteral("?")
                                                                     : QStringLiteral("CAST(? AS NUMERIC)");
    if (f.minAbsDifference) {
        sql += QLatin1String(" AND ABS(difference) >= ") + param;
        binds->append(ReconcileSql::bindMoney(m_dialect, *f.minAbsDifference));
    }
    if (f.maxAbsDifference) {
        sql += QLatin1String(" AND ABS(difference) <= ") + param;
        binds->append(ReconcileSql::bindMoney(m_dialect, *f.maxAbsDifference));
    }
    return sql;
}

Result<qint64> DiscrepancyStore::count(const DiscrepancyFilter &filter)
{
    QVariantList binds;
    QSqlQuery q(m_db);
    q.prepare(QLatin1String("SELECT COUNT(*) FROM reconcile_discrepancies") + where(filter, &binds));
    bindAll(q, binds);
    if (!q.exec() || !q.next())
        return fail(error(QStringLiteral("count discrepancies"), sqlErrorText(q.lastError())));
    return q.value(0).toLongLong();
}

Result<QList<StoredDiscrepancy>> DiscrepancyStore::fetch(const DiscrepancyFilter &filter, SortColumn sort,
                                                         bool descending, qint64 offset, int limit)
{
    static const char *const sortSql[] = {"user_id",    "account_type",  "ledger_value", "legacy_value",
                                          "difference", "first_seen_ms", "last_seen_ms", "resolved_run"};
    const auto money = [this](const char *c) {
        return ReconcileSql::moneySelect(m_dialect, QLatin1String(c));
    };
    QVariantList binds;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // id breaks ties so that windows of the same ordering never overlap or skip rows.
    q.prepare(QLatin1String("SELECT id, user_id, account_type, legacy_column, ") + money("ledger_value")
              + QLatin1String(", ") + money("legacy_value") + QLatin1String(", ") + money("difference")
              + QLatin1String(", first_seen_ms, last_seen_ms, first_run, last_run, resolved_run, resolved_ms"
                              " FROM reconcile_discrepancies")
              + where(filter, &binds) + QLatin1String(" ORDER BY ") + QLatin1String(sortSql[int(sort)])
              + (descending ? QLatin1String(" DESC") : QLatin1String(" ASC")) + QLatin1String(", id")
              + (descending ? QLatin1String(" DESC") : QLatin1String(" ASC"))
              + QLatin1String(" LIMIT ? OFFSET ?"));
    bindAll(q, binds);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec())
        return fail(error(QStringLiteral("list discrepancies"), sqlErrorText(q.lastError())));
    QList<StoredDiscrepancy> rows;
    while (q.next()) {
        StoredDiscrepancy d;
        d.id = q.value(0).toLongLong();
        d.record.userId = q.value(1).toString();
        d.record.accountType = q.value(2).toString();
        d.record.legacyColumn = q.value(3).toString();
        d.record.ledger = ReconcileSql::readDecimal(q.value(4));
        d.record.legacy = ReconcileSql::readDecimal(q.value(5));
        d.record.difference = ReconcileSql::readDecimal(q.value(6)).value_or(Decimal());
        d.firstSeenMs = q.value(7).toLongLong();
        d.lastSeenMs = q.value(8).toLongLong();
        d.firstRun = q.value(9).toLongLong();
        d.lastRun = q.value(10).toLongLong();
        d.resolvedRun = q.value(11).toLongLong();
        d.resolvedMs = q.value(12).toLongLong();
        rows.append(d);
    }
    return rows;
}

Result<QMap<QString, qint64>> DiscrepancyStore::openByAccountType()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT account_type, COUNT(*) FROM reconcile_discrepancies"
                               " WHERE resolved_run IS NULL GROUP BY account_type"))) {
        return fail(
            error(QStringLiteral("count open discrepancies by account type"), sqlErrorText(q.lastError())));
    }
    QMap<QString, qint64> counts;
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toLongLong());
    return counts;
}

Result<QList<RunHistoryPoint>> DiscrepancyStore::openHistory(qint64 sinceMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT finished_ms, open_after FROM reconcile_runs WHERE status = ? AND finished_ms >= ?"
        " ORDER BY finished_ms"));
    q.addBindValue(runStatusName(RunStatus::Complete));
    q.addBindValue(sinceMs);
    if (!q.exec())
        return fail(
            error(QStringLiteral("read the history of open discrepancies"), sqlErrorText(q.lastError())));
    QList<RunHistoryPoint> points;
    while (q.next())
        points.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    return points;
}

} // namespace Cockpit
