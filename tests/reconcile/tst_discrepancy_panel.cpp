// SPDX-License-Identifier: MIT
#include "reconcile_test_data.h"
#include "ui/reconcile/discrepancy_model.h"
#include "ui/reconcile/discrepancy_panel.h"
#include "ui/reconcile/discrepancy_proxy_model.h"
#include "ui/reconcile/run_stream_model.h"
#include "ui/shell/data_table.h"
#include "wiring/environment_session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

// The discrepancy view: the lazy model (under QAbstractItemModelTester), its database-side sort and
// filters, incremental refresh, and the panel driven through its real buttons.
class TstDiscrepancyPanel : public QObject
{
    Q_OBJECT

private:
    static RunSummary reconcile(LedgerTestBackend &backend)
    {
        Reconciler reconciler(backend.config().database, backend.config().mapping);
        if (QString e = errorMessage(reconciler.open()); !e.isEmpty()) {
            RunSummary failed;
            failed.error = e;
            return failed;
        }
        return reconciler.run(Reconciler::Options{});
    }

    // Waits until the model's count arrived and the first window is loaded.
    static bool settle(DiscrepancyModel &model, QSignalSpy &counts)
    {
        if (!counts.wait(5000))
            return false;
        if (model.rowCount() == 0)
            return true;
        model.data(model.index(0, 0)); // asks for the first window
        return QTest::qWaitFor(
            [&] { return model.data(model.index(0, 0), DiscrepancyModel::LoadedRole).toBool(); }, 5000);
    }

private Q_SLOTS:
    void modelSortsAndFiltersInTheDatabase()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QVERIFY(writeScenario(backend).isEmpty());
        QVERIFY(reconcile(backend).isComplete());

        DiscrepancyModel model(backend.config().database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DiscrepancyProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counts(&model, &DiscrepancyModel::countChanged);
        QVERIFY(settle(model, counts));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(DiscrepancyModel::ColumnCount));
        // Default order: largest difference first.
        QCOMPARE(model.data(model.index(0, DiscrepancyModel::User)).toString(), QStringLiteral("u2"));
        QCOMPARE(model.data(model.index(0, DiscrepancyModel::Difference)).toString(),
                 QStringLiteral("100.000000"));
        QCOMPARE(model.data(model.index(0, DiscrepancyModel::Legacy)).toString(), QStringLiteral("missing"));
        QCOMPARE(model.data(model.index(0, DiscrepancyModel::Status)).toString(), QStringLiteral("Open"));

        counts.clear();
        proxy.sort(DiscrepancyModel::User, Qt::AscendingOrder);
        QVERIFY(settle(model, counts));
        QCOMPARE(proxy.data(proxy.index(0, DiscrepancyModel::User)).toString(), QStringLiteral("u2"));
        QCOMPARE(proxy.data(proxy.index(3, DiscrepancyModel::User)).toString(), QStringLiteral("u5"));

        counts.clear();
        proxy.setAccountTypeFilter(QStringLiteral("usdc_balance"));
        QVERIFY(settle(model, counts));
        QCOMPARE(proxy.rowCount(), 3);

        counts.clear();
        proxy.setAmountRange(money("6"), std::nullopt);
        QVERIFY(settle(model, counts));
        QCOMPARE(proxy.rowCount(), 2); // u2 (100) and u3 (10); u4's -5 is below
        counts.clear();
        proxy.setUserFilter(QStringLiteral("u3"));
        QVERIFY(settle(model, counts));
        QCOMPARE(proxy.rowCount(), 1);

