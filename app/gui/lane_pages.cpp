// SPDX-License-Identifier: MIT
#include "lane_pages.h"

#include "ledger/ledger_mode.h"
#include "rollout_lane_controller.h"
#include "ui/control/phase_stepper.h"
#include "ui/ledger/ledger_page.h"
#include "ui/reconcile/discrepancy_panel.h"
#include "ui/rollout/rollout_page.h"
#include "ui/state/deployment_state_page.h"
#include "ui/state/state_sync_panel.h"
#include "wiring/audit_events.h"
#include "wiring/environment_session.h"

#include <QCoreApplication>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Cockpit {

QWidget *createLedgerLanePage(EnvironmentSession *session, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *stepper = new PhaseStepper(session, QStringLiteral("ledger"), page);
    auto *tabs = new QTabWidget(page);
    tabs->setDocumentMode(true);
    auto *ledger = new LedgerPage(session, tabs);
    auto *discrepancies = new DiscrepancyPanel(session, tabs);
    tabs->addTab(ledger, QCoreApplication::translate("LanePages", "&Shadow mode && balances"));
    tabs->addTab(discrepancies, QCoreApplication::translate("LanePages", "&Discrepancies"));
    ledger->phaseSlot()->hide(); // the stepper sits above both tabs
    auto *stepperBox = new QWidget(page);
    auto *stepperLayout = new QVBoxLayout(stepperBox);
    stepperLayout->setContentsMargins(16, 10, 16, 4);
    stepperLayout->addWidget(stepper);
    layout->addWidget(stepperBox);
    layout->addWidget(tabs, 1);
    // The demo workload writes the way the ledger migration's current phase says (shadow, strict, ...).
    QObject::connect(stepper, &PhaseStepper::statusChanged, ledger, [ledger](const MigrationStatus &status) {
        if (const auto mode = LedgerMode::forPhase(status.state.phase))
            ledger->setMode(*mode);
        ledger->refresh();
    });
    QObject::connect(discrepancies, &DiscrepancyPanel::userActivated, ledger,
                     [tabs, ledger](const QString &user) {
                         tabs->setCurrentWidget(ledger);
                         ledger->lookUp(user);
                     });
    QObject::connect(discrepancies, &DiscrepancyPanel::runFinished, page, [session](const RunSummary &s) {
        // Audited like cockpitctl's runs and syncs; the work is done either way.
        const AuditEvents::Text text = AuditEvents::reconciliationRun(s);
        session->audit(QStringLiteral("reconciliation_run"), QStringLiteral("ledger"), text.result,
                       text.detail);
    });
    stepper->refresh();
    return page;
}

QWidget *createStateLanePage(EnvironmentSession *session, QWidget *parent)
{
    auto *page = new DeploymentStatePage(session, parent);
    auto *stepper = new PhaseStepper(session, QStringLiteral("state"), page);
    page->setPhaseStepper(stepper);
    if (auto *sync = page->findChild<StateSyncPanel *>()) {
        QObject::connect(sync, &StateSyncPanel::syncFinished, page, [session, sync](bool ok) {
            const StateSyncJob::Report r = sync->lastReport();
            QStringList errors;
            for (const StateError &e : r.errors)
                errors.append(e.describe());
            session->audit(
                r.dryRun ? QStringLiteral("sync_dry_run") : QStringLiteral("sync"), QStringLiteral("state"),
                QStringLiteral("%1: %2 added, %3 updated, %4 unchanged, %5 files written")
                    .arg(ok            ? QStringLiteral("ok")
                         : r.cancelled ? QStringLiteral("cancelled")
                                       : QStringLiteral("failed"))
                    .arg(r.added)
                    .arg(r.updated)
                    .arg(r.unchanged)
                    .arg(r.filesWritten),
                errors.join(QStringLiteral("; ")), r.dryRun ? QString() : sync->lastApproval().reason);
        });
    }
    stepper->refresh();
    return page;
}

QWidget *createRolloutLanePage(EnvironmentSession *session, QWidget *parent)
{
    auto *page = new RolloutPage(session, parent);
    new RolloutLaneController(session, page);
    return page;
}

} // namespace Cockpit
