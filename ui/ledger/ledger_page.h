// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_thread.h"
#include "ledger/ledger_mode.h"
#include "ledger/ledger_monitor.h"
#include "ledger/ledger_workload.h"
#include "ui/shell/theme.h"
#include "wiring/ledger_page_worker.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class QTreeWidget;

namespace Cockpit {

class ElidedLabel;

class EnvironmentSession;
class LedgerBalanceModel;
class LedgerCharts;
class LedgerHistoryModel;

// The Ledger page: alert banner, the ledger migration's gate evaluations, charts of the service's ledger
// metrics, a user lookup with ledger and legacy balances side by side and the user's history, and
// in the demo environment a Start/Stop toggle for the demo workload. The top slot (phaseSlot()) is where
// the shell embeds the migration-control lane's phase stepper.
// GUI thread only. Database work runs in the page's JobThread (LedgerPageWorker), the demo workload in a
// second one; the page lets both go without waiting (a slow read finishes alone, the workload stops after the
// step it is in).
class LedgerPage : public QWidget
{
    Q_OBJECT

public:
    explicit LedgerPage(EnvironmentSession *session, QWidget *parent = nullptr);
    ~LedgerPage() override;

    QWidget *phaseSlot() const { return m_phaseSlot; }
    // The phase the demo workload runs in (the shell passes the ledger migration's current phase).
    void setMode(const LedgerMode &mode) { m_mode = mode; }
    bool isWorkloadRunning() const { return m_workload != nullptr; }
    // What the Start button runs (defaults: 50 users, 40 ops/s, 5 % failing legacy writes).
    void setWorkloadOptions(const LedgerWorkloadOptions &options) { m_workloadOptions = options; }

public slots:
    void refresh();
    void lookUpUser();
    // Looks up this user and brings the lookup into view (from a discrepancy elsewhere).
    void lookUp(const QString &userId);
    void setWorkloadRunning(bool running);

signals:
    void healthShown(const Cockpit::LedgerHealth &health);
    void userShown(const QString &userId);
    void workloadRunningChanged(bool running);

private:
    void setBannerTone(Theme::Tone tone);
    // An observed ledger: the service's own alerts, from its Prometheus.
    void showServiceHealth(const LedgerHealth &health);
    // Alerts that started or stopped firing are activity (a desktop notification when one starts); the
    // firing ones are counted on the sidebar.
    void noteAlerts(const LedgerHealth &health);
    void showGates(const QList<LedgerGate> &gates);
    void showHealth(const LedgerHealth &health);
    void showHealthError(const QString &error);
    void showUser(const LedgerUserSnapshot &snapshot);
    void stopWorkload();

    EnvironmentSession *m_session;
    LedgerMode m_mode;
    LedgerWorkloadOptions m_workloadOptions;
    QWidget *m_phaseSlot = nullptr;
    Theme::Tone m_bannerTone = Theme::Tone::Neutral;
    QLabel *m_banner = nullptr;
    ElidedLabel *m_backend = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_gates = nullptr;
    LedgerCharts *m_charts = nullptr;
    QLineEdit *m_userEdit = nullptr;
    QPushButton *m_lookUp = nullptr;
    QLabel *m_userStatus = nullptr;
    QTableView *m_balanceView = nullptr;
    QTableView *m_historyView = nullptr;
    LedgerBalanceModel *m_balances = nullptr;
    LedgerHistoryModel *m_history = nullptr;
    QPushButton *m_workloadButton = nullptr;
    QLabel *m_workloadStatus = nullptr;
    QTimer *m_timer = nullptr;

    JobThread<LedgerPageWorker> m_jobs;
    // A slow database gets one health read at a time, not a queue of them; a new lookup supersedes the
    // one before.
    JobTracker<Result<LedgerHealth>> m_healthJob;
    JobTracker<Result<LedgerUserSnapshot>> m_userJob;
    // The demo workload's own thread: Stop cancels it, and it ends after the step it is in.
    std::unique_ptr<JobThread<LedgerWorkload>> m_workload;
    QStringList m_firing; // the alerts firing at the last health read
};

} // namespace Cockpit
