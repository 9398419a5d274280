// SPDX-License-Identifier: MIT
#include "lane_pages.h"

#include "control/phase_stepper.h"
#include "ledger/ledger_mode.h"
#include "ledger/ledger_page.h"
#include "reconcile/discrepancy_panel.h"
#include "rollout/rollout_page.h"
#include "rollout_lane_controller.h"
#include "state/deployment_state_page.h"

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
    tabs->addTab(ledger, QCoreApplication::translate("LanePages", "&Shadow Mode && Balances"));
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
    stepper->refresh();
    return page;
}

QWidget *createStateLanePage(EnvironmentSession *session, QWidget *parent)
{
    auto *page = new DeploymentStatePage(session, parent);
    auto *stepper = new PhaseStepper(session, QStringLiteral("state"), page);
    page->setPhaseStepper(stepper);
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
