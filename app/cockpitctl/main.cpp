// SPDX-License-Identifier: MIT
#include "cli_command.h"
#include "db/sqlite_statement.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    Cockpit::SqliteStatement::configureProcess(); // before any connection opens
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cockpitctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("migration-cockpit"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COCKPIT_VERSION));

    using namespace Cockpit::Cli;
    Registry registry;
    registerConfigCommands(registry);
    registerReconcileCommands(registry);
    registerControlCommands(registry);
    registerRolloutCommands(registry);
    registerRolloutEvidenceCommands(registry);
    registerStateCommands(registry);
    registerLedgerCommands(registry);
    registerLedgerReadCommands(registry);
    registerGuardCommands(registry);
    registerSetupCommands(registry);
    registerWaitCommand(registry);

    QTextStream out(stdout);
    QTextStream err(stderr);
    return registry.dispatch(QCoreApplication::arguments().mid(1), out, err);
}
