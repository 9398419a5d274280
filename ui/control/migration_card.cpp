// SPDX-License-Identifier: MIT
#include "ui/control/migration_card.h"

#include "ui/control/phase_stepper.h"

#include <QApplication>
#include <QGridLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>

namespace Cockpit {

MigrationCard::MigrationCard(EnvironmentSession *session, const QString &migrationId,
                             std::shared_ptr<const GateRegistry> registry, QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Migration %1").arg(migrationId));
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_phase = new QLabel(this);
    m_phase->setWordWrap(true);
    m_healthIcon = new QLabel(this);
    m_healthIcon->setFixedSize(18, 18);
    m_health = new QLabel(this);
    m_health->setWordWrap(true);
    m_health->setAccessibleName(tr("Health"));
    m_gates = new QLabel(this);
    m_gates->setWordWrap(true);
    m_gates->setAccessibleName(tr("Next transition's gates"));
    m_audit = new QLabel(this);
    m_audit->setWordWrap(true);
    m_audit->setTextFormat(Qt::PlainText);
    m_audit->setAccessibleName(tr("Latest audit entries"));
    QFont small = m_audit->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_audit->setFont(small);
    m_stepper = new PhaseStepper(session, migrationId, this);
    if (registry)
        m_stepper->setGateRegistry(std::move(registry));
    connect(m_stepper, &PhaseStepper::transitionCompleted, this, &MigrationCard::transitionCompleted);

    auto *health = new QHBoxLayout;
    health->addWidget(m_healthIcon);
    health->addWidget(m_health, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_phase);
    layout->addWidget(m_stepper);
    layout->addLayout(health);
    layout->addWidget(m_gates);
    layout->addWidget(m_audit);
    layout->addStretch();
}

void MigrationCard::show(const MigrationStatus &status, const QList<GateOutcome> &nextGates, bool gatesKnown,
                         const QList<AuditEntry> &recent)
{
    m_title->setText(status.definition.title());
    const auto phase = status.phase();
    // Version 0: the control store has no row yet (a read-only session writes none), so nobody changed it.
    if (status.state.version == 0 || status.state.changedBy.isEmpty()) {
        m_phase->setText(tr("Phase <b>%1</b> — %2 · initial phase, not changed yet")
                             .arg(status.state.phase, phase ? phase->label.toHtmlEscaped() : QString()));
    } else {
        m_phase->setText(tr("Phase <b>%1</b> — %2 · version %3 · changed by %4 at %5 UTC")
                             .arg(status.state.phase, phase ? phase->label.toHtmlEscaped() : QString())
                             .arg(status.state.version)
                             .arg(status.state.changedBy.toHtmlEscaped(),
                                  status.state.changedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    }
    m_stepper->showStatus(status);

    QStyle *style = QApplication::style();
    QStyle::StandardPixmap icon = QStyle::SP_DialogApplyButton;
    QString health;
    int failing = 0;
    for (const GateOutcome &g : nextGates)
        failing += g.result.passed() ? 0 : 1;
    if (status.interrupted && status.interrupted->isRunning(QDateTime::currentDateTimeUtc())) {
        icon = QStyle::SP_BrowserReload;
        health =
            tr("Transition %1 → %2 running on %3")
                .arg(status.interrupted->fromPhase, status.interrupted->toPhase, status.interrupted->host);
    } else if (status.interrupted) {
        icon = QStyle::SP_MessageBoxCritical;
        health = tr("Interrupted transition %1 → %2: resume or roll back")
                     .arg(status.interrupted->fromPhase, status.interrupted->toPhase);
    } else if (!status.nextAdvance()) {
        health = tr("Complete: final phase reached");
    } else if (failing > 0) {
        icon = QStyle::SP_MessageBoxWarning;
        health = tr("Holding: the next transition is gated");
    } else {
        health = gatesKnown ? tr("Healthy: ready for the next transition") : tr("Healthy");
    }
    m_healthIcon->setPixmap(style->standardIcon(icon).pixmap(18, 18));
    m_health->setText(health);

    if (!status.nextAdvance() || status.interrupted) {
        m_gates->setText(QString());
        m_gates->setVisible(false);
    } else {
        m_gates->setVisible(true);
        QStringList lines = {
            tr("Next: %1 → %2 (%3) · gates passing: %4 of %5")
                .arg(status.state.phase, status.nextAdvance()->to, status.nextAdvance()->label)
                .arg(nextGates.size() - failing)
                .arg(nextGates.size())};
        if (!gatesKnown)
            lines = {tr("Next: %1 → %2 (%3) · gates not evaluated yet")
                         .arg(status.state.phase, status.nextAdvance()->to, status.nextAdvance()->label)};
        for (const GateOutcome &g : nextGates) {
            if (!g.result.passed())
                lines.append(tr("Not passing:") + QLatin1Char(' ') + g.name.shown() + QLatin1String(": ")
                             + g.result.evidence.shown());
        }
        m_gates->setText(lines.join(QLatin1Char('\n')));
    }
    QStringList audit;
    for (auto it = recent.crbegin(); it != recent.crend(); ++it)
        audit.append(it->time.toString(QStringLiteral("MM-dd HH:mm")) + QLatin1String("  ") + it->osUser
                     + QLatin1String("  ") + it->action + QLatin1String("  ")
                     + it->result.section(QLatin1Char(';'), 0, 0));
    m_audit->setText(audit.isEmpty() ? tr("No audit entries yet")
                                     : tr("Latest:") + QLatin1Char('\n') + audit.join(QLatin1Char('\n')));
}

QString MigrationCard::healthText() const
{
    return m_health->text();
}

QString MigrationCard::gateSummary() const
{
    return m_gates->text();
}

} // namespace Cockpit
