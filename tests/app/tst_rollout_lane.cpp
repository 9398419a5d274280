// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/transition_service.h"
#include "demo/demo_bootstrap.h"
#include "environment_dir.h"
#include "guard/rollout_guard.h"
#include "rollout_lane_controller.h"
#include "test_paths.h"
#include "ui/control/phase_stepper.h"
#include "ui/rollout/analysis_history_model.h"
#include "ui/rollout/rollout_page.h"
#include "ui/shell/write_confirm_dialog.h"
#include "wiring/lane_wiring.h"

#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Cockpit;

// The V2 Rollout page joined to migration control: a confirmed breach rolls the module back to V1 through
// the same audited transition as a manual rollback, and Pause stops promotions.
class TestRolloutLane : public QObject
{
    Q_OBJECT

    std::unique_ptr<CockpitTest::EnvironmentDir> m_dir;
    std::optional<EnvironmentConfig> m_config;

    QString phaseOf(const QString &migration)
    {
        auto store = ControlStore::create(*m_config);
        if (!store->open())
            return QString();
        const std::optional<MigrationState> state = valueOf(store->state(migration)).value_or(std::nullopt);
        return state ? state->phase : QString();
    }

private slots:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<CockpitTest::EnvironmentDir>();
        const QString path = m_dir->filePath(QStringLiteral("demo.json"));
        QVERIFY(QFile::copy(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto loaded = ConfigLoader::load(path);
        QVERIFY(loaded.ok());
        m_config = loaded.config;
        QCOMPARE(errorMessage(DemoBootstrap::ensureData(*m_config)), QString());
        GateRegistry registry;
        LaneWiring::install(*m_config, registry);
        // transaction_pool at 10 % V2.
        auto store = ControlStore::create(*m_config);
        TransitionService service(*m_config, OperatorIdentity::current(), false, *store, registry);
        QVERIFY(service.open().has_value());
        TransitionService::Request request;
        request.migration = QStringLiteral("rollout:transaction_pool");
        TransitionService::Options options;
        options.reason = QStringLiteral("test");
        options.override = true;
        QVERIFY(service.execute(service.plan(request), options).result.has_value());
    }

    // The window's own guard: a regression injected into the simulator is confirmed by the guard's analysis
    // of the current step, rolled back once through the audited transition, and kept as evidence that the
    // history shows with its "why".
    void confirmedBreachRollsBackThroughControl()
    {
        QCOMPARE(phaseOf(QStringLiteral("rollout:transaction_pool")), QStringLiteral("v2_10"));
        EnvironmentSession session(*m_config);
        RolloutPage page(&session);
        auto *controller = new RolloutLaneController(&session, &page);
        Q_UNUSED(controller)
        page.resize(1280, 860);
        page.show();
        QSignalSpy events(&page, &RolloutPage::guardEvent);
        auto *inject = page.findChild<QPushButton *>(QStringLiteral("injectRegression"));
        QVERIFY(inject && inject->menu());
        inject->menu()->actions().first()->trigger(); // latency x2 on transaction_pool
        QTRY_COMPARE_WITH_TIMEOUT(phaseOf(QStringLiteral("rollout:transaction_pool")), QStringLiteral("v1"),
                                  30000);
        // Audited like a manual rollback, with the analysis' words as the reason.
        auto store = ControlStore::create(*m_config);
        QVERIFY(store->open().has_value());
        AuditLog::Filter filter;
        filter.migration = QStringLiteral("rollout:transaction_pool");
        filter.action = QStringLiteral("rollback");
        QList<AuditEntry> entries = store->audit().entries(filter).value();
        QCOMPARE(entries.size(), 1);
        QVERIFY2(
            entries.first().reason.startsWith(QStringLiteral("automatic rollback: transaction_pool: breach")),
            qPrintable(entries.first().reason));
        QTRY_VERIFY(std::any_of(events.cbegin(), events.cend(), [](const QList<QVariant> &args) {
            return args.first().value<RolloutGuard::Event>().kind == RolloutGuard::Event::Kind::RolledBack;
        }));
        // The rollout lane's own step followed: all traffic on V1 again.
        QFile env(m_dir->filePath(QStringLiteral("demo-data/rollout.env")));
        QVERIFY(env.open(QIODevice::ReadOnly));
        QVERIFY(env.readAll().contains("TRANSACTION_POOL_V2_WEIGHT=0"));
        // The intervals the guard judged are the history; selecting one says why.
        auto *history = page.findChild<QTableView *>(QStringLiteral("rolloutHistory"));
        QVERIFY(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowCount() >= 3, 10000);
        int failing = -1;
        for (int row = 0; row < history->model()->rowCount() && failing < 0; ++row) {
            if (history->model()->index(row, AnalysisHistoryModel::StatusColumn).data().toString()
                != QStringLiteral("✔ pass"))
                failing = row;
        }
        QVERIFY(failing >= 0);
        history->setCurrentIndex(history->model()->index(failing, 0));
        const QString why = page.findChild<QPlainTextEdit *>(QStringLiteral("rolloutWhy"))->toPlainText();
        QVERIFY2(why.contains(QLatin1String("latency_increase"))
                     && why.contains(QLatin1String("V2 samples: n="))
                     && why.contains(QLatin1String("recorded by cockpit window")),
                 qPrintable(why));
        // The breach is this step's and done: no second rollback, while the window keeps guarding.
        QTest::qWait(3000);
        QCOMPARE(store->audit().entries(filter).value().size(), 1);
    }

    // A read-only window runs no guard: the breach stays a report and nothing takes the lease.
    void readOnlySessionNeverRollsBack()
    {
        EnvironmentSession session(*m_config);
        session.setReadOnlyOverride(true);
        RolloutPage page(&session);
        new RolloutLaneController(&session, &page);
        QSignalSpy verdicts(&page, &RolloutPage::verdictAvailable);
        page.findChild<QPushButton *>(QStringLiteral("injectRegression"))
            ->menu()
            ->actions()
            .first()
            ->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(verdicts.cbegin(), verdicts.cend(),
                                             [](const QList<QVariant> &args) {
                                                 return args.first().value<ModuleVerdict>().breachConfirmed();
                                             }),
                                 20000);
        QTest::qWait(3000);
        QCOMPARE(phaseOf(QStringLiteral("rollout:transaction_pool")), QStringLiteral("v2_10"));
        auto store = ControlStore::create(*m_config);
        QVERIFY(store->open().has_value());
        QVERIFY(!store->guardLease().value().has_value());
    }

