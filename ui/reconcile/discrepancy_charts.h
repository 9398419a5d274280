// SPDX-License-Identifier: MIT
#pragma once

#include "reconcile/discrepancy_store.h"

#include <QWidget>

class QChartView;
class QLineSeries;
class QValueAxis;

namespace Cockpit {

class TimeChartView;

// Open discrepancies over time (one point per complete run, downsampled to at most MaxPoints) and by
// account type now. Pure presentation: the panel feeds it data read in a worker. Threading: GUI thread.
class DiscrepancyCharts : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MaxPoints = 400;

    explicit DiscrepancyCharts(QWidget *parent = nullptr);
    void setData(const QList<RunHistoryPoint> &history, const QMap<QString, qint64> &openByType);
    TimeChartView *historyView() const { return m_historyView; }

private:
    TimeChartView *m_historyView = nullptr;
    QLineSeries *m_history = nullptr;
    QValueAxis *m_historyCount = nullptr;
    QChartView *m_typeView = nullptr;
};

} // namespace Cockpit
