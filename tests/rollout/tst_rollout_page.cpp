// SPDX-License-Identifier: MIT
// The V2 rollout page driven like a user would, on the built-in simulator.
#include "environment_dir.h"
#include "ui/rollout/analysis_history_model.h"
#include "ui/rollout/rollout_chart_panel.h"
#include "ui/rollout/rollout_module_model.h"
#include "ui/rollout/rollout_page.h"
#include "wiring/environment_session.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Cockpit;

namespace {

EnvironmentConfig demoConfig(const QString &dataDir, bool autoRollback = true)
{
    const QByteArray json = QByteArray(R"({"environment":{"name":"page-test","kind":"demo","dataDir":")")
                            + dataDir.toUtf8()
                            + R"("},"metrics":{"source":"simulator","seed":7},)"
                              R"("rollout":{"interval":"1s","consecutiveBreaches":2,"autoRollback":)"
                            + (autoRollback ? "true" : "false") + "}}";
    const auto result = ConfigLoader::parse(json, QStringLiteral("page-test.json"), dataDir);
    if (!result.ok())
        qFatal("%s", qPrintable(result.errors.join(QLatin1Char('\n'))));
    return *result.config;
}

ModuleVerdict verdictWith(const QString &module, qint64 toMs, VerdictStatus status)
{
    ModuleVerdict v;
    v.module = module;
    v.status = status;
    IntervalVerdict interval;
    interval.fromMs = toMs - 1000;
    interval.toMs = toMs;
    interval.status = status;
    MetricEvidence e;
    e.threshold = QStringLiteral("latency_increase");
    e.thresholdPercent = 50;
    e.v1 = 0.2;
    e.v2 = 0.4;
    e.observedPercent = 100;
    e.failing = status != VerdictStatus::Pass;
    interval.evidence = {e};
    v.intervals = {interval};
    return v;
}

} // namespace

class TestRolloutPage : public QObject
{
    Q_OBJECT

private slots:
    void moduleModelUnderTester()
    {
        RolloutConfig rollout;
        rollout.modules = {{QStringLiteral("a"), QStringLiteral("A_VERSION"), {}},
                           {QStringLiteral("b"), QStringLiteral("B_VERSION"), {}}};
        RolloutModuleModel model(rollout);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        ModuleRolloutState state;
        state.module = QStringLiteral("b");
        state.stepIndex = 1;
        model.setState(state);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(1, RolloutModuleModel::SplitColumn).data().toString(),
                 QStringLiteral("75 / 25"));
        QCOMPARE(model.index(1, RolloutModuleModel::PhaseColumn).data().toString(), QStringLiteral("25 %"));
        model.setVerdict(verdictWith(QStringLiteral("a"), 1000, VerdictStatus::Breach));
        QVERIFY(model.index(0, RolloutModuleModel::StatusColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("breach")));
        model.setError(QStringLiteral("a"), QStringLiteral("cannot reach Prometheus"));
        QCOMPARE(model.index(0, RolloutModuleModel::StatusColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("cannot reach Prometheus"));
    }

