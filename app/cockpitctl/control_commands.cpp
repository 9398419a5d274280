// SPDX-License-Identifier: MIT
// cockpitctl status, migrate and audit: the CLI face of core/control.
#include "cli_command.h"

#include "common/atomic_file.h"
#include "control/audit_log.h"
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

int exitCodeFor(const ControlResult &result)
{
    switch (result.status) {
    case ControlResult::Status::Ok:
        return ExitOk;
    case ControlResult::Status::Conflict:
    case ControlResult::Status::Refused:
    case ControlResult::Status::Fenced:
        return ExitFindings;
    case ControlResult::Status::Invalid:
        return ExitUsage;
    case ControlResult::Status::Unreachable:
    case ControlResult::Status::NotSetUp:
    case ControlResult::Status::Error:
        return ExitBackendUnreachable;
    }
    return ExitBackendUnreachable;
}

QString resultName(const ControlResult &result)
{
    switch (result.status) {
    case ControlResult::Status::Ok:
        return QStringLiteral("ok");
    case ControlResult::Status::Conflict:
        return QStringLiteral("conflict");
    case ControlResult::Status::Refused:
        return QStringLiteral("refused");
    case ControlResult::Status::Invalid:
        return QStringLiteral("invalid");
    case ControlResult::Status::Unreachable:
        return QStringLiteral("unreachable");
    case ControlResult::Status::NotSetUp:
        return QStringLiteral("notSetUp");
    case ControlResult::Status::Fenced:
        return QStringLiteral("fenced");
    case ControlResult::Status::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QString timeText(const QDateTime &time)
{
    return time.isValid()
               ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1String(" UTC")
               : QString();
}

// The environment, the session rules (read-only) and an opened control store, shared by the commands.
struct Context
{
    std::unique_ptr<EnvironmentSession> session;
    std::unique_ptr<ControlStore> store;
    std::unique_ptr<TransitionService> service;
};

void addReadOnlyOption(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("read-only"), QStringLiteral("Disable every action (dry runs still work).")});
}

// Returns the exit code to stop with, or nullopt with `context` ready.
std::optional<int> openContext(Invocation &inv, const QCommandLineParser &parser, Context &context,
                               bool hasReadOnlyOption = true)
{
    std::optional<EnvironmentConfig> config = inv.loadEnvironment(parser);
    if (!config)
        return ExitUsage;
    context.session = std::make_unique<EnvironmentSession>(*config, inv.gates());
    if (hasReadOnlyOption)
        context.session->setReadOnlyOverride(parser.isSet(QStringLiteral("read-only")));
    const QString displayName =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("COCKPIT_OPERATOR_NAME"));
    if (!displayName.isEmpty())
        context.session->setOperatorDisplayName(displayName);
    context.store = ControlStore::create(context.session->config());
    context.service = std::make_unique<TransitionService>(
        context.session->config(), context.session->operatorIdentity(), context.session->isReadOnly(),
        *context.store, context.session->gates());
    const ControlResult opened = context.service->open();
    if (!opened.ok()) {
        inv.err() << "cockpitctl: " << opened.message << '\n';
        inv.err().flush();
        return exitCodeFor(opened);
    }
    return std::nullopt;
}

QJsonObject intentJson(const TransitionIntent &i)
{
    return QJsonObject{{QStringLiteral("id"), i.id},
                       {QStringLiteral("from"), i.fromPhase},
                       {QStringLiteral("to"), i.toPhase},
                       {QStringLiteral("kind"), i.kind},
                       {QStringLiteral("startedBy"), i.operatorLabel},
                       {QStringLiteral("host"), i.host},
                       {QStringLiteral("pid"), i.pid},
                       {QStringLiteral("startedAt"), AuditEntry::timeText(i.startedAt)},
                       {QStringLiteral("reason"), i.reason},
                       {QStringLiteral("processGone"), i.ownerIsGone()},
                       {QStringLiteral("running"), i.isRunning(QDateTime::currentDateTimeUtc())},
                       {QStringLiteral("heartbeatAt"), i.heartbeatAt.isValid()
                                                           ? QJsonValue(AuditEntry::timeText(i.heartbeatAt))
                                                           : QJsonValue()}};
}

QJsonValue transitionJson(const std::optional<MigrationTransition> &t)
{
    if (!t)
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("to"), t->to}, {QStringLiteral("label"), t->label}};
}

// Automatic rollback on or off and who guards the environment: one line.
QString protectionText(const EnvironmentConfig &env, ControlStore &store)
{
    QString error;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<RolloutGuard::Protection> p = RolloutGuard::protection(env, store, now, &error);
    return p ? p->summary(now) : QLatin1String("protection unknown: ") + error;
}

