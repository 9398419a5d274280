// SPDX-License-Identifier: MIT
#pragma once

#include "../ledger/ledger_test_backend.h"
#include "ledger/ledger_integration.h"
#include "ledger/ledger_mode.h"
#include "reconcile/reconcile_sql.h"
#include "reconcile/reconciler.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace CockpitTest {

inline Cockpit::Money money(const char *text)
{
    return *Cockpit::Money::parse(QString::fromLatin1(text));
}

inline Cockpit::ReconcileSql::Dialect dialectOf(LedgerTestBackend &backend)
{
    return backend.isPostgres() ? Cockpit::ReconcileSql::Dialect::Postgres
                                : Cockpit::ReconcileSql::Dialect::Sqlite;
}

// Sets one legacy column the way the legacy service (another program) would: behind the ledger's back.
inline QString setLegacy(LedgerTestBackend &backend, const QString &user, const QString &column,
                         Cockpit::Money value)
{
    QSqlQuery q(backend.raw());
    q.prepare(QLatin1String("UPDATE balances SET ") + column + QLatin1String(" = ? WHERE user_id = ?"));
    q.addBindValue(Cockpit::ReconcileSql::bindMoney(dialectOf(backend), value));
    q.addBindValue(user);
    if (!q.exec())
        return q.lastError().text();
    return q.numRowsAffected() == 1 ? QString() : QStringLiteral("no legacy row for ") + user;
}

inline QString insertLegacyRow(LedgerTestBackend &backend, const QString &user,
                               Cockpit::Money pendingDeposits)
{
    QSqlQuery q(backend.raw());
    q.prepare(QStringLiteral("INSERT INTO balances (user_id, pending_deposits) VALUES (?, ?)"));
    q.addBindValue(user);
    q.addBindValue(Cockpit::ReconcileSql::bindMoney(dialectOf(backend), pendingDeposits));
    return q.exec() ? QString() : q.lastError().text();
}

inline QString writeFacadePart(Cockpit::LedgerStore &store, LedgerTestBackend &backend)
{
    Cockpit::LedgerIntegration facade(store, backend.config(),
                                      *Cockpit::LedgerMode::forPhase(QStringLiteral("shadow")));
    QSet<QString> failLegacyFor;
    facade.setLegacyFaultHook(
        [&failLegacyFor](const QString &, const QString &user) -> Cockpit::Result<void> {
            if (failLegacyFor.contains(user))
                return Cockpit::fail(QStringLiteral("injected legacy outage"));
            return Cockpit::ok();
        });
    const auto deposit = [&](const char *user, const char *amount, const char *ref) {
        const Cockpit::OperationResult r = facade.creditUserUsdc(
            QString::fromLatin1(user), money(amount), QStringLiteral("test"), QString::fromLatin1(ref));
        return r.ok() ? QString() : r.message;
    };
    if (QString e = deposit("u1", "100", "d1"); !e.isEmpty())
        return e;
    failLegacyFor.insert(QStringLiteral("u2"));
    if (QString e = deposit("u2", "100", "d2"); !e.isEmpty())
        return e;
    failLegacyFor.clear();
    if (QString e = deposit("u3", "50", "d3a"); !e.isEmpty())
        return e;
    failLegacyFor.insert(QStringLiteral("u3"));
    if (QString e = deposit("u3", "10", "d3b"); !e.isEmpty())
        return e;
    failLegacyFor.clear();
    if (QString e = deposit("u5", "100", "d5"); !e.isEmpty())
        return e;
    const Cockpit::OperationResult moved = facade.moveFundsToFiatExposure(
        QStringLiteral("u5"), money("40"), QStringLiteral("test"), QStringLiteral("m5"));
    return moved.ok() ? QString() : moved.message;
}

// The scenario most tests share, written through the ledger lane's facade in shadow mode (legacy faults
// injected with its hook) plus one legacy-only user and one legacy edit:
//   u1 in sync; u2's only deposit lost its legacy write (ledger only); u3 lost its second deposit's legacy
//   write (60 vs 50); u4 exists only in the legacy table; u5's legacy buying_power is off by exactly the
//   tolerance (not a discrepancy) and pending_investments by one micro-unit more (a discrepancy).
inline QString writeScenario(LedgerTestBackend &backend)
{
    QString error;
    auto store = backend.open(&error);
    if (!error.isEmpty())
        return error;
    if (QString e = writeFacadePart(*store, backend); !e.isEmpty())
        return e;
    store.reset();
    if (QString e = insertLegacyRow(backend, QStringLiteral("u4"), money("5")); !e.isEmpty())
        return e;
    if (QString e = setLegacy(backend, QStringLiteral("u5"), QStringLiteral("buying_power"), money("40.01"));
        !e.isEmpty())
        return e;
    return setLegacy(backend, QStringLiteral("u5"), QStringLiteral("pending_investments"), money("0.010001"));
}

// "user/type" of each row, sorted, for one-line comparisons.
inline QStringList keys(const QList<Cockpit::DiscrepancyRecord> &rows)
{
    QStringList out;
    for (const Cockpit::DiscrepancyRecord &r : rows)
        out.append(r.userId + QLatin1Char('/') + r.accountType);
    out.sort();
    return out;
}

} // namespace CockpitTest
