// SPDX-License-Identifier: MIT
#include "cli_run.h"
#include "environment_dir.h"
#include "page_catalog.h"
#include "test_paths.h"
#include "ui/control/audit_log_model.h"
#include "ui/control/audit_log_page.h"
#include "ui/control/phase_stepper.h"
#include "ui/rollout/rollout_module_model.h"
#include "ui/rollout/rollout_page.h"
#include "ui/shell/environment_bar.h"
#include "ui/shell/main_window.h"
#include "ui/shell/status_light.h"
#include "wiring/control_store_follower.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;

namespace {

// A copy of a shipped config in a temporary folder, so the demo data is created there.
QString copyConfig(const QTemporaryDir &dir, const QString &name)
{
    const QString target = dir.filePath(name);
    QFile::copy(CockpitTest::sourceDir() + QStringLiteral("/configs/") + name, target);
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return target;
}

// The prod example with every backend on a closed loopback port: tests never reach beyond this machine.
QString prodConfig(const QTemporaryDir &dir)
{
    const QString config = copyConfig(dir, QStringLiteral("prod.example.json"));
    QFile file(config);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    QByteArray text = file.readAll();
    file.close();
    text.replace("ledger-db.prod.internal", "127.0.0.1").replace("\"port\": 5432", "\"port\": 1");
    text.replace("prometheus.prod.internal:9090", "127.0.0.1:1");
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return QString();
    return config;
}

// Shows the window at 1280 × 800 and opens the environment in it; false when it did not open.
bool openShown(MainWindow &window, const QString &config)
{
    window.resize(1280, 800);
    window.show();
    QSignalSpy opened(&window, &MainWindow::environmentOpened);
    window.openEnvironment(config);
    return opened.wait(20000);
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("COCKPIT_NO_MODAL_DIALOGS", "1");
    }

    void opensDemoAndVisitsAllPages()
    {
        CockpitTest::EnvironmentDir dir;
        const QString config = copyConfig(dir, QStringLiteral("demo.json"));
        MainWindow window(pageCatalog());
        QVERIFY(openShown(window, config));
        QCOMPARE(window.session()->config().name, QStringLiteral("demo"));
        // The demo's data was created on first use, next to the copied config.
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("demo-data/leveldb/CURRENT"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("demo-data/deployments/bscmainnet.json"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("demo-data/ledger.sqlite"))));

