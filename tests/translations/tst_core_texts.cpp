// SPDX-License-Identifier: MIT
// The texts core makes for an operator (gate titles and evidence, alert actions and details, the deployment
// state's findings) are shown in the window's language, while what is recorded for others (the audit log's
// gate evidence, the CLI's JSON) stays English whoever wrote it.
#include "common/text.h"
#include "config/config_reader.h"
#include "control/gate_registry.h"
#include "control/transition_plan.h"
#include "demo/demo_bootstrap.h"
#include "ledger/ledger_metrics.h"
#include "ledger/ledger_monitor.h"
#include "state/state_diff_report.h"
#include "test_paths.h"
#include "wiring/lane_wiring.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Cockpit;
using namespace Qt::StringLiterals;

class TestCoreTexts : public QObject
{
    Q_OBJECT

    QTranslator m_german;

private slots:
    void initTestCase()
    {
        QVERIFY(m_german.load(QStringLiteral(COCKPIT_QM_DIR "/migration-cockpit_de")));
        QVERIFY(QCoreApplication::installTranslator(&m_german));
    }

    void cleanupTestCase() { QCoreApplication::removeTranslator(&m_german); }

    void gateTitlesAreShownInGermanAndRecordedInEnglish()
    {
        LedgerConfig ledger;
        ledger.shadowCleanWindowSeconds = 7 * 86400;
        const Text title = LedgerMonitor::gateTitle(u"shadow_clean"_s, ledger);
        QCOMPARE(title.shown(), u"Schattenmodus 7d ohne Abweichungen"_s);
        QCOMPARE(title.english(), u"Shadow mode 7d without discrepancies"_s);
    }

