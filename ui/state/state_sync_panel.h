// SPDX-License-Identifier: MIT
#pragma once

#include "config/write_policy.h"
#include "state/state_sync_job.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QThread;

namespace Cockpit {

// Sync LevelDB -> JSON from the page: a dry run first whose plan is shown for review, then the real sync,
// approved like every write (WriteConfirmDialog: the plan, a reason, the typed name in prod), with a progress
// bar and Cancel. The job runs in a thread this panel owns (quit + wait on destruction).
// Threading: GUI thread; the job's signals arrive queued.
class StateSyncPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StateSyncPanel(QWidget *parent = nullptr);
    ~StateSyncPanel() override;

    // The environment whose deployment folders are synced, and whose rules approve the write.
    void setEnvironment(const EnvironmentConfig &config);
    void setReadOnly(bool readOnly);
    bool isRunning() const { return m_job != nullptr; }

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
    void onFinished();
    static QString describe(const StateSyncJob::Report &report);

    StateSyncJob::Options m_options;
    EnvironmentConfig m_config;
    WriteApproval m_approval;
    QString m_approvedPlan;          // the plan the operator approved, in words
    bool m_writeIfUnchanged = false; // the running dry run checks the approved plan before the write
    bool m_readOnly = false;
    QThread *m_thread;
    QPointer<StateSyncJob> m_job;
    StateSyncJob::Report m_lastReport;
    QPlainTextEdit *m_plan;
    QProgressBar *m_progress;
    QLabel *m_message;
    QPushButton *m_applyButton;
    QPushButton *m_cancelButton;
    QPushButton *m_closeButton;
};

} // namespace Cockpit
