// SPDX-License-Identifier: MIT
// cockpitctl status: where every migration of the environment stands; --watch follows it.
#include "cli_command.h"
#include "control_context.h"
#include "terminal.h"

#include "control/audit_log.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Cockpit::Cli {

namespace {

// One look at the control store, as text and as JSON, or why it could not be read.
Result<WatchSnapshot> readStatus(Context &context)
{
    const Result<QList<MigrationStatus>> read = context.service->status();
    if (!read)
        return fail(read.error());
    const QList<MigrationStatus> &list = *read;
    WatchSnapshot snapshot;
    const EnvironmentConfig &env = context.session->config();
    int interrupted = 0;
    for (const MigrationStatus &s : list)
        interrupted += s.interrupted && !s.interrupted->isRunning(QDateTime::currentDateTimeUtc()) ? 1 : 0;
    snapshot.exitCode = interrupted > 0 ? ExitFindings : ExitOk;
    {
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
        snapshot.json = QJsonObject{{QStringLiteral("environment"), env.name},
                                    {QStringLiteral("kind"), environmentKindName(env.kind)},
                                    {QStringLiteral("readOnly"), context.session->isReadOnly()},
                                    {QStringLiteral("control"), context.store->describe()},
                                    {QStringLiteral("protection"), protectionText(env, *context.store)},
                                    {QStringLiteral("migrations"), migrations}};
    }
    QTextStream out(&snapshot.text);
    out << "environment " << env.name << " (" << environmentKindName(env.kind)
        << (context.session->isReadOnly() ? ", READ-ONLY: actions disabled" : "") << "), control "
        << context.store->describe() << '\n'
        << protectionText(env, *context.store) << "\n\n";
    for (const MigrationStatus &s : list) {
        const auto next = s.nextAdvance();
        out << "  " << s.definition.id().leftJustified(30) << s.state.phase.leftJustified(26) << "version "
            << QString::number(s.state.version).leftJustified(5) << " changed by " << s.state.changedBy
            << " on " << s.state.changedHost << " at " << timeText(s.state.changedAt)
            << (next ? QLatin1String("; next: ") + next->to : QStringLiteral("; final phase")) << '\n';
    }
    for (const MigrationStatus &s : list) {
        if (!s.interrupted)
            continue;
        const TransitionIntent &i = *s.interrupted;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (i.isRunning(now)) {
            out << '\n'
                << paint(Paint::Warn, QStringLiteral("RUNNING:")) << ' ' << s.definition.id() << " "
                << i.fromPhase << " -> " << i.toPhase << " held by " << i.operatorLabel << " on " << i.host
                << " (process " << i.pid << "), heartbeat " << i.heartbeatAt.secsTo(now)
                << " s ago; started at " << timeText(i.startedAt) << ".\n";
            continue;
        }
        // Resuming a rollback is a rollback too: it needs a reason like any other.
        const bool rollback = i.kind == QLatin1String("rollback");
        out << '\n'
            << paint(Paint::Bad, QStringLiteral("INTERRUPTED:")) << ' ' << s.definition.id() << " "
            << i.fromPhase << " -> " << i.toPhase << " started by " << i.operatorLabel << " on " << i.host
            << " at " << timeText(i.startedAt)
            << (i.ownerIsGone() ? " (its process is gone)" : " (no heartbeat for a while)") << ".\n"
            << "  resume:    cockpitctl migrate " << s.definition.id() << " resume "
            << (rollback ? "--reason TEXT " : "") << "--config " << env.filePath
            << "\n  roll back: cockpitctl migrate " << s.definition.id()
            << " rollback --reason TEXT --config " << env.filePath << '\n';
    }
    out.flush();
    return snapshot;
}

// What counts as a change: the migrations' phases, versions and pending transitions, and who protects the
// environment (automatic rollback on or off, which guard holds the lease); not a heartbeat's age.
QByteArray changeKey(const QJsonObject &json)
{
    QJsonArray migrations = json.value(QLatin1String("migrations")).toArray();
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        QJsonObject m = migrations.at(i).toObject();
        if (m.value(QLatin1String("interrupted")).isObject()) {
            QJsonObject intent = m.value(QLatin1String("interrupted")).toObject();
            intent.remove(QStringLiteral("heartbeatAt"));
            m.insert(QStringLiteral("interrupted"), intent);
        }
        migrations.replace(i, m);
    }
    static const QRegularExpression heartbeatAge(QStringLiteral("heartbeat \\d+ s ago"));
    const QString protection = json.value(QLatin1String("protection")).toString().remove(heartbeatAge);
    return QJsonDocument(migrations).toJson(QJsonDocument::Compact) + protection.toUtf8()
           + json.value(QLatin1String("readOnly")).toVariant().toByteArray();
}

int status(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addReadOnlyOption(parser);
    addWatchOptions(parser);
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return inv.usageError(QStringLiteral("status takes no arguments\nusage: cockpitctl ") + usage);
    const std::optional<int> interval = watchInterval(inv, parser);
    if (!interval)
        return ExitUsage;
    Context context;
    if (auto exit = openContext(inv, parser, context))
        return *exit;
    return showOrWatch(
        inv, parser, *interval, [&context] { return readStatus(context); }, changeKey);
}

} // namespace

void registerStatusCommand(Registry &registry)
{
    registry.add(
        {{QStringLiteral("status")},
         QStringLiteral("--config FILE [--watch] [--interval SECONDS] [--format text|json] [--read-only]"),
         QStringLiteral("Phase and version of every migration; exit 1 if a transition was interrupted."),
         status});
}

} // namespace Cockpit::Cli