    void everyRegisteredGateHasAGermanTitle()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"demo.json"_s);
        QVERIFY(QFile::copy(CockpitTest::sourceDir() + u"/configs/demo.json"_s, path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto loaded = ConfigLoader::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(errorMessage(DemoBootstrap::ensureData(*loaded.config)), QString());
        GateRegistry registry;
        LaneWiring::install(*loaded.config, registry);
        const QList<std::pair<QString, QString>> targets{{u"ledger"_s, u"ledger_reads"_s},
                                                         {u"ledger"_s, u"strict"_s},
                                                         {u"ledger"_s, u"ledger_only"_s},
                                                         {u"state"_s, u"dual_write"_s},
                                                         {u"state"_s, u"json_reads_with_fallback"_s},
                                                         {u"state"_s, u"json_only"_s},
                                                         {u"rollout:transaction_pool"_s, u"v2_10"_s},
                                                         {u"rollout:transaction_pool"_s, u"v1_removed"_s}};
        int gates = 0;
        for (const auto &[migration, phase] : targets) {
            for (const auto &gate : registry.gates(migration, phase)) {
                ++gates;
                QVERIFY2(gate->name().shown() != gate->name().english(), qPrintable(gate->name().english()));
            }
        }
        QCOMPARE(gates, 15);

        // The evidence of a gate judged now: German on screen, English in the plan's audit record.
        const auto stateGates = registry.gates(u"state"_s, u"dual_write"_s);
        QCOMPARE(stateGates.size(), 1);
        const GateResult judged = stateGates.first()->evaluate();
        QVERIFY2(judged.evidence.shown().contains(u"JSON-Ordner"_s), qPrintable(judged.evidence.shown()));
        QVERIFY2(judged.evidence.english().contains(u"JSON folder"_s), qPrintable(judged.evidence.english()));
        TransitionPlan plan;
        plan.gates.append({stateGates.first()->name(), judged, true});
        QVERIFY2(plan.gateEvidence().contains(u"Both stores reachable: LevelDB: "_s),
                 qPrintable(plan.gateEvidence()));
        QVERIFY(!plan.gateEvidence().contains(u"Speicher"_s));
    }

    void alertsAndEvidenceAreTranslated()
    {
        LedgerConfig ledger;
        ledger.discrepancyAlertCount = 1;
        ledger.discrepancyAlertWindowSeconds = 300;
        const qint64 now = 1800000000;
        const QList<MetricRow> rows{{now - 10, LedgerMetricName::discrepancy(), u"amount"_s, 5, {}},
                                    {now - 10, LedgerMetricName::write(), u"ok"_s, 50, {}}};
        const LedgerHealth health = LedgerMonitor::evaluate(rows, ledger, now * 1000);
        const auto high =
            std::find_if(health.alerts.cbegin(), health.alerts.cend(),
                         [](const LedgerAlert &a) { return a.name == u"HighDiscrepancyRate"_s; });
        QVERIFY(high != health.alerts.cend());
        QVERIFY(high->firing);
        QCOMPARE(high->action.shown(), u"Strikten Modus abschalten, falls aktiv, untersuchen"_s);
        QCOMPARE(high->action.english(), u"Disable strict mode if it is on, investigate"_s);
        QCOMPARE(high->detail.shown(), u"5 Abweichungen in den letzten 5m"_s);
        QCOMPARE(high->detail.english(), u"5 discrepancies in the last 5m"_s);
        const auto shadow = std::find_if(health.gates.cbegin(), health.gates.cend(),
                                         [](const LedgerGate &g) { return g.id == u"shadow_clean"_s; });
        QVERIFY(shadow != health.gates.cend());
        QVERIFY2(shadow->evidence.shown().startsWith(u"5 Abweichungen in den letzten"_s),
                 qPrintable(shadow->evidence.shown()));
        QVERIFY2(shadow->evidence.english().startsWith(u"5 discrepancies in the last"_s),
                 qPrintable(shadow->evidence.english()));
    }

    void numbersAreWrittenInTheShownLanguage()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const Text t =
            Text::translate("Gates", "%1 mismatched, %2 equal, %3 only in LevelDB (served by fallback)")
                .arg(12345, 2, 0);
        const Text health = Text::decimal(99.5, 1);
        const Text rate = Text::decimal(u"0.9950"_s);
        QLocale::setDefault(before);
        QCOMPARE(t.shown(), u"12.345 abweichend, 2 gleich, 0 nur in LevelDB (über Fallback bedient)"_s);
        QCOMPARE(t.english(), u"12345 mismatched, 2 equal, 0 only in LevelDB (served by fallback)"_s);
        QCOMPARE(health.shown(), u"99,5"_s);
        QCOMPARE(health.english(), u"99.5"_s);
        QCOMPARE(rate.shown(), u"0,9950"_s);
        QCOMPARE(rate.english(), u"0.9950"_s);
    }

    // The Deployment State page's findings: German with German numbers in the window, English for the CLI.
    void stateDiffFindingsAreTranslated()
    {
        StateDiffResult result;
        result.summary.onlyInLeveldb = 13;
        result.summary.mentionedByProxy = 12;
        result.summary.checked = 28;
        result.summary.healthy = 26;
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QList<Text> findings = StateDiffReport::findings(result);
        QLocale::setDefault(before);
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings.at(0).shown(),
                 u"13 Contracts in LevelDB fehlen in den JSON-Dateien (12 davon sind per Proxy-Adresse in "
                 u"infrastructureContracts oder protocolContracts genannt)"_s);
        QCOMPARE(findings.at(1).shown(),
                 u"Datenzustand 92,9 % (26 von 28 Datensätzen bestehen die Prüfung)"_s);
        QCOMPARE(findings.at(1).english(), u"Data health 92.9 % (26 of 28 records pass validation)"_s);
        QVERIFY(StateDiffReport::toText(result).contains(u"Data health 92.9 %"_s));
    }

    void insertedTextIsNeverTakenForAPlaceholder()
    {
        // A backend's message may hold an encoded URL: its "%2C" must survive, and %2 must get its own value.
        const Text t = Text::translate("Gates", "%1; reconciliation runs: %2")
                           .arg(Text::plain(u"GET /api?q=a%2Cb failed"_s), u"timeout"_s);
        QCOMPARE(t.english(), u"GET /api?q=a%2Cb failed; reconciliation runs: timeout"_s);
        QCOMPARE(t.shown(), u"GET /api?q=a%2Cb failed; Abgleichsläufe: timeout"_s);
    }
};

QTEST_GUILESS_MAIN(TestCoreTexts)
#include "tst_core_texts.moc"
