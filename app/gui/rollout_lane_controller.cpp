// SPDX-License-Identifier: MIT
#include "rollout_lane_controller.h"

#include "guard/rollout_guard.h"
#include "ui/shell/theme.h"
#include "wiring/rollout_states.h"

#include "control/control_store.h"
#include "control/gate_registry.h"
#include "control/transition_service.h"
#include "rollout/rollout_plan.h"
#include "ui/control/phase_stepper.h"
#include "ui/rollout/rollout_page.h"
#include "ui/shell/write_confirm_dialog.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <utility>

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
    // At the bottom: where the stepper puts Rollback and Cutover on a row of their own, Pause joins them.
    m_row->addWidget(m_pause, 0, Qt::AlignBottom);
    m_protection = new QLabel(page);
    m_protection->setWordWrap(true);
    m_protection->setTextFormat(Qt::PlainText); // it quotes an operator's reason
    m_protection->setAccessibleName(tr("Who guards this environment"));
    m_slot->addLayout(m_row);
    m_slot->addWidget(m_protection);
    m_slot->addWidget(m_status);
    m_protectionTimer = new QTimer(this);
    m_protectionTimer->setInterval(10000);
    connect(m_protectionTimer, &QTimer::timeout, this, &RolloutLaneController::refreshProtection);
    m_protectionTimer->start();
    refreshProtection();
    connect(m_pause, &QPushButton::clicked, this, &RolloutLaneController::togglePause);
    connect(page, &RolloutPage::selectedModuleChanged, this, &RolloutLaneController::selectModule);
    // The window's guard acted: the stepper and the protection line follow at once.
    connect(page, &RolloutPage::guardEvent, this, [this](const RolloutGuard::Event &event) {
        if (event.kind == RolloutGuard::Event::Kind::RolledBack && m_stepper)
            m_stepper->refresh();
        if (event.kind == RolloutGuard::Event::Kind::Info && event.module.isEmpty())
            refreshProtection(); // the lease changed hands
    });
    connect(page, &RolloutPage::autoRollbackChangeRequested, this,
            &RolloutLaneController::changeAutoRollback);
    // A setting changed or a guard acted anywhere: who protects the environment is read again.
    connect(session, &EnvironmentSession::controlStoreChanged, this,
            &RolloutLaneController::refreshProtection);
    connect(session, &EnvironmentSession::readOnlyChanged, this, [this] {
        updatePauseButton();
        refreshProtection();
        if (auto *dialog = m_page->findChild<WriteConfirmDialog *>())
            dialog->setReadOnly(m_session->isReadOnly());
    });
    if (auto *placeholder = page->findChild<QLabel *>(QStringLiteral("rolloutControlPlaceholder")))
        placeholder->hide();
    selectModule(page->selectedModule());
}

// A pause or a change of the safety net still running when the window closes finishes in the pool; only its
// message is dropped.
RolloutLaneController::~RolloutLaneController() = default;

