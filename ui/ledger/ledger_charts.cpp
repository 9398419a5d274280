// SPDX-License-Identifier: MIT
#include "ui/ledger/ledger_charts.h"

#include "ui/shell/time_chart_view.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Cockpit {

namespace {

QLineSeries *series(QChart *chart, const QString &name, Qt::PenStyle style)
{
    auto *s = new QLineSeries(chart);
    s->setName(name);
    chart->addSeries(s); // first, so that the theme gives it its colour
    QPen pen = s->pen();
    pen.setWidth(2);
    pen.setStyle(style); // dash patterns tell the lines apart without relying on colour
    s->setPen(pen);
    return s;
}

TimeChartView *view(QChart *chart, const QString &accessibleName)
{
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *v = new TimeChartView(chart);
    v->setMinimumHeight(200);
    v->setAccessibleName(accessibleName);
    return v;
}

void attach(QChart *chart, QDateTimeAxis *x, QValueAxis *y, const QList<QLineSeries *> &all)
{
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

QDateTimeAxis *timeAxis(QChart *chart)
{
    auto *axis = new QDateTimeAxis(chart);
    axis->setTitleText(LedgerCharts::tr("time (UTC)"));
    axis->setTickCount(5);
    return axis;
}

// Replaces a series' points, or hides it (and its legend entry) when the source has no such series.
void showSeries(TimeChartView *view, QLineSeries *series, const std::optional<QList<QPointF>> &points,
                double *max)
{
    view->setSeriesAvailable(series, points.has_value());
    const QList<QPointF> shown = points.value_or(QList<QPointF>());
    for (const QPointF &p : shown)
        *max = std::max(*max, p.y());
    // A sparse series (a service whose Prometheus holds minutes of an hour) shows its points: a line of
    // one or two points is otherwise invisible.
    series->setPointsVisible(shown.size() < 60);
    series->replace(shown);
}

} // namespace

LedgerCharts::LedgerCharts(QWidget *parent)
    : QWidget(parent)
{
    m_events = new QChart;
    m_discrepancies = series(m_events, tr("Discrepancies"), Qt::SolidLine);
    m_shadowFailures = series(m_events, tr("Shadow-write failures"), Qt::DashLine);
    m_failedWrites = series(m_events, tr("Failed ledger writes"), Qt::DotLine);
    auto *eventsTime = timeAxis(m_events); // the view puts its own axis in its place
    m_eventsY = new QValueAxis(m_events);
    m_eventsY->setLabelFormat(QStringLiteral("%.0f"));
    attach(m_events, eventsTime, m_eventsY, {m_discrepancies, m_shadowFailures, m_failedWrites});

    m_latency = new QChart;
    m_ledgerP95 = series(m_latency, tr("Ledger"), Qt::SolidLine);
    m_legacyP95 = series(m_latency, tr("Legacy"), Qt::DashLine);
    auto *latencyTime = timeAxis(m_latency);
    m_latencyY = new QValueAxis(m_latency);
    m_latencyY->setLabelFormat(QStringLiteral("%.0f"));
    attach(m_latency, latencyTime, m_latencyY, {m_ledgerP95, m_legacyP95});

    m_eventsView = view(m_events, tr("Discrepancies and failures chart"));
    m_latencyView = view(m_latency, tr("Balance query latency chart"));
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *charts = new QHBoxLayout;
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_eventsView);
    charts->addWidget(m_latencyView);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(charts, 1);
    layout->addWidget(m_caption);
}

void LedgerCharts::setData(const LedgerChartData &data)
{
    if (data.bucketSeconds <= 1) {
        m_events->setTitle(tr("Discrepancies and failures per second"));
    } else {
        m_events->setTitle(
            tr("Discrepancies in the preceding %1").arg(LedgerMonitor::windowText(data.bucketSeconds)));
    }
    m_latency->setTitle(tr("Balance query p95 (%1)").arg(data.latencyUnit));
    double maxEvents = 1;
    double maxLatency = 1;
    showSeries(m_eventsView, m_discrepancies, data.discrepancies, &maxEvents);
    showSeries(m_eventsView, m_shadowFailures, data.shadowFailures, &maxEvents);
    showSeries(m_eventsView, m_failedWrites, data.failedWrites, &maxEvents);
    showSeries(m_latencyView, m_ledgerP95, data.ledgerP95, &maxLatency);
    showSeries(m_latencyView, m_legacyP95, data.legacyP95, &maxLatency);
    for (TimeChartView *view : {m_eventsView, m_latencyView}) {
        view->setTimeRange(data.fromMs, data.toMs);
        view->updateNoData();
    }
    // At least 0..4 so that integer labels never repeat; nice numbers keep the ticks round.
    m_eventsY->setRange(0, std::max(4.0, std::ceil(maxEvents * 1.2)));
    m_eventsY->applyNiceNumbers();
    m_latencyY->setRange(0, std::max(4.0, std::ceil(maxLatency * 1.2)));
    m_latencyY->applyNiceNumbers();
    const QString source =
        tr("Source: %1.").arg(data.source.isEmpty() ? tr("the cockpit's own ledger store") : data.source);
    m_caption->setText(data.problems.isEmpty()
                           ? source
                           : source + QLatin1Char(' ') + tr("Not shown: %1").arg(data.problems));
}

} // namespace Cockpit