int status(Invocation &inv)
{
    const QString usage = QStringLiteral("status --config FILE [--format text|json] [--read-only]");
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addReadOnlyOption(parser);
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return inv.usageError(QStringLiteral("status takes no arguments\nusage: cockpitctl ") + usage);
    Context context;
    if (auto exit = openContext(inv, parser, context))
        return *exit;
    ControlResult read;
    const QList<MigrationStatus> list = context.service->status(&read);
    if (!read.ok()) {
        inv.err() << "cockpitctl: " << read.message << '\n';
        return exitCodeFor(read);
    }
    const EnvironmentConfig &env = context.session->config();
    int interrupted = 0;
    for (const MigrationStatus &s : list)
        interrupted += s.interrupted && !s.interrupted->isRunning(QDateTime::currentDateTimeUtc()) ? 1 : 0;

    if (inv.format() == Format::Json) {
        QJsonArray migrations;
        for (const MigrationStatus &s : list) {
            const std::optional<MigrationPhase> phase = s.phase();
            migrations.append(QJsonObject{
                {QStringLiteral("id"), s.definition.id()},
                {QStringLiteral("title"), s.definition.title()},
                {QStringLiteral("phase"), s.state.phase},
                {QStringLiteral("phaseLabel"), phase ? phase->label : QString()},
                {QStringLiteral("phases"), QJsonArray::fromStringList(s.definition.phaseIds())},
                {QStringLiteral("version"), s.state.version},
                {QStringLiteral("changedBy"), s.state.changedBy},
                {QStringLiteral("changedHost"), s.state.changedHost},
                {QStringLiteral("changedAt"), AuditEntry::timeText(s.state.changedAt)},
                {QStringLiteral("nextAdvance"), transitionJson(s.nextAdvance())},
                {QStringLiteral("nextRollback"), transitionJson(s.nextRollback())},
                {QStringLiteral("interrupted"),
                 s.interrupted ? QJsonValue(intentJson(*s.interrupted)) : QJsonValue(QJsonValue::Null)},
            });
        }
        inv.printJson(QJsonObject{{QStringLiteral("environment"), env.name},
                                  {QStringLiteral("kind"), environmentKindName(env.kind)},
                                  {QStringLiteral("readOnly"), context.session->isReadOnly()},
                                  {QStringLiteral("control"), context.store->describe()},
                                  {QStringLiteral("protection"), protectionText(env, *context.store)},
                                  {QStringLiteral("migrations"), migrations}});
    } else {
        QTextStream &out = inv.out();
        out << "environment " << env.name << " (" << environmentKindName(env.kind)
            << (context.session->isReadOnly() ? ", READ-ONLY: actions disabled" : "") << "), control "
            << context.store->describe() << '\n'
            << protectionText(env, *context.store) << "\n\n";
        for (const MigrationStatus &s : list) {
            const auto next = s.nextAdvance();
            out << "  " << s.definition.id().leftJustified(30) << s.state.phase.leftJustified(26)
                << "version " << QString::number(s.state.version).leftJustified(5) << " changed by "
                << s.state.changedBy << " on " << s.state.changedHost << " at " << timeText(s.state.changedAt)
                << (next ? QLatin1String("; next: ") + next->to : QStringLiteral("; final phase")) << '\n';
        }
        for (const MigrationStatus &s : list) {
            if (!s.interrupted)
                continue;
            const TransitionIntent &i = *s.interrupted;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (i.isRunning(now)) {
                out << "\nRUNNING: " << s.definition.id() << " " << i.fromPhase << " -> " << i.toPhase
                    << " held by " << i.operatorLabel << " on " << i.host << " (process " << i.pid
                    << "), heartbeat " << i.heartbeatAt.secsTo(now) << " s ago; started at "
                    << timeText(i.startedAt) << ".\n";
                continue;
            }
            // Resuming a rollback is a rollback too: it needs a reason like any other.
            const bool rollback = i.kind == QLatin1String("rollback");
            out << "\nINTERRUPTED: " << s.definition.id() << " " << i.fromPhase << " -> " << i.toPhase
                << " started by " << i.operatorLabel << " on " << i.host << " at " << timeText(i.startedAt)
                << (i.ownerIsGone() ? " (its process is gone)" : " (no heartbeat for a while)") << ".\n"
                << "  resume:    cockpitctl migrate " << s.definition.id() << " resume "
                << (rollback ? "--reason TEXT " : "") << "--config " << env.filePath
                << "\n  roll back: cockpitctl migrate " << s.definition.id()
                << " rollback --reason TEXT --config " << env.filePath << '\n';
        }
        out.flush();
    }
    return interrupted > 0 ? ExitFindings : ExitOk;
}

