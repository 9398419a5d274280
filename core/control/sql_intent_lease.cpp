// SPDX-License-Identifier: MIT
// The lease on a running transition: its holder renews it while the actuator runs, a resume or rollback
// takes it over only with a compare-and-set, and only the holder may end the intent (fencing).
#include "control/sql_control_store.h"

#include <QSqlQuery>

namespace Cockpit {

Result<void> SqlControlStore::holdsLease(const QString &intentId, const QString &owner)
{
    const Result<std::optional<TransitionIntent>> read = intent(intentId);
    if (!read)
        return fail(read.error());
    const std::optional<TransitionIntent> &now = *read;
    if (!now) {
        return fail(QLatin1String("control database has no transition ") + intentId, ErrorKind::Failed);
    }
    if (!now->isPending()) {
        return fail(QLatin1String("transition ") + intentId + QLatin1String(" is no longer pending (")
                        + now->status + QLatin1String(", finished by someone else)"),
                    ErrorKind::Conflict);
    }
    if (now->owner != owner) {
        return fail(QLatin1String("transition ") + intentId + QLatin1String(" is now held by ")
                        + now->operatorLabel + QLatin1String(" on ") + now->host + QLatin1String(" (process ")
                        + QString::number(now->pid) + QLatin1String(", last heartbeat ")
                        + now->heartbeatAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                        + QLatin1String(" UTC)"),
                    ErrorKind::Fenced);
    }
    return ok();
}

Result<void> SqlControlStore::heartbeat(const QString &intentId, const QString &owner)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    q.prepare(QLatin1String("UPDATE ") + table("intents")
              + QLatin1String(" SET heartbeat_at = ? WHERE id = ? AND owner = ? AND status = 'pending'"));
    q.addBindValue(timeText(QDateTime::currentDateTimeUtc()));
    q.addBindValue(intentId);
    q.addBindValue(owner);
    if (!q.exec()) {
        result = sqlError(q, QStringLiteral("cannot renew the transition's lease"));
        rollback();
        return result;
    }
    if (q.numRowsAffected() != 1) {
        result = holdsLease(intentId, owner);
        rollback();
        return result.has_value()
                   ? fail(QStringLiteral("the transition's lease was not renewed"), ErrorKind::Failed)
                   : result;
    }
    return commit();
}

Result<void> SqlControlStore::takeOver(const QString &intentId, const QString &expectedOwner,
                                       const TransitionIntent &taker)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    // Intents of older cockpits have no owner: NULL and "" both mean "held by nobody we know".
    QSqlQuery q(database());
    q.prepare(QLatin1String("UPDATE ") + table("intents")
              + QLatin1String(" SET owner = ?, heartbeat_at = ?, operator = ?, host = ?, pid = ?"
                              " WHERE id = ? AND status = 'pending' AND COALESCE(owner, '') = ?"));
    q.addBindValue(taker.owner);
    q.addBindValue(timeText(QDateTime::currentDateTimeUtc()));
    q.addBindValue(taker.operatorLabel);
    q.addBindValue(taker.host);
    q.addBindValue(taker.pid);
    q.addBindValue(intentId);
    q.addBindValue(expectedOwner.isNull() ? QStringLiteral("") : expectedOwner);
    if (!q.exec()) {
        result = sqlError(q, QStringLiteral("cannot take the transition over"));
        rollback();
        return result;
    }
    if (q.numRowsAffected() != 1) {
        result = holdsLease(intentId, expectedOwner);
        rollback();
        return fail(QLatin1String("state changed since you looked: ")
                        + (result.has_value() ? QStringLiteral("the transition changed hands")
                                              : errorMessage(result)),
                    ErrorKind::Conflict);
    }
    return commit();
}

} // namespace Cockpit
