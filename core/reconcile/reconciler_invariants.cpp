// SPDX-License-Identifier: MIT
// The ledger's own invariants, checked by full runs (reported apart from discrepancies) and by
// `ledger check`.
#include "reconcile/reconciler.h"

#include "db/sql_error_text.h"
#include "reconcile/ledger_invariants.h"

#include "reconcile/reconcile_sql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Cockpit {

Result<void> Reconciler::checkInvariants(RunSummary &summary)
{
    InvariantFindings findings;
    Result<void> checked = LedgerInvariants::check(
        database(), dialect(), m_names, describe(), MaxListedViolations, [this] { return cancelled(); },
        &findings);
    summary.invariantViolationCount += findings.count;
    summary.invariantViolations += findings.listed;
    if (checked)
        summary.invariantsChecked = true;
    return checked;
}

Result<void> LedgerInvariants::check(QSqlDatabase db, ReconcileSql::Dialect d,
                                     const ReconcileSql::Names &names, const QString &describe, int maxListed,
                                     const std::function<bool()> &cancelled, InvariantFindings *findings)
{
    const auto money = [](const QVariant &v) {
        const std::optional<Decimal> m = ReconcileSql::readDecimal(v);
        return m ? m->toString() : v.toString();
    };
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const auto failed = [&](const QString &step) -> Result<void> {
        return fail(describe + QLatin1String(": ") + step + QLatin1String(": ")
                    + sqlErrorText(q.lastError()));
    };
    // Runs one check, counting every row it returns and listing the first ones as line() words them.
    const auto check = [&](const QString &sql, const QString &step, const auto &line) -> Result<void> {
        if (!q.exec(sql))
            return failed(step);
        while (q.next()) {
            if (cancelled && cancelled())
                return fail(QStringLiteral("cancelled by the operator"));
            if (++findings->count <= maxListed)
                findings->listed.append(line());
        }
        return q.lastError().isValid() ? failed(step) : ok();
    };
    if (d == ReconcileSql::Dialect::Sqlite) { // PostgreSQL enforces the foreign keys itself
        if (Result<void> e =
                check(ReconcileSql::danglingReferences().sql, QStringLiteral("check the ledger's references"),
                      [&] {
                          return QStringLiteral("%1 %2: %3 %4 does not exist")
                              .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                   q.value(3).toString());
                      });
            !e)
            return e;
    }
    if (Result<void> e =
            check(ReconcileSql::unbalancedTransactions(d, names).sql,
                  QStringLiteral("check that transactions balance"),
                  [&] {
                      return QStringLiteral("transaction %1: %2 entries summing to %3 (must be two or more"
                                            " summing to zero)")
                          .arg(q.value(0).toString(), q.value(1).toString(), money(q.value(2)));
                  });
        !e)
        return e;
    if (Result<void> e =
            check(ReconcileSql::accountBalanceMismatches(d, names).sql,
                  QStringLiteral("check account balances against their entries"),
                  [&] {
                      return QStringLiteral("account %1 (%2/%3): balance %4 but its entries sum to %5")
                          .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                               money(q.value(3)), money(q.value(4)));
                  });
        !e)
        return e;
    return ok();
}

} // namespace Cockpit
