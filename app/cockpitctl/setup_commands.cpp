// SPDX-License-Identifier: MIT
// `cockpitctl setup`: the one step that creates or upgrades the cockpit's own tables in a database it
// observes. Opening, reading and reconciling never do.
#include "cli_command.h"

#include "control/control_store.h"
#include "reconcile/reconcile_setup.h"
#include "wiring/audit_events.h"

#include <QJsonArray>

namespace Cockpit::Cli {

namespace {

struct ControlSetup
{
    QString describe;
    QStringList statements; // what was (or, in a dry run, would be) run; empty: up to date
    QString error;
};

// The control store's schema: created here on a PostgreSQL server (an SQLite file creates its own).
ControlSetup setupControl(const EnvironmentConfig &env, bool dryRun)
{
    ControlSetup result;
    std::unique_ptr<ControlStore> store = ControlStore::create(env);
    result.describe = store->describe();
    const Result<void> opened = store->open();
    if (opened.has_value())
        return result;
    if (!failedWith(opened, ErrorKind::NotSetUp)) {
        result.error = errorMessage(opened);
        return result;
    }
    result.statements = store->setupStatements();
    if (!dryRun) {
        const Result<void> created = store->setupSchema();
        if (!created)
            result.error = errorMessage(created);
    }
    return result;
}

void printControl(Invocation &inv, const ControlSetup &control, bool dryRun)
{
    inv.out() << control.describe << ": control schema ";
    if (control.statements.isEmpty()) {
        inv.out() << "up to date\n";
        return;
    }
    inv.out() << (dryRun ? "missing; would run, in one transaction:\n" : "created, in one transaction:\n");
    for (const QString &sql : control.statements)
        inv.out() << "  " << sql << ";\n";
}

void printLedger(Invocation &inv, const ReconcileStorage &storage, const ReconcileSetup::Plan &plan,
                 bool dryRun)
{
    if (plan.owned) {
        inv.out() << storage.database.describe()
                  << ": the cockpit owns this ledger database; its tables are created on first use, there is "
                     "nothing to set up\n";
        return;
    }
    inv.out() << storage.database.describe() << ": cockpit schema \"" << storage.cockpitSchema
              << "\", reconciler tables version " << plan.installedVersion << " of " << plan.targetVersion
              << '\n';
    inv.out() << "live notification triggers: on " << plan.liveTriggerTables << " of 2 service tables";
    if (plan.liveTriggersChange && plan.liveTriggers == ReconcileSetup::LiveTriggerAction::Install)
        inv.out() << (dryRun ? "; would install them" : "; installed");
    else if (plan.liveTriggersChange && plan.ownerStatements.isEmpty())
        inv.out() << (dryRun ? "; would remove them" : "; removed");
    else if (plan.liveTriggersChange)
        inv.out() << (dryRun ? "; would silence them (their function becomes a no-op)"
                             : "; silenced (their function is a no-op now)");
    inv.out() << '\n';
    if (!plan.ownerStatements.isEmpty()) {
        // PostgreSQL lets only a table's owner drop its triggers.
        inv.out() << "to drop them, the owner of the service's tables (" << plan.tableOwners
                  << ") runs, then setup --remove-live-triggers again removes the function:\n";
        for (const QString &sql : plan.ownerStatements)
            inv.out() << "  " << sql << ";\n";
    }
    inv.out() << "privileges the role " << storage.database.user << " needs (run by the database's owner):\n";
    for (const QString &p : plan.privileges)
        inv.out() << "  " << p << ";" << (plan.missingPrivileges.contains(p) ? "   -- missing" : "") << '\n';
    if (plan.statements.isEmpty()) {
        inv.out() << "up to date: nothing to do\n";
        return;
    }
    inv.out() << (dryRun ? "would run, in one transaction:\n" : "ran, in one transaction:\n");
    for (const QString &sql : plan.statements)
        inv.out() << "  " << sql << ";\n";
}

int setup(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addOption({QStringLiteral("dry-run"),
                      QStringLiteral("Print the SQL and the privileges it needs; change nothing.")});
    parser.addOption(
        {QStringLiteral("live-triggers"),
         QStringLiteral("Also install notification triggers on the service's accounts and legacy "
                        "tables, for live mode.")});
    parser.addOption(
        {QStringLiteral("remove-live-triggers"), QStringLiteral("Remove those triggers again.")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (parser.isSet(QStringLiteral("live-triggers")) && parser.isSet(QStringLiteral("remove-live-triggers")))
        return inv.usageError(QLatin1String("--live-triggers and --remove-live-triggers exclude each other\n"
                                            "usage: cockpitctl ")
                              + usage);
    const ReconcileSetup::LiveTriggerAction triggers =
        parser.isSet(QStringLiteral("live-triggers"))          ? ReconcileSetup::LiveTriggerAction::Install
        : parser.isSet(QStringLiteral("remove-live-triggers")) ? ReconcileSetup::LiveTriggerAction::Remove
                                                               : ReconcileSetup::LiveTriggerAction::Keep;
    if (!parser.positionalArguments().isEmpty())
        return inv.usageError(QLatin1String("setup takes no arguments\nusage: cockpitctl ") + usage);
    const std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (env->readOnly && !dryRun) {
        return inv.usageError(env->filePath
                              + QLatin1String(": environment is read-only; setup changes the database (use "
                                              "--dry-run to see the plan)"));
    }

    // The control store first: a shared server's control schema is created only here too, and the audit
    // entry of this setup goes there.
    ControlSetup control = setupControl(*env, dryRun);
    if (!control.error.isEmpty()) {
        inv.err() << "cockpitctl: setup: " << control.error << '\n';
        inv.err().flush();
        return ExitBackendUnreachable;
    }

    const ReconcileStorage storage = ReconcileStorage::of(env->ledger, env->filePath);
    if (!storage.observed && triggers != ReconcileSetup::LiveTriggerAction::Keep) {
        return inv.usageError(env->filePath
                              + QLatin1String(": live triggers are for an observed ledger (ledger.ownership "
                                              "\"observed\"); the cockpit's own database has its own"));
    }
    const ReconcileSetup::Plan plan = ReconcileSetup::plan(storage, env->ledger.mapping, triggers);
    if (!plan.error.isEmpty()) {
        inv.err() << "cockpitctl: setup: " << plan.error << '\n';
        inv.err().flush();
        return ExitBackendUnreachable;
    }
    QString applied; // why applying failed, empty when it did not
    if (!dryRun && !plan.statements.isEmpty()) {
        applied = errorMessage(ReconcileSetup::apply(storage, plan));
        if (applied.isEmpty()) {
            QString what = QStringLiteral("ok: reconciler tables version %1 -> %2 in schema %3")
                               .arg(plan.installedVersion)
                               .arg(plan.targetVersion)
                               .arg(storage.cockpitSchema);
            if (plan.liveTriggersChange && plan.liveTriggers == ReconcileSetup::LiveTriggerAction::Install)
                what += QLatin1String("; live triggers installed on the service's tables");
            else if (plan.liveTriggersChange)
                what += plan.ownerStatements.isEmpty()
                            ? QLatin1String("; live triggers removed from the service's tables")
                            : QLatin1String("; live triggers silenced, their owner to drop them");
            warnUnaudited(inv, AuditEvents::record(*env, QStringLiteral("setup"), QStringLiteral("ledger"),
                                                   what, plan.statements.join(QStringLiteral(";\n"))));
        }
    }
    if (!dryRun && !control.statements.isEmpty()) {
        warnUnaudited(inv, AuditEvents::record(*env, QStringLiteral("setup"), QString(),
                                               QLatin1String("ok: control schema ") + env->control.schema
                                                   + QLatin1String(" created"),
                                               control.statements.join(QStringLiteral(";\n"))));
    }

    if (inv.format() == Format::Json) {
        inv.printJson(
            {{QStringLiteral("environment"), env->name},
             {QStringLiteral("database"), storage.database.describe()},
             {QStringLiteral("owned"), plan.owned},
             {QStringLiteral("cockpitSchema"), plan.owned ? QString() : storage.cockpitSchema},
             {QStringLiteral("installedVersion"), plan.installedVersion},
             {QStringLiteral("targetVersion"), plan.targetVersion},
             {QStringLiteral("dryRun"), dryRun},
             {QStringLiteral("statements"), QJsonArray::fromStringList(plan.statements)},
             {QStringLiteral("privileges"), QJsonArray::fromStringList(plan.privileges)},
             {QStringLiteral("missingPrivileges"), QJsonArray::fromStringList(plan.missingPrivileges)},
             {QStringLiteral("liveTriggerTables"), plan.liveTriggerTables},
             {QStringLiteral("liveTriggersChange"), plan.liveTriggersChange},
             {QStringLiteral("ownerStatements"), QJsonArray::fromStringList(plan.ownerStatements)},
             {QStringLiteral("applied"), !dryRun && applied.isEmpty() && !plan.statements.isEmpty()},
             {QStringLiteral("control"),
              QJsonObject{{QStringLiteral("store"), control.describe},
                          {QStringLiteral("statements"), QJsonArray::fromStringList(control.statements)}}},
             {QStringLiteral("error"), applied}});
    } else {
        printControl(inv, control, dryRun);
        printLedger(inv, storage, plan, dryRun);
    }
    inv.out().flush();
    if (!applied.isEmpty()) {
        inv.err() << "cockpitctl: setup: " << applied << '\n';
        inv.err().flush();
        return ExitBackendUnreachable;
    }
    return ExitOk;
}

} // namespace

void registerSetupCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("setup")},
         QStringLiteral("--config FILE [--live-triggers | --remove-live-triggers] [--dry-run] [--format "
                        "text|json]"),
         QStringLiteral("Create or upgrade the cockpit's own tables in a database it observes."),
         setup});
}

} // namespace Cockpit::Cli
