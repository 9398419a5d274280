// SPDX-License-Identifier: MIT
// The control store's evidence of analysed rollout intervals, written by the guard holding the lease.
#include "control/sql_control_store.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

Result<void> SqlControlStore::recordEvidence(const QList<EvidenceRecord> &records)
{
    if (records.isEmpty())
        return ok();
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    // A later look replaces a record only when it judged worse (inconclusive < pass < failing < breach):
    // data that arrived late completes an interval, the history never says pass for an interval a rollback
    // counted as failing, and a later pass never hides what a rollback was based on.
    const QString evidenceTable = table("rollout_evidence");
    const auto rank = [](const QString &column) -> QString {
        return QLatin1String("(CASE ") + column
               + QLatin1String(" WHEN 'breach' THEN 3 WHEN 'failing' THEN 2 WHEN 'pass' THEN 1 ELSE 0 END)");
    };
    q.prepare(
        QLatin1String("INSERT INTO ") + evidenceTable
        + QLatin1String(" (subject, from_ms, to_ms, status, evidence, recorded_by, recorded_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject, from_ms) DO UPDATE SET"
                        " to_ms = excluded.to_ms, status = excluded.status, evidence = excluded.evidence,"
                        " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at WHERE ")
        + rank(QStringLiteral("excluded.status")) + QLatin1String(" > ")
        + rank(evidenceTable + QLatin1String(".status")));
    for (const EvidenceRecord &r : records) {
        q.addBindValue(r.subject);
        q.addBindValue(r.fromMs);
        q.addBindValue(r.toMs);
        q.addBindValue(r.status);
        q.addBindValue(r.evidence);
        q.addBindValue(r.recordedBy.isNull() ? QStringLiteral("") : r.recordedBy);
        q.addBindValue(timeText(r.recordedAt));
        if (!q.exec()) {
            result = sqlError(q, QLatin1String("cannot record the evidence of ") + r.subject);
            rollback();
            return result;
        }
    }
    return commit();
}

Result<QList<EvidenceRecord>> SqlControlStore::evidence(const QString &subject, qint64 fromMs, qint64 toMs,
                                                        int limit)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(
        QLatin1String("SELECT subject, from_ms, to_ms, status, evidence, recorded_by, recorded_at FROM ")
        + table("rollout_evidence")
        + QLatin1String(" WHERE subject = ? AND to_ms > ? AND to_ms <= ? ORDER BY from_ms DESC LIMIT ?"));
    q.addBindValue(subject);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    q.addBindValue(std::max(0, limit));
    if (!q.exec())
        return fail(sqlError(q, QLatin1String("cannot read the evidence of ") + subject).error());
    QList<EvidenceRecord> records;
    while (q.next()) {
        records.prepend({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                         q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                         QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs).toUTC()});
    }
    return records;
}

Result<void> SqlControlStore::pruneEvidence(qint64 beforeMs, int *removed)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    q.prepare(QLatin1String("DELETE FROM ") + table("rollout_evidence") + QLatin1String(" WHERE to_ms < ?"));
    q.addBindValue(beforeMs);
    if (!q.exec()) {
        result = sqlError(q, QStringLiteral("cannot prune old evidence"));
        rollback();
        return result;
    }
    if (removed)
        *removed = q.numRowsAffected();
    return commit();
}

} // namespace Cockpit
