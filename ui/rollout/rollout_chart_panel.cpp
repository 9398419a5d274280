// SPDX-License-Identifier: MIT
#include "ui/rollout/rollout_chart_panel.h"

#include "rollout/rollout_analyzer.h"
#include "ui/shell/theme.h"
#include "ui/shell/time_chart_view.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

namespace Cockpit {

namespace {

QPen thinPen(const QColor &colour, Qt::PenStyle style = Qt::SolidLine)
{
    // A 1 px cosmetic pen rasterises far more cheaply than the theme's 2 px pen (see docs/performance.md).
    QPen pen(colour);
    pen.setWidth(1);
    pen.setCosmetic(true);
    pen.setStyle(style);
    return pen;
}

// The line V2 must not cross, derived from V1 and the module's threshold for this chart's metric.
MetricPoints thresholdLine(const QString &metric, const MetricPoints &v1, const RolloutModuleConfig &module,
                           qint64 fromMs, qint64 toMs)
{
    for (const Threshold &t : module.thresholds) {
        if (RolloutAnalyzer::metricForThreshold(t.metric) != metric)
            continue;
        MetricPoints line;
        if (t.metric.endsWith(QLatin1String("_drop")) || t.metric.endsWith(QLatin1String("_increase"))) {
            const double factor =
                t.metric.endsWith(QLatin1String("_drop")) ? 1.0 - t.percent / 100.0 : 1.0 + t.percent / 100.0;
            line.reserve(v1.size());
            for (const QPointF &p : v1)
                line.append(QPointF(p.x(), p.y() * factor));
        } else {
            line = {QPointF(double(fromMs), t.percent / 100.0), QPointF(double(toMs), t.percent / 100.0)};
        }
        return line;
    }
    return {};
}

MetricPoints stepSeries(const MetricPoints &changes, qint64 toMs)
{
    MetricPoints steps;
    for (const QPointF &p : changes) {
        if (!steps.isEmpty())
            steps.append(QPointF(p.x(), steps.last().y()));
        steps.append(p);
    }
    if (!steps.isEmpty())
        steps.append(QPointF(double(toMs), steps.last().y()));
    return steps;
}

} // namespace

RolloutChartPanel::RolloutChartPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    const QList<std::pair<QString, QString>> charts = {
        {MetricName::throughput(), tr("Throughput (tx/s)")},
        {MetricName::latency(), tr("Latency p95 (ms)")},
        {MetricName::memory(), tr("Memory (MiB)")},
        {MetricName::errorRate(), tr("Error rate (%)")},
    };
    for (qsizetype i = 0; i < charts.size(); ++i) {
        m_charts.append(makeChart(charts[i].first, charts[i].second));
        grid->addWidget(m_charts.last().view, static_cast<int>(i / 2), static_cast<int>(i % 2));
    }
    Theme::onPaletteChange(this, [this] {
        for (const Chart &c : std::as_const(m_charts))
            colour(c);
    });
}

RolloutChartPanel::Chart RolloutChartPanel::makeChart(const QString &metric, const QString &title)
{
    Chart c;
    c.metric = metric;
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *time = new QDateTimeAxis; // the view puts its own axis in its place
    c.value = new QValueAxis;
    c.value->setLabelFormat(QStringLiteral("%.4g"));
    c.percent = new QValueAxis;
    c.percent->setRange(0, 100);
    c.percent->setLabelFormat(QStringLiteral("%d %%"));
    c.percent->setTickCount(3);
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(c.value, Qt::AlignLeft);
    chart->addAxis(c.percent, Qt::AlignRight);

    auto add = [&](QLineSeries *&series, const QString &name, const QPen &pen, QValueAxis *axis) {
        series = new QLineSeries;
        series->setName(name);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(time);
        series->attachAxis(axis);
    };
    // Solid/dashed/dotted as well as colour, so the series stay apart without colour vision.
    add(c.v1, tr("V1"), QPen(), c.value);
    add(c.v2, tr("V2"), QPen(), c.value);
    add(c.threshold, tr("limit"), QPen(), c.value);
    add(c.weight, tr("V2 %"), QPen(), c.percent);

    c.view = new TimeChartView(chart);
    colour(c);
    c.view->setMinimumSize(240, 170);
    c.view->setAccessibleName(title);
    return c;
}

