// SPDX-License-Identifier: MIT
#include "ledger/latency_histogram.h"
#include "ledger/ledger_metrics.h"
#include "ledger/ledger_monitor.h"

#include <QTest>

using namespace Cockpit;

Q_DECLARE_METATYPE(Cockpit::MetricRow)

namespace {

const qint64 now = 1800000000; // seconds

LedgerConfig config()
{
    LedgerConfig c;
    c.discrepancyAlertCount = 10;
    c.discrepancyAlertWindowSeconds = 300;
    c.shadowCleanWindowSeconds = 600;
    c.cutoverCleanWindowSeconds = 480;
    c.strictCleanWindowSeconds = 120;
    c.performanceTolerancePercent = 10;
    return c;
}

MetricRow row(qint64 ago, const QString &metric, const QString &label, qint64 count)
{
    return {now - ago, metric, label, count, QString()};
}

MetricRow latency(qint64 ago, const QString &source, qint64 ns, int samples)
{
    LatencyHistogram h;
    for (int i = 0; i < samples; ++i)
        h.add(ns);
    return {now - ago, LedgerMetricName::balanceQuery(), source, h.count(), h.serialize()};
}

const LedgerAlert &alert(const LedgerHealth &h, const char *name)
{
    for (const LedgerAlert &a : h.alerts) {
        if (a.name == QLatin1String(name))
            return a;
    }
    static LedgerAlert none;
    return none;
}

const LedgerGate &gate(const LedgerHealth &h, const char *id)
{
    for (const LedgerGate &g : h.gates) {
        if (g.id == QLatin1String(id))
            return g;
    }
    static LedgerGate none;
    return none;
}

} // namespace

