// SPDX-License-Identifier: MIT
#include "ui/ledger/ledger_charts.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
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

QChartView *view(QChart *chart, const QString &accessibleName)
{
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *v = new QChartView(chart);
    v->setRenderHint(QPainter::Antialiasing);
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

// QDateTimeAxis labels in the machine's local time and has no time zone of its own; the page speaks UTC
// (the history's times, Prometheus), so each x is moved by the local offset to read as UTC.
qint64 asUtcDigits(qint64 ms)
{
    return ms - qint64(QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc()) * 1000;
}

// Replaces a series' points, or hides it (and its legend entry) when the source has no such series.
void showSeries(QLineSeries *series, const std::optional<QList<QPointF>> &points, double *max)
{
    series->setVisible(points.has_value());
    QList<QPointF> shifted;
    for (const QPointF &p : points.value_or(QList<QPointF>())) {
        shifted.append({double(asUtcDigits(qint64(p.x()))), p.y()});
        *max = std::max(*max, p.y());
    }
    // A sparse series (a service whose Prometheus holds minutes of an hour) shows its points: a line of
    // one or two points is otherwise invisible.
    series->setPointsVisible(shifted.size() < 60);
    series->replace(shifted);
}

} // namespace

LedgerCharts::LedgerCharts(QWidget *parent)
    : QWidget(parent)
{
    m_events = new QChart;
    m_discrepancies = series(m_events, tr("Discrepancies"), Qt::SolidLine);
    m_shadowFailures = series(m_events, tr("Shadow-write failures"), Qt::DashLine);
    m_failedWrites = series(m_events, tr("Failed ledger writes"), Qt::DotLine);
    m_eventsX = timeAxis(m_events);
    m_eventsY = new QValueAxis(m_events);
    m_eventsY->setLabelFormat(QStringLiteral("%.0f"));
    attach(m_events, m_eventsX, m_eventsY, {m_discrepancies, m_shadowFailures, m_failedWrites});

    m_latency = new QChart;
    m_ledgerP95 = series(m_latency, tr("Ledger"), Qt::SolidLine);
    m_legacyP95 = series(m_latency, tr("Legacy"), Qt::DashLine);
    m_latencyX = timeAxis(m_latency);
    m_latencyY = new QValueAxis(m_latency);
    m_latencyY->setLabelFormat(QStringLiteral("%.0f"));
    attach(m_latency, m_latencyX, m_latencyY, {m_ledgerP95, m_legacyP95});

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
    showSeries(m_discrepancies, data.discrepancies, &maxEvents);
    showSeries(m_shadowFailures, data.shadowFailures, &maxEvents);
    showSeries(m_failedWrites, data.failedWrites, &maxEvents);
    showSeries(m_ledgerP95, data.ledgerP95, &maxLatency);
    showSeries(m_legacyP95, data.legacyP95, &maxLatency);
    // Seconds matter on the demo's short window; a service's hour reads in minutes.
    const QString format =
        data.toMs - data.fromMs <= 10 * 60 * 1000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    for (QDateTimeAxis *x : {m_eventsX, m_latencyX}) {
        x->setFormat(format);
        x->setRange(QDateTime::fromMSecsSinceEpoch(asUtcDigits(data.fromMs)),
                    QDateTime::fromMSecsSinceEpoch(asUtcDigits(data.toMs)));
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
