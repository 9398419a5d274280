// SPDX-License-Identifier: MIT
#include "ui/control/transition_dialog.h"

#include "config/write_policy.h"
#include "control/transition_job.h"
#include "ui/shell/enter_never_confirms.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

QIcon verdictIcon(GateResult::Verdict verdict)
{
    QStyle *style = QApplication::style();
    switch (verdict) {
    case GateResult::Verdict::Pass:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case GateResult::Verdict::Fail:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case GateResult::Verdict::Inconclusive:
        return style->standardIcon(QStyle::SP_MessageBoxQuestion);
    }
    return QIcon();
}

QString verdictText(GateResult::Verdict verdict)
{
    switch (verdict) {
    case GateResult::Verdict::Pass:
        return TransitionDialog::tr("Pass");
    case GateResult::Verdict::Fail:
        return TransitionDialog::tr("FAIL");
    case GateResult::Verdict::Inconclusive:
        return TransitionDialog::tr("Inconclusive");
    }
    return QString();
}

} // namespace

TransitionDialog::TransitionDialog(EnvironmentSession *session, TransitionService::Request request,
                                   std::shared_ptr<const GateRegistry> gates, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_request(std::move(request))
    , m_registry(std::move(gates))
{
    qRegisterMetaType<Cockpit::TransitionPlan>();
    qRegisterMetaType<Cockpit::TransitionService::Outcome>();
    setWindowTitle(tr("Transition: %1").arg(m_request.migration));
    setMinimumSize(720, 560);

    m_title = new QLabel(tr("Planning…"), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_environment = new QLabel(this);
    m_environment->setWordWrap(true);

    auto *gateBox = new QGroupBox(tr("&Gates"), this);
    m_gates = new QTreeWidget(gateBox);
    m_gates->setColumnCount(3);
    m_gates->setHeaderLabels({tr("Verdict"), tr("Gate"), tr("Evidence")});
    m_gates->setRootIsDecorated(false);
    m_gates->setWordWrap(true);
    m_gates->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_gates->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_gates->header()->setStretchLastSection(true);
    m_gates->setAccessibleName(tr("Gate checklist"));
    (new QVBoxLayout(gateBox))->addWidget(m_gates);

    auto *planBox = new QGroupBox(tr("&Dry run: what will be written and run"), this);
    m_dryRun = new QPlainTextEdit(planBox);
    m_dryRun->setReadOnly(true);
    m_dryRun->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_dryRun->setAccessibleName(tr("Dry-run plan"));
    (new QVBoxLayout(planBox))->addWidget(m_dryRun);

    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Why? Required for rollbacks and overrides; kept in the audit log"));
    m_reason->setAccessibleName(tr("Reason"));
    m_override = new QCheckBox(tr("&Override failing gates (needs a reason)"), this);
    m_override->setAccessibleName(tr("Override failing gates"));
    // Only offered while another process still renews the transition's lease: taking it over stops that
    // process' hook at its next heartbeat and refuses its completion, so it needs a reason, like an override.
    m_takeOver =
        new QCheckBox(tr("&Take over the running transition (stops its hook; needs a reason)"), this);
    m_takeOver->setAccessibleName(tr("Take over the running transition"));
    m_takeOver->setVisible(false);
    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Environment name confirmation"));
    m_nameLabel->setBuddy(m_name);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    auto *form = new QFormLayout;
    form->addRow(reasonLabel, m_reason);
    form->addRow(QString(), m_override);
    form->addRow(QString(), m_takeOver);
    form->addRow(m_nameLabel, m_name);

    m_messageIcon = new QLabel(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Status"));
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_messageIcon, 0, Qt::AlignTop);
    messageRow->addWidget(m_message, 1);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Progress"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = m_buttons->addButton(tr("&Confirm"), QDialogButtonBox::AcceptRole);
    m_confirm->setAccessibleName(tr("Confirm transition"));
    enterNeverConfirms(this);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &TransitionDialog::execute);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_environment);
    // Where a phase has several ways back (the ledger's emergency rollback to legacy_only), the operator
    // chooses the target here; changing it plans again.
    auto *targetRow = new QHBoxLayout;
    m_targetLabel = new QLabel(tr("&Target phase:"), this);
    m_target = new QComboBox(this);
    m_target->setAccessibleName(tr("Target phase"));
    m_targetLabel->setBuddy(m_target);
    targetRow->addWidget(m_targetLabel);
    targetRow->addWidget(m_target, 1);
    m_targetLabel->setVisible(false);
    m_target->setVisible(false);
    connect(m_target, &QComboBox::activated, this, [this](int index) {
        const QString to = m_target->itemData(index).toString();
        if (to.isEmpty() || to == m_plan.transition.to || m_running)
            return;
        m_request.toPhase = to;
        startPlanning();
    });
    layout->addLayout(targetRow);
    layout->addWidget(gateBox, 2);
    layout->addWidget(planBox, 2);
    layout->addLayout(form);
    layout->addLayout(messageRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_reason, &QLineEdit::textChanged, this, &TransitionDialog::updateState);
    connect(m_override, &QCheckBox::toggled, this, &TransitionDialog::updateState);
    connect(m_takeOver, &QCheckBox::toggled, this, &TransitionDialog::updateState);
    connect(m_name, &QLineEdit::textChanged, this, &TransitionDialog::updateState);
    connect(m_session, &EnvironmentSession::readOnlyChanged, this, &TransitionDialog::updateState);

    const EnvironmentConfig &env = m_session->config();
    const bool prod = env.kind == EnvironmentKind::Prod;
    m_nameLabel->setText(tr("Type <b>%1</b> to &confirm:").arg(env.name.toHtmlEscaped()));
    m_nameLabel->setVisible(prod);
    m_name->setVisible(prod);
    m_environment->setText(
        prod ? tr("Environment <b>%1</b> — PRODUCTION").arg(env.name.toHtmlEscaped())
             : tr("Environment <b>%1</b> (%2)").arg(env.name.toHtmlEscaped(), environmentKindName(env.kind)));
    updateState();
    startPlanning();
}

