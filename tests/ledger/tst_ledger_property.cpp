// SPDX-License-Identifier: MIT
#include "ledger/ledger_integration.h"
#include "ledger/ledger_store.h"
#include "ledger/ledger_workload.h"
#include "ledger_test_backend.h"

#include <QSqlQuery>
#include <QTest>

using namespace Cockpit;

namespace {

// Per user and legacy column: the ledger deltas whose legacy write failed (from the recorded
// shadow-write failures joined to their ledger transactions).
QMap<QString, Money> missedLegacyDeltas(CockpitTest::LedgerTestBackend &backend,
                                        const QList<AccountMapping> &mapping, QString *error)
{
    QMap<QString, Money> missed;
    QSqlQuery q(backend.raw());
    q.setForwardOnly(true);
    if (!q.exec(
            QLatin1String("SELECT a.user_id, a.account_type, e.entry_type, ")
            + backend.moneyText(QStringLiteral("e.amount"))
            + QLatin1String(" FROM ledger_shadow_failures f"
                            " JOIN ledger_transactions t ON t.reference_type = f.reference_type"
                            " AND t.reference_id = f.reference_id"
                            " JOIN ledger_entries e ON e.transaction_id = t.id"
                            " JOIN ledger_accounts a ON a.id = e.account_id WHERE a.user_id IS NOT NULL"))) {
        *error = q.lastError().text();
        return missed;
    }
    while (q.next()) {
        QString column;
        for (const AccountMapping &m : mapping) {
            if (m.accountType == q.value(1).toString())
                column = m.legacyColumn;
        }
        const Money amount = backend.money(q.value(3));
        const Money delta = q.value(2).toString() == QLatin1String("debit") ? amount.negated() : amount;
        const QString key = q.value(0).toString() + QLatin1Char('/') + column;
        missed[key] = missed.value(key).plus(delta).value_or(Money());
    }
    return missed;
}

} // namespace

class TestLedgerProperty : public QObject
{
    Q_OBJECT

private slots:
    // Random operation sequences with injected legacy faults. After every operation: every transaction's
    // entries sum to zero, every account balance equals the sum of its entries, no user balance is
    // negative, and every injected legacy failure is accounted for (recorded once, and the legacy side
    // differs from the ledger by exactly the deltas of the failed writes).
    void randomSequencesKeepInvariants_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("phaseId");
        QTest::addColumn<int>("batch");
        QTest::addColumn<quint64>("seed");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgres")}) {
            for (quint64 seed : {1ULL, 7ULL}) {
                QTest::addRow("%s shadow seed %llu", qPrintable(driver), seed)
                    << driver << QStringLiteral("shadow") << 1 << seed;
                QTest::addRow("%s shadow batched seed %llu", qPrintable(driver), seed)
                    << driver << QStringLiteral("shadow") << 5 << seed;
            }
            QTest::addRow("%s strict seed 3", qPrintable(driver))
                << driver << QStringLiteral("strict") << 1 << 3ULL;
        }
    }

    void randomSequencesKeepInvariants()
    {
        QFETCH(QString, phaseId);
        QFETCH(int, batch);
        QFETCH(quint64, seed);
        LEDGER_BACKEND(backend);
        LEDGER_OPEN(store, backend);
        const LedgerMode mode = *LedgerMode::forPhase(phaseId);
        LedgerIntegration facade(*store, backend.config(), mode);
        LedgerWorkloadOptions options;
        options.users = 8;
        options.seed = seed;
        options.legacyFaultPerMillion = 150000; // 15 %
        options.readEvery = 5;
        LedgerWorkload workload(backend.config(), mode, options);
        workload.attach(facade);
        const int steps = 120;
        for (int i = 0; i < steps / batch; ++i) {
            QString error;
            if (batch > 1)
                QCOMPARE(errorMessage(facade.beginBatch()), QString());
            for (int k = 0; k < batch; ++k) {
                error = errorMessage(workload.step(facade));
                QVERIFY2(error.isEmpty(), qPrintable(error));
            }
            if (batch > 1)
                QCOMPARE(errorMessage(facade.commitBatch()), QString());

            const auto violations = store->checkInvariants();
            QVERIFY2(violations, qPrintable(errorMessage(violations)));
            QVERIFY2(violations->isEmpty(), qPrintable(violations->join(QLatin1Char('\n'))));

            const LedgerWorkloadSummary s = workload.summary();
            const auto failures = store->shadowFailureCount();
            QVERIFY2(failures, qPrintable(errorMessage(failures)));
            if (mode.strict) {
                // Strict: each injected failure failed its operation and left nothing behind.
                QCOMPARE(*failures, 0);
                QCOMPARE(s.failed, s.injectedFaults);
            } else {
                QCOMPARE(*failures, s.injectedFaults);
                QCOMPARE(s.shadowFailures, s.injectedFaults);
            }
            const QMap<QString, Money> missed = missedLegacyDeltas(backend, backend.config().mapping, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            for (int u = 0; u < options.users; ++u) {
                const QString user = options.userPrefix + QString::number(u);
                const auto ledger = store->ledgerBalances(user);
                const auto legacy = store->legacyBalances(user);
                QVERIFY2(ledger && legacy, qPrintable(errorMessage(ledger) + errorMessage(legacy)));
                for (const AccountMapping &m : backend.config().mapping) {
                    const Money expected = legacy->value(m.legacyColumn)
                                               .plus(missed.value(user + QLatin1Char('/') + m.legacyColumn))
                                               .value_or(Money());
                    QVERIFY2(
                        ledger->value(m.accountType) == expected,
                        qPrintable(QStringLiteral("%1 %2: ledger %3, legacy %4 + missed deltas = %5")
                                       .arg(user, m.accountType, ledger->value(m.accountType).toString(),
                                            legacy->value(m.legacyColumn).toString(), expected.toString())));
                }
            }
        }
        const LedgerWorkloadSummary s = workload.summary();
        QVERIFY2(s.injectedFaults > 0, "the sequence must inject faults to prove anything");
        QVERIFY2(s.ok > s.operations / 2,
                 qPrintable(
                     QStringLiteral(
                         "most operations should succeed: %1 of %2 ok, %3 rejected, %4 failed, %5 duplicates")
                         .arg(s.ok)
                         .arg(s.operations)
                         .arg(s.rejected)
                         .arg(s.failed)
                         .arg(s.duplicates)));
    }
};

QTEST_GUILESS_MAIN(TestLedgerProperty)
#include "tst_ledger_property.moc"