        const QStringList expected = {QStringLiteral("overview"), QStringLiteral("ledger"),
                                      QStringLiteral("state"), QStringLiteral("rollout"),
                                      QStringLiteral("audit")};
        QCOMPARE(window.pageCount(), expected.size());
        auto *stack = window.findChild<QStackedWidget *>();
        QVERIFY(stack);
        // Pages with charts create native child windows, after which the offscreen platform forgets which
        // window is active; shortcuts need an active window, as they do for a user.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        for (int i = 0; i < expected.size(); ++i) {
            QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(window.currentPageId(), expected.at(i));
            QCOMPARE(stack->currentWidget()->objectName(), expected.at(i) + QStringLiteral("Page"));
            QVERIFY(stack->currentWidget()->isVisible());
            saveScreenshot(&window, QStringLiteral("page-") + expected.at(i));
        }
        // Clicking the sidebar works too.
        auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("navigationSidebar"));
        QVERIFY(sidebar);
        const QRect first = sidebar->visualItemRect(sidebar->item(0));
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, first.center());
        QCOMPARE(window.currentPageId(), QStringLiteral("overview"));

        // Every backend of the demo is reachable: the lights turn to OK (text, not only colour).
        StatusLight *ledger = window.environmentBar()->light(BackendStatus::Id::Ledger);
        QTRY_COMPARE_WITH_TIMEOUT(ledger->state(), StatusLight::State::Ok, 10000);
        QCOMPARE(ledger->stateText(), QStringLiteral("OK"));
        QVERIFY(ledger->accessibleName().contains(QStringLiteral("OK")));
        QTRY_COMPARE(window.environmentBar()->light(BackendStatus::Id::LevelDb)->state(),
                     StatusLight::State::Ok);
        QTRY_COMPARE(window.environmentBar()->light(BackendStatus::Id::JsonFolder)->state(),
                     StatusLight::State::Ok);
    }

    // Views follow the control store, whoever changes it: a transition and a pause made by cockpitctl show
    // on an open window's steppers, Rollout page and Audit Log without a click.
    void changesByCockpitctlShowWithoutRefresh()
    {
        CockpitTest::EnvironmentDir dir;
        const QString config = copyConfig(dir, QStringLiteral("demo.json"));
        MainWindow window(pageCatalog());
        QVERIFY(openShown(window, config));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier); // the Audit Log, open
        QCOMPARE(window.currentPageId(), QStringLiteral("audit"));
        auto *audit = window.findChild<AuditLogPage *>();
        QVERIFY(audit);
        QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() > 0, 10000);
        const int auditRows = audit->model()->rowCount();
        PhaseStepper *state = nullptr;
        for (PhaseStepper *stepper : window.findChildren<PhaseStepper *>()) {
            if (stepper->migrationId() == QLatin1String("state"))
                state = stepper;
        }
        QVERIFY(state);
        QTRY_COMPARE_WITH_TIMEOUT(state->currentPhase(), QStringLiteral("leveldb_only"), 10000);
        auto *follower = window.session()->findChild<ControlStoreFollower *>();
        QVERIFY(follower);
        QTRY_VERIFY_WITH_TIMEOUT(follower->isReady(), 10000); // it has seen the state before the change

        QElapsedTimer clock;
        const CockpitTest::CliRun run = CockpitTest::run(
            {QStringLiteral("migrate"), QStringLiteral("state"), QStringLiteral("advance"),
             QStringLiteral("--config"), config, QStringLiteral("--yes"), QStringLiteral("--override"),
             QStringLiteral("--reason"), QStringLiteral("from the command line")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        clock.start();
        // The follower polls every second; the bound leaves room for a loaded test machine.
        QTRY_COMPARE_WITH_TIMEOUT(state->currentPhase(), QStringLiteral("dual_write"), 3000);
        qInfo("cockpitctl's transition shown on the stepper after %lld ms", clock.elapsed());
        QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() > auditRows, 3000);
        qInfo("and in the Audit Log after %lld ms", clock.elapsed());

        // A pause on the command line reaches the Rollout page's module table.
        const CockpitTest::CliRun pause = CockpitTest::run(
            {QStringLiteral("rollout"), QStringLiteral("pause"), QStringLiteral("transaction_pool"),
             QStringLiteral("--config"), config, QStringLiteral("--reason"), QStringLiteral("cli pause")});
        QVERIFY2(pause.exitCode == 0, qPrintable(pause.err));
        auto *rollout = window.findChild<RolloutPage *>();
        QVERIFY(rollout);
        auto *modules = rollout->findChild<RolloutModuleModel *>();
        QVERIFY(modules);
        const auto pausedShown = [modules] {
            for (int row = 0; row < modules->rowCount(); ++row) {
                if (modules->index(row, RolloutModuleModel::PhaseColumn)
                        .data()
                        .toString()
                        .contains(QLatin1String("(paused)")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pausedShown(), 3000);
    }

    void prodEnvironmentIsMarkedAndUnreachableBackendsAreRed()
    {
        CockpitTest::EnvironmentDir dir;
        const QString config = prodConfig(dir);
        QVERIFY(!config.isEmpty());
        MainWindow window(pageCatalog());
        window.show();
        QSignalSpy opened(&window, &MainWindow::environmentOpened);
        window.openEnvironment(config, true);
        QVERIFY(opened.wait(20000));
        auto *kind = window.findChild<QLabel *>(QStringLiteral("environmentKind"));
        QVERIFY(kind);
        QCOMPARE(kind->text(), QStringLiteral("PRODUCTION"));
        auto *readOnly = window.findChild<QLabel *>(QStringLiteral("readOnlyBadge"));
        QVERIFY(readOnly && readOnly->isVisible());
        // Read-only from the command line holds for the whole session: the window cannot lift it.
        QAction *toggle = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R))
                toggle = action;
        }
        QVERIFY(toggle);
        QVERIFY(toggle->isChecked());
        QVERIFY(!toggle->isEnabled());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(window.session()->isReadOnly());
        toggle->trigger(); // a disabled action does not trigger
        QVERIFY(window.session()->isReadOnly());
        StatusLight *leveldb = window.environmentBar()->light(BackendStatus::Id::LevelDb);
        QTRY_COMPARE_WITH_TIMEOUT(leveldb->state(), StatusLight::State::Error, 15000);
        QVERIFY(leveldb->toolTip().contains(QStringLiteral("folder does not exist")));
        QCOMPARE(leveldb->stateText(), QStringLiteral("unreachable"));
        StatusLight *ledger = window.environmentBar()->light(BackendStatus::Id::Ledger);
        QCOMPARE(ledger->state(), StatusLight::State::Error);
        QVERIFY2(ledger->toolTip().contains(QStringLiteral("127.0.0.1")), qPrintable(ledger->toolTip()));
        QCOMPARE(window.environmentBar()->light(BackendStatus::Id::Metrics)->state(),
                 StatusLight::State::Error);
    }

    // --read-only on the command line holds for every environment the window opens (Open Recent too); a
    // prod environment reopened at start is read-only as a choice the user can switch off.
    void readOnlyLockAndReopenedProd()
    {
        CockpitTest::EnvironmentDir dir;
        const QString demo = copyConfig(dir, QStringLiteral("demo.json"));
        const QString prod = prodConfig(dir);
        QVERIFY(!prod.isEmpty());
        {
            MainWindow window(pageCatalog());
            window.lockReadOnly();
            QVERIFY(openShown(window, demo));
            QVERIFY(window.session()->config().readOnly); // locked, not a choice
            QSignalSpy opened(&window, &MainWindow::environmentOpened);
            window.openEnvironment(prod); // what File ▸ Open Recent does
            QVERIFY(opened.wait(20000));
            QCOMPARE(window.session()->config().name, QStringLiteral("prod-eu"));
            QVERIFY(window.session()->config().readOnly);
        }
        MainWindow window(pageCatalog());
        window.show();
        QSignalSpy opened(&window, &MainWindow::environmentOpened);
        window.reopenEnvironment(prod);
        QVERIFY(opened.wait(20000));
        QVERIFY(window.session()->isReadOnly());
        QVERIFY(!window.session()->config().readOnly); // the user may switch it off
        window.openEnvironment(demo);
        QVERIFY(opened.wait(20000));
        QVERIFY(!window.session()->isReadOnly()); // only the reopened prod one
    }

    void invalidEnvironmentReportsEveryError()
    {
        CockpitTest::EnvironmentDir dir;
        const QString config = dir.filePath(QStringLiteral("broken.json"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"environment": {"name": "x", "kind": "qa"}, "extra": 1})");
        file.close();
        MainWindow window(pageCatalog());
        QSignalSpy failed(&window, &MainWindow::environmentFailed);
        window.openEnvironment(config);
        QVERIFY(failed.wait(10000));
        const QStringList errors = failed.first().at(1).toStringList();
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.join(QLatin1Char('\n')).contains(QStringLiteral("/environment/kind")));
        QVERIFY(errors.join(QLatin1Char('\n')).contains(QStringLiteral("/extra: unknown key")));
        QVERIFY(window.session() == nullptr);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
