// SPDX-License-Identifier: MIT
// cockpitctl migrate, rollout promote|rollback and audit: the CLI face of core/control.
#include "cli_command.h"
#include "control_context.h"
#include "terminal.h"

#include "common/atomic_file.h"
#include "control/audit_log.h"
#include "control/migration_definition.h"
#include "control/transition_service.h"
#include "guard/rollout_guard.h"
#include "wiring/environment_session.h"

#include <QFile>
#include <QJsonArray>
#include <QProcessEnvironment>

#include <cstdio>
#include <unistd.h>

namespace Cockpit::Cli {

namespace {
QJsonObject planJson(const TransitionPlan &plan)
{
    QJsonArray gates;
    for (const GateOutcome &g : plan.gates) {
        gates.append(QJsonObject{{QStringLiteral("name"), g.name.english()},
                                 {QStringLiteral("verdict"), gateVerdictName(g.result.verdict)},
                                 {QStringLiteral("evidence"), g.result.evidence.english()}});
    }
    return QJsonObject{{QStringLiteral("migration"), plan.migration.id()},
                       {QStringLiteral("from"), plan.transition.from},
                       {QStringLiteral("to"), plan.transition.to},
                       {QStringLiteral("kind"), transitionKindName(plan.transition.kind)},
                       {QStringLiteral("label"), plan.transition.label},
                       {QStringLiteral("expectedVersion"), plan.expectedVersion},
                       {QStringLiteral("gates"), gates},
                       {QStringLiteral("actions"), QJsonArray::fromStringList(plan.actions.describe())}};
}

void printPlan(QTextStream &out, const TransitionPlan &plan)
{
    out << plan.summary() << '\n';
    if (plan.gates.isEmpty())
        out << "  gates: none\n";
    for (const GateOutcome &g : plan.gates)
        out << "  gate ["
            << paint(g.result.verdict == GateResult::Verdict::Pass   ? Paint::Good
                     : g.result.verdict == GateResult::Verdict::Fail ? Paint::Bad
                                                                     : Paint::Warn,
                     gateVerdictName(g.result.verdict))
            << "] " << g.name.english() << ": " << g.result.evidence.english() << '\n';
    for (const QString &a : plan.actions.describe())
        out << "  action: " << a << '\n';
    out.flush();
}

// Asks on the terminal; returns the typed line, or nullopt when stdin is not a terminal.
std::optional<QString> prompt(QTextStream &out, const QString &question)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    out << question << ' ';
    out.flush();
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

int migrate(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addReadOnlyOption(parser);
    parser.addPositionalArgument(QStringLiteral("migration"),
                                 QStringLiteral("ledger, state or rollout:MODULE."));
    parser.addPositionalArgument(QStringLiteral("direction"), QStringLiteral("advance, rollback or resume."));
    parser.addOption({QStringLiteral("to"), QStringLiteral("Target phase (default: the next one)."),
                      QStringLiteral("phase")});
    parser.addOption({QStringLiteral("from"),
                      QStringLiteral("Act only if the migration is still in this phase."),
                      QStringLiteral("phase")});
    parser.addOption(
        {QStringLiteral("dry-run"), QStringLiteral("Show gates and exactly what would be written and run.")});
    parser.addOption({QStringLiteral("reason"), QStringLiteral("Why (required for rollbacks and overrides)."),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("override"), QStringLiteral("Proceed although a gate did not pass.")});
    parser.addOption(
        {QStringLiteral("force"),
         QStringLiteral("Resume or roll back a transition whose cockpit is still running it (with "
                        "--reason): takes it over and stops the other's hook.")});
    parser.addOption(
        {QStringLiteral("yes"), QStringLiteral("Do not ask for confirmation (not enough in prod).")});
    parser.addOption({QStringLiteral("confirm"), QStringLiteral("The environment's name, required in prod."),
                      QStringLiteral("name")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return inv.usageError(QStringLiteral("migrate takes a migration and a direction\nusage: cockpitctl ")
                              + usage);
    TransitionService::Request request;
    request.migration = args.at(0);
    const QString &direction = args.at(1);
    if (direction == QLatin1String("advance"))
        request.direction = TransitionService::Direction::Advance;
    else if (direction == QLatin1String("rollback"))
        request.direction = TransitionService::Direction::Rollback;
    else if (direction == QLatin1String("resume"))
        request.direction = TransitionService::Direction::Resume;
    else
        return inv.usageError(QLatin1String("unknown direction \"") + direction
                              + QLatin1String("\" (expected advance, rollback or resume)\nusage: cockpitctl ")
                              + usage);
    request.toPhase = parser.value(QStringLiteral("to"));
    request.fromPhase = parser.value(QStringLiteral("from"));

    Context context;
    if (auto exit = openContext(inv, parser, context))
        return *exit;
    const EnvironmentConfig &env = context.session->config();
    const TransitionPlan plan = context.service->plan(request);
    const bool json = inv.format() == Format::Json;
    if (!plan.isValid()) {
        if (json)
            inv.printJson(QJsonObject{{QStringLiteral("migration"), request.migration},
                                      {QStringLiteral("result"), outcomeName(plan.status)},
                                      {QStringLiteral("message"), errorMessage(plan.status)}});
        inv.err() << "cockpitctl: " << errorMessage(plan.status) << '\n';
        inv.err().flush();
        return exitCodeFor(plan.status);
    }

    TransitionService::Options options;
    options.reason = parser.value(QStringLiteral("reason"));
    options.override = parser.isSet(QStringLiteral("override"));
    options.force = parser.isSet(QStringLiteral("force"));
    options.confirmedName = parser.value(QStringLiteral("confirm"));
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));

    if (!json)
        printPlan(inv.out(), plan);
    if (!options.dryRun && !context.session->isReadOnly()) {
        const bool prod = env.kind == EnvironmentKind::Prod;
        if (prod && options.confirmedName.isEmpty()) {
            const auto typed = prompt(inv.out(), QLatin1String("Type the environment name (") + env.name
                                                     + QLatin1String(") to confirm:"));
            options.confirmedName = typed.value_or(QString());
        } else if (!prod && !parser.isSet(QStringLiteral("yes"))) {
            const auto typed = prompt(inv.out(), QStringLiteral("Proceed? [y/N]"));
            if (!typed) {
                inv.err() << "cockpitctl: not a terminal: pass --yes to confirm the transition\n";
                inv.err().flush();
                return ExitUsage;
            }
            if (typed->compare(QLatin1String("y"), Qt::CaseInsensitive) != 0
                && typed->compare(QLatin1String("yes"), Qt::CaseInsensitive) != 0) {
                inv.err() << "cockpitctl: not confirmed; nothing done\n";
                inv.err().flush();
                return ExitFindings;
            }
        }
    }

    const TransitionService::Outcome outcome = context.service->execute(plan, options);
    if (json) {
        QJsonObject object = planJson(plan);
        object.insert(QStringLiteral("dryRun"), options.dryRun);
        object.insert(QStringLiteral("result"), outcomeName(outcome.result));
        object.insert(QStringLiteral("message"), errorMessage(outcome.result));
        object.insert(QStringLiteral("phase"), outcome.phase);
        object.insert(QStringLiteral("version"), outcome.version);
        object.insert(QStringLiteral("output"), outcome.output);
        inv.printJson(object);
    } else if (outcome.result.has_value()) {
        if (options.dryRun)
            inv.out() << outcome.output << "\n(dry run: nothing was changed)\n";
        else
            inv.out() << outcome.output << (outcome.output.isEmpty() ? "" : "\n") << plan.migration.id()
                      << " is now " << outcome.phase << " (version " << outcome.version << ")\n";
        inv.out().flush();
    }
    if (!outcome.result) {
        inv.err() << "cockpitctl: " << errorMessage(outcome.result) << '\n';
        inv.err().flush();
    }
    return exitCodeFor(outcome.result);
}

int auditVerify(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addOption({QStringLiteral("export"),
                      QStringLiteral("Verify an export of `audit export --format json` instead, offline."),
                      QStringLiteral("file")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    AuditLog::Verification v;
    if (parser.isSet(QStringLiteral("export"))) {
        const QString path = parser.value(QStringLiteral("export"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            inv.err() << "cockpitctl: " << path << ": cannot read: " << file.errorString() << '\n';
            return ExitUsage;
        }
        v = AuditLog::verifyExport(file.readAll(), path);
    } else {
        Context context;
        if (auto exit = openContext(inv, parser, context, false))
            return *exit;
        v = context.store->audit().verify();
    }
    if (inv.format() == Format::Json) {
        inv.printJson(QJsonObject{
            {QStringLiteral("ok"), v.ok},
            {QStringLiteral("entries"), v.entries},
            {QStringLiteral("firstBadEntry"), v.firstBadSeq > 0 ? QJsonValue(v.firstBadSeq) : QJsonValue()},
            {QStringLiteral("anchored"), v.anchored},
            {QStringLiteral("anchor"), v.anchorPath},
            {QStringLiteral("problems"), QJsonArray::fromStringList(v.problems)}});
    } else if (v.ok) {
        inv.out() << "audit log ok: " << v.entries << " entries, hash chain intact";
        if (!v.anchorPath.isEmpty())
            inv.out() << ", " << v.anchored << " anchored in " << v.anchorPath;
        inv.out() << '\n';
        inv.out().flush();
    } else {
        inv.out() << "audit log TAMPERED (" << v.problems.size() << " problem(s), " << v.entries
                  << " entries):\n";
        for (const QString &p : v.problems)
            inv.out() << "  " << p << '\n';
        inv.out().flush();
    }
    return v.ok ? ExitOk : ExitFindings;
}

int auditExport(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true, true);
    parser.addOption({QStringLiteral("migration"), QStringLiteral("Only this migration's entries."),
                      QStringLiteral("id")});
    parser.addOption(
        {QStringLiteral("action"), QStringLiteral("Only entries with this action."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("Write to FILE (atomically) instead of stdout."),
                      QStringLiteral("file")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    Context context;
    if (auto exit = openContext(inv, parser, context, false))
        return *exit;
    AuditLog::Filter filter;
    filter.migration = parser.value(QStringLiteral("migration"));
    filter.action = parser.value(QStringLiteral("action"));
    const Result<QList<AuditEntry>> read = context.store->audit().entries(filter);
    if (!read) {
        inv.err() << "cockpitctl: " << read.error().message << '\n';
        return exitCodeFor(read.error());
    }
    const QList<AuditEntry> &entries = *read;
    // A filter that matches nothing is an answer, unless it names no migration of this environment: then it
    // is most likely a typo. History of a migration since removed from the config still matches.
    if (entries.isEmpty() && !filter.migration.isEmpty()
        && !MigrationDefinition::find(context.session->config(), filter.migration)) {
        QStringList ids;
        for (const MigrationDefinition &d : MigrationDefinition::allFor(context.session->config()))
            ids.append(d.id());
        return inv.usageError(
            QStringLiteral(
                "--migration: unknown migration \"%1\" (this environment has: %2; the audit log has "
                "no entry for it)")
                .arg(filter.migration, ids.join(QLatin1String(", "))));
    }
    QByteArray bytes;
    if (inv.format() == Format::Csv) {
        bytes = AuditLog::toCsv(entries);
    } else if (inv.format() == Format::Json) {
        bytes = AuditLog::toJson(entries, context.store->audit().anchor(),
                                 filter.migration.isEmpty() && filter.action.isEmpty());
    } else {
        for (const AuditEntry &e : entries) {
            bytes += (QString::number(e.seq).rightJustified(5) + QLatin1String("  ") + timeText(e.time)
                      + QLatin1String("  ") + e.osUser + QLatin1String("@") + e.host + QLatin1String("  ")
                      + e.migration + QLatin1String("  ") + e.action + QLatin1String("  ") + e.result
                      + (e.reason.isEmpty() ? QString() : QLatin1String("  reason: ") + e.reason)
                      + QLatin1Char('\n'))
                         .toUtf8();
        }
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty()) {
        inv.out() << QString::fromUtf8(bytes);
        inv.out().flush();
        return ExitOk;
    }
    if (const Result<void> written = AtomicFile::write(output, bytes); !written)
        return inv.usageError(written.error().message);
    inv.err() << "wrote " << entries.size() << " entries to " << output << '\n';
    return ExitOk;
}

// `rollout promote|rollback MODULE ...` is `migrate rollout:MODULE advance|rollback ...`: the same gates,
// confirmation, actuators and audit, spelled the way the rollout lane's commands are.
int rolloutTransition(Invocation &inv, const QString &direction)
{
    QStringList args = inv.arguments();
    const bool help = args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"));
    // MODULE is the first word that is neither an option nor an option's value, wherever it stands.
    // (Qt's parser takes -config like --config, and --config=FILE carries its value.)
    static const QStringList takesValue{QStringLiteral("config"),  QStringLiteral("reason"),
                                        QStringLiteral("confirm"), QStringLiteral("to"),
                                        QStringLiteral("from"),    QStringLiteral("format")};
    const auto optionName = [](QString arg) {
        while (arg.startsWith(QLatin1Char('-')))
            arg.remove(0, 1);
        return arg;
    };
    auto module = args.end();
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (it->startsWith(QLatin1Char('-')) && takesValue.contains(optionName(*it))) {
            if (++it == args.end())
                break;
        } else if (!it->startsWith(QLatin1Char('-'))) {
            module = it;
            break;
        }
    }
    if (module == args.end() && !help)
        return inv.usageError(QStringLiteral("%1 takes a MODULE\nusage: cockpitctl %2")
                                  .arg(inv.usage().section(QLatin1Char(' '), 0, 1), inv.usage()));
    if (module != args.end()) {
        const QString migration = QLatin1String("rollout:") + *module;
        args.erase(module);
        args.prepend(direction);
        args.prepend(migration);
    }
    Invocation forwarded(args, inv.out(), inv.err());
    forwarded.setUsage(inv.usage());
    return migrate(forwarded);
}

} // namespace

void registerControlCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("promote")},
         QStringLiteral(
             "MODULE --config FILE [--reason TEXT] [--override] [--yes] [--confirm NAME] [--dry-run] "
             "[--format text|json]"),
         QStringLiteral("Move a module to its next V2 traffic step (migrate rollout:MODULE advance)."),
         [](Invocation &inv) {
             return rolloutTransition(inv, QStringLiteral("advance"));
         }});
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("rollback")},
         QStringLiteral("MODULE --config FILE --reason TEXT [--yes] [--confirm NAME] [--dry-run] [--format "
                        "text|json]"),
         QStringLiteral("Send all of a module's traffic back to V1 (migrate rollout:MODULE rollback)."),
         [](Invocation &inv) {
             return rolloutTransition(inv, QStringLiteral("rollback"));
         }});
    registerStatusCommand(registry);
    registry.add(
        {{QStringLiteral("migrate")},
         QStringLiteral(
             "<ledger|state|rollout:MODULE> advance|rollback|resume --config FILE [--to PHASE] [--from "
             "PHASE] [--dry-run] [--reason TEXT] [--override] [--force] [--yes] [--confirm NAME] "
             "[--read-only] [--format text|json]"),
         QStringLiteral("Move a migration one phase, behind its gates; every attempt is audited."),
         migrate});
    registry.add(
        {{QStringLiteral("audit"), QStringLiteral("verify")},
         QStringLiteral("(--config FILE | --export FILE) [--format text|json]"),
         QStringLiteral("Check the audit log's hash chain; exit 1 naming any edited or deleted entry."),
         auditVerify});
    registry.add(
        {{QStringLiteral("audit"), QStringLiteral("export")},
         QStringLiteral(
             "--config FILE [--format text|json|csv] [--migration ID] [--action NAME] [--output FILE]"),
         QStringLiteral("Export the audit log."),
         auditExport});
}

} // namespace Cockpit::Cli
