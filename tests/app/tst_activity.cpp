// SPDX-License-Identifier: MIT
// What tells the operator about the background: the Activity panel (repeats counted, filters), the sidebar's
// badges, a desktop notification over a real (private) session D-Bus, and an interrupted transition found
// by the window on its own.
#include "cli_run.h"
#include "control/control_store.h"
#include "environment_dir.h"
#include "page_catalog.h"
#include "test_paths.h"
#include "ui/shell/activity_model.h"
#include "ui/shell/activity_panel.h"
#include "ui/shell/desktop_notifier.h"
#include "ui/shell/main_window.h"
#include "ui/shell/sidebar_badge_delegate.h"

#include <QAbstractItemModelTester>
#include <QDBusConnection>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace Cockpit;

namespace {

ActivityEvent activityEvent(ActivityEvent::Severity severity, const QString &source, const QString &text,
                            qint64 atMs = 1000)
{
    return {atMs, severity, source, text, false};
}

// The freedesktop notification server's one method a cockpit calls, recording what it was told.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString summary;
        QString body;
        int urgency = -1;
    };
    QList<Call> calls;

public slots:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(appName)
        Q_UNUSED(replacesId)
        Q_UNUSED(appIcon)
        Q_UNUSED(actions)
        Q_UNUSED(timeout)
        calls.append({summary, body, hints.value(QStringLiteral("urgency")).toInt()});
        return static_cast<uint>(calls.size());
    }
};

} // namespace

class TestActivity : public QObject
{
    Q_OBJECT

