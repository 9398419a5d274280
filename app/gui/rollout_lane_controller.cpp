// SPDX-License-Identifier: MIT
#include "rollout_lane_controller.h"

#include "environment/rollout_states.h"

#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/phase_stepper.h"
#include "control/transition_service.h"
#include "rollout/rollout_page.h"
#include "rollout/rollout_state_store.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Cockpit {

namespace {

QString migrationOf(const QString &module)
{
    return QLatin1String("rollout:") + module;
}

} // namespace

RolloutLaneController::RolloutLaneController(EnvironmentSession *session, RolloutPage *page)
    : QObject(page)
    , m_session(session)
    , m_page(page)
{
    m_slot = page->controlSlot();
    // One row: the selected module's stepper (its phases, Rollback, Cutover), then Pause; the status below.
    m_row = new QHBoxLayout;
    m_pause = new QPushButton(tr("&Pause"), page);
    m_pause->setToolTip(tr("Pause the selected module: no promotion and no automatic action until resumed"));
    m_pause->setEnabled(false);
    m_status = new QLabel(page);
    m_status->setWordWrap(true);
    m_status->hide(); // shown with a message
    m_row->addWidget(m_pause);
    m_slot->addLayout(m_row);
    m_slot->addWidget(m_status);
    connect(m_pause, &QPushButton::clicked, this, &RolloutLaneController::togglePause);
    connect(&m_action, &QFutureWatcher<ActionResult>::finished, this,
            &RolloutLaneController::onActionFinished);
    connect(page, &RolloutPage::selectedModuleChanged, this, &RolloutLaneController::selectModule);
    connect(page, &RolloutPage::rollbackWanted, this, &RolloutLaneController::rollBackAutomatically);
    connect(session, &EnvironmentSession::readOnlyChanged, this, [this] { updatePauseButton(); });
    if (auto *placeholder = page->findChild<QLabel *>(QStringLiteral("rolloutControlPlaceholder")))
        placeholder->hide();
    selectModule(page->selectedModule());
}

RolloutLaneController::~RolloutLaneController()
{
    m_action.waitForFinished();
}

void RolloutLaneController::selectModule(const QString &module)
{
    if (module == m_module || module.isEmpty())
        return;
    m_module = module;
    m_stepper = new PhaseStepper(m_session, migrationOf(module), m_page);
    m_stepper->setButtonsWrap(false);
    // Seven phases and the buttons fit across the page; on a very narrow window they scroll rather than
    // squeeze.
    delete m_stepperArea;
    m_stepperArea = new QScrollArea(m_page);
    m_stepperArea->setFrameShape(QFrame::NoFrame);
    m_stepperArea->setWidgetResizable(true);
    m_stepperArea->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stepperArea->setWidget(m_stepper);
    m_stepperArea->setMinimumHeight(m_stepper->sizeHint().height() + 18);
    m_stepperArea->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_row->insertWidget(0, m_stepperArea, 1);
    connect(m_stepper, &PhaseStepper::transitionCompleted, m_page, [this] { m_page->reloadStates(); });
    m_stepper->refresh();
    if (m_action.isRunning())
        return;
    const EnvironmentConfig config = m_session->config();
    m_action.setFuture(QtConcurrent::run([config, module] {
        QString error;
        const std::optional<ModuleRolloutState> state = RolloutStates::load(config, module, &error);
        return ActionResult{state && state->paused, state ? QString() : error};
    }));
}

void RolloutLaneController::togglePause()
{
    if (m_module.isEmpty() || m_action.isRunning() || m_session->isReadOnly())
        return;
    const EnvironmentConfig config = m_session->config();
    const QString who = m_session->operatorIdentity().label();
    const QString module = m_module;
    const bool pause = !m_paused;
    m_pause->setEnabled(false);
    m_action.setFuture(QtConcurrent::run([config, who, module, pause] {
        const ControlResult result =
            pause ? RolloutStates::pause(
                config, module, who,
                QStringLiteral("paused from the V2 Rollout page") /* stored: not translated */)
                  : RolloutStates::resume(config, module, who);
        QString error;
        const std::optional<ModuleRolloutState> state = RolloutStates::load(config, module, &error);
        const bool paused = state ? state->paused : pause;
        if (!result.ok())
            return ActionResult{paused, result.message};
        return ActionResult{paused, pause ? tr("%1 paused.").arg(module) : tr("%1 resumed.").arg(module)};
    }));
}

void RolloutLaneController::rollBackAutomatically(const QString &module, const ModuleVerdict &verdict)
{
    if (m_session->isReadOnly()) {
        showStatus(tr("Automatic rollback of %1 wanted, but the session is read-only: %2")
                       .arg(module, verdict.summary()));
        return;
    }
    if (m_action.isRunning())
        return; // the next confirmed breach asks again
    const EnvironmentConfig config = m_session->config();
    const OperatorIdentity identity = m_session->operatorIdentity();
    const QString reason = QLatin1String("automatic rollback: ") + verdict.summary();
    showStatus(tr("Rolling %1 back to V1 automatically…").arg(module));
    m_action.setFuture(QtConcurrent::run([config, identity, module, reason] {
        auto store = ControlStore::create(config);
        TransitionService service(config, identity, false, *store, GateRegistry::global());
        if (const ControlResult opened = service.open(); !opened.ok())
            return ActionResult{false, tr("Automatic rollback of %1 failed: %2").arg(module, opened.message)};
        TransitionService::Request request;
        request.migration = migrationOf(module);
        request.direction = TransitionService::Direction::Rollback;
        request.toPhase = QStringLiteral("v1");
        const TransitionPlan plan = service.plan(request);
        TransitionService::Options options;
        options.reason = reason;
        options.confirmedName = config.name; // configured behaviour (autoRollback), not an operator's typing
        const TransitionService::Outcome outcome = service.execute(plan, options);
        if (!outcome.result.ok())
            return ActionResult{
                false, tr("Automatic rollback of %1 failed: %2").arg(module, outcome.result.message)};
        return ActionResult{false, tr("%1 rolled back to V1 automatically (%2).").arg(module, reason)};
    }));
}

void RolloutLaneController::onActionFinished()
{
    const ActionResult result = m_action.result();
    m_paused = result.paused;
    if (!result.message.isEmpty()) {
        showStatus(result.message);
        m_page->reloadStates();
        if (m_stepper)
            m_stepper->refresh();
    }
    updatePauseButton();
}

void RolloutLaneController::showStatus(const QString &message)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
}

void RolloutLaneController::updatePauseButton()
{
    m_pause->setText(m_paused ? tr("&Resume") : tr("&Pause"));
    m_pause->setAccessibleName(m_paused ? tr("Resume %1").arg(m_module) : tr("Pause %1").arg(m_module));
    m_pause->setEnabled(!m_module.isEmpty() && !m_session->isReadOnly() && !m_action.isRunning());
}

} // namespace Cockpit
