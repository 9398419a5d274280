// SPDX-License-Identifier: MIT
// The control store's guard lease (one acting guard per environment) and its settings.
#include "control/sql_control_store.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

namespace {

// UTC with milliseconds and a "Z": the stored form, which sorts as text in time order.
QString stamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseStamp(const QVariant &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s); // NOT NULL columns: empty, not NULL
}

} // namespace

Result<std::optional<GuardLease>> SqlControlStore::guardLease()
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QLatin1String("SELECT holder, label, host, pid, heartbeat_at, expires_at, priority FROM ")
                + table("guard_lease")))
        return fail(sqlError(q, QStringLiteral("cannot read the guard lease")).error());
    if (!q.next())
        return std::nullopt;
    return GuardLease{q.value(0).toString(),   q.value(1).toString(),  q.value(2).toString(),
                      q.value(3).toLongLong(), parseStamp(q.value(4)), parseStamp(q.value(5)),
                      q.value(6).toInt()};
}

Result<void> SqlControlStore::acquireGuardLease(const GuardLease &lease)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    // One row: inserted when nobody ever held it, updated when it is ours or expired, else left alone.
    QSqlQuery q(database());
    q.prepare(
        QLatin1String("INSERT INTO ") + table("guard_lease")
        + QLatin1String(" (id, holder, label, host, pid, heartbeat_at, expires_at, priority)"
                        " VALUES (1, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, label = excluded.label,"
                        " host = excluded.host, pid = excluded.pid, heartbeat_at = excluded.heartbeat_at,"
                        " expires_at = excluded.expires_at, priority = excluded.priority"
                        " WHERE guard_lease.holder = excluded.holder"
                        " OR guard_lease.expires_at < excluded.heartbeat_at"
                        " OR guard_lease.priority < excluded.priority"));
    q.addBindValue(text(lease.holder));
    q.addBindValue(text(lease.label));
    q.addBindValue(text(lease.host));
    q.addBindValue(lease.pid);
    q.addBindValue(stamp(lease.heartbeatAt));
    q.addBindValue(stamp(lease.expiresAt));
    q.addBindValue(lease.priority);
    if (!q.exec()) {
        result = sqlError(q, QStringLiteral("cannot take the guard lease"));
        rollback();
        return result;
    }
    if (q.numRowsAffected() == 0) {
        rollback();
        const std::optional<GuardLease> holder = valueOf(guardLease()).value_or(std::nullopt);
        return fail(holder ? QLatin1String("the guard lease is held by ") + holder->label
                                 + QLatin1String(" on ") + holder->host + QLatin1String(" (process ")
                                 + QString::number(holder->pid) + QLatin1Char(')')
                           : QStringLiteral("the guard lease is held by another guard"),
                    ErrorKind::Conflict);
    }
    return commit();
}

Result<void> SqlControlStore::releaseGuardLease(const QString &holder)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    q.prepare(QLatin1String("DELETE FROM ") + table("guard_lease") + QLatin1String(" WHERE holder = ?"));
    q.addBindValue(text(holder));
    if (!q.exec()) {
        result = sqlError(q, QStringLiteral("cannot release the guard lease"));
        rollback();
        return result;
    }
    return commit();
}

Result<std::optional<ControlSetting>> SqlControlStore::setting(const QString &name)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QLatin1String("SELECT value, changed_by, reason, changed_at FROM ") + table("settings")
              + QLatin1String(" WHERE name = ?"));
    q.addBindValue(text(name));
    if (!q.exec())
        return fail(sqlError(q, QLatin1String("cannot read the setting ") + name).error());
    if (!q.next())
        return std::nullopt;
    return ControlSetting{name, q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          parseStamp(q.value(3))};
}

Result<void> SqlControlStore::setSetting(const ControlSetting &setting, AuditEntry *audit)
{
    Result<void> result = beginWrite();
    if (!result)
        return result;
    QSqlQuery q(database());
    q.prepare(QLatin1String("INSERT INTO ") + table("settings")
              + QLatin1String(" (name, value, changed_by, reason, changed_at) VALUES (?, ?, ?, ?, ?)"
                              " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
                              " changed_by = excluded.changed_by, reason = excluded.reason,"
                              " changed_at = excluded.changed_at"));
    q.addBindValue(text(setting.name));
    q.addBindValue(text(setting.value));
    q.addBindValue(text(setting.changedBy));
    q.addBindValue(text(setting.reason));
    q.addBindValue(stamp(setting.changedAt));
    if (!q.exec()) {
        result = sqlError(q, QLatin1String("cannot change the setting ") + setting.name);
        rollback();
        return result;
    }
    if (audit) {
        result = m_audit.appendInOpenTransaction(*audit);
        if (!result) {
            rollback();
            return fail(QLatin1String("the setting was not changed: its audit entry could not be "
                                      "written: ")
                            + result.error().message,
                        result.error().kind);
        }
    }
    return commit();
}

Result<QString> SqlControlStore::changeStamp()
{
    // One statement of four aggregates over small tables: what a view polling every second may cost.
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QLatin1String("SELECT (SELECT COALESCE(SUM(version), 0) FROM ") + table("migrations")
                + QLatin1String("), (SELECT COUNT(*) FROM ") + table("migrations")
                + QLatin1String("), (SELECT COUNT(*) FROM ") + table("intents")
                + QLatin1String(" WHERE status = 'pending'), (SELECT COALESCE(MAX(last_seq), 0) FROM ")
                + table("audit_head") + QLatin1Char(')'))
        || !q.next())
        return fail(sqlError(q, QStringLiteral("cannot read the control store's state")).error());
    return q.value(0).toString() + QLatin1Char('/') + q.value(1).toString() + QLatin1Char('/')
           + q.value(2).toString() + QLatin1Char('/') + q.value(3).toString();
}

} // namespace Cockpit
