// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/transition_service.h"
#include "demo/demo_bootstrap.h"
#include "ledger/ledger_monitor.h"
#include "rollout/rollout_plan.h"
#include "test_paths.h"
#include "wiring/audit_events.h"
#include "wiring/environment_session.h"
#include "wiring/lane_wiring.h"
#include "wiring/rollout_states.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Cockpit;

namespace {

std::optional<EnvironmentConfig> demoIn(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("demo.json"));
    QFile::copy(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"), path);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const auto loaded = ConfigLoader::load(path);
    if (!loaded.ok() || !DemoBootstrap::ensureData(*loaded.config))
        return std::nullopt;
    return loaded.config;
}

QStringList gateNames(const GateRegistry &registry, const QString &migration, const QString &target)
{
    QStringList names;
    for (const auto &gate : registry.gates(migration, target))
        names.append(gate->name().english());
    return names;
}

} // namespace

class TestLaneWiring : public QObject
{
    Q_OBJECT

private slots:
    void registersTheLanesGates()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        GateRegistry registry;
        LaneWiring::install(*config, registry);
        // Migration control titles the ledger gates as the Ledger page and `ledger alerts` do.
        QCOMPARE(gateNames(registry, QStringLiteral("ledger"), QStringLiteral("ledger_reads")),
                 QStringList{QStringLiteral("Shadow mode 7m without discrepancies")});
        QCOMPARE(gateNames(registry, QStringLiteral("ledger"), QStringLiteral("ledger_reads")).first(),
                 LedgerMonitor::gateTitle(QStringLiteral("shadow_clean"), config->ledger).english());
        QCOMPARE(gateNames(registry, QStringLiteral("ledger"), QStringLiteral("ledger_only")),
                 (QStringList{QStringLiteral("Strict mode 2m without failures"),
                              QStringLiteral("No discrepancies for 3m before cutover")}));
        QCOMPARE(gateNames(registry, QStringLiteral("state"), QStringLiteral("json_only")),
                 QStringList{QStringLiteral("Every LevelDB record is in the JSON files")});
        QVERIFY(gateNames(registry, QStringLiteral("rollout:transaction_pool"), QStringLiteral("v1_removed"))
                    .contains(QStringLiteral("Completion targets met (the plan's success criteria)")));
        QCOMPARE(gateNames(registry, QStringLiteral("rollout:sync_service"), QStringLiteral("v2_10")).size(),
                 3);
        // Installing again (another environment opened) replaces, never duplicates.
        LaneWiring::install(*config, registry);
        QCOMPARE(gateNames(registry, QStringLiteral("state"), QStringLiteral("json_only")).size(), 1);
    }

    void gatesJudgeTheRealData()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        GateRegistry registry;
        LaneWiring::install(*config, registry);
        // The demo's LookCoin data: 15 LevelDB records are not in JSON, so JSON-only is refused...
        const auto jsonOnly =
            registry.gates(QStringLiteral("state"), QStringLiteral("json_only")).first()->evaluate();
        QCOMPARE(jsonOnly.verdict, GateResult::Verdict::Fail);
        QVERIFY2(jsonOnly.evidence.english().contains(QStringLiteral("15 records only in LevelDB")),
                 qPrintable(jsonOnly.evidence.english()));
        // ... while reads with fallback are fine: no record contradicts LevelDB.
        const auto reads = registry.gates(QStringLiteral("state"), QStringLiteral("json_reads_with_fallback"))
                               .first()
                               ->evaluate();
        QCOMPARE(reads.verdict, GateResult::Verdict::Pass);
        // A fresh ledger has no writes: nothing to judge is inconclusive, never a pass.
        const auto shadow =
            registry.gates(QStringLiteral("ledger"), QStringLiteral("ledger_reads")).first()->evaluate();
        QCOMPARE(shadow.verdict, GateResult::Verdict::Inconclusive);
        // Right after entering a step the dwell time is not reached.
        const auto dwell =
            registry.gates(QStringLiteral("rollout:transaction_pool"), QStringLiteral("v2_10"));
        QCOMPARE(dwell.size(), 3);
        QCOMPARE(dwell.at(0)->evaluate().verdict, GateResult::Verdict::Pass); // not paused
    }

    void rolloutTransitionMovesTheLanesStep()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        GateRegistry registry;
        LaneWiring::install(*config, registry);
        auto store = ControlStore::create(*config);
        TransitionService service(*config, OperatorIdentity::current(), false, *store, registry);
        QVERIFY(service.open().has_value());
        TransitionService::Request request;
        request.migration = QStringLiteral("rollout:transaction_pool");
        const TransitionPlan plan = service.plan(request);
        TransitionService::Options options;
        options.reason = QStringLiteral("test");
        options.override = true;
        const auto outcome = service.execute(plan, options);
        QVERIFY2(outcome.result.has_value(), qPrintable(errorMessage(outcome.result)));
        QCOMPARE(outcome.phase, QStringLiteral("v2_10"));
        // The step is the control store's phase, read by every cockpit and CLI alike.
        const auto state = RolloutStates::load(*config, QStringLiteral("transaction_pool"));
        QVERIFY2(state, qPrintable(errorMessage(state)));
        QCOMPARE(state->stepIndex, 0);
        QCOMPARE(RolloutPlan::weightPercent(config->rollout, *state), 10);
        QVERIFY(qAbs(state->enteredAtMs - QDateTime::currentMSecsSinceEpoch()) < 60000);
        // Dwell time now counts from this transition.
        const auto dwell =
            registry.gates(QStringLiteral("rollout:transaction_pool"), QStringLiteral("v2_25"));
        QCOMPARE(dwell.at(1)->evaluate().verdict, GateResult::Verdict::Fail);
    }

    // A pause lives in the control store: shared, compare-and-set, audited, and it blocks promotion.
    void pauseIsSharedAndBlocksPromotion()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        GateRegistry registry;
        LaneWiring::install(*config, registry);
        QVERIFY(RolloutStates::pause(*config, QStringLiteral("sync_service"), QStringLiteral("alice"),
                                     QStringLiteral("peer churn"))
                    .has_value());
        const Result<void> again =
            RolloutStates::pause(*config, QStringLiteral("sync_service"), QStringLiteral("bob"), QString());
        QVERIFY2(failedWith(again, ErrorKind::Conflict), qPrintable(errorMessage(again)));
        QVERIFY2(errorMessage(again).contains(QLatin1String("peer churn")), qPrintable(errorMessage(again)));
        const auto state = RolloutStates::load(*config, QStringLiteral("sync_service"));
        QVERIFY2(state, qPrintable(errorMessage(state)));
        QVERIFY(state->paused);
        QCOMPARE(state->pausedBy, QStringLiteral("alice"));
        QCOMPARE(state->pauseReason, QStringLiteral("peer churn"));
        const auto gates = registry.gates(QStringLiteral("rollout:sync_service"), QStringLiteral("v2_10"));
        QCOMPARE(gates.at(0)->evaluate().verdict, GateResult::Verdict::Fail);

        QVERIFY(RolloutStates::resume(*config, QStringLiteral("sync_service"), QStringLiteral("alice"))
                    .has_value());
        QCOMPARE(outcomeName(
                     RolloutStates::resume(*config, QStringLiteral("sync_service"), QStringLiteral("alice"))),
                 QStringLiteral("conflict"));
        QCOMPARE(gates.at(0)->evaluate().verdict, GateResult::Verdict::Pass);
        auto store = ControlStore::create(*config);
        QVERIFY(store->open().has_value());
        int audited = 0;
        const QList<AuditEntry> entries = store->audit().entries({}).value();
        for (const AuditEntry &e : entries)
            audited += e.action.startsWith(QLatin1String("rollout_")) ? 1 : 0;
        QCOMPARE(audited, 2);
    }

    void eventsAreAuditedInTheChain()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        const Result<void> run =
            AuditEvents::record(*config, QStringLiteral("reconciliation_run"), QStringLiteral("ledger"),
                                QStringLiteral("complete: run 1, 3 accounts, 0 discrepancies"),
                                QStringLiteral("usdc_balance=0"), QStringLiteral("Alice"));
        QVERIFY2(run, qPrintable(errorMessage(run)));
        const Result<void> opened = AuditEvents::record(*config, QStringLiteral("environment_opened"),
                                                        QString(), QStringLiteral("ok"));
        QVERIFY2(opened, qPrintable(errorMessage(opened)));
        auto store = ControlStore::create(*config);
        QVERIFY(store->open().has_value());
        AuditLog::Filter filter;
        filter.action = QStringLiteral("reconciliation_run");
        const QList<AuditEntry> runs = store->audit().entries(filter).value();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().displayName, QStringLiteral("Alice"));
        QCOMPARE(runs.first().environment, QStringLiteral("demo"));
        QVERIFY(!runs.first().osUser.isEmpty());
        QVERIFY(store->audit().verify().ok);
    }

    // A reconciliation run reads the same in the audit log whether the GUI or cockpitctl ran it.
    void reconciliationRunEntry()
    {
        RunSummary run;
        run.status = RunStatus::Complete;
        run.runId = 7;
        run.accounts = 30;
        run.discrepancies = 3;
        run.byAccountType = {{QStringLiteral("usdc_balance"), 2}, {QStringLiteral("fiat_exposure"), 1}};
        AuditEvents::Text text = AuditEvents::reconciliationRun(run);
        QCOMPARE(text.result,
                 QStringLiteral("complete: run 7, 30 accounts, 3 discrepancies, 0 invariant violations"));
        QCOMPARE(text.detail, QStringLiteral("fiat_exposure=1, usdc_balance=2"));
        run.error = QStringLiteral("ledger.sqlite: disk I/O error");
        text = AuditEvents::reconciliationRun(run);
        QCOMPARE(text.detail,
                 QStringLiteral("fiat_exposure=1, usdc_balance=2; ledger.sqlite: disk I/O error"));
    }

    // The GUI's audit entries are written in the background in the order asked, and one that cannot be
    // written is said, not only logged.
    void sessionAuditsInOrderAndReportsFailures()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        {
            // Switching environments drops the session at once: what it was asked to audit is still
            // written, in order.
            EnvironmentSession session(*config);
            for (int i = 0; i < 5; ++i)
                session.audit(QStringLiteral("sync"), QStringLiteral("state"), QString::number(i));
        }
        auto store = ControlStore::create(*config);
        QVERIFY(store->open().has_value());
        AuditLog::Filter filter;
        filter.action = QStringLiteral("sync");
        QTRY_COMPARE_WITH_TIMEOUT(store->audit().entries(filter).value().size(), 5, 20000);
        QList<AuditEntry> entries = store->audit().entries(filter).value();
        std::sort(entries.begin(), entries.end(),
                  [](const AuditEntry &a, const AuditEntry &b) { return a.seq < b.seq; });
        QStringList results;
        for (const AuditEntry &e : entries)
            results.append(e.result);
        QCOMPARE(results, (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"),
                                       QStringLiteral("3"), QStringLiteral("4")}));
        QVERIFY(store->audit().verify().ok);
        {
            // A read-only session writes nothing, as cockpitctl's.
            EnvironmentSession readOnly(*config);
            readOnly.setReadOnlyOverride(true);
            QList<ActivityEvent> events;
            connect(&readOnly, &EnvironmentSession::activity, this,
                    [&events](const ActivityEvent &e) { events.append(e); });
            readOnly.audit(QStringLiteral("sync"), QStringLiteral("state"), QStringLiteral("read-only"));
            QThreadPool::globalInstance()->waitForDone(); // a write, had one been started, is done now
            QCoreApplication::processEvents();
            QCOMPARE(store->audit().entries(filter).value().size(), 5);
            QVERIFY(events.isEmpty());
        }

        EnvironmentConfig broken = *config;
        broken.control.database.sqlitePath = dir.path(); // a folder: the store cannot open
        EnvironmentSession session(broken);
        QList<ActivityEvent> events;
        connect(&session, &EnvironmentSession::activity, this,
                [&events](const ActivityEvent &e) { events.append(e); });
        session.audit(QStringLiteral("reconciliation_run"), QStringLiteral("ledger"),
                      QStringLiteral("complete"));
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 20000);
        QCOMPARE(events.first().severity, ActivityEvent::Severity::Warning);
        QVERIFY2(events.first().text.contains(QLatin1String("reconciliation_run")),
                 qPrintable(events.first().text));
        QVERIFY(events.first().notify);
    }

    // Everything the cockpit creates for an environment is its user's only: SQLite files (and journals)
    // 0600, LevelDB in a 0700 folder, deployment files 0600.
    void createdFilesAreOwnerOnly()
    {
        QTemporaryDir dir;
        const auto config = demoIn(dir);
        QVERIFY(config);
        std::unique_ptr<ControlStore> store = ControlStore::create(*config);
        QVERIFY(store->open().has_value());
        QVERIFY(store
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("legacy_only")}},
                                       QStringLiteral("tester"), QStringLiteral("host"))
                    .has_value());
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QStringList open;
        QDirIterator it(dir.path(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QFileInfo entry(it.next());
            const bool insideLevelDb =
                entry.absoluteFilePath().startsWith(config->state.leveldbPath + QLatin1Char('/'));
            if (entry.isDir()) {
                if (entry.absoluteFilePath() == config->state.leveldbPath && (entry.permissions() & others))
                    open.append(entry.absoluteFilePath());
                continue;
            }
            ++files;
            if (!insideLevelDb && (entry.permissions() & others))
                open.append(entry.absoluteFilePath());
        }
        QVERIFY(files > 5);
        QVERIFY2(open.isEmpty(), qPrintable(open.join(QLatin1Char('\n'))));
    }

    void stepIndexOfPhases()
    {
        RolloutConfig rollout;
        QCOMPARE(LaneWiring::rolloutStepIndex(rollout, QStringLiteral("v1")), -1);
        QCOMPARE(LaneWiring::rolloutStepIndex(rollout, QStringLiteral("v2_10")), 0);
        QCOMPARE(LaneWiring::rolloutStepIndex(rollout, QStringLiteral("v2_100")), 4);
        QCOMPARE(LaneWiring::rolloutStepIndex(rollout, QStringLiteral("v1_removed")), 5);
        QVERIFY(!LaneWiring::rolloutStepIndex(rollout, QStringLiteral("v2_33")));
        QVERIFY(!LaneWiring::rolloutStepIndex(rollout, QStringLiteral("shadow")));
    }
};

QTEST_GUILESS_MAIN(TestLaneWiring)
#include "tst_lane_wiring.moc"
