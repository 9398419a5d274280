// SPDX-License-Identifier: MIT
#include "ui/shell/time_chart_view.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QValueAxis>
#include <QWheelEvent>

using namespace Cockpit;

namespace {

// 2026-12-06 10:00:00 UTC, and one point a minute for an hour.
constexpr qint64 Start = 1796551200000;
constexpr qint64 Minute = 60 * 1000;

struct Fixture
{
    QLineSeries *v1 = nullptr;
    QLineSeries *v2 = nullptr;
    TimeChartView *view = nullptr;

    Fixture()
    {
        auto *chart = new QChart;
        v1 = new QLineSeries;
        v1->setName(QStringLiteral("V1"));
        v2 = new QLineSeries;
        v2->setName(QStringLiteral("V2"));
        chart->addSeries(v1);
        chart->addSeries(v2);
        auto *time = new QDateTimeAxis;
        auto *value = new QValueAxis;
        value->setRange(0, 200);
        chart->addAxis(time, Qt::AlignBottom);
        chart->addAxis(value, Qt::AlignLeft);
        for (QLineSeries *s : {v1, v2}) {
            s->attachAxis(time);
            s->attachAxis(value);
        }
        chart->legend()->setAlignment(Qt::AlignBottom);
        view = new TimeChartView(chart);
        view->resize(640, 400);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
    }
    ~Fixture() { delete view; }

    void fill()
    {
        QList<QPointF> a;
        QList<QPointF> b;
        for (int i = 0; i <= 60; ++i) {
            a.append(QPointF(double(Start + i * Minute), 100 + i));
            b.append(QPointF(double(Start + i * Minute), 50));
        }
        v1->replace(a);
        v2->replace(b);
        view->setTimeRange(Start, Start + 60 * Minute);
        view->updateNoData();
        QCoreApplication::processEvents(); // the chart lays out its plot area on the next event loop pass
    }

    // Where in the view a UTC time and a value are drawn.
    QPoint at(qint64 utcMs, double value) const
    {
        const QPointF inChart = view->chart()->mapToPosition(QPointF(double(utcMs), value), v1);
        return view->mapFromScene(view->chart()->mapToScene(inChart));
    }

    QPoint legendEntry(const QString &name) const
    {
        const QList<QGraphicsItem *> items = view->scene()->items();
        for (QGraphicsItem *item : items) {
            auto *text = dynamic_cast<QGraphicsTextItem *>(item);
            if (text && text->isVisible() && text->toPlainText() == name
                && view->chart()->legend()->isAncestorOf(text))
                return view->mapFromScene(text->sceneBoundingRect().center());
        }
        return {};
    }
};

} // namespace

