// SPDX-License-Identifier: MIT
// cockpitctl rollout history: the guard's evidence of analysed intervals, from the control store; and
// rollout judge: the statistical judge on samples given in files, so that an operator can check a verdict
// offline from exported evidence.
#include "cli_command.h"

#include "common/csv.h"
#include "config/config_reader.h"
#include "control/control_store.h"
#include "guard/rollout_evidence.h"
#include "rollout/mann_whitney.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>

namespace Cockpit::Cli {

namespace {

// One number per line; blank lines and lines starting with '#' are skipped. Fails with one message naming the
// file and line otherwise.
Result<QList<double>> readSamples(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(path + QLatin1String(": ") + file.errorString());
    QList<double> samples;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        bool ok = false;
        const double value = line.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return fail(QStringLiteral("%1:%2: \"%3\" is not a finite number (one sample per line)")
                            .arg(path)
                            .arg(lineNumber)
                            .arg(line.left(40)));
        samples.append(value);
    }
    return samples;
}

std::optional<double> fraction(Invocation &inv, const QCommandLineParser &parser, const QString &name,
                               double fallback, bool openUpper)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || !(openUpper ? v > 0 && v < 1 : v >= 0 && std::isfinite(v))) {
        inv.usageError(QStringLiteral("--%1: expected %2, got \"%3\"")
                           .arg(name,
                                openUpper ? QStringLiteral("a number between 0 and 1 (exclusive)")
                                          : QStringLiteral("a number of 0 or more"),
                                parser.value(name)));
        return std::nullopt;
    }
    return v;
}

