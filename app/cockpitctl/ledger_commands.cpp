// SPDX-License-Identifier: MIT
#include "cli_command.h"
#include "terminal.h"

#include "wiring/ledger_health_source.h"

#include "ledger/ledger_integration.h"
#include "ledger/ledger_monitor.h"
#include "ledger/ledger_store.h"
#include "ledger/ledger_workload.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>

#include <memory>

namespace Cockpit::Cli {

namespace {

QString opt(const char *name)
{
    return QString::fromLatin1(name);
}

// Opens the environment's ledger; prints the reason and sets the exit code when it cannot.
std::unique_ptr<LedgerStore> openLedger(Invocation &inv, const EnvironmentConfig &env, int *exit)
{
    auto store = LedgerStore::create(env.ledger.database, env.ledger.mapping);
    const Result<void> opened = store->open();
    if (!opened) {
        inv.err() << "cockpitctl: " << opened.error().message << '\n';
        inv.err().flush();
        // A mapping that names missing columns is a config problem; anything else is the backend.
        *exit = failedWith(opened, ErrorKind::Invalid) ? ExitUsage : ExitBackendUnreachable;
        return nullptr;
    }
    return store;
}

int fail(Invocation &inv, const QString &message, int code)
{
    inv.err() << "cockpitctl: " << message << '\n';
    inv.err().flush();
    return code;
}

std::optional<qint64> positive(Invocation &inv, const QCommandLineParser &parser, const char *name,
                               qint64 fallback, qint64 min, qint64 max)
{
    if (!parser.isSet(opt(name)))
        return fallback;
    bool ok = false;
    const qint64 v = parser.value(opt(name)).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        inv.usageError(QStringLiteral("--%1: expected an integer from %2 to %3, got \"%4\"")
                           .arg(opt(name))
                           .arg(min)
                           .arg(max)
                           .arg(parser.value(opt(name))));
        return std::nullopt;
    }
    return v;
}

std::optional<LedgerMode> phaseOption(Invocation &inv, const QCommandLineParser &parser)
{
    const QString phase = parser.value(QStringLiteral("phase"));
    const std::optional<LedgerMode> mode = LedgerMode::forPhase(phase);
    if (!mode)
        inv.usageError(QLatin1String("--phase: unknown phase \"") + phase
                       + QLatin1String("\" (legacy_only, shadow, ledger_reads, strict, ledger_only)"));
    return mode;
}

QJsonArray alertsJson(const LedgerHealth &h)
{
    QJsonArray alerts;
    for (const LedgerAlert &a : h.alerts) {
        alerts.append(QJsonObject{{QStringLiteral("name"), a.name},
                                  {QStringLiteral("severity"), a.severity},
                                  {QStringLiteral("firing"), a.firing},
                                  {QStringLiteral("inconclusive"), a.inconclusive},
                                  {QStringLiteral("condition"), a.condition},
                                  {QStringLiteral("detail"), a.detail.english()},
                                  {QStringLiteral("action"), a.action.english()}});
    }
    return alerts;
}

// The rate as an exact decimal string, as every figure a pipeline compares; null without writes.
QJsonValue writeSuccessRate(const LedgerHealth &h)
{
    return h.writesOk + h.writesFailed == 0 ? QJsonValue() : QJsonValue(h.successRateText());
}

QJsonObject healthJson(const LedgerHealth &h)
{
    QJsonObject byType;
    for (auto it = h.discrepanciesByType.cbegin(); it != h.discrepanciesByType.cend(); ++it)
        byType.insert(it.key(), it.value());
    QJsonArray gates;
    for (const LedgerGate &g : h.gates) {
        gates.append(QJsonObject{{QStringLiteral("id"), g.id},
                                 {QStringLiteral("title"), g.title.english()},
                                 {QStringLiteral("verdict"), LedgerGate::verdictName(g.verdict)},
                                 {QStringLiteral("evidence"), g.evidence.english()}});
    }
    return QJsonObject{
        {QStringLiteral("windowSeconds"), h.alertWindowSeconds},
        {QStringLiteral("metrics"),
         QJsonObject{{QStringLiteral("discrepanciesByType"), byType},
                     {QStringLiteral("writeSuccessRate"), writeSuccessRate(h)},
                     {QStringLiteral("writesOk"), h.writesOk},
                     {QStringLiteral("writesFailed"), h.writesFailed},
                     {QStringLiteral("writesRejected"), h.writesRejected},
                     {QStringLiteral("shadowWriteFailures"), h.shadowFailures},
                     {QStringLiteral("balanceQueryP95NsLedger"), h.ledgerQuery.percentileNs(95)},
                     {QStringLiteral("balanceQueryP95NsLegacy"), h.legacyQuery.percentileNs(95)},
                     {QStringLiteral("shadowWriteLagP95Ns"), h.writeLag.percentileNs(95)}}},
        {QStringLiteral("alerts"), alertsJson(h)},
        {QStringLiteral("gates"), gates},
    };
}

void printGates(QTextStream &out, const QList<LedgerGate> &gates)
{
    out << "gates:\n";
    for (const LedgerGate &g : gates)
        out << "  "
            << paint(g.verdict == LedgerGate::Verdict::Pass   ? Paint::Good
                     : g.verdict == LedgerGate::Verdict::Fail ? Paint::Bad
                                                              : Paint::Warn,
                     LedgerGate::verdictName(g.verdict).toUpper().leftJustified(13))
            << g.title.english() << ": " << g.evidence.english() << '\n';
}

void printHealth(QTextStream &out, const LedgerHealth &h)
{
    out << "metrics over the last " << h.alertWindowSeconds << " s:\n"
        << "  ledger_write_success_rate  " << h.successRateText() << " (" << h.writesOk << " ok, "
        << h.writesFailed << " failed, " << h.writesRejected << " rejected)\n"
        << "  shadow-write failures      " << h.shadowFailures << '\n'
        << "  discrepancies              " << h.discrepancies;
    for (auto it = h.discrepanciesByType.cbegin(); it != h.discrepanciesByType.cend(); ++it)
        out << "  " << it.key() << '=' << it.value();
    out << "\n  balance query p95          ledger " << h.ledgerQuery.percentileNs(95) / 1000 << " us, legacy "
        << h.legacyQuery.percentileNs(95) / 1000 << " us\n"
        << "  shadow write lag p95       " << h.writeLag.percentileNs(95) / 1000 << " us\nalerts:\n";
    for (const LedgerAlert &a : h.alerts) {
        out << "  " << (a.firing ? paint(Paint::Bad, QStringLiteral("FIRING ")) : QStringLiteral("ok     "))
            << a.name.leftJustified(24) << a.severity.leftJustified(9) << a.detail.english() << '\n';
        if (a.firing)
            out << "         action: " << a.action.english() << '\n';
    }
    printGates(out, h.gates);
}

int simulateLedger(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addOption({opt("users"), QStringLiteral("Number of simulated users (default 100)."), opt("N")});
    parser.addOption({opt("ops"), QStringLiteral("Number of operations (default 1000)."), opt("M")});
    parser.addOption({opt("legacy-fault-rate"),
                      QStringLiteral("Share of legacy writes that fail, 0 to 1 (default 0)."), opt("R")});
    parser.addOption({opt("seed"), QStringLiteral("Random seed (default 1)."), opt("S")});
    parser.addOption(
        {opt("batch"), QStringLiteral("Operations per database commit (default 100)."), opt("N")});
    parser.addOption({opt("phase"), QStringLiteral("Ledger migration phase to simulate (default shadow)."),
                      opt("PHASE"), QStringLiteral("shadow")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return inv.usageError(QLatin1String("unexpected argument \"") + parser.positionalArguments().first()
                              + QLatin1String("\"\nusage: cockpitctl ") + usage);
    LedgerWorkloadOptions options;
    const auto users = positive(inv, parser, "users", 100, 1, 10000000);
    const auto ops = positive(inv, parser, "ops", 1000, 1, 1000000000);
    const auto seed = positive(inv, parser, "seed", 1, 0, std::numeric_limits<qint64>::max());
    const auto batch = positive(inv, parser, "batch", 100, 1, 100000);
    if (!users || !ops || !seed || !batch)
        return ExitUsage;
    if (parser.isSet(opt("legacy-fault-rate"))) {
        // Parsed as an exact decimal: the rate in micro-units is the number of failures per million.
        const Result<Money> rate = Money::parse(parser.value(opt("legacy-fault-rate")));
        if (!rate || rate->isNegative() || *rate > Money::fromMicros(1000000))
            return inv.usageError(QLatin1String("--legacy-fault-rate: expected a decimal from 0 to 1, got \"")
                                  + parser.value(opt("legacy-fault-rate")) + QLatin1Char('"'));
        options.legacyFaultPerMillion = static_cast<int>(*rate->toMicros64());
    }
    const std::optional<LedgerMode> mode = phaseOption(inv, parser);
    if (!mode)
        return ExitUsage;
    const std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    if (const Result<void> allowed = LedgerWorkload::permitted(*env, env->readOnly); !allowed)
        return fail(inv, allowed.error().message, ExitUsage);
    options.users = static_cast<int>(*users);
    options.operations = *ops;
    options.seed = static_cast<quint64>(*seed);
    options.batchSize = static_cast<int>(*batch);

    int exit = ExitOk;
    std::unique_ptr<LedgerStore> store = openLedger(inv, *env, &exit);
    if (!store)
        return exit;
    if (!store->isWritable())
        return fail(inv, store->readOnlyReason(), ExitUsage);
    // The facade logs every shadow-write failure and discrepancy, for monitoring to pick up; in a
    // simulation they are counted in the summary instead. QT_LOGGING_RULES still turns them back on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("cockpit.ledger.warning=false"));
    LedgerIntegration facade(*store, env->ledger, *mode);
    LedgerWorkload workload(env->ledger, *mode, options);
    const QString error = errorMessage(workload.runWith(facade));
    if (!error.isEmpty())
        return fail(inv, error, ExitBackendUnreachable);
    const LedgerWorkloadSummary s = workload.summary();
    const auto health = LedgerMonitor::load(*store, env->ledger, QDateTime::currentMSecsSinceEpoch());
    if (!health)
        return fail(inv, health.error().message, ExitBackendUnreachable);
    const qint64 opsPerSecond = s.elapsedMs > 0 ? s.operations * 1000 / s.elapsedMs : s.operations;
    if (inv.format() == Format::Json) {
        inv.printJson(QJsonObject{
            {QStringLiteral("ledger"), store->describe()},
            {QStringLiteral("mode"), mode->describe()},
            {QStringLiteral("summary"),
             QJsonObject{{QStringLiteral("operations"), s.operations},
                         {QStringLiteral("ok"), s.ok},
                         {QStringLiteral("duplicates"), s.duplicates},
                         {QStringLiteral("rejected"), s.rejected},
                         {QStringLiteral("failed"), s.failed},
                         {QStringLiteral("shadowWriteFailures"), s.shadowFailures},
                         {QStringLiteral("injectedFaults"), s.injectedFaults},
                         {QStringLiteral("reads"), s.reads},
                         {QStringLiteral("readDiscrepancies"), s.readDiscrepancies},
                         {QStringLiteral("elapsedMs"), s.elapsedMs},
                         {QStringLiteral("opsPerSecond"), opsPerSecond}}},
            {QStringLiteral("health"), healthJson(*health)},
        });
    } else {
        QTextStream &out = inv.out();
        out << "simulated " << s.operations << " operations on " << store->describe() << " in " << s.elapsedMs
            << " ms (" << opsPerSecond << " ops/s, batches of " << options.batchSize << ")\n"
            << "  mode           " << mode->describe() << '\n'
            << "  ok " << s.ok << ", duplicates " << s.duplicates << ", rejected " << s.rejected
            << ", failed " << s.failed << '\n'
            << "  injected legacy faults " << s.injectedFaults << ", recorded shadow-write failures "
            << s.shadowFailures << '\n'
            << "  balance reads " << s.reads << ", discrepancies seen " << s.readDiscrepancies << '\n';
        printHealth(out, *health);
        out.flush();
    }
    return ExitOk;
}

// `ledger alerts`: the alert rules and the migration gates from the environment's ledger health source, the
// same one the Ledger page and migration control use (the demo store's rows, or a service's Prometheus and
// the cockpit's reconciliation runs).
int ledgerAlerts(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    LedgerHealthSource source(*env);
    LedgerHealthSource::Request request;
    request.gates = true;
    const Result<LedgerHealth> health = source.read(QDateTime::currentMSecsSinceEpoch(), request);
    if (!health) {
        const QString error = health.error().message;
        if (source.observed()) // a metrics source that is not Prometheus: the config's mistake
            return fail(inv, env->filePath + QLatin1String(": ") + error, ExitUsage);
        // A mapping that names missing columns is a config problem; anything else is the backend.
        return fail(inv, error,
                    error.contains(QLatin1String("ledger.mapping")) ? ExitUsage : ExitBackendUnreachable);
    }
    bool firing = false;
    bool inconclusive = false;
    for (const LedgerAlert &a : health->alerts) {
        firing = firing || a.firing;
        inconclusive = inconclusive || a.inconclusive;
    }
    if (inv.format() == Format::Json) {
        QJsonObject object;
        if (source.observed()) {
            QJsonArray gates;
            for (const LedgerGate &g : health->gates)
                gates.append(QJsonObject{{QStringLiteral("id"), g.id},
                                         {QStringLiteral("title"), g.title.english()},
                                         {QStringLiteral("verdict"), LedgerGate::verdictName(g.verdict)},
                                         {QStringLiteral("evidence"), g.evidence.english()}});
            object = QJsonObject{{QStringLiteral("source"), source.describe()},
                                 {QStringLiteral("windowSeconds"), health->alertWindowSeconds},
                                 {QStringLiteral("alerts"), alertsJson(*health)},
                                 {QStringLiteral("gates"), gates}};
            if (!health->sourceError.isEmpty())
                object.insert(QStringLiteral("sourceError"), health->sourceError);
        } else {
            object = healthJson(*health);
            object.insert(QStringLiteral("ledger"), source.describe());
            object.insert(QStringLiteral("source"), source.describe());
        }
        inv.printJson(object);
    } else if (source.observed()) {
        QTextStream &out = inv.out();
        out << "ledger alerts from the service's telemetry (" << source.describe() << "):\n";
        if (!health->sourceError.isEmpty())
            out << "  no answer: " << health->sourceError << '\n';
        for (const LedgerAlert &a : health->alerts) {
            out << "  "
                << (a.firing         ? paint(Paint::Bad, QStringLiteral("FIRING "))
                    : a.inconclusive ? paint(Paint::Warn, QStringLiteral("NO DATA"))
                                     : QStringLiteral("ok     "))
                << ' ' << a.name.leftJustified(24) << a.severity.leftJustified(9) << a.detail.english()
                << '\n';
            if (a.firing)
                out << "          action: " << a.action.english() << '\n';
        }
        printGates(out, health->gates);
        out.flush();
    } else {
        inv.out() << "ledger " << source.describe() << '\n';
        printHealth(inv.out(), *health);
        inv.out().flush();
    }
    if (!health->sourceError.isEmpty())
        return ExitBackendUnreachable;
    return firing || inconclusive ? ExitFindings : ExitOk;
}

} // namespace

void registerLedgerCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("simulate"), QStringLiteral("ledger")},
         QStringLiteral("--config FILE [--users N] [--ops M] [--legacy-fault-rate R] [--seed S] [--batch N] "
                        "[--phase PHASE] [--format text|json]"),
         QStringLiteral(
             "Run the demo ledger workload (deposits, orders, fills) with injected legacy faults."),
         simulateLedger});
    registry.add(
        {{QStringLiteral("ledger"), QStringLiteral("alerts")},
         QStringLiteral("--config FILE [--format text|json]"),
         QStringLiteral("Ledger metrics, the migration's alert rules and gates; exit 1 if an alert fires."),
         ledgerAlerts});
}

} // namespace Cockpit::Cli
