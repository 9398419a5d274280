// SPDX-License-Identifier: MIT
// Pages hand their blocking work to JobTracker: switching environments while a gate is being judged must
// not freeze the window, and the gate's late answer must be dropped safely.
#include "control/gate_registry.h"
#include "control/static_gate.h"
#include "control_test_config.h"
#include "environment_dir.h"
#include "ui/control/overview_page.h"
#include "ui/ledger/ledger_page.h"
#include "wiring/environment_session.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Cockpit;
using namespace Qt::StringLiterals;

class TestPageJobs : public QObject
{
    Q_OBJECT

private slots:
    void switchingEnvironmentsWhileAGateRunsDoesNotWait()
    {
        CockpitTest::EnvironmentDir dir;
        // The ledger's next advance (legacy_only -> shadow) has a gate that takes seconds to judge, as a full
        // diff or a slow Prometheus would.
        auto gates = std::make_shared<GateRegistry>();
        auto started = std::make_shared<std::atomic_bool>(false);
        auto release = std::make_shared<std::atomic_bool>(false);
        auto finished = std::make_shared<std::atomic_bool>(false);
        gates->add(u"ledger"_s, u"shadow"_s,
                   std::make_shared<StaticGate>(Text::plain(u"Slow check"_s), [started, release, finished] {
                       started->store(true);
                       for (int i = 0; i < 1000 && !release->load(); ++i)
                           QThread::msleep(10);
                       finished->store(true);
                       return GateResult{GateResult::Verdict::Pass, Text::plain(u"judged"_s)};
                   }));
        auto *session = new EnvironmentSession(
            ControlTest::load(ControlTest::writeConfig(dir.path(), u"demo"_s, nullptr)), gates);
        auto *page = new OverviewPage(session);
        page->show();
        QTRY_VERIFY_WITH_TIMEOUT(started->load(), 15000);

        // What the main window does when another environment opens: the pages and the session go.
        QElapsedTimer timer;
        timer.start();
        delete page;
        delete session;
        gates.reset(); // the running job keeps the registry it judges alive by itself
        const qint64 closedInMs = timer.elapsed();
        QVERIFY2(closedInMs < 300, qPrintable(u"closing took %1 ms"_s.arg(closedInMs)));

        // The event loop keeps running meanwhile; the gate finishes later and its answer goes nowhere.
        timer.restart();
        QTest::qWait(100);
        QVERIFY(timer.elapsed() < 1000);
        release->store(true);
        QTRY_VERIFY(finished->load());
        QTest::qWait(100);
    }

    void closingTheLedgerPageDoesNotWaitForADatabaseThatDoesNotAnswer()
    {
        // A database server that takes connections and never answers them, as one behind a dead link does:
        // the page's health read sits in the connect until its timeout.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        CockpitTest::EnvironmentDir dir;
        EnvironmentConfig config =
            ControlTest::load(ControlTest::writeConfig(dir.path(), u"demo"_s, nullptr));
        DatabaseConfig &db = config.ledger.database;
        db.driver = DatabaseConfig::Driver::Postgres;
        db.host = u"127.0.0.1"_s;
        db.port = silent.serverPort();
        db.dbname = u"ledger"_s;
        db.user = u"cockpit"_s;
        db.sslMode = u"disable"_s;
        db.connectTimeoutSeconds = 4;
        auto *session = new EnvironmentSession(config, std::make_shared<GateRegistry>());
        auto *page = new LedgerPage(session);
        page->show();
        QTRY_VERIFY(silent.hasPendingConnections() || silent.waitForNewConnection(100));

        QElapsedTimer timer;
        timer.start();
        delete page;
        delete session;
        const qint64 closedInMs = timer.elapsed();
        QVERIFY2(closedInMs < 300, qPrintable(u"closing took %1 ms"_s.arg(closedInMs)));
        // The read gives up at its timeout in the page's former thread, which then ends by itself; the
        // application waits for it at exit.
    }
};

QTEST_MAIN(TestPageJobs)
#include "tst_page_jobs.moc"
