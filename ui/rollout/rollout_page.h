// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_thread.h"
#include "config/environment_config.h"
#include "guard/rollout_worker.h"
#include "rollout/rollout_plan.h"
#include "rollout/rollout_verdict.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QVBoxLayout;

namespace Cockpit {

class ElidedLabel;

class AnalysisHistoryModel;
class EnvironmentSession;
class RolloutChartPanel;
class RolloutModuleModel;

// The V2 rollout page: modules with their V1/V2 split, step and status; charts of the selected module;
// the guard's analysis history with its "why"; the auto-rollback switch; "Inject regression" for the
// simulator; and a slot where the migration-control framework's promote/pause/rollback controls are embedded.
//
// Threading: UI thread only. Fetching, analysis, downsampling and file reads run in a RolloutWorker in the
// page's JobThread, which the page lets go without waiting (a guard round may be inside a rollback's
// actuator); a chart or verdict no longer wanted is dropped by its tracker. Charts refresh on a coalescing
// timer, analysis on config.rollout.interval. Unless the session is read-only the worker also runs the
// window's guard (RolloutGuard), which acts only while it holds the environment's guard lease; the history
// shows what the lease holder stored as evidence.
class RolloutPage : public QWidget
{
    Q_OBJECT

public:
    explicit RolloutPage(EnvironmentSession *session, QWidget *parent = nullptr);
    ~RolloutPage() override;

    // Where the control framework's promote/pause/rollback controls go (an empty box until then).
    QVBoxLayout *controlSlot() const { return m_controlSlot; }
    QString selectedModule() const { return m_selected; }
    void selectModule(const QString &module);
    bool autoRollbackEnabled() const;
    // The environment's automatic-rollback setting as the control store has it (the checkbox shows it; a
    // click asks to change it, see autoRollbackChangeRequested).
    void showAutoRollbackSetting(bool on, const QString &toolTip);
    // Visible range in seconds (15 min .. 7 days).
    qint64 rangeSeconds() const;
    void setRangeSeconds(qint64 seconds);
    RolloutChartPanel *chartPanel() const { return m_charts; }

    // Runs an analysis of every module now instead of waiting for the next interval.
    void analyzeNow();
    // Re-reads the rollout state file (e.g. after the control framework moved a module).
    void reloadStates();
    // This window's identity in the guard lease: its guard holds the lease when the lease names it.
    QString guardToken() const { return m_guardToken; }

signals:
    void selectedModuleChanged(const QString &module);
    // The operator clicked Auto-rollback: a change of the environment's setting, which needs a reason (and
    // the name typed in prod) and is audited. The checkbox keeps the current setting until it changed.
    void autoRollbackChangeRequested(bool on);
    // What the window's guard did or saw (a breach, a rollback, a failure, the lease), as it happens.
    void guardEvent(const Cockpit::RolloutGuard::Event &event);
    // Every verdict, for the control framework's promote gates (promoteBlocker needs the latest).
    void verdictAvailable(const Cockpit::ModuleVerdict &verdict);
    // For tests: a chart refresh reached the charts.
    void chartsUpdated();

private:
    void buildUi();
    void requestCharts();
    void onChartsReady(const RolloutChartData &data);
    void onVerdict(const ModuleVerdict &verdict);
    void onAnalysisFailed(const QString &module, const QString &message);
    void onStatesLoaded(const Result<QList<ModuleRolloutState>> &states);
    void injectRegression(const QString &metric, double factor);
    void onGuardEvent(const RolloutGuard::Event &event);
    void onEvidenceLoaded(const Result<RolloutWorker::EvidenceRead> &evidence);
    // The window guards the environment while it is not read-only (and its guard holds the lease).
    void updateGuard();
    // A module's latest verdict: the sidebar's breach count, and an activity event when its status changed.
    void noteVerdict(const QString &module, const QString &status, const QString &detail, bool breach);
    void loadEvidence();
    void showBanner(const QString &text);
    const RolloutModuleConfig *moduleConfig(const QString &id) const;

    EnvironmentSession *m_session;
    EnvironmentConfig m_config;
    JobThread<RolloutWorker> m_jobs;
    JobTracker<RolloutChartData> m_chartJob;
    std::map<QString, JobTracker<Result<ModuleVerdict>>> m_analysisJobs; // per module: the latest wins
    JobTracker<Result<QList<ModuleRolloutState>>> m_statesJob;
    JobTracker<Result<RolloutWorker::EvidenceRead>>
        m_evidenceJob; // one read at a time; the next interval asks again
    RolloutModuleModel *m_modules = nullptr;
    QSortFilterProxyModel *m_moduleProxy = nullptr;
    AnalysisHistoryModel *m_history = nullptr;
    RolloutChartPanel *m_charts = nullptr;
    QTableView *m_moduleView = nullptr;
    QTableView *m_historyView = nullptr;
    QComboBox *m_range = nullptr;
    QCheckBox *m_autoRollback = nullptr;
    QPushButton *m_inject = nullptr;
    ElidedLabel *m_source = nullptr;
    QLabel *m_banner = nullptr;
    QVBoxLayout *m_controlSlot = nullptr;
    QTimer *m_refreshTimer = nullptr;  // coalesces chart refresh requests
    QTimer *m_analysisTimer = nullptr; // every rollout interval
    QString m_selected;
    bool m_chartRequestQueued = false;
    QString m_guardToken;
    bool m_guardRunning = false;
    QPlainTextEdit *m_why = nullptr;
    QHash<QString, QString> m_lastStatus; // module -> its last verdict's status, for the activity
    QSet<QString> m_breaches;             // modules whose latest verdict is a confirmed breach
};

} // namespace Cockpit
