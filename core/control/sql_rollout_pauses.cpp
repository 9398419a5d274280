// SPDX-License-Identifier: MIT
// The control store's rollout pauses: one row per paused module, shared by every cockpit, CLI and guard.
#include "control/sql_control_store.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

Result<QList<RolloutPause>> SqlControlStore::rolloutPauses()
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QLatin1String("SELECT module, paused_by, reason, paused_at FROM ") + table("rollout_pauses")
                + QLatin1String(" ORDER BY module")))
        return fail(sqlError(q, QStringLiteral("cannot read the rollout pauses")).error());
    QList<RolloutPause> pauses;
    while (q.next()) {
        pauses.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs).toUTC()});
    }
    return pauses;
}

Result<void> SqlControlStore::setRolloutPause(const QString &module, const std::optional<RolloutPause> &pause)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    if (pause) {
        // A module paused by someone else stays theirs: the second pause is refused, not overwritten.
        q.prepare(QLatin1String("INSERT INTO ") + table("rollout_pauses")
                  + QLatin1String(" (module, paused_by, reason, paused_at) VALUES (?, ?, ?, ?)"
                                  " ON CONFLICT (module) DO NOTHING"));
        q.addBindValue(module);
        // A null QString would bind NULL; an empty reason is a value.
        q.addBindValue(pause->pausedBy.isNull() ? QStringLiteral("") : pause->pausedBy);
        q.addBindValue(pause->reason.isNull() ? QStringLiteral("") : pause->reason);
        q.addBindValue(pause->pausedAt.toUTC().toString(Qt::ISODateWithMs));
    } else {
        q.prepare(QLatin1String("DELETE FROM ") + table("rollout_pauses")
                  + QLatin1String(" WHERE module = ?"));
        q.addBindValue(module);
    }
    if (!q.exec()) {
        result = sqlError(q, pause ? QStringLiteral("cannot pause ") + module
                                   : QStringLiteral("cannot resume ") + module);
        rollback();
        return result;
    }
    if (q.numRowsAffected() == 0) {
        rollback();
        return fail(module + (pause ? QLatin1String(" is already paused") : QLatin1String(" is not paused")),
                    ErrorKind::Conflict);
    }
    return commit();
}

} // namespace Cockpit