    // The Auto-rollback checkbox is the environment's setting: clicking it asks for a reason, stores the
    // setting for every cockpit and guard, audits it, and the checkbox follows what the store says.
    void autoRollbackCheckboxChangesTheEnvironmentsSetting()
    {
        EnvironmentSession session(*m_config);
        RolloutPage page(&session);
        new RolloutLaneController(&session, &page);
        page.show();
        QCheckBox *box = nullptr;
        for (QCheckBox *b : page.findChildren<QCheckBox *>()) {
            if (b->accessibleName() == QLatin1String("Automatic rollback on a confirmed breach"))
                box = b;
        }
        QVERIFY(box);
        // The environment's setting, read from the store: never set, so the config's default (on).
        QTRY_VERIFY_WITH_TIMEOUT(box->toolTip().contains(QLatin1String("configuration's default")), 10000);
        QVERIFY(box->isChecked());
        QTest::mouseClick(box, Qt::LeftButton);
        QVERIFY(box->isChecked()); // nothing changes before it is confirmed
        WriteConfirmDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<WriteConfirmDialog *>()) != nullptr);
        QVERIFY(!dialog->confirmButton()->isEnabled());
        QTest::keyClick(dialog->reasonField(), Qt::Key_Return); // Enter without a reason does nothing
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->reasonField(), QStringLiteral("load test tonight"));
        QVERIFY(dialog->confirmButton()->isEnabled());
        if (const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR"); !shots.isEmpty())
            dialog->grab().save(shots + QStringLiteral("/auto-rollback-dialog.png"));
        // Enter after the reason does not switch the safety net off: that takes the button.
        QTest::keyClick(dialog->reasonField(), Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!box->isChecked(), 15000);
        QVERIFY2(box->toolTip().contains(QLatin1String("load test tonight")), qPrintable(box->toolTip()));
        auto store = ControlStore::create(*m_config);
        QVERIFY(store->open().has_value());
        const std::optional<ControlSetting> setting =
            store->setting(RolloutGuard::autoRollbackSetting()).value();
        QVERIFY(setting);
        QCOMPARE(setting->value, QStringLiteral("off"));
        QCOMPARE(setting->reason, QStringLiteral("load test tonight"));
        AuditLog::Filter filter;
        filter.action = QStringLiteral("auto-rollback");
        const QList<AuditEntry> entries = store->audit().entries(filter).value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().reason, QStringLiteral("load test tonight"));

        // Cancelled: nothing changes, nothing is audited.
        QTest::mouseClick(box, Qt::LeftButton);
        QTRY_VERIFY((dialog = page.findChild<WriteConfirmDialog *>()) != nullptr);
        dialog->reject();
        QTest::qWait(300);
        QVERIFY(!box->isChecked());
        QCOMPARE(store->audit().entries(filter).value().size(), 1);
    }

    void pauseBlocksPromotion()
    {
        EnvironmentSession session(*m_config);
        RolloutPage page(&session);
        new RolloutLaneController(&session, &page);
        page.show();
        page.selectModule(QStringLiteral("transaction_pool"));
        QPushButton *pause = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>()) {
            if (b->text() == QStringLiteral("&Pause") || b->text() == QStringLiteral("&Resume"))
                pause = b;
        }
        QVERIFY(pause);
        QTRY_VERIFY(pause->isEnabled());
        QCOMPARE(pause->text(), QStringLiteral("&Pause"));
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE(pause->text(), QStringLiteral("&Resume"));
        const auto gates =
            session.gates().gates(QStringLiteral("rollout:transaction_pool"), QStringLiteral("v2_25"));
        const GateResult notPaused = gates.first()->evaluate();
        QCOMPARE(notPaused.verdict, GateResult::Verdict::Fail);
        QVERIFY(notPaused.evidence.english().contains(QStringLiteral("paused by")));
        QTRY_VERIFY(pause->isEnabled());
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE(pause->text(), QStringLiteral("&Pause"));
        QCOMPARE(gates.first()->evaluate().verdict, GateResult::Verdict::Pass);
    }

    // Cutover and Rollback of the selected module are visible without scrolling at 1280 × 800.
    void cutoverAndRollbackVisibleWithoutScrolling()
    {
        EnvironmentSession session(*m_config);
        RolloutPage page(&session);
        new RolloutLaneController(&session, &page);
        page.resize(1280 - 210, 800 - 90); // what the main window leaves the page at 1280 × 800
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.selectModule(QStringLiteral("transaction_pool"));
        auto *stepper = page.findChild<PhaseStepper *>();
        QVERIFY(stepper);
        const QStringList names = {QStringLiteral("Cutover rollout:transaction_pool"),
                                   QStringLiteral("Rollback rollout:transaction_pool")};
        for (const QString &name : names) {
            QPushButton *button = nullptr;
            for (QPushButton *b : stepper->findChildren<QPushButton *>()) {
                if (b->accessibleName() == name)
                    button = b;
            }
            QVERIFY2(button, qPrintable(name));
            QTRY_VERIFY(button->isVisible());
            const QRect onPage(button->mapTo(&page, QPoint(0, 0)), button->size());
            QVERIFY2(page.rect().contains(onPage), qPrintable(name));
            // Not hidden behind the scroll area's edge either.
            const QWidget *viewport = stepper->parentWidget();
            const QRect inViewport(button->mapTo(viewport, QPoint(0, 0)), button->size());
            QVERIFY2(viewport->rect().contains(inViewport), qPrintable(name));
        }
    }
};

QTEST_MAIN(TestRolloutLane)
#include "tst_rollout_lane.moc"
