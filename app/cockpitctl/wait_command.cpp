// SPDX-License-Identifier: MIT
// cockpitctl wait MIGRATION --phase P --timeout D: a pipeline's step that waits until a migration reaches a
// phase, whoever moves it (another operator, the GUI, a guard).
#include "cli_command.h"

#include "config/config_reader.h"
#include "control/control_store.h"
#include "control/migration_definition.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>

namespace Cockpit::Cli {

namespace {

int waitForPhase(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addPositionalArgument(QStringLiteral("migration"),
                                 QStringLiteral("ledger, state or rollout:MODULE."));
    parser.addOption(
        {QStringLiteral("phase"), QStringLiteral("The phase to wait for."), QStringLiteral("phase")});
    parser.addOption({QStringLiteral("timeout"),
                      QStringLiteral("How long to wait at most: 90s, 15m, 2h (default 10m)."),
                      QStringLiteral("duration"), QStringLiteral("10m")});
    parser.addOption({QStringLiteral("interval"),
                      QStringLiteral("How often to look: 1s to 60s (default 1s)."),
                      QStringLiteral("duration"), QStringLiteral("1s")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return inv.usageError(QStringLiteral("wait takes one MIGRATION\nusage: cockpitctl ") + usage);
    const QString id = parser.positionalArguments().first();
    const QString phase = parser.value(QStringLiteral("phase"));
    if (phase.isEmpty())
        return inv.usageError(QStringLiteral("--phase PHASE is required\nusage: cockpitctl ") + usage);
    const std::optional<qint64> timeout =
        ConfigReader::parseDuration(parser.value(QStringLiteral("timeout")));
    if (!timeout)
        return inv.usageError(
            QStringLiteral("--timeout: expected a duration such as 30s, 15m or 2h, got \"%1\"")
                .arg(parser.value(QStringLiteral("timeout"))));
    const std::optional<qint64> interval =
        ConfigReader::parseDuration(parser.value(QStringLiteral("interval")));
    if (!interval || *interval < 1 || *interval > 60)
        return inv.usageError(QStringLiteral("--interval: expected 1s to 60s, got \"%1\"")
                                  .arg(parser.value(QStringLiteral("interval"))));
    const std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;
    const std::optional<MigrationDefinition> migration = MigrationDefinition::find(*env, id);
    if (!migration) {
        QStringList ids;
        for (const MigrationDefinition &d : MigrationDefinition::allFor(*env))
            ids.append(d.id());
        return inv.usageError(QStringLiteral("unknown migration \"%1\" (this environment has: %2)")
                                  .arg(id, ids.join(QLatin1String(", "))));
    }
    if (!migration->phase(phase)) {
        QStringList phases;
        for (const MigrationPhase &p : migration->phases())
            phases.append(p.id);
        return inv.usageError(QStringLiteral("%1 has no phase \"%2\" (its phases: %3)")
                                  .arg(id, phase, phases.join(QLatin1String(", "))));
    }

    // Looks until the phase is reached or the time is up. An unreachable control store is retried: it may
    // come back within the timeout; if it is still unreachable at the end, that is the answer (exit 3).
    const QDeadlineTimer deadline(*timeout * 1000);
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<ControlStore> store = ControlStore::create(*env);
    bool opened = false;
    QString unreachable;
    QString current;
    while (true) {
        if (!opened) {
            const Result<void> result = store->open();
            opened = result.has_value();
            unreachable = opened ? QString() : errorMessage(result);
        }
        if (opened) {
            const Result<std::optional<MigrationState>> state = store->state(id);
            if (!state) {
                unreachable = state.error().message;
            } else {
                unreachable.clear();
                current = *state ? (*state)->phase : migration->initialPhase();
                if (current == phase)
                    break;
            }
        }
        if (deadline.hasExpired())
            break;
        QThread::msleep(std::min<qint64>(*interval * 1000, std::max<qint64>(deadline.remainingTime(), 1)));
    }

    const bool reached = current == phase && unreachable.isEmpty();
    const int exitCode = reached ? ExitOk : !unreachable.isEmpty() ? ExitBackendUnreachable : ExitFindings;
    const double seconds = double(clock.elapsed()) / 1000.0;
    if (inv.format() == Format::Json) {
        inv.printJson(
            QJsonObject{{QStringLiteral("apiVersion"), 1},
                        {QStringLiteral("migration"), id},
                        {QStringLiteral("phase"), phase},
                        {QStringLiteral("reached"), reached},
                        {QStringLiteral("currentPhase"), current.isEmpty() ? QJsonValue() : current},
                        {QStringLiteral("waitedSeconds"), seconds},
                        {QStringLiteral("error"), unreachable.isEmpty() ? QJsonValue() : unreachable}});
    } else if (reached) {
        inv.out() << id << " is in " << phase << " (waited " << QString::number(seconds, 'f', 1) << " s)\n";
        inv.out().flush();
    }
    if (!reached) {
        if (!unreachable.isEmpty())
            inv.err() << "cockpitctl: " << unreachable << '\n';
        else
            inv.err() << "cockpitctl: timed out after " << parser.value(QStringLiteral("timeout")) << ": "
                      << id << " is in " << current << ", not " << phase << '\n';
        inv.err().flush();
    }
    return exitCode;
}

} // namespace

void registerWaitCommand(Registry &registry)
{
    registry.add(
        {{QStringLiteral("wait")},
         QStringLiteral("<ledger|state|rollout:MODULE> --phase PHASE --config FILE [--timeout DURATION] "
                        "[--interval DURATION] [--format text|json]"),
         QStringLiteral("Wait until a migration is in a phase; exit 1 on timeout, 3 if the control "
                        "store stays unreachable."),
         waitForPhase});
}

} // namespace Cockpit::Cli
