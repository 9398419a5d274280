// SPDX-License-Identifier: MIT
// cockpitctl rollout status|analyze|pause|resume. Promote and rollback go through the migration-control
// framework (audit, confirmation, actuators) and are wired by it; this file only reads and keeps pause state.
#include "cli_command.h"
#include "terminal.h"

#include "wiring/rollout_states.h"

#include "config/operator_identity.h"
#include "rollout/rollout_analysis.h"
#include "rollout/rollout_plan.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Cockpit::Cli {

namespace {

QString metricsSource(const EnvironmentConfig &env)
{
    if (env.metrics.source == MetricsConfig::Source::Simulator)
        return QLatin1String("built-in simulator (seed ") + QString::number(env.metrics.simulatorSeed)
               + QLatin1Char(')');
    return QLatin1String("Prometheus at ") + env.metrics.prometheusUrl.toString();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// One look at every module's rollout state, as text and as JSON, or why there is none.
Result<WatchSnapshot> readRolloutStatus(const EnvironmentConfig &env)
{
    const Result<QList<ModuleRolloutState>> states = RolloutStates::load(env);
    if (!states)
        return fail(QLatin1String("rollout status: ") + errorMessage(states));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const RolloutConfig &rollout = env.rollout;
    QJsonArray modules;
    for (const RolloutModuleConfig &m : rollout.modules) {
        const ModuleRolloutState s = states->at(modules.size());
        QJsonObject thresholds;
        for (const Threshold &t : m.thresholds)
            thresholds.insert(t.metric, t.percent);
        modules.append(QJsonObject{
            {QStringLiteral("module"), m.id},
            {QStringLiteral("phase"), RolloutPlan::phaseName(rollout, s)},
            {QStringLiteral("weightPercent"), RolloutPlan::weightPercent(rollout, s)},
            {QStringLiteral("paused"), s.paused},
            {QStringLiteral("pausedBy"), s.pausedBy},
            {QStringLiteral("pauseReason"), s.pauseReason},
            {QStringLiteral("dwellRemainingSeconds"),
             static_cast<double>(RolloutPlan::dwellRemainingSeconds(rollout, s, now))},
            {QStringLiteral("versionVar"), m.versionVar},
            {QStringLiteral("thresholds"), thresholds},
        });
    }
    QJsonArray steps;
    for (int step : rollout.steps)
        steps.append(step);
    WatchSnapshot snapshot;
    snapshot.json = QJsonObject{{QStringLiteral("environment"), env.name},
                                {QStringLiteral("metrics"), metricsSource(env)},
                                {QStringLiteral("controlStore"), env.control.database.describe()},
                                {QStringLiteral("steps"), steps},
                                {QStringLiteral("intervalSeconds"), rollout.intervalSeconds},
                                {QStringLiteral("consecutiveBreaches"), rollout.consecutiveBreaches},
                                {QStringLiteral("autoRollback"), rollout.autoRollback},
                                {QStringLiteral("modules"), modules}};
    QTextStream out(&snapshot.text);
    out << "environment " << env.name << ", metrics from " << metricsSource(env) << '\n'
        << "analysis every " << rollout.intervalSeconds << " s, breach after " << rollout.consecutiveBreaches
        << " failing intervals, auto-rollback " << (rollout.autoRollback ? "on" : "off") << "\n\n";
    out << QStringLiteral("MODULE").leftJustified(24) << QStringLiteral("PHASE").leftJustified(12)
        << QStringLiteral("V1/V2").leftJustified(10) << QStringLiteral("DWELL LEFT").leftJustified(12)
        << "STATE\n";
    for (const auto &value : std::as_const(modules)) {
        const QJsonObject o = value.toObject();
        const int weight = o.value(QLatin1String("weightPercent")).toInt();
        const QString split = QString::number(100 - weight) + QLatin1Char('/') + QString::number(weight);
        QString state = o.value(QLatin1String("paused")).toBool()
                            ? paint(Paint::Warn, QLatin1String("paused by ")
                                                     + o.value(QLatin1String("pausedBy")).toString())
                            : QStringLiteral("running");
        if (!o.value(QLatin1String("pauseReason")).toString().isEmpty())
            state += QLatin1String(": ") + o.value(QLatin1String("pauseReason")).toString();
        out << o.value(QLatin1String("module")).toString().leftJustified(24)
            << o.value(QLatin1String("phase")).toString().leftJustified(12) << split.leftJustified(10)
            << QString(QString::number(o.value(QLatin1String("dwellRemainingSeconds")).toInteger())
                       + QLatin1String(" s"))
                   .leftJustified(12)
            << state << '\n';
    }
    out.flush();
    return snapshot;
}

// A change worth a new line: a phase, a split, a pause; the dwell countdown only when it runs out.
QByteArray rolloutChangeKey(const QJsonObject &json)
{
    QJsonArray modules = json.value(QLatin1String("modules")).toArray();
    for (qsizetype i = 0; i < modules.size(); ++i) {
        QJsonObject m = modules.at(i).toObject();
        m.insert(QStringLiteral("dwellRemainingSeconds"),
                 m.value(QLatin1String("dwellRemainingSeconds")).toDouble() > 0);
        modules.replace(i, m);
    }
    return QJsonDocument(modules).toJson(QJsonDocument::Compact)
           + json.value(QLatin1String("autoRollback")).toVariant().toByteArray();
}

int rolloutStatus(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addWatchOptions(parser);
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const std::optional<int> interval = watchInterval(inv, parser);
    if (!interval)
        return ExitUsage;
    const auto env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    return showOrWatch(
        inv, parser, *interval, [&env] { return readRolloutStatus(*env); }, rolloutChangeKey);
}

std::optional<qint64> parseTime(const QString &text)
{
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds * 1000;
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODate);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

int rolloutAnalyze(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addPositionalArgument(QStringLiteral("module"), QStringLiteral("Module to analyse."));
    parser.addOption({QStringLiteral("at"),
                      QStringLiteral("End of the analysed window: ISO 8601 or Unix seconds (default: now)."),
                      QStringLiteral("time")});
    parser.addOption(
        {QStringLiteral("intervals"),
         QStringLiteral("Number of intervals to analyse (default: max(5, 2 x consecutiveBreaches))."),
         QStringLiteral("n")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const auto env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    const auto moduleId = moduleArgument(inv, parser, *env, usage);
    if (!moduleId)
        return ExitUsage;
    const RolloutConfig &rollout = env->rollout;

    qint64 at = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(QStringLiteral("at"))) {
        const auto parsed = parseTime(parser.value(QStringLiteral("at")));
        if (!parsed)
            return inv.usageError(QLatin1String("--at: expected ISO 8601 or Unix seconds, got \"")
                                  + parser.value(QStringLiteral("at")) + QLatin1Char('"'));
        at = *parsed;
    }
    int intervals = std::max(5, 2 * rollout.consecutiveBreaches);
    if (parser.isSet(QStringLiteral("intervals"))) {
        bool ok = false;
        intervals = parser.value(QStringLiteral("intervals")).toInt(&ok);
        if (!ok || intervals < 1 || intervals > 10000)
            return inv.usageError(QLatin1String("--intervals: expected 1..10000, got \"")
                                  + parser.value(QStringLiteral("intervals")) + QLatin1Char('"'));
    }
    const RolloutAnalysis::Window window = RolloutAnalysis::recentWindow(rollout, at, intervals);
    const qint64 from = window.fromMs;
    const qint64 to = window.toMs;
    QString source;
    const Result<ModuleVerdict> result =
        RolloutAnalysis::analyze(*env, *findModule(*env, *moduleId), window, &source);
    if (!result) {
        const QString error = result.error().message;
        if (inv.format() == Format::Json) {
            inv.printJson(QJsonObject{{QStringLiteral("module"), *moduleId},
                                      {QStringLiteral("error"), error},
                                      {QStringLiteral("rollbackWanted"), false}});
        }
        inv.err() << "cockpitctl: rollout analyze " << *moduleId << ": " << error
                  << "\nno verdict, nothing is rolled back\n";
        inv.err().flush();
        return ExitBackendUnreachable;
    }
    const ModuleVerdict &verdict = *result;
    if (inv.format() == Format::Json) {
        QJsonObject object = verdict.toJson();
        object.insert(QStringLiteral("metrics"), source);
        inv.printJson(object);
    } else {
        QTextStream &out = inv.out();
        out << verdict.summary() << '\n'
            << "window " << isoTime(from) << " .. " << isoTime(to) << ", " << intervals << " x "
            << rollout.intervalSeconds << " s, from " << source << "\n\n";
        for (const IntervalVerdict &interval : verdict.intervals) {
            out << isoTime(interval.toMs) << "  " << verdictStatusName(interval.status).leftJustified(13);
            QStringList parts;
            for (const MetricEvidence &e : interval.evidence) {
                parts << e.threshold + QLatin1Char(' ')
                             + (e.observedPercent
                                    ? QString::number(*e.observedPercent, 'f', 1) + QLatin1String("%")
                                    : QStringLiteral("n/a"))
                             + QLatin1Char('/') + QString::number(e.thresholdPercent, 'g', 6)
                             + QLatin1Char('%') + (e.failing ? QStringLiteral("!") : QString());
            }
            out << parts.join(QLatin1String("  ")) << '\n';
        }
        out << "\ncompletion targets (gates of v1_removed):\n";
        for (const CompletionGateResult &gate : verdict.completionGates) {
            out << "  "
                << (gate.passed         ? "met     "
                    : gate.inconclusive ? "no data "
                                        : "not met ")
                << gate.description << ", observed "
                << (gate.observedPercent
                        ? QString::number(*gate.observedPercent, 'f', 1) + QLatin1String(" %")
                        : QStringLiteral("n/a"))
                << '\n';
        }
        out.flush();
    }
    return verdict.status == VerdictStatus::Pass ? ExitOk : ExitFindings;
}

int pauseOrResume(Invocation &inv, bool pause)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addPositionalArgument(QStringLiteral("module"), QStringLiteral("Module to pause or resume."));
    if (pause)
        parser.addOption({QStringLiteral("reason"), QStringLiteral("Why, for the status and the audit."),
                          QStringLiteral("text")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const auto env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    const auto moduleId = moduleArgument(inv, parser, *env, usage);
    if (!moduleId)
        return ExitUsage;
    if (env->readOnly)
        return inv.usageError(QLatin1String("environment \"") + env->name
                              + QLatin1String("\" is read-only; pause/resume are actions"));
    const QString who = OperatorIdentity::current().label();
    const Result<void> result =
        pause ? RolloutStates::pause(*env, *moduleId, who, parser.value(QStringLiteral("reason")))
              : RolloutStates::resume(*env, *moduleId, who);
    if (!result) {
        inv.err() << "cockpitctl: rollout " << (pause ? "pause" : "resume") << ": " << errorMessage(result)
                  << '\n';
        inv.err().flush();
        return failedWith(result, ErrorKind::Conflict) ? ExitFindings : ExitBackendUnreachable;
    }
    if (inv.format() == Format::Json) {
        inv.printJson(QJsonObject{{QStringLiteral("module"), *moduleId},
                                  {QStringLiteral("paused"), pause},
                                  {QStringLiteral("by"), who}});
    } else {
        inv.out() << *moduleId << (pause ? " paused" : " resumed") << " by " << who << '\n';
        inv.out().flush();
    }
    return ExitOk;
}

} // namespace

void registerRolloutCommands(Registry &registry)
{
    registry.add({{QStringLiteral("rollout"), QStringLiteral("status")},
                  QStringLiteral("--config FILE [--watch] [--interval SECONDS] [--format text|json]"),
                  QStringLiteral("Phase, V1/V2 split, dwell time left and pause state of every module."),
                  rolloutStatus});
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("analyze")},
         QStringLiteral("MODULE --config FILE [--at TIME] [--intervals N] [--format text|json]"),
         QStringLiteral("Compare V2 with V1 per interval; exit 1 on breach/failing/inconclusive, 3 if "
                        "metrics are unreachable."),
         rolloutAnalyze});
    registry.add({{QStringLiteral("rollout"), QStringLiteral("pause")},
                  QStringLiteral("MODULE --config FILE [--reason TEXT] [--format text|json]"),
                  QStringLiteral("Stop promotions of a module until resumed."),
                  [](Invocation &inv) {
                      return pauseOrResume(inv, true);
                  }});
    registry.add({{QStringLiteral("rollout"), QStringLiteral("resume")},
                  QStringLiteral("MODULE --config FILE [--format text|json]"),
                  QStringLiteral("Lift a pause."),
                  [](Invocation &inv) {
                      return pauseOrResume(inv, false);
                  }});
}

} // namespace Cockpit::Cli
