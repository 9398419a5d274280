// SPDX-License-Identifier: MIT
#include "rollout/downsampler.h"

#include <QTest>

#include <cmath>

using namespace Cockpit;

namespace {

MetricPoints wave(int n)
{
    MetricPoints points;
    for (int i = 0; i < n; ++i)
        points.append(QPointF(i * 15000.0, 100.0 + 10.0 * std::sin(i / 50.0)));
    return points;
}

} // namespace

class TestDownsampler : public QObject
{
    Q_OBJECT

private slots:
    void keepsSmallSeries_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("threshold");
        QTest::addRow("empty") << 0 << 100;
        QTest::addRow("below threshold") << 50 << 100;
        QTest::addRow("equal to threshold") << 100 << 100;
        QTest::addRow("threshold too small") << 500 << 2;
    }

    void keepsSmallSeries()
    {
        QFETCH(int, size);
        QFETCH(int, threshold);
        const MetricPoints input = wave(size);
        QCOMPARE(Downsampler::lttb(input, threshold), input);
    }

    void reducesToThreshold_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("threshold");
        QTest::addRow("week at 15 s to 1000") << 40320 << 1000;
        QTest::addRow("odd sizes") << 1001 << 7;
        QTest::addRow("one more than threshold") << 101 << 100;
    }

    void reducesToThreshold()
    {
        QFETCH(int, size);
        QFETCH(int, threshold);
        const MetricPoints input = wave(size);
        const MetricPoints output = Downsampler::lttb(input, threshold);
        QCOMPARE(output.size(), threshold);
        QCOMPARE(output.first(), input.first());
        QCOMPARE(output.last(), input.last());
        for (qsizetype i = 1; i < output.size(); ++i)
            QVERIFY2(output[i].x() > output[i - 1].x(), "output must stay in time order");
    }

    void keepsASpike()
    {
        // A one-sample breach in a week of flat data must survive downsampling, or the chart would hide it.
        MetricPoints input;
        for (int i = 0; i < 40320; ++i)
            input.append(QPointF(i * 15000.0, i == 23456 ? 500.0 : 100.0));
        const MetricPoints output = Downsampler::lttb(input, 800);
        const bool found =
            std::any_of(output.cbegin(), output.cend(), [](const QPointF &p) { return p.y() == 500.0; });
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestDownsampler)
#include "tst_downsampler.moc"
