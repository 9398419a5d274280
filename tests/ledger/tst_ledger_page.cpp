// SPDX-License-Identifier: MIT
#include "environment_dir.h"
#include "ledger/ledger_integration.h"
#include "ledger/ledger_store.h"
#include "ledger/ledger_workload.h"
#include "ui/ledger/ledger_balance_model.h"
#include "ui/ledger/ledger_history_model.h"
#include "ui/ledger/ledger_page.h"
#include "wiring/environment_session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Cockpit;

namespace {

EnvironmentConfig demoConfig(const QTemporaryDir &dir)
{
    const auto result = ConfigLoader::parse(
        R"({"environment":{"name":"demo","kind":"demo","dataDir":"data"},"ledger":{"liveIntervalMs":200}})",
        QStringLiteral("demo.json"), dir.path());
    return *result.config;
}

} // namespace

class TestLedgerPage : public QObject
{
    Q_OBJECT

private slots:
    void balanceModelUnderTester()
    {
        LedgerBalanceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        UserAccountLine differs{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits"),
                                *Decimal::parse(u"12.5"),       *Decimal::parse(u"10.00000000"),
                                *Decimal::parse(u"2.50000000"), true};
        UserAccountLine same{
            QStringLiteral("fiat_exposure"), QStringLiteral("buying_power"), {}, {}, Decimal(), false};
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setBalances({differs, same});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(LedgerBalanceModel::ColumnCount));
        // Each side at its column's own scale; a missing side reads as "none".
        QCOMPARE(model.index(0, LedgerBalanceModel::Legacy).data().toString(), QStringLiteral("10.00000000"));
        QCOMPARE(model.index(0, LedgerBalanceModel::Difference).data().toString(),
                 QStringLiteral("2.50000000"));
        QCOMPARE(model.index(1, LedgerBalanceModel::Ledger).data().toString(), QStringLiteral("none"));
        QVERIFY(model.index(0, LedgerBalanceModel::Status)
                    .data()
                    .toString()
                    .contains(QLatin1String("Discrepancy")));
        QVERIFY(
            model.index(1, LedgerBalanceModel::Status).data().toString().contains(QLatin1String("In sync")));
        QVERIFY(model.hasDiscrepancy());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void historyModelUnderTester()
    {
        LedgerHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        UserHistoryLine a{QStringLiteral("1"),
                          0,
                          QString(),
                          QStringLiteral("deposit/d1"),
                          QStringLiteral("x"),
                          QStringLiteral("usdc_balance"),
                          false,
                          *Decimal::parse(u"5.000000")};
        UserHistoryLine b = a;
        b.transactionId = QStringLiteral("2");
        b.atMs.reset();
        b.atText = QStringLiteral("42");
        b.debit = true;
        b.amount = *Decimal::parse(u"0.000001");
        model.setEntries({a, b});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, LedgerHistoryModel::Amount).data().toString(), QStringLiteral("+5.000000"));
        QCOMPARE(model.index(1, LedgerHistoryModel::Amount).data().toString(), QStringLiteral("-0.000001"));
        QCOMPARE(model.index(1, LedgerHistoryModel::Amount).data(LedgerHistoryModel::SortRole).toLongLong(),
                 -1);
        QCOMPARE(model.index(0, LedgerHistoryModel::Kind).data().toString(), QStringLiteral("deposit/d1"));
        // A time column that is not a timestamp is shown as it is.
        QCOMPARE(model.index(1, LedgerHistoryModel::Time).data().toString(), QStringLiteral("42"));
        QCOMPARE(model.index(0, LedgerHistoryModel::Time).data().toString(),
                 QStringLiteral("1970-01-01 00:00:00"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void lookupShowsBothSidesAndHistory()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir));
        {
            auto store =
                LedgerStore::create(session.config().ledger.database, session.config().ledger.mapping);
            QCOMPARE(errorMessage(store->open()), QString());
            LedgerIntegration facade(*store, session.config().ledger,
                                     *LedgerMode::forPhase(QStringLiteral("shadow")));
            QVERIFY(facade
                        .creditUserUsdc(QStringLiteral("carol"), *Money::parse(u"250.75"),
                                        QStringLiteral("Deposit"), QStringLiteral("dep-1"))
                        .ok());
            facade.setLegacyFaultHook(
                [](const QString &, const QString &) { return Cockpit::fail(QStringLiteral("injected")); });
            QVERIFY(facade
                        .reserveForInvestment(QStringLiteral("carol"), *Money::parse(u"50"),
                                              QStringLiteral("ord-1"))
                        .shadowWriteFailed);
        }
        LedgerPage page(&session);
        page.resize(1200, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *edit = page.findChild<QLineEdit *>();
        QVERIFY(edit);
        QCOMPARE(edit->accessibleName(), QStringLiteral("User id"));
        QSignalSpy shown(&page, &LedgerPage::userShown);
        QTest::keyClicks(edit, QStringLiteral("carol"));
        QPushButton *lookUp = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Look up user"))
                lookUp = b;
        }
        QVERIFY(lookUp);
        QTest::mouseClick(lookUp, Qt::LeftButton);
        QVERIFY(shown.wait(5000));
        QTableView *balances = nullptr;
        QTableView *history = nullptr;
        for (QTableView *v : page.findChildren<QTableView *>()) {
            if (v->accessibleName() == QLatin1String("Ledger and legacy balances"))
                balances = v;
            if (v->accessibleName() == QLatin1String("Transaction history"))
                history = v;
        }
        QVERIFY(balances && history);
        QAbstractItemModel *m = balances->model();
        QCOMPARE(m->index(0, LedgerBalanceModel::Ledger).data().toString(), QStringLiteral("200.750000"));
        QCOMPARE(m->index(0, LedgerBalanceModel::Legacy).data().toString(), QStringLiteral("250.750000"));
        QVERIFY(
            m->index(0, LedgerBalanceModel::Status).data().toString().contains(QLatin1String("Discrepancy")));
        QCOMPARE(m->index(2, LedgerBalanceModel::Ledger).data().toString(), QStringLiteral("50.000000"));
        QCOMPARE(history->model()->rowCount(), 3);

        // Health arrives from the worker; the gate list fills.
        QSignalSpy health(&page, &LedgerPage::healthShown);
        QVERIFY(health.wait(5000));
        auto *gates = page.findChild<QTreeWidget *>();
        QVERIFY(gates);
        QCOMPARE(gates->topLevelItemCount(), 4);
        // Each gate says which transitions wait for it, as migration control registers them.
        QHash<QString, QString> neededFor;
        for (int i = 0; i < gates->topLevelItemCount(); ++i)
            neededFor.insert(gates->topLevelItem(i)->text(0).section(QLatin1Char(' '), 0, 1),
                             gates->topLevelItem(i)->text(1));
        QCOMPARE(neededFor.value(QStringLiteral("Shadow mode")), QStringLiteral("→ ledger_reads, → strict"));
        QCOMPARE(neededFor.value(QStringLiteral("Ledger reads")), QStringLiteral("→ strict"));
        QCOMPARE(neededFor.value(QStringLiteral("Strict mode")), QStringLiteral("→ ledger_only"));
        QCOMPARE(neededFor.value(QStringLiteral("No discrepancies")), QStringLiteral("→ ledger_only"));
    }

    void demoWorkloadToggleMakesAlertsFire()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir));
        LedgerPage page(&session);
        page.resize(1200, 900);
        page.show();
        QPushButton *toggle = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Demo workload"))
                toggle = b;
        }
        QVERIFY(toggle && toggle->isEnabled());
        // Idle, nothing is judged: no writes or reads is no data, never "healthy".
        QLabel *banner = page.findChild<QLabel *>(QStringLiteral("alertBanner"));
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QLatin1String("No data in the last")), 10000);
        QVERIFY2(banner->text().contains(QLatin1String("LedgerWriteFailures, PerformanceDegradation")),
                 qPrintable(banner->text()));
        QLabel *summary = nullptr;
        for (QLabel *label : page.findChildren<QLabel *>()) {
            if (label->accessibleName() == QLatin1String("Ledger metrics summary"))
                summary = label;
        }
        QVERIFY(summary);
        QVERIFY2(summary->text().contains(QStringLiteral("write success rate – (0 ok")),
                 qPrintable(summary->text()));
        // Faster and faultier than the default so that the test sees an alert within a second or two.
        LedgerWorkloadOptions options;
        options.users = 5;
        options.operations = 0;
        options.legacyFaultPerMillion = 300000;
        options.readEvery = 1;
        options.opsPerSecond = 400;
        page.setWorkloadOptions(options);
        QSignalSpy running(&page, &LedgerPage::workloadRunningChanged);
        QSignalSpy activity(&session, &EnvironmentSession::activity);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(running.count(), 1);
        QVERIFY(page.isWorkloadRunning());
        QVERIFY(toggle->text().contains(QLatin1String("Stop")));
        // Writes, discrepancies and the HighDiscrepancyRate alert show up in what the page displays.
        bool firing = false;
        QSignalSpy health(&page, &LedgerPage::healthShown);
        for (int i = 0; i < 40 && !firing; ++i) {
            if (!health.wait(1000))
                continue;
            const auto h = health.takeLast().at(0).value<LedgerHealth>();
            firing = h.writesOk > 0 && h.shadowFailures > 0 && h.alerts.first().firing;
        }
        QVERIFY(firing);
        QVERIFY2(banner->text().contains(QLatin1String("CRITICAL HighDiscrepancyRate")),
                 qPrintable(banner->text()));
        // The alert that started firing is activity worth a desktop notification, and counted on the sidebar.
        QVERIFY(session.attention(QStringLiteral("ledger")) >= 1);
        QVERIFY(std::any_of(activity.cbegin(), activity.cend(), [](const QList<QVariant> &args) {
            const auto e = args.first().value<ActivityEvent>();
            return e.notify && e.text.contains(QLatin1String("HighDiscrepancyRate started firing"));
        }));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!page.isWorkloadRunning());
        QVERIFY(toggle->text().contains(QLatin1String("Start")));
    }

    // A ledger database that does not answer: the banner says so and why, and the summary does not stay at
    // "Loading metrics…"; no raw driver suffix reaches the screen.
    void unreachableLedgerSaysSoInPlainWords()
    {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            QSKIP("the Qt PostgreSQL driver is not installed");
        EnvironmentConfig config;
        config.name = QStringLiteral("unreachable");
        config.kind = EnvironmentKind::Staging;
        config.ledger.database.driver = DatabaseConfig::Driver::Postgres;
        config.ledger.database.host = QStringLiteral("127.0.0.1");
        config.ledger.database.port = 1; // nothing listens there
        config.ledger.database.dbname = QStringLiteral("ledger");
        config.ledger.database.user = QStringLiteral("cockpit");
        config.ledger.database.connectTimeoutSeconds = 2;
        EnvironmentSession session(config);
        LedgerPage page(&session);
        page.show();
        page.refresh();
        QLabel *banner = nullptr;
        QLabel *summary = nullptr;
        for (QLabel *label : page.findChildren<QLabel *>()) {
            if (label->accessibleName() == QLatin1String("Ledger alerts"))
                banner = label;
            if (label->accessibleName() == QLatin1String("Ledger metrics summary"))
                summary = label;
        }
        QVERIFY(banner && summary);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QLatin1String("cannot be read")), 15000);
        QVERIFY2(banner->text().contains(QLatin1String("Connection refused")), qPrintable(banner->text()));
        QVERIFY2(!banner->text().contains(QLatin1String("QPSQL")), qPrintable(banner->text()));
        QVERIFY2(!summary->text().contains(QLatin1String("Loading")), qPrintable(summary->text()));
    }

    void workloadDisabledOutsideDemo()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentConfig config = demoConfig(dir);
        config.readOnly = true;
        EnvironmentSession session(config);
        LedgerPage page(&session);
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Demo workload"))
                QVERIFY(!b->isEnabled());
        }
        QVERIFY(page.phaseSlot() != nullptr);
        // The rule is the workload's own, the same the CLI applies.
        QVERIFY(errorMessage(LedgerWorkload::permitted(config, false)).contains(QLatin1String("read-only")));
        page.setWorkloadRunning(true);
        QVERIFY(!page.isWorkloadRunning());
    }

    // The workload writes: a session made read-only while it runs stops it and disables its button.
    void readOnlySessionStopsTheWorkload()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir));
        LedgerPage page(&session);
        LedgerWorkloadOptions options;
        options.users = 5;
        options.operations = 0;
        options.opsPerSecond = 50;
        page.setWorkloadOptions(options);
        page.setWorkloadRunning(true);
        QVERIFY(page.isWorkloadRunning());
        session.setReadOnlyOverride(true);
        QVERIFY(!page.isWorkloadRunning());
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Demo workload"))
                QVERIFY(!b->isEnabled());
        }
        session.setReadOnlyOverride(false);
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Demo workload"))
                QVERIFY(b->isEnabled());
        }
    }
};

QTEST_MAIN(TestLedgerPage)
#include "tst_ledger_page.moc"