    QProcess m_bus;
    QString m_busAddress;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("COCKPIT_NO_MODAL_DIALOGS", "1");
        // A private session bus, so that the test neither needs nor disturbs a desktop's.
        m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--session"), QStringLiteral("--nofork"),
                                                    QStringLiteral("--print-address")});
        if (!m_bus.waitForStarted(5000))
            QSKIP("dbus-daemon is not installed (Debian package dbus-daemon)");
        QVERIFY(m_bus.waitForReadyRead(5000));
        m_busAddress = QString::fromUtf8(m_bus.readLine()).trimmed();
        QVERIFY(!m_busAddress.isEmpty());
        // Before anything in this process connected to a session bus.
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_busAddress.toUtf8());
    }

    void cleanupTestCase()
    {
        m_bus.terminate();
        m_bus.waitForFinished(5000);
    }

    void modelCountsRepeatsAndWarnings()
    {
        ActivityModel model(5);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy unseen(&model, &ActivityModel::unseenWarningsChanged);
        using S = ActivityEvent::Severity;
        QVERIFY(model.add(QStringLiteral("demo"),
                          activityEvent(S::Info, QStringLiteral("Guard"), QStringLiteral("lease taken"))));
        QVERIFY(model.add(QStringLiteral("demo"), activityEvent(S::Warning, QStringLiteral("Analysis"),
                                                                QStringLiteral("Prometheus down"), 2000)));
        // The same message again, nine times: one row that counts them.
        for (int i = 0; i < 9; ++i)
            QVERIFY(!model.add(QStringLiteral("demo"),
                               activityEvent(S::Warning, QStringLiteral("Analysis"),
                                             QStringLiteral("Prometheus down"), 3000 + i)));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ActivityModel::EventColumn).data().toString(),
                 QStringLiteral("Prometheus down (×10)"));
        QCOMPARE(model.index(0, ActivityModel::SourceColumn).data().toString(),
                 QStringLiteral("demo · Analysis"));
        QCOMPARE(model.unseenWarnings(), 1);
        QCOMPARE(unseen.count(), 1);
        // Another message of that source breaks the run: the next repeat is a row of its own.
        QVERIFY(model.add(QStringLiteral("demo"),
                          activityEvent(S::Info, QStringLiteral("Analysis"), QStringLiteral("back"))));
        QVERIFY(model.add(QStringLiteral("demo"), activityEvent(S::Warning, QStringLiteral("Analysis"),
                                                                QStringLiteral("Prometheus down"))));
        QCOMPARE(model.rowCount(), 4);
        model.markSeen();
        QCOMPARE(model.unseenWarnings(), 0);
        for (int i = 0; i < 10; ++i)
            model.add(QStringLiteral("demo"),
                      activityEvent(S::Info, QStringLiteral("S"), QString::number(i)));
        QCOMPARE(model.rowCount(), 5); // bounded: the oldest go
    }

    void panelFiltersBySeverityAndText()
    {
        ActivityModel model;
        using S = ActivityEvent::Severity;
        model.add(QStringLiteral("demo"),
                  activityEvent(S::Info, QStringLiteral("Backends"), QStringLiteral("Metrics reachable")));
        model.add(QStringLiteral("demo"),
                  activityEvent(S::Warning, QStringLiteral("Ledger alerts"),
                                QStringLiteral("HighDiscrepancyRate started firing")));
        model.add(QStringLiteral("demo"), activityEvent(S::Critical, QStringLiteral("V2 Rollout guard"),
                                                        QStringLiteral("rolled back to V1")));
        ActivityPanel panel(&model);
        QCOMPARE(panel.view()->model()->rowCount(), 3);
        panel.setMinimumSeverity(1);
        QCOMPARE(panel.view()->model()->rowCount(), 2);
        panel.setMinimumSeverity(2);
        QCOMPARE(panel.view()->model()->rowCount(), 1);
        panel.setMinimumSeverity(0);
        auto *search = panel.findChild<QLineEdit *>();
        QVERIFY(search);
        QTest::keyClicks(search, QStringLiteral("ledger"));
        QCOMPARE(panel.view()->model()->rowCount(), 1);
        QVERIFY(panel.view()
                    ->model()
                    ->index(0, ActivityModel::EventColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("HighDiscrepancyRate")));
    }

    // A real notification server on the private bus receives what the notifier sends, critical as critical.
    void notifiesTheDesktopOverDBus()
    {
        QDBusConnection server = QDBusConnection::connectToBus(m_busAddress, QStringLiteral("fake-server"));
        QVERIFY(server.isConnected());
        FakeNotificationServer fake;
        QVERIFY(server.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &fake,
                                      QDBusConnection::ExportAllSlots));
        QVERIFY(server.registerService(QStringLiteral("org.freedesktop.Notifications")));
        DesktopNotifier notifier;
        QCOMPARE(notifier.channel(), DesktopNotifier::Channel::DBus);
        QSignalSpy delivered(&notifier, &DesktopNotifier::deliveredChanged);
        notifier.notify(QStringLiteral("prod: V2 Rollout guard"),
                        QStringLiteral("transaction_pool: rolled back to V1"), true);
        QVERIFY(delivered.wait(5000));
        QCOMPARE(fake.calls.size(), 1);
        QCOMPARE(fake.calls.first().summary, QStringLiteral("prod: V2 Rollout guard"));
        QCOMPARE(fake.calls.first().body, QStringLiteral("transaction_pool: rolled back to V1"));
        QCOMPARE(fake.calls.first().urgency, 2);
        server.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("fake-server"));
    }

    // The window: badges on the sidebar from the pages' counts, every event in the Activity panel, a
    // notification only for what asks for one, and an interrupted transition found by the follower.
    void windowShowsBadgesActivityAndInterruptions()
    {
        QDBusConnection server = QDBusConnection::connectToBus(m_busAddress, QStringLiteral("fake-server-2"));
        FakeNotificationServer fake;
        QVERIFY(server.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &fake,
                                      QDBusConnection::ExportAllSlots));
        QVERIFY(server.registerService(QStringLiteral("org.freedesktop.Notifications")));

        CockpitTest::EnvironmentDir dir;
        const QString config = dir.filePath(QStringLiteral("demo.json"));
        QVERIFY(QFile::copy(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"), config));
        QFile::setPermissions(config, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        MainWindow window(pageCatalog());
        window.resize(1280, 800);
        window.show();
        QSignalSpy opened(&window, &MainWindow::environmentOpened);
        window.openEnvironment(config);
        QVERIFY(opened.wait(20000));

        auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("navigationSidebar"));
        QVERIFY(sidebar);
        window.session()->setAttention(QStringLiteral("ledger"), 2, QStringLiteral("Firing: A, B"));
        QCOMPARE(sidebar->item(1)->data(SidebarBadgeDelegate::BadgeRole).toInt(), 2);
        QVERIFY(sidebar->item(1)->toolTip().contains(QLatin1String("Firing: A, B")));
        window.session()->setAttention(QStringLiteral("ledger"), 0, QString());
        QCOMPARE(sidebar->item(1)->data(SidebarBadgeDelegate::BadgeRole).toInt(), 0);

        const int before = window.activity()->rowCount();
        window.session()->report(
            {0, ActivityEvent::Severity::Info, QStringLiteral("Test"), QStringLiteral("quiet"), false});
        QCOMPARE(window.activity()->rowCount(), before + 1);
        auto *button = window.findChild<QToolButton *>(QStringLiteral("activityButton"));
        QVERIFY(button);

        // bob's transition, begun on another host, whose holder stopped renewing its lease a minute ago.
        {
            auto store = ControlStore::create(window.session()->config());
            QVERIFY(store->open().has_value());
            TransitionIntent intent;
            intent.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            intent.migration = QStringLiteral("ledger");
            intent.fromPhase = store->state(QStringLiteral("ledger")).value()->phase;
            intent.toPhase = QStringLiteral("shadow");
            intent.kind = QStringLiteral("advance");
            intent.fromVersion = store->state(QStringLiteral("ledger")).value()->version;
            intent.operatorLabel = QStringLiteral("bob");
            intent.host = QStringLiteral("ops-2");
            intent.pid = 4242;
            intent.startedAt = QDateTime::currentDateTimeUtc().addSecs(-70);
            intent.reason = QStringLiteral("test");
            intent.owner = QStringLiteral("bob-lease");
            intent.heartbeatAt = QDateTime::currentDateTimeUtc().addSecs(-60);
            const Result<void> begun = store->beginTransition(intent);
            QVERIFY2(begun.has_value(), qPrintable(errorMessage(begun)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(sidebar->item(0)->data(SidebarBadgeDelegate::BadgeRole).toInt(), 1, 5000);
        QVERIFY(sidebar->item(0)->toolTip().contains(QLatin1String("started by bob on ops-2")));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(fake.calls.cbegin(), fake.calls.cend(),
                        [](const FakeNotificationServer::Call &c) {
                            return c.body.contains(QLatin1String("Transition interrupted")) && c.urgency == 2;
                        }),
            5000);
        QVERIFY(button->text().contains(QLatin1String("new warning")));
        // The safety net switched off by someone else, on the command line: in the audit log, so on this
        // desktop.
        const CockpitTest::CliRun off =
            CockpitTest::run({QStringLiteral("rollout"), QStringLiteral("auto-rollback"),
                              QStringLiteral("off"), QStringLiteral("--config"), config,
                              QStringLiteral("--reason"), QStringLiteral("load test tonight")});
        QVERIFY2(off.exitCode == 0, qPrintable(off.err));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(fake.calls.cbegin(), fake.calls.cend(),
                        [](const FakeNotificationServer::Call &c) {
                            return c.body.contains(QLatin1String("automatic rollback off"))
                                   && c.body.contains(QLatin1String("load test tonight"));
                        }),
            5000);
        // The quiet event was not sent to the desktop.
        QVERIFY(
            std::none_of(fake.calls.cbegin(), fake.calls.cend(), [](const FakeNotificationServer::Call &c) {
                return c.body == QLatin1String("quiet");
            }));
        // Opening the panel marks the warnings seen.
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("activityDock"));
        QVERIFY(dock && dock->isVisible());
        QTRY_VERIFY(!button->text().contains(QLatin1String("new warning")));
        const QString dirName = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR");
        if (!dirName.isEmpty())
            window.grab().save(dirName + QStringLiteral("/activity.png"));
        server.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("fake-server-2"));
    }
};

QTEST_MAIN(TestActivity)
#include "tst_activity.moc"
