// SPDX-License-Identifier: MIT
#pragma once

#include "common/environment_session.h"
#include "rollout/rollout_verdict.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

class QLabel;
class QPushButton;
class QScrollArea;
class QHBoxLayout;
class QVBoxLayout;

namespace Cockpit {

class PhaseStepper;
class RolloutPage;

// Joins the V2 Rollout page to the control framework: the selected module's phase stepper (Promote /
// Rollback), Pause / Resume, and the automatic rollback when the page's analysis confirms a breach. Every
// action runs in a worker thread; the automatic rollback goes through TransitionService like a manual one,
// so it is audited with the metric, values and threshold that caused it.
class RolloutLaneController : public QObject
{
    Q_OBJECT

public:
    RolloutLaneController(EnvironmentSession *session, RolloutPage *page);
    ~RolloutLaneController() override;

private:
    void selectModule(const QString &module);
    void rollBackAutomatically(const QString &module, const ModuleVerdict &verdict);
    void togglePause();
    void updatePauseButton();
    void showStatus(const QString &message);
    void onActionFinished();

    EnvironmentSession *m_session;
    RolloutPage *m_page;
    QVBoxLayout *m_slot = nullptr;
    QHBoxLayout *m_row = nullptr; // the stepper, then Pause
    QPointer<PhaseStepper> m_stepper;
    QPointer<QScrollArea> m_stepperArea;
    QPushButton *m_pause = nullptr;
    QLabel *m_status = nullptr;
    QString m_module;
    bool m_paused = false;
    struct ActionResult
    {
        bool paused = false; // the module's pause state afterwards
        QString message;     // what to tell the operator; empty for a plain state read
    };
    QFutureWatcher<ActionResult> m_action;
};

} // namespace Cockpit
