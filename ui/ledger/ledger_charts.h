// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/ledger_monitor.h"

#include <QWidget>

class QChart;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace Cockpit {

class TimeChartView;

// The ledger metrics as two charts on a clock-time axis (UTC): discrepancies, shadow-write failures and
// failed writes; p95 balance query time of ledger and legacy reads. The data come from core
// (LedgerChartData), from the demo's store or a service's Prometheus alike. GUI thread only; setData()
// replaces the series in one call each (no per-point repaint).
class LedgerCharts : public QWidget
{
    Q_OBJECT

public:
    explicit LedgerCharts(QWidget *parent = nullptr);

    void setData(const LedgerChartData &data);
    TimeChartView *eventsView() const { return m_eventsView; }
    TimeChartView *latencyView() const { return m_latencyView; }

private:
    TimeChartView *m_eventsView = nullptr;
    TimeChartView *m_latencyView = nullptr;
    QLineSeries *m_discrepancies = nullptr;
    QLineSeries *m_shadowFailures = nullptr;
    QLineSeries *m_failedWrites = nullptr;
    QLineSeries *m_ledgerP95 = nullptr;
    QLineSeries *m_legacyP95 = nullptr;
    QChart *m_events = nullptr;
    QChart *m_latency = nullptr;
    QValueAxis *m_eventsY = nullptr;
    QValueAxis *m_latencyY = nullptr;
    QLabel *m_caption = nullptr;
};

} // namespace Cockpit