void RolloutLaneController::showProtection(const Protection &p)
{
    if (std::exchange(m_protectionAgain, false))
        refreshProtection(); // asked for while this read ran: its answer may be older than the change
    QString text;
    m_protectionError = p.error;
    if (!p.error.isEmpty() && m_statusFromRead && m_status->text() == p.error)
        m_status->hide();
    if (!p.error.isEmpty()) {
        text = tr("Who guards this environment is unknown: %1").arg(p.error);
    } else {
        text = p.automaticOn ? tr("Automatic rollback on") : tr("Automatic rollback OFF");
        text += p.changedBy.isEmpty() ? tr(" (the configuration's default)")
                                      : tr(" (set by %1: %2)").arg(p.changedBy, p.reason);
        if (p.guardLabel.isEmpty())
            text += m_session->isReadOnly()
                        ? tr(". No guard runs, and this read-only window does not guard: a breach is not "
                             "rolled back.")
                        : tr(". No guard runs: a breach is not rolled back.");
        else if (p.guardHolder == m_page->guardToken())
            text += tr(". This window holds the guard lease: once it is closed, a breach is rolled back only "
                       "if a headless guard takes over (cockpitctl guard).");
        else if (p.guardIsWindow)
            text += tr(". Guard: %1 on %2, heartbeat %3 s ago; a cockpit window guards only while it is "
                       "open.")
                        .arg(p.guardLabel, p.guardHost)
                        .arg(p.heartbeatSecondsAgo);
        else
            text += tr(". Guard: %1 on %2, heartbeat %3 s ago.")
                        .arg(p.guardLabel, p.guardHost)
                        .arg(p.heartbeatSecondsAgo);
    }
    if (p.error.isEmpty())
        m_page->showAutoRollbackSetting(
            p.automaticOn, p.changedBy.isEmpty()
                               ? tr("The configuration's default. Click to change it for every cockpit and "
                                    "guard of this environment (audited, with a reason).")
                               : tr("Set by %1: %2. Click to change it (audited, with a reason).")
                                     .arg(p.changedBy.toHtmlEscaped(), p.reason.toHtmlEscaped()));
    // Only a guard that outlives this window protects the environment.
    const bool guarded = p.error.isEmpty() && p.automaticOn && !p.guardLabel.isEmpty() && !p.guardIsWindow;
    m_protection->setText(guarded ? QStringLiteral("✓ ") + text : QStringLiteral("⚠ ") + text);
    m_protection->setStyleSheet(
        guarded ? QString() : Theme::labelStyle(Theme::Tone::Bad, m_protection->palette(), false, true));
}

void RolloutLaneController::selectModule(const QString &module)
{
    if (module == m_module || module.isEmpty())
        return;
    m_module = module;
    delete m_stepper; // the previous module's
    // Seven phases and the buttons in one row where they fit; on a narrow window the buttons move below
    // the phases instead of being scrolled out of view.
    m_stepper = new PhaseStepper(m_session, migrationOf(module), m_page);
    m_row->insertWidget(0, m_stepper, 1);
    connect(m_stepper, &PhaseStepper::transitionCompleted, m_page, [this] { m_page->reloadStates(); });
    m_stepper->refresh();
    if (m_action.isRunning())
        return; // the running pause or resume reads the state when it is done
    // A read of its own: it never makes a pause or a change of the safety net wait.
    const EnvironmentConfig config = m_session->config();
    m_stateRead.start(
        [config, module](const JobToken &) {
            const Result<ModuleRolloutState> state = RolloutStates::load(config, module);
            return ActionResult{state && state->paused, state ? QString() : errorMessage(state)};
        },
        [this](const ActionResult &result) {
            // The background read of the pause state: its store error is the protection line's, said once.
            onActionFinished(result, true);
        },
        JobStart::SkipIfCancelled);
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
    m_action.start(
        [config, who, module, pause](const JobToken &) {
            const Result<void> result =
                pause ? RolloutStates::pause(
                    config, module, who,
                    QStringLiteral("paused from the V2 Rollout page") /* stored: not translated */)
                      : RolloutStates::resume(config, module, who);
            const Result<ModuleRolloutState> state = RolloutStates::load(config, module);
            const bool paused = state ? state->paused : pause;
            if (!result)
                return ActionResult{paused, errorMessage(result)};
            return ActionResult{paused, pause ? tr("%1 paused.").arg(module) : tr("%1 resumed.").arg(module)};
        },
        [this](const ActionResult &result) { onActionFinished(result); });
}