// The job's tracker cancels it (a plan stops between gates, an execution before its intent) and the
// JobThread lets it finish alone.
TransitionDialog::~TransitionDialog() = default;

void TransitionDialog::startJob(std::unique_ptr<TransitionJob> job)
{
    if (m_jobs)
        disconnect(m_jobs->context(), nullptr, nullptr, nullptr); // its progress is no longer shown
    m_answer.cancel();
    m_jobs = std::make_unique<JobThread<TransitionJob>>(QStringLiteral("transition-job"), std::move(job));
    const TransitionJob *running = m_jobs->context();
    connect(running, &TransitionJob::progress, m_progress, &QProgressBar::setValue);
    connect(running, &TransitionJob::progressMessage, this,
            [this](const QString &text) { setMessage(text, false); });
    m_jobs->start(
        m_answer, [](TransitionJob &job, const JobToken &token) { return job.run(token); },
        [this](const TransitionJob::Answer &answer) {
            if (answer.plan)
                showPlan(*answer.plan);
            else if (answer.outcome)
                showOutcome(*answer.outcome);
            else
                jobFailed(answer.failure);
        });
    m_running = true;
    m_progress->setVisible(true);
    updateState();
}

void TransitionDialog::startPlanning()
{
    m_planReady = false;
    startJob(std::make_unique<TransitionJob>(m_session->config(), m_session->operatorIdentity(),
                                             m_session->isReadOnly(), m_registry, m_request));
}

void TransitionDialog::jobFailed(const QString &message)
{
    m_running = false;
    m_progress->setVisible(false);
    setMessage(message, true);
    updateState();
    emit executionFinished(false);
}

void TransitionDialog::showPlan(const TransitionPlan &plan)
{
    m_running = false;
    m_progress->setVisible(false);
    m_plan = plan;
    m_planReady = plan.isValid();
    m_gates->clear();
    if (!plan.isValid()) {
        m_title->setText(tr("Cannot plan this transition"));
        setMessage(errorMessage(plan.status), true);
        updateState();
        emit planReady();
        return;
    }
    const bool rollback = plan.isRollback();
    if (plan.mode == TransitionPlan::Mode::Normal) {
        const QSignalBlocker blocker(m_target);
        m_target->clear();
        for (const MigrationTransition &t : plan.migration.transitionsFrom(plan.transition.from)) {
            if (t.kind != plan.transition.kind)
                continue;
            m_target->addItem(t.to + QStringLiteral(" — ") + t.label, t.to);
            if (t.to == plan.transition.to)
                m_target->setCurrentIndex(m_target->count() - 1);
        }
        m_target->setVisible(m_target->count() > 1);
        m_targetLabel->setVisible(m_target->count() > 1);
    }
    const QString verb = plan.mode == TransitionPlan::Mode::Resume ? tr("Resume")
                         : rollback                                ? tr("Roll back")
                                                                   : tr("Cut over");
    m_title->setText(
        tr("%1 %2: %3 → %4").arg(verb, plan.migration.title(), plan.transition.from, plan.transition.to)
        + QLatin1String("<br><small>") + plan.transition.label.toHtmlEscaped() + QLatin1String("</small>")
        + (plan.runningElsewhere.isEmpty()
               ? QString()
               : QLatin1String("<br><small>")
                     + tr("Still running: %1").arg(plan.runningElsewhere).toHtmlEscaped()
                     + QLatin1String("</small>")));
    m_confirm->setText(plan.mode == TransitionPlan::Mode::Resume ? tr("&Resume")
                       : rollback                                ? tr("&Roll back")
                                                                 : tr("&Cut over"));
    for (const GateOutcome &g : plan.gates) {
        auto *item = new QTreeWidgetItem(
            m_gates, {verdictText(g.result.verdict), g.name.shown(), g.result.evidence.shown()});
        item->setIcon(0, verdictIcon(g.result.verdict));
        item->setToolTip(2, g.result.evidence.shown());
    }
    if (plan.gates.isEmpty())
        new QTreeWidgetItem(m_gates, {QString(), tr("No gates"),
                                      rollback ? tr("Rollbacks are never blocked by gates") : QString()});
    QStringList lines = plan.actions.describe();
    for (const ActuatorStep &s : plan.actions.steps) {
        if (s.kind == ActuatorStep::Kind::WriteEnvFile)
            lines.append(tr("New content of %1:").arg(s.path) + QLatin1Char('\n') + s.preview.trimmed());
    }
    m_dryRun->setPlainText(lines.join(QLatin1Char('\n')));
    m_override->setEnabled(plan.blockedByGates() && !plan.hardBlock());
    m_takeOver->setChecked(false);
    m_takeOver->setVisible(!plan.runningElsewhere.isEmpty());
    setMessage(QString(), false);
    updateState();
    emit planReady();
}