class TestLedgerMonitor : public QObject
{
    Q_OBJECT

private slots:
    void histogramPercentilesWithinFivePercent_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addRow("sub-microsecond") << qint64(750);
        QTest::addRow("5 us") << qint64(5000);
        QTest::addRow("3.3 ms") << qint64(3300000);
        QTest::addRow("2 s") << qint64(2000000000);
    }
    void histogramPercentilesWithinFivePercent()
    {
        QFETCH(qint64, value);
        LatencyHistogram h;
        for (int i = 0; i < 100; ++i)
            h.add(value);
        const qint64 p95 = h.percentileNs(95);
        QVERIFY2(p95 >= value && p95 * 100 <= value * 106, qPrintable(QString::number(p95)));
        const auto back = LatencyHistogram::deserialize(h.serialize());
        QVERIFY(back.has_value());
        QCOMPARE(back->count(), 100);
        QCOMPARE(back->percentileNs(95), p95);
    }

    void histogramP95IgnoresTail()
    {
        LatencyHistogram h;
        for (int i = 0; i < 95; ++i)
            h.add(1000);
        for (int i = 0; i < 5; ++i)
            h.add(1000000);
        QVERIFY(h.percentileNs(95) < 1100);
        QVERIFY(h.percentileNs(96) >= 1000000);
        QVERIFY(!LatencyHistogram::deserialize(u"3:x").has_value());
        QVERIFY(!LatencyHistogram::deserialize(u"99999:1").has_value());
    }

    void recorderAggregatesPerSecond()
    {
        LedgerMetrics m;
        m.recordWrite(QStringLiteral("ok"), 5000);
        m.recordWrite(QStringLiteral("ok"), 5999);
        m.recordWrite(QStringLiteral("failed"), 6000);
        m.recordDiscrepancy(QStringLiteral("usdc_balance"), 6001);
        m.recordBalanceQuery(QStringLiteral("ledger"), 4000, 6002);
        const QList<MetricRow> rows = m.takeRows();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).second, 5);
        QCOMPARE(rows.at(0).count, 2);
        QVERIFY(!m.hasPending());
        QVERIFY(m.takeRows().isEmpty());
    }

    // The second being written is left out: its few rows so far would draw a false drop at the chart's end.
    void chartLeavesOutThePartialSecond()
    {
        const QList<LedgerSeriesPoint> series = {{now - 2, 3}, {now - 1, 4}, {now, 1}};
        const LedgerChartData c = LedgerMonitor::chartData(series, now * 1000 + 400, 60);
        QCOMPARE(c.toMs, now * 1000);
        QCOMPARE(c.fromMs, (now - 60) * 1000);
        QVERIFY(c.discrepancies);
        QCOMPARE(c.discrepancies->size(), 60);
        QCOMPARE(c.discrepancies->last(), QPointF(double((now - 1) * 1000), 4.0));
        QCOMPARE(c.discrepancies->first().x(), double((now - 60) * 1000));
    }

    void highDiscrepancyRate_data()
    {
        QTest::addColumn<QList<MetricRow>>("rows");
        QTest::addColumn<bool>("firing");
        QTest::addColumn<qint64>("counted");
        const QString d = LedgerMetricName::discrepancy();
        QTest::addRow("10 is not more than 10")
            << QList<MetricRow>{row(10, d, QStringLiteral("usdc_balance"), 10)} << false << qint64(10);
        QTest::addRow("11 in 5 min fires")
            << QList<MetricRow>{row(10, d, QStringLiteral("usdc_balance"), 6),
                                row(200, d, QStringLiteral("fiat_exposure"), 5)}
            << true << qint64(11);
        QTest::addRow("older than the window ignored")
            << QList<MetricRow>{row(10, d, QStringLiteral("usdc_balance"), 6),
                                row(301, d, QStringLiteral("usdc_balance"), 50)}
            << false << qint64(6);
    }
    void highDiscrepancyRate()
    {
        QFETCH(QList<MetricRow>, rows);
        QFETCH(bool, firing);
        QFETCH(qint64, counted);
        const LedgerHealth h = LedgerMonitor::evaluate(rows, config(), now * 1000);
        QCOMPARE(alert(h, "HighDiscrepancyRate").firing, firing);
        QCOMPARE(h.discrepancies, counted);
        QCOMPARE(h.anyAlertFiring(), firing);
    }

    void writeSuccessRate_data()
    {
        QTest::addColumn<int>("ok");
        QTest::addColumn<int>("failed");
        QTest::addColumn<bool>("firing");
        QTest::addColumn<QString>("rate");
        QTest::addRow("exactly 0.99") << 99 << 1 << false << QStringLiteral("0.9900");
        QTest::addRow("below 0.99") << 985 << 15 << true << QStringLiteral("0.9850");
        QTest::addRow("all ok") << 5 << 0 << false << QStringLiteral("1.0000");
        QTest::addRow("no writes") << 0 << 0 << false << QStringLiteral("n/a");
    }
    void writeSuccessRate()
    {
        QFETCH(int, ok);
        QFETCH(int, failed);
        QFETCH(bool, firing);
        QFETCH(QString, rate);
        const QList<MetricRow> rows{row(5, LedgerMetricName::write(), QStringLiteral("ok"), ok),
                                    row(5, LedgerMetricName::write(), QStringLiteral("failed"), failed),
                                    row(5, LedgerMetricName::write(), QStringLiteral("rejected"), 1000)};
        const LedgerHealth h = LedgerMonitor::evaluate(rows, config(), now * 1000);
        QCOMPARE(alert(h, "LedgerWriteFailures").firing, firing);
        // No writes, no rate: no data, as a Prometheus query of the rate answers NaN, never healthy.
        QCOMPARE(alert(h, "LedgerWriteFailures").inconclusive, ok + failed == 0);
        QCOMPARE(h.successRateText(), rate);
    }

    void performance_data()
    {
        QTest::addColumn<qint64>("ledgerNs");
        QTest::addColumn<qint64>("legacyNs");
        QTest::addColumn<bool>("degradation");
        QTest::addColumn<int>("gateVerdict");
        QTest::addRow("equal") << qint64(5000) << qint64(5000) << false << int(LedgerGate::Verdict::Pass);
        QTest::addRow("ledger 30 percent slower")
            << qint64(6500) << qint64(5000) << false << int(LedgerGate::Verdict::Fail);
        QTest::addRow("ledger 3x slower")
            << qint64(15000) << qint64(5000) << true << int(LedgerGate::Verdict::Fail);
        QTest::addRow("no legacy reads")
            << qint64(5000) << qint64(0) << false << int(LedgerGate::Verdict::Inconclusive);
    }
    void performance()
    {
        QFETCH(qint64, ledgerNs);
        QFETCH(qint64, legacyNs);
        QFETCH(bool, degradation);
        QFETCH(int, gateVerdict);
        QList<MetricRow> rows{latency(3, QStringLiteral("ledger"), ledgerNs, 50)};
        if (legacyNs > 0)
            rows.append(latency(3, QStringLiteral("legacy"), legacyNs, 50));
        const LedgerHealth h = LedgerMonitor::evaluate(rows, config(), now * 1000);
        QCOMPARE(alert(h, "PerformanceDegradation").firing, degradation);
        QCOMPARE(alert(h, "PerformanceDegradation").inconclusive, legacyNs == 0);
        QCOMPARE(int(gate(h, "performance").verdict), gateVerdict);
    }

    void gatesUseTheirWindows()
    {
        const QString w = LedgerMetricName::write();
        const QString d = LedgerMetricName::discrepancy();
        // A discrepancy 500 s ago: inside the 600 s shadow window, outside the 300 s alert window.
        QList<MetricRow> rows{row(500, d, QStringLiteral("usdc_balance"), 1),
                              row(100, w, QStringLiteral("ok"), 20),
                              row(130, w, QStringLiteral("failed"), 1)};
        LedgerHealth h = LedgerMonitor::evaluate(rows, config(), now * 1000);
        QCOMPARE(gate(h, "shadow_clean").verdict, LedgerGate::Verdict::Fail);
        QVERIFY2(
            gate(h, "shadow_clean")
                    .evidence.english()
                    .startsWith(QLatin1String("1 discrepancies in the last 10m"))
                && gate(h, "shadow_clean").evidence.english().contains(QLatin1String("(0 allowed), last at")),
            qPrintable(gate(h, "shadow_clean").evidence.english()));
        QCOMPARE(h.discrepancies, 0);
        // The cutover gate is the same rule over its own window: the discrepancy is older than its 480 s.
        QCOMPARE(gate(h, "cutover_clean").verdict, LedgerGate::Verdict::Pass);
        QCOMPARE(gate(h, "cutover_clean").evidence.english(),
                 QStringLiteral("0 discrepancies in the last 8m (21 writes)"));
        QCOMPARE(gate(h, "cutover_clean").title.english(),
                 QStringLiteral("No discrepancies for 8m before cutover"));
        // Every gate is judged, in the order the pages list them.
        QStringList ids;
        for (const LedgerGate &g : h.gates)
            ids.append(g.id);
        QCOMPARE(ids, LedgerMonitor::gateIds());
        // The failure 130 s ago is outside the 120 s strict window.
        QCOMPARE(gate(h, "strict_clean").verdict, LedgerGate::Verdict::Pass);
        rows.append(row(60, w, QStringLiteral("failed"), 2));
        h = LedgerMonitor::evaluate(rows, config(), now * 1000);
        QCOMPARE(gate(h, "strict_clean").verdict, LedgerGate::Verdict::Fail);
        // No activity at all: nothing to judge.
        h = LedgerMonitor::evaluate({}, config(), now * 1000);
        QCOMPARE(gate(h, "shadow_clean").verdict, LedgerGate::Verdict::Inconclusive);
        QCOMPARE(gate(h, "strict_clean").verdict, LedgerGate::Verdict::Inconclusive);
    }
};

QTEST_GUILESS_MAIN(TestLedgerMonitor)
#include "tst_ledger_monitor.moc"
