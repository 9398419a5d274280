// SPDX-License-Identifier: MIT
#include "ui/reconcile/discrepancy_charts.h"

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
    , m_historyView(new QChartView(this))
    , m_typeView(new QChartView(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QChartView *view : {m_historyView, m_typeView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(200);
        view->chart()->legend()->hide();
        layout->addWidget(view, 1);
    }
    m_historyView->setAccessibleName(tr("Open discrepancies over time"));
    m_typeView->setAccessibleName(tr("Open discrepancies by account type"));
    setData({}, {});
}

void DiscrepancyCharts::setData(const QList<RunHistoryPoint> &history,
                                const QMap<QString, qint64> &openByType)
{
    // Over time: keep every k-th run so that a long live session stays cheap to draw; always the last.
    auto *line = new QLineSeries;
    line->setPointsVisible(true); // a single run is a point, not an invisible line
    const qsizetype step = qMax<qsizetype>(1, history.size() / MaxPoints);
    qint64 maxOpen = 1;
    for (qsizetype i = 0; i < history.size(); i += step) {
        line->append(double(history.at(i).finishedMs), double(history.at(i).openAfter));
        maxOpen = qMax(maxOpen, history.at(i).openAfter);
    }
    if (!history.isEmpty() && (history.size() - 1) % step != 0) {
        line->append(double(history.last().finishedMs), double(history.last().openAfter));
        maxOpen = qMax(maxOpen, history.last().openAfter);
    }
    QChart *chart = m_historyView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    chart->setTitle(tr("Open discrepancies after each run"));
    chart->addSeries(line);
    auto *time = new QDateTimeAxis;
    time->setFormat(QStringLiteral("HH:mm:ss"));
    time->setTickCount(4);
    time->setTitleText(tr("Time"));
    if (history.isEmpty()) {
        const QDateTime now = QDateTime::currentDateTime();
        time->setRange(now.addSecs(-3600), now);
    } else if (history.first().finishedMs == history.last().finishedMs) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(history.last().finishedMs);
        time->setRange(at.addSecs(-60), at.addSecs(60));
    }
    auto *count = new QValueAxis;
    setCountRange(count, maxOpen);
    count->setTitleText(tr("Open"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    line->attachAxis(time);
    line->attachAxis(count);

    QChart *bars = m_typeView->chart();
    bars->removeAllSeries();
    for (QAbstractAxis *axis : bars->axes())
        bars->removeAxis(axis);
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
}

} // namespace Cockpit