void RolloutChartPanel::setData(const RolloutChartData &data, const RolloutModuleConfig &module)
{
    for (Chart &c : m_charts) {
        const auto pair = data.series.value(c.metric);
        // Memory in MiB, latency in milliseconds and error rate in percent read better than bytes, seconds
        // and ratios.
        const double scale = c.metric == MetricName::memory()      ? 1.0 / (1024.0 * 1024.0)
                             : c.metric == MetricName::latency()   ? 1000.0
                             : c.metric == MetricName::errorRate() ? 100.0
                                                                   : 1.0;
        auto scaled = [scale](const MetricPoints &points) {
            if (scale == 1.0)
                return points;
            MetricPoints out;
            out.reserve(points.size());
            for (const QPointF &p : points)
                out.append(QPointF(p.x(), p.y() * scale));
            return out;
        };
        const MetricPoints v1 = scaled(pair[0]);
        const MetricPoints v2 = scaled(pair[1]);
        // A limit with nothing to hold it against would be the only line on an otherwise empty chart.
        const MetricPoints threshold =
            v1.isEmpty() && v2.isEmpty()
                ? MetricPoints()
                : scaled(thresholdLine(c.metric, pair[0], module, data.fromMs, data.toMs));
        c.v1->replace(v1);
        c.v2->replace(v2);
        c.threshold->replace(threshold);
        c.weight->replace(stepSeries(data.weight, data.toMs));
        c.view->setTimeRange(data.fromMs, data.toMs);
        c.view->updateNoData(v1.isEmpty() && v2.isEmpty() ? tr("No V1 or V2 samples in this time range")
                                                          : QString());
        double lo = std::numeric_limits<double>::max();
        double hi = std::numeric_limits<double>::lowest();
        for (const MetricPoints *points : {&v1, &v2, &threshold}) {
            for (const QPointF &p : *points) {
                lo = std::min(lo, p.y());
                hi = std::max(hi, p.y());
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        const double pad = std::max((hi - lo) * 0.05, std::abs(hi) * 0.01 + 1e-12);
        c.value->setRange(std::max(0.0, lo - pad), hi + pad);
        // Round ticks (800, 900, 1000 rather than 796.2, 940.7, 1085).
        c.value->applyNiceNumbers();
    }
}

void RolloutChartPanel::clear()
{
    for (Chart &c : m_charts) {
        c.v1->clear();
        c.v2->clear();
        c.threshold->clear();
        c.weight->clear();
        c.view->updateNoData();
    }
}

// Blue and orange tell V1 and V2 apart also for most colour-blind readers; the dash patterns do the rest.
void RolloutChartPanel::colour(const Chart &c)
{
    const QPalette p = QApplication::palette(c.view); // the new one also while the switch is under way
    c.v1->setPen(thinPen(Theme::line(210, p)));
    c.v2->setPen(thinPen(Theme::line(25, p)));
    c.threshold->setPen(thinPen(Theme::text(Theme::Tone::Bad, p), Qt::DashLine));
    c.weight->setPen(thinPen(p.color(QPalette::PlaceholderText), Qt::DotLine));
}

QList<TimeChartView *> RolloutChartPanel::views() const
{
    QList<TimeChartView *> all;
    for (const Chart &c : m_charts)
        all.append(c.view);
    return all;
}

int RolloutChartPanel::pointCount() const
{
    int count = 0;
    for (const Chart &c : m_charts)
        count += static_cast<int>(c.v1->count() + c.v2->count());
    return count;
}

} // namespace Cockpit
