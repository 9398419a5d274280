// SPDX-License-Identifier: MIT
#include "ledger/ledger_charts.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHash>
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

void attach(QChart *chart, QValueAxis *x, QValueAxis *y, const QList<QLineSeries *> &all)
{
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

} // namespace

LedgerCharts::LedgerCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *events = new QChart;
    events->setTitle(tr("Discrepancies and failures per second"));
    m_discrepancies = series(events, tr("Discrepancies"), Qt::SolidLine);
    m_shadowFailures = series(events, tr("Shadow-write failures"), Qt::DashLine);
    m_failedWrites = series(events, tr("Failed ledger writes"), Qt::DotLine);
    m_eventsX = new QValueAxis(events);
    m_eventsX->setTitleText(tr("seconds ago"));
    m_eventsX->setLabelFormat(QStringLiteral("%d"));
    m_eventsY = new QValueAxis(events);
    m_eventsY->setLabelFormat(QStringLiteral("%.0f"));
    attach(events, m_eventsX, m_eventsY, {m_discrepancies, m_shadowFailures, m_failedWrites});

    auto *latency = new QChart;
    latency->setTitle(tr("Balance query p95 (µs)"));
    m_ledgerP95 = series(latency, tr("Ledger"), Qt::SolidLine);
    m_legacyP95 = series(latency, tr("Legacy"), Qt::DashLine);
    m_ledgerP95->setPointsVisible(true);
    m_legacyP95->setPointsVisible(true);
    m_latencyX = new QValueAxis(latency);
    m_latencyX->setTitleText(tr("seconds ago"));
    m_latencyX->setLabelFormat(QStringLiteral("%d"));
    m_latencyY = new QValueAxis(latency);
    m_latencyY->setLabelFormat(QStringLiteral("%.0f"));
    attach(latency, m_latencyX, m_latencyY, {m_ledgerP95, m_legacyP95});

    m_eventsView = view(events, tr("Discrepancies and failures chart"));
    m_latencyView = view(latency, tr("Balance query latency chart"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_eventsView);
    layout->addWidget(m_latencyView);
}

void LedgerCharts::setHealth(const LedgerHealth &health)
{
    const qint64 now = health.nowMs / 1000;
    const qint64 window = std::max<qint64>(health.alertWindowSeconds, 10);
    // Events per second are dense: a second without a row is a zero, so a burst shows as a spike instead of
    // a lone point that a line series does not draw.
    QHash<qint64, const LedgerSeriesPoint *> bySecond;
    for (const LedgerSeriesPoint &p : health.series)
        bySecond.insert(p.second, &p);
    QList<QPointF> disc, shadow, failed, ledger, legacy;
    double maxEvents = 1;
    double maxLatency = 1;
    for (qint64 second = now - window; second <= now; ++second) {
        const double ago = double(second - now);
        const LedgerSeriesPoint *p = bySecond.value(second);
        const qint64 d = p ? p->discrepancies : 0;
        const qint64 s = p ? p->shadowFailures : 0;
        const qint64 f = p ? p->writesFailed : 0;
        disc.append({ago, double(d)});
        shadow.append({ago, double(s)});
        failed.append({ago, double(f)});
        maxEvents = std::max({maxEvents, double(d), double(s), double(f)});
        if (!p)
            continue;
        // Latency exists only where reads happened; the points are drawn, so one busy second shows.
        if (p->p95LedgerNs > 0) {
            ledger.append({ago, double(p->p95LedgerNs) / 1000.0});
            maxLatency = std::max(maxLatency, double(p->p95LedgerNs) / 1000.0);
        }
        if (p->p95LegacyNs > 0) {
            legacy.append({ago, double(p->p95LegacyNs) / 1000.0});
            maxLatency = std::max(maxLatency, double(p->p95LegacyNs) / 1000.0);
        }
    }
    m_discrepancies->replace(disc);
    m_shadowFailures->replace(shadow);
    m_failedWrites->replace(failed);
    m_ledgerP95->replace(ledger);
    m_legacyP95->replace(legacy);
    for (QValueAxis *x : {m_eventsX, m_latencyX})
        x->setRange(-double(window), 0);
    // At least 0..4 so that integer labels never repeat; nice numbers keep the ticks round.
    m_eventsY->setRange(0, std::max(4.0, std::ceil(maxEvents * 1.2)));
    m_eventsY->applyNiceNumbers();
    m_latencyY->setRange(0, std::max(4.0, std::ceil(maxLatency * 1.2)));
    m_latencyY->applyNiceNumbers();
}

} // namespace Cockpit