QJsonObject planJson(const TransitionPlan &plan)
{
    QJsonArray gates;
    for (const GateOutcome &g : plan.gates) {
        gates.append(QJsonObject{{QStringLiteral("name"), g.name},
                                 {QStringLiteral("verdict"), gateVerdictName(g.result.verdict)},
                                 {QStringLiteral("evidence"), g.result.evidence}});
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
        out << "  gate [" << gateVerdictName(g.result.verdict) << "] " << g.name << ": " << g.result.evidence
            << '\n';
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
    const QString usage = QStringLiteral(
        "migrate <ledger|state|rollout:MODULE> advance|rollback|resume --config FILE [--to PHASE] [--from PHASE] "
        "[--dry-run] [--reason TEXT] [--override] [--force] [--yes] [--confirm NAME] [--read-only] "
        "[--format text|json]");
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
                                      {QStringLiteral("result"), resultName(plan.status)},
                                      {QStringLiteral("message"), plan.status.message}});
        inv.err() << "cockpitctl: " << plan.status.message << '\n';
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
        object.insert(QStringLiteral("result"), resultName(outcome.result));
        object.insert(QStringLiteral("message"), outcome.result.message);
        object.insert(QStringLiteral("phase"), outcome.phase);
        object.insert(QStringLiteral("version"), outcome.version);
        object.insert(QStringLiteral("output"), outcome.output);
        inv.printJson(object);
    } else if (outcome.result.ok()) {
        if (options.dryRun)
            inv.out() << outcome.output << "\n(dry run: nothing was changed)\n";
        else
            inv.out() << outcome.output << (outcome.output.isEmpty() ? "" : "\n") << plan.migration.id()
                      << " is now " << outcome.phase << " (version " << outcome.version << ")\n";
        inv.out().flush();
    }
    if (!outcome.result.ok()) {
        inv.err() << "cockpitctl: " << outcome.result.message << '\n';
        inv.err().flush();
    }
    return exitCodeFor(outcome.result);
}

int auditVerify(Invocation &inv)
{
    const QString usage = QStringLiteral(
        "audit verify --config FILE [--format text|json]\n       cockpitctl audit verify --export "
        "FILE [--format text|json]");
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
        inv.printJson(QJsonObject{{QStringLiteral("ok"), v.ok},
                                  {QStringLiteral("entries"), v.entries},
                                  {QStringLiteral("firstBadEntry"), v.firstBadSeq},
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
    const QString usage = QStringLiteral(
        "audit export --config FILE [--format text|json|csv] [--migration ID] [--action NAME] [--output FILE]");
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
    ControlResult read;
    const QList<AuditEntry> entries = context.store->audit().entries(filter, &read);
    if (!read.ok()) {
        inv.err() << "cockpitctl: " << read.message << '\n';
        return exitCodeFor(read);
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
    const QString error = AtomicFile::write(output, bytes);
    if (!error.isEmpty())
        return inv.usageError(error);
    inv.err() << "wrote " << entries.size() << " entries to " << output << '\n';
    return ExitOk;
}

// `rollout promote|rollback MODULE ...` is `migrate rollout:MODULE advance|rollback ...`: the same gates,
// confirmation, actuators and audit, spelled the way the rollout lane's commands are.
int rolloutTransition(Invocation &inv, const QString &direction)
{
    QStringList args = inv.arguments();
    const auto module = std::find_if(args.begin(), args.end(),
                                     [](const QString &a) { return !a.startsWith(QLatin1Char('-')); });
    if (module == args.end()) {
        return inv.usageError(QStringLiteral("rollout %1 takes a MODULE\nusage: cockpitctl rollout %1 MODULE "
                                             "--config FILE [--reason TEXT] [--override] [--yes]")
                                  .arg(direction == QLatin1String("advance") ? QStringLiteral("promote")
                                                                             : QStringLiteral("rollback")));
    }
    const QString migration = QLatin1String("rollout:") + *module;
    args.erase(module);
    args.prepend(direction);
    args.prepend(migration);
    Invocation forwarded(args, inv.out(), inv.err());
    return migrate(forwarded);
}

} // namespace

void registerControlCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("promote")},
         QStringLiteral("MODULE --config FILE [--reason TEXT] [--override] [--yes] [--dry-run]"),
         QStringLiteral("Move a module to its next V2 traffic step (migrate rollout:MODULE advance)."),
         [](Invocation &inv) {
             return rolloutTransition(inv, QStringLiteral("advance"));
         }});
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("rollback")},
         QStringLiteral("MODULE --config FILE --reason TEXT [--yes] [--dry-run]"),
         QStringLiteral("Send all of a module's traffic back to V1 (migrate rollout:MODULE rollback)."),
         [](Invocation &inv) {
             return rolloutTransition(inv, QStringLiteral("rollback"));
         }});
    registry.add(
        {{QStringLiteral("status")},
         QStringLiteral("--config FILE [--format text|json]"),
         QStringLiteral("Phase and version of every migration; exit 1 if a transition was interrupted."),
         status});
    registry.add(
        {{QStringLiteral("migrate")},
         QStringLiteral("<ledger|state|rollout:MODULE> advance|rollback|resume --config FILE [--from PHASE] "
                        "[--to PHASE] [--dry-run] [--reason TEXT] [--override] [--yes] [--confirm NAME]"),
         QStringLiteral("Move a migration one phase, behind its gates; every attempt is audited."),
         migrate});
    registry.add(
        {{QStringLiteral("audit"), QStringLiteral("verify")},
         QStringLiteral("--config FILE [--format text|json]"),
         QStringLiteral("Check the audit log's hash chain; exit 1 naming any edited or deleted entry."),
         auditVerify});
    registry.add({{QStringLiteral("audit"), QStringLiteral("export")},
                  QStringLiteral("--config FILE [--format text|json|csv] [--output FILE]"),
                  QStringLiteral("Export the audit log."),
                  auditExport});
}

} // namespace Cockpit::Cli
