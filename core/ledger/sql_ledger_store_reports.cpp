// SPDX-License-Identifier: MIT
// SqlLedgerStore, second half: read snapshots and the reports (history, shadow-write failures, discrepancies,
// metrics, invariant checks). The write path is in sql_ledger_store.cpp.
#include "ledger/sql_ledger_store.h"

#include "ledger/ledger_schema.h"

#include <QSqlError>

#include <tuple>

namespace Cockpit {

namespace {

// QtSql binds a null QString as SQL NULL; every text column of ours is NOT NULL.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QString signedSql(bool debit)
{
    return debit ? QStringLiteral("-e.amount") : QStringLiteral("e.amount");
}

} // namespace

// Reads that must agree with each other (a compared read) share one read-only snapshot.
Result<void> SqlLedgerStore::beginReadSnapshot()
{
    if (m_inTransaction)
        return fail(describe() + QLatin1String(": a read snapshot cannot be opened inside a transaction"));
    for (const QString &sql : readSnapshotStatements()) {
        if (Result<void> opened = control(sql, QStringLiteral("open a read snapshot")); !opened) {
            // What failed is the snapshot; a failed rollback of nothing written adds nothing.
            std::ignore = control(QStringLiteral("ROLLBACK"), QStringLiteral("rollback"));
            return opened;
        }
    }
    return ok();
}

Result<void> SqlLedgerStore::endReadSnapshot()
{
    return control(QStringLiteral("COMMIT"), QStringLiteral("end the read snapshot"));
}

Result<QList<HistoryEntry>> SqlLedgerStore::history(const QString &userId, int limit)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QLatin1String("SELECT t.id, t.created_at, t.reference_type, t.reference_id, t.description,"
                            " a.account_type, e.entry_type, ")
              + moneySelect(QStringLiteral("e.amount"))
              + QLatin1String(" FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id"
                              " JOIN ledger_transactions t ON t.id = e.transaction_id"
                              " WHERE a.user_id = ? ORDER BY e.id DESC LIMIT ?"));
    q.addBindValue(userId);
    q.addBindValue(limit);
    if (!q.exec())
        return fail(sqlError(q, QLatin1String("read history of ") + userId));
    QList<HistoryEntry> rows;
    while (q.next()) {
        HistoryEntry h;
        h.transactionId = q.value(0).toLongLong();
        h.createdAtMs = q.value(1).toLongLong();
        h.referenceType = q.value(2).toString();
        h.referenceId = q.value(3).toString();
        h.description = q.value(4).toString();
        h.accountType = q.value(5).toString();
        h.debit = q.value(6).toString() == QLatin1String("debit");
        h.amount = readMoney(q.value(7)).value_or(Money());
        rows.append(h);
    }
    return rows;
}

Result<QStringList> SqlLedgerStore::userIds(int limit)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM users ORDER BY id LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return fail(sqlError(q, QStringLiteral("list users")));
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

Result<void> SqlLedgerStore::recordShadowFailure(const ShadowFailure &f)
{
    if (Result<void> writable = writeGuard(); !writable)
        return writable;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO ledger_shadow_failures (at_ms, user_id, operation, reference_type,"
                             " reference_id, error) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {QVariant(f.atMs), text(f.userId), text(f.operation), text(f.referenceType),
                              text(f.referenceId), text(f.error)})
        q.addBindValue(v);
    if (!q.exec())
        return fail(sqlError(q, QStringLiteral("record shadow-write failure")));
    return ok();
}

Result<void> SqlLedgerStore::recordDiscrepancy(const Discrepancy &d)
{
    if (Result<void> writable = writeGuard(); !writable)
        return writable;
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("INSERT INTO ledger_discrepancy_events (at_ms, user_id, account_type, legacy_column,"
                       " ledger_value, legacy_value, source) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {QVariant(d.atMs), text(d.userId), text(d.accountType), text(d.legacyColumn),
                              QVariant(d.ledger.toString()), QVariant(d.legacy.toString()), text(d.source)})
        q.addBindValue(v);
    if (!q.exec())
        return fail(sqlError(q, QStringLiteral("record discrepancy")));
    return ok();
}

Result<QList<ShadowFailure>> SqlLedgerStore::shadowFailures(int limit)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, at_ms, user_id, operation, reference_type, reference_id, error"
                             " FROM ledger_shadow_failures ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return fail(sqlError(q, QStringLiteral("list shadow-write failures")));
    QList<ShadowFailure> rows;
    while (q.next()) {
        rows.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                     q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                     q.value(6).toString()});
    }
    return rows;
}

Result<qint64> SqlLedgerStore::shadowFailureCount()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ledger_shadow_failures")) || !q.next())
        return fail(sqlError(q, QStringLiteral("count shadow-write failures")));
    return q.value(0).toLongLong();
}

Result<QList<Discrepancy>> SqlLedgerStore::discrepancies(qint64 sinceMs, int limit)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT at_ms, user_id, account_type, legacy_column, ledger_value, legacy_value, source"
        " FROM ledger_discrepancy_events WHERE at_ms >= ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(sinceMs);
    q.addBindValue(limit);
    if (!q.exec())
        return fail(sqlError(q, QStringLiteral("list discrepancies")));
    QList<Discrepancy> rows;
    while (q.next()) {
        rows.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toString(), Money::parse(q.value(4).toString()).value_or(Money()),
                     Money::parse(q.value(5).toString()).value_or(Money()), q.value(6).toString()});
    }
    return rows;
}