QString TransitionDialog::blockingReason() const
{
    if (m_running)
        return tr("Working…");
    if (!m_planReady)
        return m_plan.status.has_value() ? tr("Planning…") : errorMessage(m_plan.status);
    if (m_session->isReadOnly())
        return WritePolicy::readOnlyRefusal(m_session->config());
    const QString reason = m_reason->text().trimmed();
    if (!m_plan.runningElsewhere.isEmpty()) {
        if (!m_takeOver->isChecked())
            return tr("This transition is still running (%1). Wait for it to finish, or choose Take over and "
                      "give a reason.")
                .arg(m_plan.runningElsewhere);
        if (reason.isEmpty())
            return tr("Taking over a running transition needs a reason.");
    }
    if (m_plan.isRollback() && reason.isEmpty())
        return tr("A rollback needs a reason.");
    if (const GateOutcome *hard = m_plan.hardBlock())
        return tr("\"%1\" did not pass, and an override does not lift it: %2")
            .arg(hard->name.shown(), hard->result.evidence.shown());
    if (m_plan.blockedByGates()) {
        if (!m_override->isChecked())
            return tr(
                "A gate did not pass: the transition is refused unless you choose Override and give a reason.");
        if (reason.isEmpty())
            return tr("An override needs a reason.");
    }
    const EnvironmentConfig &env = m_session->config();
    if (WritePolicy::needsTypedName(env) && m_name->text() != env.name)
        return WritePolicy::typedNameRefusal(env);
    return QString();
}

void TransitionDialog::updateState()
{
    const QString blocking = blockingReason();
    m_confirm->setEnabled(blocking.isEmpty());
    m_reason->setEnabled(!m_running);
    m_override->setEnabled(!m_running && m_planReady && m_plan.blockedByGates() && !m_plan.hardBlock());
    m_takeOver->setEnabled(!m_running && m_planReady);
    m_name->setEnabled(!m_running);
    if (!m_running && m_message->property("error").toBool() == false)
        setMessage(blocking.isEmpty() ? tr("Ready.") : blocking, false);
}

void TransitionDialog::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    QStyle *style = QApplication::style();
    const bool warn = !error && text != tr("Ready.") && !text.isEmpty() && !m_running;
    m_messageIcon->setPixmap(error  ? style->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(20, 20)
                             : warn ? style->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20)
                                    : style->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(20, 20));
}

void TransitionDialog::execute()
{
    if (!blockingReason().isEmpty())
        return;
    TransitionService::Options options;
    options.reason = m_reason->text().trimmed();
    options.override = m_override->isChecked();
    options.force = !m_plan.runningElsewhere.isEmpty() && m_takeOver->isChecked();
    options.confirmedName = m_name->text();
    m_message->setProperty("error", false);
    startJob(std::make_unique<TransitionJob>(m_session->config(), m_session->operatorIdentity(),
                                             m_session->isReadOnly(), m_registry, m_plan, options));
}

void TransitionDialog::showOutcome(const TransitionService::Outcome &outcome)
{
    m_running = false;
    m_progress->setVisible(false);
    m_outcome = outcome;
    if (outcome.result.has_value()) {
        setMessage(tr("Done: %1 is now %2 (version %3).")
                       .arg(m_plan.migration.id(), outcome.phase)
                       .arg(outcome.version),
                   false);
        emit executionFinished(true);
        accept();
        return;
    }
    // Stay open with the reason; the operator may fix the input and retry, or cancel.
    setMessage(errorMessage(outcome.result), true);
    m_planReady = !failedWith(outcome.result, ErrorKind::Conflict);
    updateState();
    emit executionFinished(false);
}

} // namespace Cockpit
