// SPDX-License-Identifier: MIT
#include "control_context.h"

#include "control/audit_log.h"
#include "guard/rollout_guard.h"

#include <QJsonObject>
#include <QProcessEnvironment>

namespace Cockpit::Cli {

int exitCodeFor(const Result<void> &result)
{
    return result ? ExitOk : exitCodeFor(result.error());
}

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::Conflict:
    case ErrorKind::Refused:
    case ErrorKind::Fenced:
        return ExitFindings;
    case ErrorKind::Invalid:
    case ErrorKind::NotFound:
        return ExitUsage;
    case ErrorKind::Unreachable:
    case ErrorKind::NotSetUp:
    case ErrorKind::Failed:
        return ExitBackendUnreachable;
    }
    return ExitBackendUnreachable;
}

QString timeText(const QDateTime &time)
{
    return time.isValid()
               ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1String(" UTC")
               : QString();
}

void addReadOnlyOption(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("read-only"), QStringLiteral("Disable every action (dry runs still work).")});
}

std::optional<int> openContext(Invocation &inv, const QCommandLineParser &parser, Context &context,
                               bool hasReadOnlyOption)
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
    const Result<void> opened = context.service->open();
    if (!opened) {
        inv.err() << "cockpitctl: " << errorMessage(opened) << '\n';
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

QString protectionText(const EnvironmentConfig &env, ControlStore &store)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<RolloutGuard::Protection> p = RolloutGuard::protection(env, store, now);
    return p ? p->summary(now) : QLatin1String("protection unknown: ") + errorMessage(p);
}

} // namespace Cockpit::Cli