        counts.clear();
        proxy.setStatusFilter(DiscrepancyFilter::Status::Resolved);
        QVERIFY(settle(model, counts));
        QCOMPARE(proxy.rowCount(), 0);
    }

    void refreshIsIncremental()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QVERIFY(writeScenario(backend).isEmpty());
        QVERIFY(reconcile(backend).isComplete());
        DiscrepancyModel model(backend.config().database);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counts(&model, &DiscrepancyModel::countChanged);
        QVERIFY(settle(model, counts));
        QCOMPARE(model.rowCount(), 4);

        QVERIFY(setLegacy(backend, QStringLiteral("u1"), QStringLiteral("pending_deposits"), money("1"))
                    .isEmpty());
        QVERIFY(reconcile(backend).isComplete());
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        counts.clear();
        model.refresh();
        QVERIFY(counts.wait(5000));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(changed.wait(5000)); // the cached window is re-read in place
    }

    void panelRunsExportsAndShowsTheResult()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QVERIFY(writeScenario(backend).isEmpty());
        EnvironmentConfig env;
        env.name = QStringLiteral("panel-test");
        env.ledger = backend.config();
        EnvironmentSession session(env);
        DiscrepancyPanel panel(&session);
        panel.resize(1200, 760);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        QSignalSpy finished(&panel, &DiscrepancyPanel::runFinished);
        // The run's rows are listed as they arrive, before the run finishes and stores them.
        int streamedBeforeFinish = -1;
        connect(panel.streamModel(), &QAbstractItemModel::rowsInserted, &panel, [&] {
            if (finished.isEmpty())
                streamedBeforeFinish = panel.streamModel()->rowCount();
        });
        QAbstractItemModelTester streamTester(panel.streamModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *run = panel.findChild<QPushButton *>();
        QVERIFY(run);
        QCOMPARE(run->accessibleName(), QStringLiteral("Run reconciliation now"));
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(panel.isShowingStream());
        QVERIFY(finished.wait(10000));
        const RunSummary s = finished.first().first().value<RunSummary>();
        QVERIFY2(s.isComplete(), qPrintable(s.error));
        QCOMPARE(streamedBeforeFinish, 4);
        QCOMPARE(panel.streamModel()->totalFound(), 4);
        QVERIFY(!panel.isShowingStream()); // a complete run: back to the stored table
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 4, 5000);
        bool summaryShown = false;
        for (QLabel *label : panel.findChildren<QLabel *>())
            summaryShown = summaryShown || label->text().contains(QLatin1String("4 discrepancies"));
        QVERIFY(summaryShown);
        // Rows are loaded as the view shows them.
        QTRY_VERIFY_WITH_TIMEOUT(
            panel.model()->data(panel.model()->index(0, 0), DiscrepancyModel::LoadedRole).toBool(), 5000);

        QSignalSpy exported(&panel, &DiscrepancyPanel::exported);
        QSignalSpy exportFailed(&panel, &DiscrepancyPanel::exportFailed);
        const QString csv = backend.folder() + QStringLiteral("/export.csv");
        panel.exportTo(csv, false);
        // One export at a time, so that each one's outcome is reported: a second is refused and said so.
        panel.exportTo(backend.folder() + QStringLiteral("/second.json"), true);
        bool refusalShown = false;
        for (QLabel *label : panel.findChildren<QLabel *>())
            refusalShown = refusalShown || label->text().contains(QLatin1String("still running"));
        QVERIFY(refusalShown);
        QVERIFY(exported.wait(5000));
        QCOMPARE(exported.size(), 1);
        QVERIFY(!QFile::exists(backend.folder() + QStringLiteral("/second.json")));
        QCOMPARE(exportFailed.size(), 0);
        QCOMPARE(exported.first().at(0).toString(), csv);
        QCOMPARE(exported.first().at(1).toLongLong(), 4);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.first(),
                 QByteArray("user_id,account_type,legacy_column,ledger,legacy,difference,first_seen_utc,"
                            "last_seen_utc,status"));
        const auto u3 = std::find_if(lines.cbegin(), lines.cend(),
                                     [](const QByteArray &l) { return l.startsWith("u3,"); });
        QVERIFY(u3 != lines.cend());
        QVERIFY(u3->startsWith("u3,usdc_balance,pending_deposits,60.000000,50.000000,10.000000,"));
        QVERIFY(u3->endsWith(",open"));

        // The export's times read exactly as the table shows them: UTC, to the second.
        DataTable *table = nullptr;
        for (DataTable *t : panel.findChildren<DataTable *>()) {
            if (t->accessibleName() == QLatin1String("Discrepancies"))
                table = t;
        }
        QVERIFY(table);
        int u3Row = -1;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, DiscrepancyModel::User).data().toString() == QLatin1String("u3"))
                u3Row = r;
        }
        QVERIFY(u3Row >= 0);
        const QString shownFirstSeen =
            table->model()->index(u3Row, DiscrepancyModel::FirstSeen).data().toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"))
                     .match(shownFirstSeen)
                     .hasMatch(),
                 qPrintable(shownFirstSeen));
        QCOMPARE(QString::fromUtf8(u3->split(',').at(6)), shownFirstSeen);
        QCOMPARE(table->model()->headerData(DiscrepancyModel::FirstSeen, Qt::Horizontal).toString(),
                 QStringLiteral("First seen (UTC)"));

        // Ctrl+C copies the selected row as a spreadsheet pastes it.
        table->setFocus();
        table->selectRow(u3Row);
        QTest::keySequence(table, QKeySequence::Copy);
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(QLatin1String("u3\tusdc_balance\tpending_deposits\t")),
                 qPrintable(copied));
        QVERIFY2(copied.contains(shownFirstSeen), qPrintable(copied));

        // Double-click and Enter on a discrepancy ask for that user's lookup.
        QSignalSpy lookUp(&panel, &DiscrepancyPanel::userActivated);
        const QRect cell = table->visualRect(table->model()->index(u3Row, DiscrepancyModel::AccountType));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseRelease(table->viewport(), Qt::LeftButton, {},
                            cell.center()); // Qt 6.4 leaves the button down after a double-click
        QCOMPARE(lookUp.size(), 1);
        QCOMPARE(lookUp.first().first().toString(), QStringLiteral("u3"));
        table->setCurrentIndex(table->model()->index(0, DiscrepancyModel::User));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(lookUp.size(), 2);
        QCOMPARE(lookUp.last().first().toString(),
                 table->model()->index(0, DiscrepancyModel::User).data().toString());

        QTest::qWait(300); // let the charts' worker deliver
        QVERIFY(!panel.grab().isNull());
    }

    void unfinishedRunStaysMarkedPartial()
    {
        // A database that cannot be reached: the run fails, and what it found is never shown as complete.
        EnvironmentConfig env;
        env.name = QStringLiteral("panel-fail");
        env.ledger.database.driver = DatabaseConfig::Driver::Postgres;
        env.ledger.database.host = QStringLiteral("127.0.0.1");
        env.ledger.database.port = 1; // nothing listens there
        env.ledger.database.dbname = QStringLiteral("none");
        env.ledger.database.user = QStringLiteral("none");
        env.ledger.database.connectTimeoutSeconds = 2;
        env.ledger.mapping = {{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits")}};
        EnvironmentSession session(env);
        DiscrepancyPanel panel(&session);
        panel.resize(1000, 700);
        panel.show();
        QSignalSpy finished(&panel, &DiscrepancyPanel::runFinished);
        panel.runNow();
        QVERIFY(finished.wait(15000));
        QVERIFY(!finished.first().first().value<RunSummary>().isComplete());
        QVERIFY(panel.isShowingStream());
        QPushButton *showStored = nullptr;
        for (QPushButton *b : panel.findChildren<QPushButton *>())
            if (b->accessibleName() == QLatin1String("Show the stored discrepancies"))
                showStored = b;
        QVERIFY(showStored && showStored->isVisible());
        bool partialSaid = false;
        for (QLabel *label : panel.findChildren<QLabel *>())
            partialSaid = partialSaid || label->text().contains(QLatin1String("not a complete picture"));
        QVERIFY(partialSaid);
        QTest::mouseClick(showStored, Qt::LeftButton);
        QVERIFY(!panel.isShowingStream());
    }
};

QTEST_MAIN(TstDiscrepancyPanel)
#include "tst_discrepancy_panel.moc"
