// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_thread.h"
#include "control/gate_registry.h"
#include "control/transition_job.h"
#include "control/transition_service.h"
#include "wiring/environment_session.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace Cockpit {

// What the Cutover and Rollback buttons open: the gate checklist with each verdict and its evidence, the
// dry-run plan, a reason field, Override, and in prod a field where the operator types the environment's
// name. The confirm button stays disabled until the rules are met (they are enforced again by
// TransitionService). Planning and execution run in a JobThread (TransitionJob); a result for an older
// request is dropped, and closing the dialog never waits for a gate being judged: the job finishes on its
// own (an execution that has written its intent runs to its end).
class TransitionDialog : public QDialog
{
    Q_OBJECT

public:
    TransitionDialog(EnvironmentSession *session, TransitionService::Request request,
                     std::shared_ptr<const GateRegistry> gates, QWidget *parent = nullptr);
    ~TransitionDialog() override;

    bool isPlanReady() const { return m_planReady; }
    const TransitionPlan &plan() const { return m_plan; }
    const TransitionService::Outcome &outcome() const { return m_outcome; }

    // For tests and for the owner's keyboard focus.
    QPushButton *confirmButton() const { return m_confirm; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *reasonField() const { return m_reason; }
    QCheckBox *overrideBox() const { return m_override; }
    QCheckBox *takeOverBox() const { return m_takeOver; }
    QTreeWidget *gateList() const { return m_gates; }
    QString blockingReason() const; // why the confirm button is disabled; empty when enabled

signals:
    void planReady();
    void executionFinished(bool ok);

private:
    void startPlanning();
    void showPlan(const TransitionPlan &plan);
    void execute();
    void showOutcome(const TransitionService::Outcome &outcome);
    void startJob(std::unique_ptr<TransitionJob> job);
    void jobFailed(const QString &message);
    void updateState();
    void setMessage(const QString &text, bool error);

    EnvironmentSession *m_session;
    TransitionService::Request m_request;
    std::shared_ptr<const GateRegistry> m_registry;
    TransitionPlan m_plan;
    TransitionService::Outcome m_outcome;
    bool m_planReady = false;
    bool m_running = false;
    std::unique_ptr<JobThread<TransitionJob>> m_jobs; // the latest job's thread; an earlier one ends alone
    JobTracker<TransitionJob::Answer> m_answer;       // destroyed first: the job sees its cancel

    QLabel *m_title = nullptr;
    QLabel *m_targetLabel = nullptr;
    QComboBox *m_target = nullptr;
    QLabel *m_environment = nullptr;
    QTreeWidget *m_gates = nullptr;
    QPlainTextEdit *m_dryRun = nullptr;
    QLineEdit *m_reason = nullptr;
    QCheckBox *m_override = nullptr;
    QCheckBox *m_takeOver = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_messageIcon = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace Cockpit
