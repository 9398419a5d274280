// SPDX-License-Identifier: MIT
// The GUI as a guest in production: a read-only window on the staging world, through roles that may only
// read, visiting every page while the service writes. The service's writes never fail, and the database is
// left as it was found.
#include "page_catalog.h"
#include "pg_test_database.h"
#include "staging_world.h"
#include "ui/ledger/ledger_page.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Cockpit;
using namespace CockpitTest;

class TstStagingGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("COCKPIT_NO_MODAL_DIALOGS", "1");
    }

    void readOnlyWindowLeavesTheDatabaseAsItWas()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        world.runWriter({QStringLiteral("--users"), QStringLiteral("200"), QStringLiteral("--ops"),
                         QStringLiteral("300")},
                        &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const QString owner =
            world.writeSharedConfig(QStringLiteral("staging_cockpit"), QStringLiteral("owner.json"));
        QCOMPARE(
            StagingWorld::cockpitctl({QStringLiteral("setup"), QStringLiteral("--config"), owner}).exitCode,
            0);
        QCOMPARE(StagingWorld::cockpitctl({QStringLiteral("reconcile"), QStringLiteral("--config"), owner})
                     .exitCode,
                 1);
        QVERIFY(world.grantCockpitRead(QStringLiteral("staging_cockpit_ro")).isEmpty());
        const StagingWorld::Snapshot before = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));

        // The service keeps writing while the window is open.
        // ... and exports its metrics to a real Prometheus, which the Ledger page's alerts and charts read.
        QVERIFY2(world
                     .startServiceWithPrometheus({QStringLiteral("--users"), QStringLiteral("200"),
                                                  QStringLiteral("--ops"), QStringLiteral("0"),
                                                  QStringLiteral("--rate"), QStringLiteral("50"),
                                                  QStringLiteral("--drop-legacy"), QStringLiteral("0.1")},
                                                 &e)
                     .isValid(),
                 qPrintable(e));
        const QString config =
            world.writeSharedConfig(QStringLiteral("staging_cockpit_ro"), QStringLiteral("ro.json"));
        QString lookupUser;
        QVERIFY(world
                    .adminSql(QStringLiteral("SELECT user_id FROM balances ORDER BY user_id LIMIT 1"),
                              &lookupUser)
                    .isEmpty());
        lookupUser = lookupUser.trimmed();
        {
            MainWindow window(pageCatalog());
            window.resize(1280, 800);
            window.show();
            QSignalSpy opened(&window, &MainWindow::environmentOpened);
            window.openEnvironment(config, true);
            QVERIFY(opened.wait(20000));
            window.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            // Every page, several seconds each, so that its timers, workers and live views run.
            const int perPageMs = qEnvironmentVariableIntValue("COCKPIT_STAGING_GUI_PAGE_MS") > 0
                                      ? qEnvironmentVariableIntValue("COCKPIT_STAGING_GUI_PAGE_MS")
                                      : 6000;
            for (int i = 0; i < window.pageCount(); ++i) {
                QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
                QTest::qWait(perPageMs);
                const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR");
                if (!shots.isEmpty())
                    window.grab().save(shots + QStringLiteral("/staging-") + window.currentPageId()
                                       + QStringLiteral(".png"));
                // The ledger page's second tab: the discrepancies the cockpit's runs stored, read-only.
                if (window.currentPageId() == QLatin1String("ledger")) {
                    // A user's two sides and history, read from the service's tables.
                    auto *page = window.findChild<LedgerPage *>();
                    QVERIFY(page);
                    // The gates migration control asks, judged by the service's telemetry and the
                    // cockpit's runs (the read-only session has none: not a pass).
                    QTreeWidget *gates = nullptr;
                    for (QTreeWidget *t : page->findChildren<QTreeWidget *>()) {
                        if (t->accessibleName() == QLatin1String("Ledger migration gates"))
                            gates = t;
                    }
                    QVERIFY(gates && gates->isVisible());
                    QTRY_COMPARE_WITH_TIMEOUT(gates->topLevelItemCount(), 4, 10000);
                    // Both windows without discrepancies: the shadow one and the one before cutover.
                    for (int row : {0, 1})
                        QVERIFY2(gates->topLevelItem(row)->text(3).contains(QLatin1String("reconciliation")),
                                 qPrintable(gates->topLevelItem(row)->text(3)));
                    QVERIFY2(gates->topLevelItem(1)->text(0).contains(QLatin1String("before cutover")),
                             qPrintable(gates->topLevelItem(1)->text(0)));
                    QSignalSpy shown(page, &LedgerPage::userShown);
                    QLineEdit *edit = nullptr;
                    for (QLineEdit *l : page->findChildren<QLineEdit *>()) {
                        if (l->accessibleName() == QLatin1String("User id"))
                            edit = l;
                    }
                    QVERIFY(edit && edit->isEnabled());
                    edit->setText(lookupUser);
                    QTest::keyClick(edit, Qt::Key_Return);
                    QVERIFY(shown.wait(10000));
                    for (QTableView *v : page->findChildren<QTableView *>()) {
                        if (v->accessibleName() == QLatin1String("Ledger and legacy balances"))
                            QCOMPARE(v->model()->rowCount(), 3);
                        if (v->accessibleName() == QLatin1String("Transaction history"))
                            QVERIFY(v->model()->rowCount() > 0);
                    }
                    if (!shots.isEmpty())
                        window.grab().save(shots + QStringLiteral("/staging-ledger-lookup.png"));
                    auto *tabs = window.findChild<QTabWidget *>();
                    QVERIFY(tabs);
                    tabs->setCurrentIndex(1);
                    QTest::qWait(perPageMs);
                    if (!shots.isEmpty())
                        window.grab().save(shots + QStringLiteral("/staging-ledger-discrepancies.png"));
                }
            }
        }
        const QJsonObject truth = world.stopWriter(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QVERIFY(truth.value(QStringLiteral("ops")).toInt() > 300);
        QCOMPARE(truth.value(QStringLiteral("writesFailed")).toInt(), 0);

        const StagingWorld::Snapshot after = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(after.publicSchema, before.publicSchema);
        QCOMPARE(after.cockpitSchema, before.cockpitSchema);
        // The cockpit's own tables: not a row more (the service's tables grew by the service's writes).
        for (auto it = before.rows.cbegin(); it != before.rows.cend(); ++it) {
            if (it.key().startsWith(QLatin1String("cockpit.")))
                QCOMPARE(after.rows.value(it.key()), it.value());
        }
    }
};

QTEST_MAIN(TstStagingGui)
#include "tst_staging_gui.moc"
