// SPDX-License-Identifier: MIT
#pragma once

#include "control/audit_entry.h"
#include "control/migration_status.h"
#include "control/transition_plan.h"

#include <QFrame>

#include <memory>

class QLabel;

namespace Cockpit {

class EnvironmentSession;
class GateRegistry;
class PhaseStepper;

// One migration on the Overview: title, phase stepper (with Cutover / Rollback), health as icon and text,
// the next transition's gate summary, and the latest audit entries.
class MigrationCard : public QFrame
{
    Q_OBJECT

public:
    MigrationCard(EnvironmentSession *session, const QString &migrationId,
                  std::shared_ptr<const GateRegistry> registry, QWidget *parent = nullptr);

    void show(const MigrationStatus &status, const QList<GateOutcome> &nextGates, bool gatesKnown,
              const QList<AuditEntry> &recent);
    QString healthText() const;
    QString gateSummary() const;
    PhaseStepper *stepper() const { return m_stepper; }

signals:
    void transitionCompleted();

private:
    QLabel *m_title = nullptr;
    QLabel *m_phase = nullptr;
    QLabel *m_healthIcon = nullptr;
    QLabel *m_health = nullptr;
    QLabel *m_gates = nullptr;
    QLabel *m_audit = nullptr;
    PhaseStepper *m_stepper = nullptr;
};

} // namespace Cockpit
