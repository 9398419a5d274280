// SPDX-License-Identifier: MIT
#include "page_catalog.h"
#include "shell/environment_bar.h"
#include "shell/main_window.h"
#include "shell/status_light.h"
#include "test_paths.h"

#include <QApplication>
#include <QDir>
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
        QTemporaryDir dir;
        const QString config = copyConfig(dir, QStringLiteral("demo.json"));
        MainWindow window(pageCatalog());
        window.resize(1280, 800);
        window.show();
        QSignalSpy opened(&window, &MainWindow::environmentOpened);
        window.openEnvironment(config);
        QVERIFY(opened.wait(20000));
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

    void prodEnvironmentIsMarkedAndUnreachableBackendsAreRed()
    {
        QTemporaryDir dir;
        const QString config = copyConfig(dir, QStringLiteral("prod.example.json"));
        // Point every backend at closed loopback ports: tests never reach beyond this machine.
        QFile file(config);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        file.close();
        text.replace("ledger-db.prod.internal", "127.0.0.1").replace("\"port\": 5432", "\"port\": 1");
        text.replace("prometheus.prod.internal:9090", "127.0.0.1:1");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();
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

    void invalidEnvironmentReportsEveryError()
    {
        QTemporaryDir dir;
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
