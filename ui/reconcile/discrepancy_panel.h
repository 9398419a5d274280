// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_thread.h"
#include "reconcile/discrepancy_exporter.h"
#include "reconcile/discrepancy_store.h"
#include "reconcile/reconcile_job.h"
#include "reconcile/reconcile_types.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Cockpit {

class DataTable;

class ElidedLabel;

class DiscrepancyCharts;
class DiscrepancyModel;
class DiscrepancyProxyModel;
class EnvironmentSession;
class LiveReconciler;
class RunStreamModel;

// The reconciler's part of the Ledger page: the stored discrepancies (lazy table, filters, export), their
// charts, "Run reconciliation now" with progress, ETA and cancel, and live mode. All database work runs in
// worker threads (the run job, the live reconciler, the model's queries, charts and exports); results
// come back through queued signals or JobTracker, which drops an answer a newer request made stale.
// Threading: GUI thread. Owns its threads; stops and joins them in the destructor.
class DiscrepancyPanel : public QWidget
{
    Q_OBJECT

public:
    // The charts' data, read in a worker.
    struct ChartData
    {
        QList<RunHistoryPoint> history;
        QMap<QString, qint64> byType;
        QString error;
    };

public:
    explicit DiscrepancyPanel(EnvironmentSession *session, QWidget *parent = nullptr);
    ~DiscrepancyPanel() override;

    DiscrepancyModel *model() const { return m_model; }
    bool isRunning() const { return m_running; }
    bool isLive() const { return m_live != nullptr; }
    // The discrepancies of the running (or last unfinished) run, as they arrived.
    RunStreamModel *streamModel() const { return m_stream; }
    bool isShowingStream() const;

public Q_SLOTS:
    void runNow();
    void showStored();
    void cancelRun();
    void setLive(bool on);
    // Exports the current filter; the outcome shows in the status line and in exported or exportFailed.
    void exportTo(const QString &path, bool json);

Q_SIGNALS:
    void runFinished(const Cockpit::RunSummary &summary);
    // Double-click or Enter on a discrepancy, stored or streamed: the user to look up.
    void userActivated(const QString &userId);
    void exported(const QString &path, qint64 rows);
    void exportFailed(const QString &message);
    void backendChanged(bool reachable, const QString &message);

private:
    void buildUi();
    void applyFilters();
    void onSummary(const RunSummary &summary);
    void onBackend(bool reachable, const QString &message);
    void updateEta();
    void refreshCharts();
    void scheduleRefresh();
    void chooseExport(bool json);
    void setExportEnabled(bool enabled);
    QWidget *buildStreamView();
    void onStreamed(const QList<DiscrepancyRecord> &rows);

    EnvironmentSession *m_session;
    DiscrepancyModel *m_model = nullptr;
    DiscrepancyProxyModel *m_proxy = nullptr;
    DiscrepancyCharts *m_charts = nullptr;
    DataTable *m_table = nullptr;
    RunStreamModel *m_stream = nullptr;
    QStackedWidget *m_views = nullptr;
    QWidget *m_filterBar = nullptr;
    QLabel *m_streamLabel = nullptr;
    QPushButton *m_showStored = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_eta = nullptr;
    QLabel *m_summary = nullptr;
    ElidedLabel *m_backend = nullptr;
    QLabel *m_count = nullptr;
    QCheckBox *m_liveBox = nullptr;
    QLineEdit *m_userFilter = nullptr;
    QComboBox *m_typeFilter = nullptr;
    QLineEdit *m_minAmount = nullptr;
    QLineEdit *m_maxAmount = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QTimer *m_etaTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_filterTimer = nullptr;

    // The latest run's thread: it goes when the next run starts or the panel goes, without waiting (a
    // cancelled run stops at its next statement and ends alone).
    std::unique_ptr<JobThread<ReconcileJob>> m_run;
    bool m_running = false;
    qint64 m_runStartedMs = 0;
    qint64 m_expectedEndMs = 0;
    int m_stageProgress = 0;
    std::unique_ptr<JobThread<LiveReconciler>> m_live;
    JobTracker<ChartData> m_chartRead;
    JobTracker<Result<qint64>> m_export;
    QPushButton *m_exportCsv = nullptr;
    QPushButton *m_exportJson = nullptr;
};

} // namespace Cockpit