int rolloutJudge(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, false);
    parser.addOption({QStringLiteral("control"), QStringLiteral("V1's samples, one number per line."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("experiment"), QStringLiteral("V2's samples, one number per line."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("confidence"), QStringLiteral("Confidence level (default 0.98)."),
                      QStringLiteral("C")});
    parser.addOption({QStringLiteral("effect-fraction"),
                      QStringLiteral("An effect counts only beyond this fraction of |shift| (default 0.25)."),
                      QStringLiteral("F")});
    parser.addOption(
        {QStringLiteral("direction"),
         QStringLiteral("Which change is bad: increase (latency), decrease (throughput) or either "
                        "(default)."),
         QStringLiteral("DIR"), QStringLiteral("either")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return inv.usageError(QLatin1String("unexpected argument \"") + parser.positionalArguments().first()
                              + QLatin1Char('"'));
    if (!parser.isSet(QStringLiteral("control")) || !parser.isSet(QStringLiteral("experiment")))
        return inv.usageError(QStringLiteral("--control and --experiment are required"));
    const QString direction = parser.value(QStringLiteral("direction"));
    if (direction != QLatin1String("increase") && direction != QLatin1String("decrease")
        && direction != QLatin1String("either"))
        return inv.usageError(QLatin1String("--direction: expected increase, decrease or either, got \"")
                              + direction + QLatin1Char('"'));
    MannWhitney::Options options;
    const std::optional<double> confidence =
        fraction(inv, parser, QStringLiteral("confidence"), options.confidence, true);
    const std::optional<double> effect =
        fraction(inv, parser, QStringLiteral("effect-fraction"), options.effectFraction, false);
    if (!confidence || !effect)
        return ExitUsage;
    options.confidence = *confidence;
    options.effectFraction = *effect;

    const Result<QList<double>> control = readSamples(parser.value(QStringLiteral("control")));
    const Result<QList<double>> experiment =
        control ? readSamples(parser.value(QStringLiteral("experiment"))) : fail(control.error());
    if (!experiment) {
        inv.err() << "cockpitctl: " << experiment.error().message << '\n';
        inv.err().flush();
        return ExitUsage;
    }
    const Result<MannWhitney::Result> result = MannWhitney::judge(*control, *experiment, options);
    if (!result) {
        inv.err() << "cockpitctl: " << result.error().message << '\n';
        inv.err().flush();
        return ExitUsage;
    }
    const bool failing =
        (result->verdict == MannWhitney::Verdict::High && direction != QLatin1String("decrease"))
        || (result->verdict == MannWhitney::Verdict::Low && direction != QLatin1String("increase"));
    if (inv.format() == Format::Json) {
        QJsonObject object = result->toJson();
        object.insert(QStringLiteral("direction"), direction);
        object.insert(QStringLiteral("effectFraction"), options.effectFraction);
        object.insert(QStringLiteral("failing"), failing);
        inv.printJson(object);
    } else {
        QTextStream &out = inv.out();
        out << "verdict     " << MannWhitney::verdictName(result->verdict);
        const bool samples = result->controlCount > 0 && result->experimentCount > 0;
        if (!result->hasInterval)
            out << " (" << result->note << ")\n";
        else
            out << (failing ? " (a bad change for direction " : " (not a bad change for direction ")
                << direction << ")\n";
        if (samples)
            out << "shift       " << QString::number(result->estimate, 'g', 10)
                << " (V2 - V1, Hodges-Lehmann)\n";
        if (result->hasInterval)
            out << "interval    [" << QString::number(result->ciLow, 'g', 10) << ", "
                << QString::number(result->ciHigh, 'g', 10) << "] at " << options.confidence * 100
                << " % confidence; an effect counts beyond +/- " << options.effectFraction << " x |shift|\n";
        if (samples)
            out << "z           " << QString::number(result->z, 'g', 10) << '\n'
                << "p           " << QString::number(result->p, 'g', 6)
                << " (two-sided, tie and continuity corrected)\n"
                << "U           " << QString::number(result->u, 'g', 12) << '\n';
        out << "samples     V1 " << result->controlCount << ", V2 " << result->experimentCount << '\n';
        out.flush();
    }
    return failing || result->verdict == MannWhitney::Verdict::NoData ? ExitFindings : ExitOk;
}

int rolloutHistory(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true, true);
    parser.addOption({QStringLiteral("since"),
                      QStringLiteral("How far back, such as 90m, 24h or 7d (default 24h)."),
                      QStringLiteral("DURATION"), QStringLiteral("24h")});
    parser.addOption({QStringLiteral("limit"),
                      QStringLiteral("At most this many intervals, the newest (default 1000)."),
                      QStringLiteral("N"), QStringLiteral("1000")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const std::optional<qint64> since = ConfigReader::parseDuration(parser.value(QStringLiteral("since")));
    if (!since || *since <= 0)
        return inv.usageError(QLatin1String("--since: expected a duration such as 90m, 24h or 7d, got \"")
                              + parser.value(QStringLiteral("since")) + QLatin1Char('"'));
    bool limitOk = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit < 1 || limit > 1000000)
        return inv.usageError(QLatin1String("--limit: expected a number from 1 to 1000000, got \"")
                              + parser.value(QStringLiteral("limit")) + QLatin1Char('"'));
    const std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    const std::optional<QString> module = moduleArgument(inv, parser, *env, usage);
    if (!module)
        return ExitUsage;
    auto store = ControlStore::create(*env);
    if (const Result<void> opened = store->open(); !opened) {
        inv.err() << "cockpitctl: " << errorMessage(opened) << '\n';
        return ExitBackendUnreachable;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Result<RolloutEvidence::History> history =
        RolloutEvidence::read(*store, *module, now - *since * 1000, now, limit);
    if (!history) {
        inv.err() << "cockpitctl: " << history.error().message << '\n';
        return ExitBackendUnreachable;
    }
    const QList<StoredInterval> *intervals = &history->intervals;
    if (history->unreadable > 0) {
        // The others are still worth reading; the damaged ones are named, not hidden.
        inv.err() << "cockpitctl: warning: " << history->unreadable
                  << " evidence record(s) skipped; the first: " << history->firstUnreadable << '\n';
        inv.err().flush();
    }
    QTextStream &out = inv.out();
    switch (inv.format()) {
    case Format::Json: {
        QJsonArray items;
        for (const StoredInterval &i : *intervals)
            items.append(i.toJson());
        inv.printJson({{QStringLiteral("formatVersion"), 1},
                       {QStringLiteral("environment"), env->name},
                       {QStringLiteral("module"), *module},
                       {QStringLiteral("intervals"), items},
                       {QStringLiteral("unreadable"), history->unreadable}});
        break;
    }
    case Format::Csv:
        out << Csv::record(RolloutEvidence::csvHeader()) << "\r\n";
        for (const StoredInterval &i : *intervals) {
            for (const QStringList &row : RolloutEvidence::csvRows(i))
                out << Csv::record(row) << "\r\n";
        }
        break;
    case Format::Text:
        if (intervals->isEmpty())
            out << *module << ": no evidence in the last " << ConfigReader::durationText(*since)
                << " (the guard records every interval it analyses while the module is under rollout)\n";
        for (const StoredInterval &i : *intervals)
            out << i.why() << "\n\n";
        break;
    }
    out.flush();
    return ExitOk;
}

} // namespace

void registerRolloutEvidenceCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("rollout"), QStringLiteral("history")},
         QStringLiteral("MODULE --config FILE [--since DURATION] [--limit N] [--format text|json|csv]"),
         QStringLiteral("The guard's evidence of every analysed interval: queries, samples, values, "
                        "thresholds and both verdicts."),
         rolloutHistory});
    registry.add({{QStringLiteral("rollout"), QStringLiteral("judge")},
                  QStringLiteral(
                      "--control FILE --experiment FILE [--confidence C] [--effect-fraction F] [--direction "
                      "increase|decrease|either] [--format text|json]"),
                  QStringLiteral("Mann-Whitney judge of V2's samples against V1's (offline re-check); exit 1 "
                                 "when the shift is bad for the direction or there are no samples."),
                  rolloutJudge});
}

} // namespace Cockpit::Cli
