// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace Cockpit {

class EnvironmentSession;

// The lane pages as the main window shows them: each lane's own page with the migration-control framework's
// phase stepper (Cutover / Rollback through gates, confirmation and audit) wired in, and the lane following
// the phase it is in.
QWidget *createLedgerLanePage(EnvironmentSession *session, QWidget *parent);
QWidget *createStateLanePage(EnvironmentSession *session, QWidget *parent);
QWidget *createRolloutLanePage(EnvironmentSession *session, QWidget *parent);

} // namespace Cockpit