    void historyModelUnderTester()
    {
        AnalysisHistoryModel model(10);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.addVerdict(verdictWith(QStringLiteral("a"), 1000, VerdictStatus::Failing)), 1);
        QCOMPARE(model.addVerdict(verdictWith(QStringLiteral("a"), 1000, VerdictStatus::Failing)), 0); // seen
        QCOMPARE(model.addVerdict(verdictWith(QStringLiteral("a"), 2000, VerdictStatus::Breach)), 1);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.index(0, AnalysisHistoryModel::StatusColumn).data().toString(),
                 QStringLiteral("✖ breach")); // in the module table's words
        // The same UTC text as every other table and export, whatever the locale.
        QCOMPARE(model.index(0, AnalysisHistoryModel::TimeColumn).data().toString(),
                 QStringLiteral("1970-01-01 00:00:02"));
        QCOMPARE(model.headerData(AnalysisHistoryModel::TimeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Interval end (UTC)"));
        QVERIFY(model.index(0, AnalysisHistoryModel::EvidenceColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("latency_increase 100.0 % / 50 %")));
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(QLatin1String("V1 0.2, V2 0.4")));
        model.addFailure(QStringLiteral("b"), 3000, QStringLiteral("cannot reach Prometheus at x"));
        QCOMPARE(model.rowCount(), 3);
        for (int i = 0; i < 15; ++i)
            model.addFailure(QStringLiteral("b"), 4000 + i, QStringLiteral("down"));
        QCOMPARE(model.rowCount(), 10); // bounded: the oldest rows go
        QCOMPARE(model.index(9, AnalysisHistoryModel::StatusColumn).data().toString(),
                 QStringLiteral("no verdict"));
    }

    // The guard's stored intervals: each once, in time order across modules, with its "why".
    void storedIntervalsShowWhy()
    {
        AnalysisHistoryModel model(10);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto stored = [](const QString &module, qint64 toMs) {
            StoredInterval s;
            s.module = module;
            s.interval = verdictWith(module, toMs, VerdictStatus::Failing).intervals.first();
            s.interval.evidence.first().v2Query =
                SentQuery{QStringLiteral("up{version=\"v2\"}"), 0, toMs, 15};
            s.weightPercent = 25;
            s.recordedBy = QStringLiteral("cockpitctl guard (ops) on h1");
            return s;
        };
        QCOMPARE(model.addStored({stored(QStringLiteral("a"), 1000), stored(QStringLiteral("a"), 3000),
                                  stored(QStringLiteral("b"), 2000)}),
                 3);
        QCOMPARE(model.addStored({stored(QStringLiteral("a"), 3000)}), 0); // seen
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, AnalysisHistoryModel::ModuleColumn).data().toString(), QStringLiteral("a"));
        QCOMPARE(model.index(1, AnalysisHistoryModel::ModuleColumn).data().toString(), QStringLiteral("b"));
        QCOMPARE(model.lastIntervalEnd(QStringLiteral("b")), 2000);
        const QString why = model.index(1, 0).data(AnalysisHistoryModel::DetailsRole).toString();
        QVERIFY2(why.contains(QLatin1String("V2 at 25 %"))
                     && why.contains(QLatin1String("up{version=\"v2\"}"))
                     && why.contains(QLatin1String("recorded by cockpitctl guard (ops) on h1")),
                 qPrintable(why));
    }

    void chartsAreDownsampledForAWeek()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir.path()));
        RolloutPage page(&session);
        page.resize(1280, 800);
        page.show();
        QSignalSpy updated(&page, &RolloutPage::chartsUpdated);
        QVERIFY(updated.wait(5000));
        const int quarterHour = page.chartPanel()->pointCount();
        QVERIFY2(quarterHour > 100, QByteArray::number(quarterHour).constData()); // 15 min at 15 s, 8 series

        page.setRangeSeconds(7 * 86400);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 2 && page.chartPanel()->pointCount() > quarterHour,
                                 10000);
        // 8 series of a week at 15 s would be 322,568 points; the charts get at most 1,000 per series.
        QVERIFY(page.chartPanel()->pointCount() <= 8 * RolloutWorker::ChartPoints);
    }

    void clickingAModuleSelectsIt()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir.path()));
        RolloutPage page(&session);
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy selected(&page, &RolloutPage::selectedModuleChanged);
        auto *view = page.findChild<QTableView *>(QStringLiteral("rolloutModules"));
        QVERIFY(view);
        const QModelIndex second = view->model()->index(1, 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(second).center());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(page.selectedModule(), QStringLiteral("sync_service"));
    }

    void injectedRegressionWantsRollback()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir.path()));
        RolloutPage page(&session);
        page.resize(1280, 800);
        page.show();
        QSignalSpy verdicts(&page, &RolloutPage::verdictAvailable);
        auto *inject = page.findChild<QPushButton *>();
        QVERIFY(inject && inject->menu());
        inject->menu()->actions().first()->trigger(); // latency x2 on transaction_pool
        // Interval 1 s, breach after 2 failing intervals: expect the breach within a few seconds.
        auto breach = [&]() -> std::optional<ModuleVerdict> {
            for (const QList<QVariant> &args : std::as_const(verdicts)) {
                const auto v = args.first().value<ModuleVerdict>();
                if (v.module == QLatin1String("transaction_pool") && v.breachConfirmed())
                    return v;
            }
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(breach().has_value(), 10000);
        QCOMPARE(breach()->trigger->threshold, QStringLiteral("latency_increase"));
        QVERIFY(*breach()->trigger->observedPercent > 50);

        // Clearing the regression makes V2 healthy again: new intervals pass.
        verdicts.clear();
        inject->menu()->actions().last()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(verdicts.cbegin(), verdicts.cend(),
                                             [](const QList<QVariant> &args) {
                                                 const auto v = args.first().value<ModuleVerdict>();
                                                 return v.module == QLatin1String("transaction_pool")
                                                        && v.intervals.last().status == VerdictStatus::Pass;
                                             }),
                                 15000);
    }

    void autoRollbackSwitchOffReportsButDoesNotAct()
    {
        CockpitTest::EnvironmentDir dir;
        EnvironmentSession session(demoConfig(dir.path()));
        RolloutPage page(&session);
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *autoRollback = page.findChild<QCheckBox *>();
        QVERIFY(autoRollback && autoRollback->isChecked());
        // A click asks to change the environment's setting; the box shows the setting, not the click.
        QSignalSpy change(&page, &RolloutPage::autoRollbackChangeRequested);
        QTest::mouseClick(autoRollback, Qt::LeftButton, {}, QPoint(8, autoRollback->height() / 2));
        QCOMPARE(change.count(), 1);
        QCOMPARE(change.first().first().toBool(), false);
        QVERIFY(page.autoRollbackEnabled());
        page.showAutoRollbackSetting(false, QStringLiteral("set by test: load test")); // as the store says
        QVERIFY(!autoRollback->isChecked() && !page.autoRollbackEnabled());
        QSignalSpy verdicts(&page, &RolloutPage::verdictAvailable);
        page.findChild<QPushButton *>()->menu()->actions().first()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(verdicts.cbegin(), verdicts.cend(),
                                             [](const QList<QVariant> &args) {
                                                 const auto v = args.first().value<ModuleVerdict>();
                                                 return v.breachConfirmed() && !v.rollbackWanted();
                                             }),
                                 10000);
    }
};

QTEST_MAIN(TestRolloutPage)
#include "tst_rollout_page.moc"
