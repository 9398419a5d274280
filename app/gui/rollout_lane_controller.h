// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "rollout/rollout_verdict.h"
#include "wiring/environment_session.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QPushButton;
class QTimer;
class QHBoxLayout;
class QVBoxLayout;

namespace Cockpit {

class PhaseStepper;
class RolloutPage;

// Joins the V2 Rollout page to the control framework: the selected module's phase stepper (Promote /
// Rollback), Pause / Resume, the automatic-rollback setting and who guards the environment. Every action
// runs in a worker thread; the automatic rollback is the page's guard (RolloutGuard, the same lease, rules
// and audited transition as `cockpitctl guard`).
class RolloutLaneController : public QObject
{
    Q_OBJECT

public:
    RolloutLaneController(EnvironmentSession *session, RolloutPage *page);
    ~RolloutLaneController() override;

private:
    void selectModule(const QString &module);
    void togglePause();
    void updatePauseButton();
    void showStatus(const QString &message, bool backgroundRead = false);
    void refreshProtection();
    // Asks for a reason (and the name in prod) and changes the environment's automatic-rollback setting.
    void changeAutoRollback(bool on);

    EnvironmentSession *m_session;
    RolloutPage *m_page;
    QVBoxLayout *m_slot = nullptr;
    QHBoxLayout *m_row = nullptr; // the stepper, then Pause
    QPointer<PhaseStepper> m_stepper;
    QPushButton *m_pause = nullptr;
    QString m_protectionError;     // what the protection line says is wrong, not repeated below it
    bool m_statusFromRead = false; // the status line shows the background read's answer, not an action's
    QLabel *m_status = nullptr;
    QString m_module;
    bool m_paused = false;
    struct ActionResult
    {
        bool paused = false; // the module's pause state afterwards
        QString message;     // what to tell the operator; empty for a plain state read
    };
    JobTracker<ActionResult> m_action;    // pause, resume, the safety net: one at a time
    JobTracker<ActionResult> m_stateRead; // the selected module's pause state
    // Who guards the environment (automatic rollback on/off, the lease holder), re-read every few seconds.
    QLabel *m_protection = nullptr;
    QTimer *m_protectionTimer = nullptr;
    struct Protection
    {
        QString error; // the control store could not be read
        bool automaticOn = false;
        QString changedBy; // empty: the config's default
        QString reason;
        QString guardLabel; // empty: no live guard
        QString guardHost;
        QString guardHolder;        // the lease's token: this window's own guard, or another
        bool guardIsWindow = false; // a window's guard, which stops when that window closes
        qint64 heartbeatSecondsAgo = 0;
    };
    JobTracker<Protection> m_protectionRead;
    void onActionFinished(const ActionResult &result, bool backgroundRead = false);
    void showProtection(const Protection &p);
    bool m_protectionAgain = false; // asked for while a read ran
};

} // namespace Cockpit