Result<void> SqlLedgerStore::writeMetrics(const QList<MetricRow> &rows)
{
    if (Result<void> writable = writeGuard(); !writable)
        return writable;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO ledger_metrics (second, metric, label, count, histogram)"
                             " VALUES (?, ?, ?, ?, ?)"));
    for (const MetricRow &r : rows) {
        q.addBindValue(r.second);
        q.addBindValue(text(r.metric));
        q.addBindValue(text(r.label));
        q.addBindValue(r.count);
        q.addBindValue(text(r.histogram));
        if (!q.exec())
            return fail(sqlError(q, QStringLiteral("write metrics")));
    }
    return ok();
}

Result<QList<MetricRow>> SqlLedgerStore::readMetrics(qint64 sinceSecond)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT second, metric, label, count, histogram FROM ledger_metrics"
                             " WHERE second >= ? ORDER BY second"));
    q.addBindValue(sinceSecond);
    if (!q.exec())
        return fail(sqlError(q, QStringLiteral("read metrics")));
    QList<MetricRow> rows;
    while (q.next()) {
        rows.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toLongLong(), q.value(4).toString()});
    }
    return rows;
}

Result<QStringList> SqlLedgerStore::checkInvariants()
{
    const QString signedAmount = QLatin1String("CASE WHEN e.entry_type = 'debit' THEN ") + signedSql(true)
                                 + QLatin1String(" ELSE ") + signedSql(false) + QLatin1String(" END");
    struct Check
    {
        QString sql;
        QString what;
    };
    const Check checks[] = {
        {QLatin1String("SELECT t.id, COUNT(e.id), ")
             + moneySelect(QLatin1String("COALESCE(SUM(") + signedAmount + QLatin1String("), 0)"))
             + QLatin1String(
                 " FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id"
                 " GROUP BY t.id HAVING COUNT(e.id) < 2 OR COALESCE(SUM(")
             + signedAmount + QLatin1String("), 0) <> 0"),
         QStringLiteral("transaction %1: %2 entries summing to %3 (must be >= 2 summing to 0)")},
        {QLatin1String("SELECT a.id, ") + moneySelect(QStringLiteral("a.balance")) + QLatin1String(", ")
             + moneySelect(QLatin1String("COALESCE(SUM(") + signedAmount + QLatin1String("), 0)"))
             + QLatin1String(" FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id"
                             " GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(")
             + signedAmount + QLatin1String("), 0)"),
         QStringLiteral("account %1: balance %2 but its entries sum to %3")},
        {QLatin1String("SELECT id, user_id, ") + moneySelect(QStringLiteral("balance"))
             + QLatin1String(" FROM ledger_accounts WHERE user_id IS NOT NULL AND balance < 0"),
         QStringLiteral("account %1 of user %2 is negative: %3")},
    };
    QStringList violations;
    if (isSqlite()) {
        QSqlQuery q(database());
        q.setForwardOnly(true);
        if (!q.exec(LedgerSchema::danglingReferencesQuery()))
            return fail(sqlError(q, QStringLiteral("check ledger references")));
        while (q.next()) {
            violations.append(QStringLiteral("%1 %2: %3 %4 does not exist")
                                  .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                       q.value(3).toString()));
        }
    }
    for (const Check &check : checks) {
        QSqlQuery q(database());
        q.setForwardOnly(true);
        if (!q.exec(check.sql))
            return fail(sqlError(q, QStringLiteral("check ledger invariants")));
        while (q.next()) {
            const auto money = [&](int i) {
                const std::optional<Money> m = readMoney(q.value(i));
                return m ? m->toString() : q.value(i).toString();
            };
            if (check.what.contains(QLatin1String("entries summing")))
                violations.append(check.what.arg(q.value(0).toString(), q.value(1).toString(), money(2)));
            else if (check.what.contains(QLatin1String("negative")))
                violations.append(check.what.arg(q.value(0).toString(), q.value(1).toString(), money(2)));
            else
                violations.append(check.what.arg(q.value(0).toString(), money(1), money(2)));
        }
    }
    return violations;
}

Result<QMap<QString, Money>> SqlLedgerStore::ledgerBalances(const QString &userId)
{
    QSqlQuery &q = m_selectLedgerBalances;
    q.addBindValue(userId);
    if (!q.exec())
        return fail(sqlError(q, QLatin1String("read ledger balances of ") + userId));
    QMap<QString, Money> balances;
    while (q.next()) {
        const std::optional<Money> m = readMoney(q.value(1));
        if (!m) {
            QString message =
                describe() + QLatin1String(": unreadable ledger balance ") + q.value(1).toString();
            q.finish();
            return fail(std::move(message));
        }
        balances.insert(q.value(0).toString(), *m);
    }
    q.finish();
    return balances;
}

Result<QMap<QString, Money>> SqlLedgerStore::legacyBalances(const QString &userId)
{
    QSqlQuery &q = m_selectLegacyBalances;
    q.addBindValue(userId);
    if (!q.exec())
        return fail(sqlError(q, QLatin1String("read legacy balances of ") + userId));
    QMap<QString, Money> balances;
    const bool found = q.next();
    for (qsizetype i = 0; i < m_mapping.size(); ++i) {
        const QVariant v = found ? q.value(static_cast<int>(i)) : QVariant();
        const std::optional<Money> m = found && !v.isNull() ? readMoney(v) : std::optional<Money>(Money());
        if (!m) {
            QString message = describe() + QLatin1String(": unreadable legacy ")
                              + m_mapping.at(i).legacyColumn + QLatin1String(" of ") + userId
                              + QLatin1String(": ") + v.toString();
            q.finish();
            return fail(std::move(message));
        }
        balances.insert(m_mapping.at(i).legacyColumn, *m);
    }
    q.finish();
    return balances;
}

} // namespace Cockpit
