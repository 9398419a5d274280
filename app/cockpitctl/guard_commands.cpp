// SPDX-License-Identifier: MIT
// `cockpitctl guard`: the rollout's safety net without a window (RolloutGuard), and `cockpitctl rollout
// auto-rollback`, the environment's setting it obeys.
#include "cli_command.h"

#include "config/write_policy.h"
#include "control/control_store.h"
#include "guard/rollout_guard.h"

#include <QDateTime>
#include <QThread>

#include <csignal>

namespace Cockpit::Cli {

namespace {

volatile std::sig_atomic_t g_stop = 0;

void requestStop(int)
{
    g_stop = 1;
}

// One line per event. Under systemd (JOURNAL_STREAM set) each line starts with its syslog priority, which
// journald reads as the entry's level.
void logEvent(QTextStream &err, const QString &environment, const RolloutGuard::Event &e)
{
    static const bool journal = qEnvironmentVariableIsSet("JOURNAL_STREAM");
    const char *priority = "<6>";
    const char *word = "info";
    switch (e.kind) {
    case RolloutGuard::Event::Kind::Info:
        break;
    case RolloutGuard::Event::Kind::Breach:
        priority = "<4>";
        word = "breach";
        break;
    case RolloutGuard::Event::Kind::RolledBack:
        priority = "<5>";
        word = "rolled-back";
        break;
    case RolloutGuard::Event::Kind::Failed:
        priority = "<3>";
        word = "error";
        break;
    }
    if (journal)
        err << priority;
    else
        err << QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC).toString(Qt::ISODate) << ' ';
    err << "guard " << environment << ' ' << word
        << (e.module.isEmpty() ? QString() : QLatin1Char(' ') + e.module) << ": " << e.text << '\n';
    err.flush();
}

int guard(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addOption({QStringLiteral("tick"),
                      QStringLiteral("Seconds between rounds (default: the rollout interval, at most 30)."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("once"), QStringLiteral("One round, then exit (for cron or a test).")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    if (env->readOnly)
        return inv.usageError(env->filePath
                              + QLatin1String(": environment is read-only; a guard acts, so it "
                                              "needs a writable one"));
    int tick = std::clamp(env->rollout.intervalSeconds, 1, 30);
    if (parser.isSet(QStringLiteral("tick"))) {
        bool ok = false;
        tick = parser.value(QStringLiteral("tick")).toInt(&ok);
        if (!ok || tick < 1 || tick > 3600)
            return inv.usageError(QLatin1String("--tick: expected 1..3600 seconds, got \"")
                                  + parser.value(QStringLiteral("tick")) + QLatin1Char('"'));
    }
    RolloutGuard guard(*env, OperatorIdentity::current(qEnvironmentVariable("COCKPIT_OPERATOR_NAME")),
                       QStringLiteral("cockpitctl guard"), tick);
    bool storeFailed = false;
    const auto sink = [&](const RolloutGuard::Event &e) {
        storeFailed = storeFailed || (e.kind == RolloutGuard::Event::Kind::Failed && e.module.isEmpty());
        logEvent(inv.err(), env->name, e);
    };
    if (parser.isSet(QStringLiteral("once"))) {
        guard.tick(QDateTime::currentMSecsSinceEpoch(), sink);
        guard.release();
        return storeFailed ? ExitBackendUnreachable : ExitOk;
    }
    std::signal(SIGTERM, requestStop);
    std::signal(SIGINT, requestStop);
    while (!g_stop) {
        storeFailed = false;
        guard.tick(QDateTime::currentMSecsSinceEpoch(), sink);
        // Sleeps in small steps so that SIGTERM ends the guard within a fraction of a second.
        for (int slept = 0; slept < tick * 1000 && !g_stop; slept += 100)
            QThread::msleep(100);
    }
    guard.release();
    logEvent(inv.err(), env->name,
             {QDateTime::currentMSecsSinceEpoch(), RolloutGuard::Event::Kind::Info, QString(),
              QStringLiteral("stopped; lease released")});
    return ExitOk;
}

int autoRollback(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addPositionalArgument(QStringLiteral("on|off"),
                                 QStringLiteral("Turn automatic rollback on or off."));
    parser.addOption(
        {QStringLiteral("reason"), QStringLiteral("Why (required to change it)."), QStringLiteral("text")});
    parser.addOption({QStringLiteral("confirm"),
                      QStringLiteral("The environment's name, typed (required in prod)."),
                      QStringLiteral("name")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1
        || (args.size() == 1 && args.first() != QLatin1String("on") && args.first() != QLatin1String("off")))
        return inv.usageError(QLatin1String("expected on or off\nusage: cockpitctl ") + usage);
    const std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    auto store = ControlStore::create(*env);
    if (const Result<void> opened = store->open(); !opened) {
        inv.err() << "cockpitctl: " << errorMessage(opened) << '\n';
        return ExitBackendUnreachable;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!args.isEmpty()) {
        // The rule is core's (WritePolicy), as for every write: refused, exit 1, naming what is missing.
        if (const Result<void> allowed = WritePolicy::check(
                *env, false,
                {parser.value(QStringLiteral("reason")), parser.value(QStringLiteral("confirm"))},
                WritePolicy::Reason::Required);
            !allowed) {
            inv.err() << "cockpitctl: " << allowed.error().message << " (--reason TEXT"
                      << (WritePolicy::needsTypedName(*env) ? ", --confirm NAME" : "") << ")\n";
            inv.err().flush();
            return ExitFindings;
        }
        const OperatorIdentity who = OperatorIdentity::current(qEnvironmentVariable("COCKPIT_OPERATOR_NAME"));
        const Result<void> changed = RolloutGuard::setAutoRollback(
            *env, *store, args.first() == QLatin1String("on"), who, parser.value(QStringLiteral("reason")),
            parser.value(QStringLiteral("confirm")), false);
        if (failedWith(changed, ErrorKind::Invalid) || failedWith(changed, ErrorKind::Refused)) {
            inv.err() << "cockpitctl: " << errorMessage(changed) << '\n';
            inv.err().flush();
            return ExitFindings;
        }
        if (!changed) {
            inv.err() << "cockpitctl: " << errorMessage(changed) << '\n';
            return ExitBackendUnreachable;
        }
    }
    const Result<RolloutGuard::Protection> p = RolloutGuard::protection(*env, *store, now);
    if (!p) {
        inv.err() << "cockpitctl: " << errorMessage(p) << '\n';
        return ExitBackendUnreachable;
    }
    if (inv.format() == Format::Json) {
        QJsonObject o{
            {QStringLiteral("environment"), env->name},
            {QStringLiteral("autoRollback"), p->automatic.on},
            {QStringLiteral("source"),
             p->automatic.setting ? QStringLiteral("control store") : QStringLiteral("config")},
            {QStringLiteral("guard"),
             p->lease ? QJsonValue(p->lease->label + QLatin1String(" on ") + p->lease->host) : QJsonValue()}};
        // Always present, null while the config's value stands, so a pipeline reads one shape.
        const auto &setting = p->automatic.setting;
        o.insert(QStringLiteral("changedBy"), setting ? QJsonValue(setting->changedBy) : QJsonValue());
        o.insert(QStringLiteral("changedAt"),
                 setting ? QJsonValue(setting->changedAt.toString(Qt::ISODateWithMs)) : QJsonValue());
        o.insert(QStringLiteral("reason"), setting ? QJsonValue(setting->reason) : QJsonValue());
        inv.printJson(o);
    } else {
        inv.out() << env->name << ": " << p->summary(now) << '\n';
    }
    return ExitOk;
}

} // namespace

void registerGuardCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("guard")},
         QStringLiteral("--config FILE [--tick SECONDS] [--once]"),
         QStringLiteral("Watch every module under rollout and roll a confirmed breach back (headless)."),
         guard});
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("auto-rollback")},
         QStringLiteral("[on|off] --config FILE [--reason TEXT] [--confirm NAME] [--format text|json]"),
         QStringLiteral("Show or change (audited, with a reason) whether the guard rolls back."),
         autoRollback});
}

} // namespace Cockpit::Cli
