// SPDX-License-Identifier: MIT
#pragma once

#include "ledger/ledger_monitor.h"

#include <QWidget>

class QChartView;
class QLineSeries;
class QValueAxis;

namespace Cockpit {

// The seed's metrics as two charts over the alert window: discrepancies, shadow-write failures and failed
// writes per second; p95 balance query time of ledger and legacy reads. GUI thread only; setHealth()
// replaces the series in one call each (no per-point repaint).
class LedgerCharts : public QWidget
{
    Q_OBJECT

public:
    explicit LedgerCharts(QWidget *parent = nullptr);

    void setHealth(const LedgerHealth &health);

private:
    QChartView *m_eventsView = nullptr;
    QChartView *m_latencyView = nullptr;
    QLineSeries *m_discrepancies = nullptr;
    QLineSeries *m_shadowFailures = nullptr;
    QLineSeries *m_failedWrites = nullptr;
    QLineSeries *m_ledgerP95 = nullptr;
    QLineSeries *m_legacyP95 = nullptr;
    QValueAxis *m_eventsX = nullptr;
    QValueAxis *m_eventsY = nullptr;
    QValueAxis *m_latencyX = nullptr;
    QValueAxis *m_latencyY = nullptr;
};

} // namespace Cockpit
