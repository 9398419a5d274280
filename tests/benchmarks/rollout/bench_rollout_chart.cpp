// SPDX-License-Identifier: MIT
// Week-long rollout charts: 7 days x 8 series at 15 s resolution (V1/V2 throughput, latency, memory, error
// rate), fetched from the simulator, downsampled with LTTB and rendered with Qt Charts offscreen, against
// rendering the raw points. Prints figures and ratios; never passes or fails on time.
#include "rollout/downsampler.h"
#include "rollout/simulator_provider.h"
#include "ui/shell/time_chart_view.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Cockpit;

namespace {

constexpr qint64 kEnd = 1'790'000'000'000;
constexpr qint64 kWeekMs = 7LL * 86400 * 1000;
constexpr int kWidth = 1200;
constexpr int kHeight = 800;
constexpr int kThreshold = 600; // as RolloutWorker::ChartPoints: one point per two horizontal pixels

double medianMs(int repetitions, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

QList<MetricPoints> fetch(SimulatorProvider &provider, qint64 fromMs, qint64 toMs)
{
    QList<MetricPoints> all;
    for (const QString &metric : {QStringLiteral("throughput"), QStringLiteral("latency"),
                                  QStringLiteral("memory"), QStringLiteral("error_rate")}) {
        for (const QString &version : {QStringLiteral("v1"), QStringLiteral("v2")}) {
            RangeQuery query{QStringLiteral("transaction_pool"), metric, version, fromMs, toMs, 15};
            all.append(provider.series(query, 15)); // the simulator's range at Prometheus' native step
        }
    }
    return all;
}

// Four charts of two series each, like the page, rendered into one image per chart.
struct Charts
{
    QList<QChartView *> views;
    QList<QLineSeries *> series;

    // interactive: the page's TimeChartView (round UTC ticks recomputed on every range change, hover and
    // zoom machinery) instead of a plain QChartView, to see what it costs per tick.
    Charts(int width, int height, bool interactive = false)
    {
        for (int c = 0; c < 4; ++c) {
            auto *chart = new QChart;
            chart->legend()->hide();
            chart->setAnimationOptions(QChart::NoAnimation);
            QAbstractAxis *x = interactive ? static_cast<QAbstractAxis *>(new QDateTimeAxis) : new QValueAxis;
            auto *y = new QValueAxis;
            chart->addAxis(x, Qt::AlignBottom);
            chart->addAxis(y, Qt::AlignLeft);
            for (int s = 0; s < 2; ++s) {
                auto *line = new QLineSeries;
                chart->addSeries(line);
                // The theme's 2 px pen is several times slower to rasterise than a 1 px cosmetic pen.
                QPen pen = line->pen();
                pen.setWidth(1);
                pen.setCosmetic(true);
                line->setPen(pen);
                line->attachAxis(x);
                line->attachAxis(y);
                series.append(line);
            }
            QChartView *view = interactive ? new TimeChartView(chart) : new QChartView(chart);
            view->resize(width, height);
            views.append(view);
        }
    }
    ~Charts() { qDeleteAll(views); }

    void show(const QList<MetricPoints> &data)
    {
        for (int i = 0; i < series.size(); ++i)
            series[i]->replace(data.at(i));
        for (int c = 0; c < views.size(); ++c) {
            const MetricPoints &a = data.at(2 * c);
            const MetricPoints &b = data.at(2 * c + 1);
            double lo = a.first().y();
            double hi = lo;
            for (const MetricPoints *points : {&a, &b}) {
                for (const QPointF &p : *points) {
                    lo = std::min(lo, p.y());
                    hi = std::max(hi, p.y());
                }
            }
            auto *chart = views[c]->chart();
            chart->axes(Qt::Horizontal).first()->setRange(a.first().x(), a.last().x());
            chart->axes(Qt::Vertical).first()->setRange(lo, hi);
        }
    }

    void render()
    {
        for (QChartView *view : std::as_const(views)) {
            const QPixmap pixmap = view->grab();
            if (pixmap.isNull())
                std::fprintf(stderr, "grab failed\n");
        }
    }
};

QList<MetricPoints> downsample(const QList<MetricPoints> &raw)
{
    QList<MetricPoints> out;
    for (const MetricPoints &points : raw)
        out.append(Downsampler::lttb(points, kThreshold));
    return out;
}

void report(const char *label, double ms)
{
    std::printf("  %-52s %10.2f ms\n", label, ms);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    SimulatorProvider provider(42);
    const int reps = 3;

    QList<MetricPoints> raw;
    const double fetchMs = medianMs(reps, [&] { raw = fetch(provider, kEnd - kWeekMs, kEnd); });
    qsizetype total = 0;
    for (const MetricPoints &p : raw)
        total += p.size();
    std::printf(
        "bench_rollout_chart: 7 days x %lld series at 15 s = %lld points (%lld per series), %dx%d px\n",
        static_cast<long long>(raw.size()), static_cast<long long>(total),
        static_cast<long long>(raw.first().size()), kWidth, kHeight);

    QList<MetricPoints> reduced;
    const double lttbMs = medianMs(reps, [&] { reduced = downsample(raw); });

    Charts rawCharts(kWidth, kHeight / 2);
    const double rawShowMs = medianMs(reps, [&] { rawCharts.show(raw); });
    const double rawRenderMs = medianMs(reps, [&] { rawCharts.render(); });

    Charts charts(kWidth, kHeight / 2);
    const double showMs = medianMs(reps, [&] { charts.show(reduced); });
    const double renderMs = medianMs(reps, [&] { charts.render(); });

    const double rawTotal = fetchMs + rawShowMs + rawRenderMs;
    const double downTotal = fetchMs + lttbMs + showMs + renderMs;
    const double rawChartOnly = rawShowMs + rawRenderMs;
    const double downChartOnly = lttbMs + showMs + renderMs;
    report("fetch (simulator, 8 x 40,321 points)", fetchMs);
    report("LTTB 8 series to 600 points each", lttbMs);
    report("raw: replace series + axes", rawShowMs);
    report("raw: render 4 charts", rawRenderMs);
    report("downsampled: replace series + axes", showMs);
    report("downsampled: render 4 charts", renderMs);
    report("raw total (fetch + chart)", rawTotal);
    report("downsampled total (fetch + LTTB + chart)", downTotal);
    std::printf("  speed-up, whole path:           %.1fx\n", rawTotal / downTotal);
    std::printf("  speed-up, chart side (no fetch): %.1fx\n", rawChartOnly / downChartOnly);

    // One refresh tick of the page: the worker thread fetches and downsamples (LTTB), the UI thread only
    // replaces the series and repaints. Both parts are printed; the UI part is what must stay under 50 ms.
    // Measured at the big size above and at the page's size (four charts of about 420 x 300 px in a
    // 1280 x 800 window).
    Charts pageCharts(420, 300);
    Charts interactiveCharts(420, 300, true);
    for (const auto &[label, spanMs] : {std::pair{"15 min", 15LL * 60 * 1000},
                                        std::pair{"1 day", 86400LL * 1000}, std::pair{"7 days", kWeekMs}}) {
        const QList<MetricPoints> window = fetch(provider, kEnd - spanMs, kEnd);
        QList<MetricPoints> ready;
        const double workerMs = medianMs(5, [&] { ready = downsample(window); });
        const double uiMs = medianMs(5, [&] {
            charts.show(ready);
            charts.render();
        });
        const double pageMs = medianMs(5, [&] {
            pageCharts.show(ready);
            pageCharts.render();
        });
        const double interactiveMs = medianMs(5, [&] {
            interactiveCharts.show(ready);
            interactiveCharts.render();
        });
        std::printf("  page tick, %-7s window: worker LTTB %6.2f ms, UI replace + render %6.2f ms "
                    "(1200x400 charts), %6.2f ms (420x300 charts), %6.2f ms with TimeChartView (%.2fx)\n",
                    label, workerMs, uiMs, pageMs, interactiveMs, interactiveMs / pageMs);
    }
    return 0;
}
