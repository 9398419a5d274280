// SPDX-License-Identifier: MIT
#include "reconcile_test_data.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

// The ledger project's own scripts/reconcile_balances.sh query, adapted only in the column pairing
// (one run per configured account type/legacy column pair), against the same PostgreSQL database as the
// reconciler, must find the same users.
class TstReconcileCrosscheck : public QObject
{
    Q_OBJECT

private:
    // The migration plan's query, verbatim but for the pairing ('usdc_balance' with buying_power in the
    // seed).
    static QString seedQuery(const AccountMapping &m)
    {
        return QStringLiteral("SELECT \n"
                              "    u.id as user_id,\n"
                              "    la.balance as ledger_balance,\n"
                              "    b.%2 as legacy_balance,\n"
                              "    la.balance - b.%2 as difference\n"
                              "FROM users u\n"
                              "JOIN ledger_accounts la ON la.user_id = u.id AND la.account_type = '%1'\n"
                              "LEFT JOIN balances b ON b.user_id = u.id\n"
                              "WHERE ABS(la.balance - b.%2) > 0.01\n")
            .arg(m.accountType, m.legacyColumn);
    }

private Q_SLOTS:
    void seedQueryFindsTheSameUsers()
    {
        LedgerTestBackend backend(QStringLiteral("postgres"));
        COCKPIT_REQUIRE_PG(*backend.pg());
        QString error;
        auto store = backend.open(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        {
            // Random operations through the ledger lane's facade in shadow mode, 15 % of legacy writes lost.
            LedgerIntegration facade(*store, backend.config(),
                                     *LedgerMode::forPhase(QStringLiteral("shadow")));
            QRandomGenerator rng(5);
            facade.setLegacyFaultHook([&rng](const QString &, const QString &) -> Cockpit::Result<void> {
                if (rng.bounded(100) < 15)
                    return Cockpit::fail(QStringLiteral("injected legacy outage"));
                return Cockpit::ok();
            });
            for (int i = 0; i < 600; ++i) {
                const QString user = QStringLiteral("user-%1").arg(rng.bounded(80));
                const Money amount = Money::fromMicros(1 + rng.bounded(50'000'000));
                const QString ref = QStringLiteral("op-%1").arg(i);
                switch (rng.bounded(4)) {
                case 0:
                case 1:
                    facade.creditUserUsdc(user, amount, QStringLiteral("deposit"), ref);
                    break;
                case 2:
                    facade.moveFundsToFiatExposure(user, amount, QStringLiteral("move"), ref);
                    break;
                default:
                    facade.reserveForInvestment(user, amount, ref);
                    break;
                }
            }
        }
        store.reset();
        // Legacy edits within and beyond the migration plan's 0.01.
        QVERIFY(backend
                    .exec(QStringLiteral("UPDATE balances SET buying_power = buying_power + 0.01"
                                         " WHERE user_id IN ('user-1', 'user-2')"))
                    .isEmpty());
        QVERIFY(backend
                    .exec(QStringLiteral("UPDATE balances SET pending_deposits = pending_deposits - 0.011"
                                         " WHERE user_id IN ('user-3', 'user-4')"))
                    .isEmpty());

        QSet<QString> seedUsers;
        int seedRows = 0;
        for (const AccountMapping &m : backend.config().mapping) {
            QSqlQuery q(backend.raw());
            QVERIFY2(q.exec(seedQuery(m)), qPrintable(q.lastError().text()));
            while (q.next()) {
                seedUsers.insert(q.value(0).toString());
                ++seedRows;
            }
        }

        Reconciler reconciler(backend.config().database, backend.config().mapping);
        QCOMPARE(errorMessage(reconciler.open()), QString());
        QSet<QString> twoSided;
        QSet<QString> oneSided;
        int twoSidedRows = 0;
        const RunSummary s = reconciler.run(Reconciler::Options{}, [&](const DiscrepancyRecord &r) {
            if (r.isOneSided()) {
                oneSided.insert(r.userId);
            } else {
                twoSided.insert(r.userId);
                ++twoSidedRows;
            }
        });
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QVERIFY(seedUsers.size() >= 5); // the data really has discrepancies
        QCOMPARE(twoSided, seedUsers);
        QCOMPARE(twoSidedRows, seedRows);

        // What the migration plan's query cannot see (its ABS(NULL) is NULL): users whose first legacy write
        // was lost.
        QSqlQuery noLegacyRow(backend.raw());
        QVERIFY(noLegacyRow.exec(
            QStringLiteral("SELECT DISTINCT user_id FROM ledger_accounts a WHERE user_id IS NOT NULL"
                           " AND NOT EXISTS (SELECT 1 FROM balances b WHERE b.user_id = a.user_id)")));
        QSet<QString> missing;
        while (noLegacyRow.next())
            missing.insert(noLegacyRow.value(0).toString());
        QCOMPARE(oneSided, missing);
        qInfo("seed query: %d users (%d rows); reconciler: the same plus %d users on one side only",
              int(seedUsers.size()), seedRows, int(oneSided.size()));
    }
};

QTEST_GUILESS_MAIN(TstReconcileCrosscheck)
#include "tst_reconcile_crosscheck.moc"
