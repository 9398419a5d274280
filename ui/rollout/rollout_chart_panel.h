// SPDX-License-Identifier: MIT
#pragma once

#include "config/environment_config.h"
#include "rollout/rollout_chart_data.h"

#include <QWidget>

class QLineSeries;
class QValueAxis;

namespace Cockpit {

class TimeChartView;

// Four charts (throughput, latency, memory, error rate) of one module: V1 and V2, the threshold V2 must stay
// on the right side of (dashed), and the V2 traffic weight as a step series on a 0–100 % axis. Receives
// already downsampled data; never fetches. UI thread only.
class RolloutChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RolloutChartPanel(QWidget *parent = nullptr);

    void setData(const RolloutChartData &data, const RolloutModuleConfig &module);
    void clear();
    int pointCount() const; // points currently plotted, for tests
    QList<TimeChartView *> views() const;

private:
    struct Chart
    {
        QString metric;
        TimeChartView *view = nullptr;
        QLineSeries *v1 = nullptr;
        QLineSeries *v2 = nullptr;
        QLineSeries *threshold = nullptr;
        QLineSeries *weight = nullptr;
        QValueAxis *value = nullptr;
        QValueAxis *percent = nullptr;
    };

    Chart makeChart(const QString &metric, const QString &title);
    static void colour(const Chart &c);

    QList<Chart> m_charts;
};

} // namespace Cockpit