class TestTimeChartView : public QObject
{
    Q_OBJECT

private slots:
    void hoverShowsTimeInUtcAndEveryValue()
    {
        Fixture f;
        f.fill();
        QTest::mouseMove(f.view->viewport(), f.at(Start + 30 * Minute, 120));
        QTRY_VERIFY(!f.view->readoutText().isEmpty());
        const QString text = f.view->readoutText();
        QVERIFY2(text.startsWith(QLatin1String("2026-12-06 10:30:00 UTC")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("V1: 130")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("V2: 50")), qPrintable(text));
        if (const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR"); !shots.isEmpty())
            f.view->grab().save(shots + QLatin1String("/chart-hover.png"));
        QTest::mouseMove(f.view->viewport(), QPoint(2, 2)); // outside the plot
        QVERIFY(f.view->readoutText().isEmpty());
    }

    void dragZoomsAndNewDataKeepTheSpanUntilReset()
    {
        Fixture f;
        f.fill();
        QSignalSpy zoomed(f.view, &TimeChartView::zoomChanged);
        const QPoint from = f.at(Start + 10 * Minute, 100);
        const QPoint to = f.at(Start + 20 * Minute, 100);
        QTest::mousePress(f.view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(f.view->viewport(), to);
        QTest::mouseRelease(f.view->viewport(), Qt::LeftButton, {}, to);
        QVERIFY(f.view->isZoomed());
        QCOMPARE(zoomed.count(), 1);
        auto [lo, hi] = f.view->visibleRange();
        QVERIFY2(std::abs(lo - (Start + 10 * Minute)) < 30000, qPrintable(QString::number(lo - Start)));
        QVERIFY2(std::abs(hi - (Start + 20 * Minute)) < 30000, qPrintable(QString::number(hi - Start)));

        // A refresh with a later window does not throw the user out of the span they are reading.
        f.view->setTimeRange(Start + Minute, Start + 61 * Minute);
        QCOMPARE(f.view->visibleRange(), std::make_pair(lo, hi));

        QTest::mouseDClick(f.view->viewport(), Qt::LeftButton, {}, to);
        QTest::mouseRelease(f.view->viewport(), Qt::LeftButton, {},
                            to); // Qt 6.4 leaves the button down after a double-click
        QVERIFY(!f.view->isZoomed());
        QCOMPARE(f.view->visibleRange(), std::make_pair(Start + Minute, Start + 61 * Minute));
    }

    void keyboardZoomsPansAndResets()
    {
        Fixture f;
        f.fill();
        f.view->setFocus();
        QTest::keyClick(f.view, Qt::Key_Plus);
        QVERIFY(f.view->isZoomed());
        auto [lo, hi] = f.view->visibleRange();
        QCOMPARE(hi - lo, 30 * Minute);
        QTest::keyClick(f.view, Qt::Key_Right);
        QCOMPARE(f.view->visibleRange().first, lo + 30 * Minute / 4);
        QTest::keyClick(f.view, Qt::Key_Escape);
        QVERIFY(!f.view->isZoomed());
        QCOMPARE(f.view->visibleRange(), std::make_pair(Start, Start + 60 * Minute));
    }

    // Each series says its value at the shown time, between its own points; outside its data, "–".
    void readOutIsOneMomentAcrossSeries()
    {
        Fixture f;
        QList<QPointF> a;
        QList<QPointF> b;
        for (int i = 0; i <= 60; ++i)
            a.append(QPointF(double(Start + i * Minute), 100 + i));
        // V2 every other minute, half a minute late, and only for the first half hour.
        for (int i = 0; i < 15; ++i)
            b.append(QPointF(double(Start + (2 * i) * Minute + 30000), 10 * i));
        f.v1->replace(a);
        f.v2->replace(b);
        f.view->setTimeRange(Start, Start + 60 * Minute);
        QCoreApplication::processEvents();
        QTest::mouseMove(f.view->viewport(), QPoint(1, 1)); // a move, wherever the last test left the pointer
        QTest::mouseMove(f.view->viewport(), f.at(Start + 5 * Minute, 120));
        QTRY_VERIFY(!f.view->readoutText().isEmpty());
        const QString text = f.view->readoutText();
        QVERIFY2(text.startsWith(QLatin1String("2026-12-06 10:05:00 UTC")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("V1: 105")), qPrintable(text));
        // 10:04:30 is 20, 10:06:30 is 30: at 10:05:00 the line stands at 22.5.
        QVERIFY2(text.contains(QLatin1String("V2: 22.5")), qPrintable(text));
        QTest::mouseMove(f.view->viewport(), f.at(Start + 45 * Minute, 120));
        QTRY_VERIFY(f.view->readoutText().startsWith(QLatin1String("2026-12-06 10:45:00 UTC")));
        QVERIFY2(f.view->readoutText().contains(QStringLiteral("V2: –")), qPrintable(f.view->readoutText()));

        // A refresh under a pointer that does not move keeps the read-out, with the new values.
        for (QPointF &p : a)
            p.setY(p.y() + 1000);
        f.v1->replace(a);
        f.view->setTimeRange(Start, Start + 60 * Minute);
        QTRY_VERIFY2(f.view->readoutText().contains(QLatin1String("V1: 1"))
                         && f.view->readoutText().contains(QLatin1String("145")),
                     qPrintable(f.view->readoutText()));
    }

    // A step (two points at one time, as the traffic share is drawn) reads as its new value at that moment.
    void aStepReadsAsItsNewValue()
    {
        Fixture f;
        f.v1->replace({QPointF(double(Start), 10), QPointF(double(Start + 30 * Minute), 10),
                       QPointF(double(Start + 30 * Minute), 25), QPointF(double(Start + 60 * Minute), 25)});
        f.v2->clear();
        f.view->setTimeRange(Start, Start + 60 * Minute);
        QCoreApplication::processEvents();
        QTest::mouseMove(f.view->viewport(), QPoint(1, 1));
        QTest::mouseMove(f.view->viewport(), f.at(Start + 30 * Minute, 20));
        QTRY_VERIFY(f.view->readoutText().startsWith(QLatin1String("2026-12-06 10:30:00 UTC")));
        QVERIFY2(f.view->readoutText().contains(QLatin1String("V1: 25")), qPrintable(f.view->readoutText()));
    }

    // However long a key is held, the range stays near the data and within ten times its span.
    void zoomOutAndPanAreBounded()
    {
        Fixture f;
        f.fill();
        f.view->setFocus();
        for (int i = 0; i < 100; ++i)
            QTest::keyClick(f.view, Qt::Key_Minus);
        auto [lo, hi] = f.view->visibleRange();
        QCOMPARE(hi - lo, 600 * Minute);
        for (int i = 0; i < 100; ++i)
            QTest::keyClick(f.view, Qt::Key_Left);
        std::tie(lo, hi) = f.view->visibleRange();
        QVERIFY2(hi >= Start, qPrintable(QString::number(hi - Start)));
        QVERIFY(f.view->tickLabels().size() >= 2);
        for (int i = 0; i < 100; ++i)
            QTest::keyClick(f.view, Qt::Key_Plus);
        std::tie(lo, hi) = f.view->visibleRange();
        QVERIFY(hi - lo >= 5000);
        // Escape belongs to the view only while zoomed; otherwise a dialog around it still gets it.
        QTest::keyClick(f.view, Qt::Key_Home);
        QKeyEvent escape(QEvent::KeyPress, Qt::Key_Escape, Qt::NoModifier);
        QApplication::sendEvent(f.view, &escape);
        QVERIFY(!escape.isAccepted());
    }

    // At the zoom's limits Ctrl+wheel changes nothing: the range neither shrinks nor slides aside, and the
    // moment under the pointer stays under it on the way there.
    void ctrlWheelAtALimitKeepsTheRange()
    {
        Fixture f;
        f.fill();
        const QPoint pointer = f.at(Start + 45 * Minute, 100);
        auto wheel = [&f, pointer](int delta) {
            QWheelEvent event(QPointF(pointer), QPointF(f.view->mapToGlobal(pointer)), QPoint(),
                              QPoint(0, delta), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(f.view->viewport(), &event);
        };
        // The moment that stays put, from the first step: at three quarters of the hour, under the pointer.
        const auto [lo0, hi0] = f.view->visibleRange();
        wheel(120);
        const auto [lo1, hi1] = f.view->visibleRange();
        const double fraction = double(lo1 - lo0) / double((hi0 - lo0) - (hi1 - lo1));
        const double fixed = double(lo0) + double(hi0 - lo0) * fraction;
        QVERIFY2(std::abs(fraction - 0.75) < 0.01, qPrintable(QString::number(fraction)));
        for (int i = 0; i < 60; ++i) {
            wheel(120);
            const auto [lo, hi] = f.view->visibleRange();
            const double at = (fixed - double(lo)) / double(hi - lo);
            QVERIFY2(std::abs(at - fraction) < 0.01,
                     qPrintable(QStringLiteral("%1 at step %2").arg(at).arg(i)));
        }
        const auto smallest = f.view->visibleRange();
        QCOMPARE(smallest.second - smallest.first, qint64(5000));
        wheel(120);
        QCOMPARE(f.view->visibleRange(), smallest);

        for (int i = 0; i < 80; ++i)
            wheel(-120);
        const auto largest = f.view->visibleRange();
        QCOMPARE(largest.second - largest.first, 600 * Minute);
        wheel(-120);
        QCOMPARE(f.view->visibleRange(), largest);
    }

    void shiftDragPans()
    {
        Fixture f;
        f.fill();
        const QPoint from = f.at(Start + 30 * Minute, 100);
        const QPoint to = f.at(Start + 40 * Minute, 100);
        QTest::mousePress(f.view->viewport(), Qt::LeftButton, Qt::ShiftModifier, to);
        QTest::mouseMove(f.view->viewport(), from);
        QTest::mouseRelease(f.view->viewport(), Qt::LeftButton, Qt::ShiftModifier, from);
        const auto [lo, hi] = f.view->visibleRange();
        QCOMPARE(hi - lo, 60 * Minute);
        QVERIFY2(std::abs(lo - (Start + 10 * Minute)) < 30000, qPrintable(QString::number(lo - Start)));
    }

    void legendEntryHidesAndShowsItsSeries()
    {
        Fixture f;
        f.fill();
        const QPoint entry = f.legendEntry(QStringLiteral("V2"));
        QVERIFY(!entry.isNull());
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {}, entry);
        QVERIFY(!f.v2->isVisible());
        QVERIFY(f.view->isSeriesHiddenByUser(f.v2));
        // The entry stays, so that the series can be brought back; the read-out leaves it out.
        QVERIFY(!f.legendEntry(QStringLiteral("V2")).isNull());
        QTest::mouseMove(f.view->viewport(), f.at(Start + 30 * Minute, 120));
        QTRY_VERIFY2(!f.view->readoutText().isEmpty(),
                     qPrintable(QString::number(f.at(Start + 30 * Minute, 120).x())));
        QVERIFY(!f.view->readoutText().contains(QLatin1String("V2")));

        // New data do not bring back what the user hid.
        f.view->setSeriesAvailable(f.v2, true);
        QVERIFY(!f.v2->isVisible());
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {}, f.legendEntry(QStringLiteral("V2")));
        QVERIFY(f.v2->isVisible());
        // Its swatch is the series' colour again, not the faded one.
        const QList<QLegendMarker *> markers = f.view->chart()->legend()->markers(f.v2);
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers.first()->brush().color(), f.v2->color());
    }

