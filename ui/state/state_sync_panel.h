// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_thread.h"
#include "config/write_policy.h"
#include "state/state_sync_job.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Cockpit {

// Sync LevelDB -> JSON from the page: a dry run first whose plan is shown for review, then the real sync,
// approved like every write (WriteConfirmDialog: the plan, a reason, the typed name in prod), with a progress
// bar and Cancel. The job runs in a JobThread: a panel that goes cancels it and does not wait; the job stops
// after the file it is writing (each file is written whole or not at all).
// Threading: GUI thread; the job's progress arrives queued, its report through its tracker.
class StateSyncPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StateSyncPanel(QWidget *parent = nullptr);
    ~StateSyncPanel() override;

    // The environment whose deployment folders are synced, and whose rules approve the write.
    void setEnvironment(const EnvironmentConfig &config);
    void setReadOnly(bool readOnly);
    bool isRunning() const { return m_done.isRunning(); }

    // Starts the dry run (what the page's Sync button does).
    void preview();
    // Asks for the approval of the previewed plan, then starts the real sync.
    void apply();
    void cancel();

    QString previewText() const;
    StateSyncJob::Report lastReport() const { return m_lastReport; }
    // What the operator gave to approve the last real sync.
    WriteApproval lastApproval() const { return m_approval; }

signals:
    void previewReady();
    void syncFinished(bool ok);

private:
    void start(bool dryRun);
    void onFinished(const StateSyncJob::Report &report);
    static QString describe(const StateSyncJob::Report &report);

    StateSyncJob::Options m_options;
    EnvironmentConfig m_config;
    WriteApproval m_approval;
    QString m_approvedPlan;          // the plan the operator approved, in words
    bool m_writeIfUnchanged = false; // the running dry run checks the approved plan before the write
    bool m_readOnly = false;
    std::unique_ptr<JobThread<StateSyncJob>> m_jobs;
    JobTracker<StateSyncJob::Report> m_done;
    StateSyncJob::Report m_lastReport;
    QPlainTextEdit *m_plan;
    QProgressBar *m_progress;
    QLabel *m_message;
    QPushButton *m_applyButton;
    QPushButton *m_cancelButton;
    QPushButton *m_closeButton;
};

} // namespace Cockpit
