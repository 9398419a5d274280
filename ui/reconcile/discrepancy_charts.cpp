// SPDX-License-Identifier: MIT
#include "ui/reconcile/discrepancy_charts.h"

#include "ui/shell/theme.h"
#include "ui/shell/time_chart_view.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

namespace Cockpit {

namespace {

// Counts are whole numbers: ticks on a 1-2-5 step so that no label repeats ("0 0 1 1" from rounding).
void setCountRange(QValueAxis *axis, qint64 max)
{
    qint64 step = 1;
    for (qint64 decade = 1; max / step > 5; decade *= 10) {
        for (qint64 m : {1, 2, 5}) {
            step = m * decade;
            if (max / step <= 5)
                break;
        }
    }
    const qint64 top = qMax<qint64>(1, (max + step - 1) / step) * step;
    axis->setRange(0, double(top));
    axis->setTickCount(int(top / step) + 1);
    axis->setLabelFormat(QStringLiteral("%.0f"));
}

} // namespace

DiscrepancyCharts::DiscrepancyCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *history = new QChart;
    history->setTitle(tr("Open discrepancies after each run"));
    history->legend()->hide();
    m_history = new QLineSeries(history);
    m_history->setName(tr("Open"));
    m_history->setPointsVisible(true); // a single run is a point, not an invisible line
    history->addSeries(m_history);
    auto *time = new QDateTimeAxis(history); // the view puts its own axis in its place
    time->setTitleText(tr("time (UTC)"));
    m_historyCount = new QValueAxis(history);
    m_historyCount->setTitleText(tr("Open"));
    history->addAxis(time, Qt::AlignBottom);
    history->addAxis(m_historyCount, Qt::AlignLeft);
    m_history->attachAxis(time);
    m_history->attachAxis(m_historyCount);
    m_historyView = new TimeChartView(history, this);
    m_typeView = new QChartView(this);
    m_typeView->setRenderHint(QPainter::Antialiasing);
    m_typeView->chart()->legend()->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QChartView *view : {static_cast<QChartView *>(m_historyView), m_typeView}) {
        view->setMinimumHeight(200);
        layout->addWidget(view, 1);
    }
    Theme::onPaletteChange(
        this, [this] { Theme::applyToChart(m_typeView->chart(), QApplication::palette(m_typeView)); });
    m_historyView->setAccessibleName(tr("Open discrepancies over time"));
    m_typeView->setAccessibleName(tr("Open discrepancies by account type"));
    setData({}, {});
}

void DiscrepancyCharts::setData(const QList<RunHistoryPoint> &history,
                                const QMap<QString, qint64> &openByType)
{
    // Over time: keep every k-th run so that a long live session stays cheap to draw; always the last.
    QList<QPointF> points;
    const qsizetype step = qMax<qsizetype>(1, history.size() / MaxPoints);
    qint64 maxOpen = 1;
    for (qsizetype i = 0; i < history.size(); i += step) {
        points.append(QPointF(double(history.at(i).finishedMs), double(history.at(i).openAfter)));
        maxOpen = qMax(maxOpen, history.at(i).openAfter);
    }
    if (!history.isEmpty() && (history.size() - 1) % step != 0) {
        points.append(QPointF(double(history.last().finishedMs), double(history.last().openAfter)));
        maxOpen = qMax(maxOpen, history.last().openAfter);
    }
    m_history->replace(points);
    setCountRange(m_historyCount, maxOpen);
    if (history.isEmpty()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_historyView->setTimeRange(now - 3600 * 1000, now);
    } else {
        // A minute either side, so that the first and the last run are not drawn on the frame.
        m_historyView->setTimeRange(history.first().finishedMs - 60 * 1000,
                                    history.last().finishedMs + 60 * 1000);
    }
    m_historyView->updateNoData(history.isEmpty() ? tr("No completed reconciliation run yet") : QString());

    QChart *bars = m_typeView->chart();
    bars->removeAllSeries();
    for (QAbstractAxis *axis : bars->axes()) {
        bars->removeAxis(axis); // hands the axis back to us
        delete axis;
    }
    bars->setTitle(tr("Open discrepancies by account type"));
    auto *set = new QBarSet(tr("Open"));
    QStringList categories;
    qint64 maxType = 1;
    for (auto it = openByType.cbegin(); it != openByType.cend(); ++it) {
        categories.append(it.key());
        *set << double(it.value());
        maxType = qMax(maxType, it.value());
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    bars->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories.isEmpty() ? QStringList{tr("none")} : categories);
    auto *axisY = new QValueAxis;
    setCountRange(axisY, maxType);
    bars->addAxis(axisX, Qt::AlignBottom);
    bars->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    set->setColor(Theme::line(210, m_typeView->palette()));
    set->setLabelColor(m_typeView->palette().color(QPalette::Text));
    Theme::applyToChart(bars, m_typeView->palette());
}

} // namespace Cockpit