    void aSeriesTheSourceLacksLosesItsEntry()
    {
        Fixture f;
        f.fill();
        f.view->setSeriesAvailable(f.v2, false);
        QVERIFY(!f.v2->isVisible());
        QVERIFY(f.legendEntry(QStringLiteral("V2")).isNull());
        QVERIFY(!f.legendEntry(QStringLiteral("V1")).isNull());
    }

    void anEmptyPlotSaysSo()
    {
        Fixture f;
        f.view->setTimeRange(Start, Start + 60 * Minute);
        f.view->updateNoData();
        QCOMPARE(f.view->noDataText(), QStringLiteral("No data in this time range"));
        f.view->updateNoData(QStringLiteral("Prometheus did not answer"));
        QCOMPARE(f.view->noDataText(), QStringLiteral("Prometheus did not answer"));
        f.fill();
        QVERIFY(f.view->noDataText().isEmpty());
    }

    // Ticks fall on round UTC times, as many as fit side by side, at every span from a minute to a week, on
    // a narrow chart; the range itself starts at an odd moment, as a live window does.
    void ticksAreRoundAndFitAtEverySpan_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("format");
        QTest::addRow("1 minute, wide") << Minute << 640 << QStringLiteral("HH:mm:ss");
        QTest::addRow("10 minutes, narrow") << 10 * Minute << 300 << QStringLiteral("HH:mm");
        QTest::addRow("1 hour, wide") << 60 * Minute << 640 << QStringLiteral("HH:mm");
        QTest::addRow("2 days, wide") << 48 * 60 * Minute << 640 << QStringLiteral("MM-dd HH:mm");
        QTest::addRow("7 days, narrow") << 7 * 24 * 60 * Minute << 300 << QStringLiteral("MM-dd");
        QTest::addRow("7 days, wide") << 7 * 24 * 60 * Minute << 640 << QStringLiteral("MM-dd");
        QTest::addRow("1 hour, very wide") << 60 * Minute << 1600 << QStringLiteral("HH:mm");
        QTest::addRow("1 day, very wide") << 24 * 60 * Minute << 1600 << QStringLiteral("MM-dd HH:mm");
        // Zoomed out from a week: up to ten times the data's span, on 14- and 28-day steps.
        QTest::addRow("30 days, narrow") << 30 * 24 * 60 * Minute << 300 << QStringLiteral("MM-dd");
        QTest::addRow("70 days, narrow") << 70 * 24 * 60 * Minute << 300 << QStringLiteral("MM-dd");
    }
    void ticksAreRoundAndFitAtEverySpan()
    {
        QFETCH(qint64, span);
        QFETCH(int, width);
        QFETCH(QString, format);
        Fixture f;
        f.view->resize(width, 200);
        QTest::qWait(20);
        const qint64 odd = Start + 7 * 1000 + 123; // 10:00:07.123, as a live window starts
        f.view->setTimeRange(odd, odd + span);
        QTest::qWait(20);
        auto *axis = qobject_cast<QCategoryAxis *>(f.view->chart()->axes(Qt::Horizontal).constFirst());
        QVERIFY(axis);
        const QStringList labels = f.view->tickLabels();
        QVERIFY2(labels.size() >= 2, qPrintable(labels.join(QLatin1String(" | "))));
        // Evenly spaced on a round step, from the first round time inside the range.
        const auto step = qint64(axis->endValue(labels.at(1)) - axis->endValue(labels.at(0)));
        const qint64 second = 1000;
        const qint64 minute = 60 * second;
        const qint64 hour = 60 * minute;
        const qint64 day = 24 * hour;
        const QList<qint64> round = {second,  2 * second, 5 * second, 10 * second, 15 * second, 30 * second,
                                     minute,  2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute,
                                     hour,    2 * hour,   3 * hour,   6 * hour,    12 * hour,   day,
                                     2 * day, 7 * day,    14 * day,   28 * day};
        QVERIFY2(round.contains(step), qPrintable(QString::number(step)));
        const auto first = qint64(axis->endValue(labels.first()));
        QCOMPARE(first % step, 0);
        QVERIFY(first >= odd && first - odd < step);
        QCOMPARE(labels.first(), QDateTime::fromMSecsSinceEpoch(first, QTimeZone::utc()).toString(format));
        // Every tick has its label (QCategoryAxis drops a label it already has) but the last one when its
        // label would be cut at the chart's edge; at most twelve, each whole inside the chart.
        const qint64 ticks = (odd + span - first) / step + 1;
        QVERIFY2(labels.size() == ticks || labels.size() == ticks - 1, qPrintable(labels.join(u" | ")));
        QVERIFY(labels.size() <= 12);
        const QRectF area = f.view->chart()->plotArea();
        const QFontMetrics labelMetrics(axis->labelsFont());
        for (const QString &label : labels) {
            const double x =
                area.left()
                + (axis->endValue(label) - axis->min()) / (axis->max() - axis->min()) * area.width();
            const double half = labelMetrics.horizontalAdvance(label) / 2.0;
            QVERIFY2(x - half >= 0 && x + half <= f.view->chart()->size().width(),
                     qPrintable(QStringLiteral("%1 at %2 px of %3")
                                    .arg(label)
                                    .arg(x)
                                    .arg(f.view->chart()->size().width())));
        }
        // Side by side without overlapping.
        const QFontMetrics metrics(axis->labelsFont());
        int widest = 0;
        for (const QString &label : labels)
            widest = std::max(widest, metrics.horizontalAdvance(label));
        QVERIFY2(labels.size() * widest <= f.view->chart()->plotArea().width(),
                 qPrintable(QStringLiteral("%1 labels of %2 px on %3 px: %4")
                                .arg(labels.size())
                                .arg(widest)
                                .arg(f.view->chart()->plotArea().width())
                                .arg(labels.join(QLatin1String(" | ")))));
    }
};

QTEST_MAIN(TestTimeChartView)
#include "tst_time_chart_view.moc"