void RolloutLaneController::changeAutoRollback(bool on)
{
    if (m_session->isReadOnly())
        return;
    if (m_action.isRunning()) {
        showStatus(tr("Another action is still running; try again when it is done."));
        return;
    }
    const QString env = m_session->config().name.toHtmlEscaped();
    WriteConfirmDialog::Request request;
    request.title = on ? tr("Turn automatic rollback on") : tr("Turn automatic rollback off");
    request.text =
        on ? tr("From now on, a confirmed breach of a module under rollout is rolled back to V1 by the guard of "
                "<b>%1</b>, whichever cockpit or headless guard holds its lease.")
                 .arg(env)
           : tr("<b>The safety net of %1 is switched off for every cockpit and guard</b>: a confirmed breach is "
                "then only reported, never rolled back, until someone turns it on again.")
                 .arg(env);
    request.confirmLabel = on ? tr("Turn &on") : tr("Turn &off");
    auto *dialog = new WriteConfirmDialog(m_session->config(), m_session->isReadOnly(), request, m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, on] {
        if (m_action.isRunning()) {
            showStatus(tr("Another action is still running; automatic rollback was not changed."));
            return;
        }
        const EnvironmentConfig config = m_session->config();
        const OperatorIdentity who = m_session->operatorIdentity();
        const bool readOnly = m_session->isReadOnly();
        const QString reason = dialog->approval().reason;
        const QString name = dialog->approval().confirmedName;
        const bool paused = m_paused;
        m_action.start(
            [config, who, readOnly, reason, name, on, paused](const JobToken &) {
                auto store = ControlStore::create(config);
                Result<void> result = store->open();
                if (result.has_value())
                    result = RolloutGuard::setAutoRollback(config, *store, on, who, reason, name, readOnly);
                if (!result)
                    return ActionResult{
                        paused, tr("Automatic rollback was not changed: %1").arg(errorMessage(result))};
                return ActionResult{paused,
                                    on ? tr("Automatic rollback is on for this environment.")
                                       : tr("Automatic rollback is OFF for this environment: breaches are "
                                            "only reported.")};
            },
            [this](const ActionResult &result) { onActionFinished(result); });
    });
    dialog->open();
}

void RolloutLaneController::refreshProtection()
{
    if (m_protectionRead.isRunning()) {
        m_protectionAgain = true;
        return;
    }
    const EnvironmentConfig config = m_session->config();
    m_protectionRead.start(
        [config](const JobToken &) {
            Protection result;
            auto store = ControlStore::create(config);
            if (const Result<void> opened = store->open(); !opened) {
                result.error = errorMessage(opened);
                return result;
            }
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const Result<RolloutGuard::Protection> p = RolloutGuard::protection(config, *store, now);
            if (!p) {
                result.error = p.error().message;
                return result;
            }
            result.automaticOn = p->automatic.on;
            if (p->automatic.setting) {
                result.changedBy = p->automatic.setting->changedBy;
                result.reason = p->automatic.setting->reason;
            }
            if (p->lease) {
                result.guardLabel = p->lease->label;
                result.guardHost = p->lease->host;
                result.guardHolder = p->lease->holder;
                result.guardIsWindow = p->lease->priority == 0;
                result.heartbeatSecondsAgo = std::max<qint64>(0, p->lease->heartbeatAt.secsTo(now));
            }
            return result;
        },
        [this](const Protection &p) { showProtection(p); }, JobStart::SkipIfCancelled);
}

void RolloutLaneController::onActionFinished(const ActionResult &result, bool backgroundRead)
{
    m_paused = result.paused;
    refreshProtection();
    if (!result.message.isEmpty()) {
        showStatus(result.message, backgroundRead);
        m_page->reloadStates();
        if (m_stepper)
            m_stepper->refresh();
    }
    updatePauseButton();
}

void RolloutLaneController::showStatus(const QString &message, bool backgroundRead)
{
    m_status->setText(message);
    m_statusFromRead = backgroundRead;
    // The pause state and the protection line read the same control store: one unreachable store is said
    // once, in the protection line. What a user's own action answered is always shown.
    m_status->setVisible(!message.isEmpty() && !(backgroundRead && message == m_protectionError));
}

void RolloutLaneController::updatePauseButton()
{
    m_pause->setText(m_paused ? tr("&Resume") : tr("&Pause"));
    m_pause->setAccessibleName(m_paused ? tr("Resume %1").arg(m_module) : tr("Pause %1").arg(m_module));
    m_pause->setEnabled(!m_module.isEmpty() && !m_session->isReadOnly() && !m_action.isRunning());
}

} // namespace Cockpit
