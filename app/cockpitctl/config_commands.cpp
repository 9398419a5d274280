// SPDX-License-Identifier: MIT
#include "cli_command.h"

#include "wiring/config_check.h"

#include <QJsonArray>

namespace Cockpit::Cli {

namespace {

QJsonObject describeEnvironment(const EnvironmentConfig &env)
{
    QJsonArray modules;
    for (const RolloutModuleConfig &m : env.rollout.modules)
        modules.append(m.id);
    return QJsonObject{
        {QStringLiteral("name"), env.name},
        {QStringLiteral("kind"), environmentKindName(env.kind)},
        {QStringLiteral("readOnly"), env.readOnly},
        {QStringLiteral("ledger"), env.ledger.database.describe()},
        {QStringLiteral("control"), env.control.database.describe()},
        {QStringLiteral("leveldb"), env.state.leveldbPath},
        {QStringLiteral("jsonDir"), env.state.jsonDir},
        {QStringLiteral("metrics"), env.metrics.source == MetricsConfig::Source::Simulator
                                        ? QStringLiteral("simulator")
                                        : env.metrics.prometheusUrl.toString()},
        {QStringLiteral("modules"), modules},
    };
}

int configCheck(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Environment file to check."));
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    QStringList files = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("config")))
        files.prepend(parser.value(QStringLiteral("config")));
    if (files.size() != 1)
        return inv.usageError(QStringLiteral("config check takes exactly one FILE\nusage: cockpitctl ")
                              + usage);

    ConfigLoader::Result result = ConfigLoader::load(files.first());
    // Beyond the syntax: the rules that make a staging or prod environment safe to run.
    ConfigCheck::Findings findings;
    if (result.ok())
        findings = ConfigCheck::run(*result.config);
    result.errors += findings.errors;
    const bool valid = result.errors.isEmpty();
    if (inv.format() == Format::Json) {
        QJsonObject object{{QStringLiteral("file"), files.first()},
                           {QStringLiteral("valid"), valid},
                           {QStringLiteral("errors"), QJsonArray::fromStringList(result.errors)},
                           {QStringLiteral("warnings"), QJsonArray::fromStringList(findings.warnings)}};
        if (valid)
            object.insert(QStringLiteral("environment"), describeEnvironment(*result.config));
        inv.printJson(object);
    } else if (valid) {
        const EnvironmentConfig &env = *result.config;
        inv.out() << files.first() << ": ok: environment \"" << env.name << "\" ("
                  << environmentKindName(env.kind) << (env.readOnly ? ", read-only" : "") << ")\n"
                  << "  ledger   " << env.ledger.database.describe() << '\n'
                  << "  control  " << env.control.database.describe() << '\n'
                  << "  leveldb  " << env.state.leveldbPath << '\n'
                  << "  json     " << env.state.jsonDir << '\n'
                  << "  metrics  "
                  << (env.metrics.source == MetricsConfig::Source::Simulator
                          ? QStringLiteral("built-in simulator")
                          : env.metrics.prometheusUrl.toString())
                  << '\n';
        inv.out().flush();
    } else {
        for (const QString &error : std::as_const(result.errors))
            inv.err() << error << '\n';
    }
    if (inv.format() != Format::Json) {
        for (const QString &warning : std::as_const(findings.warnings))
            inv.err() << "warning: " << warning << '\n';
        inv.err().flush();
    }
    return valid ? ExitOk : ExitUsage;
}

} // namespace

void registerConfigCommands(Registry &registry)
{
    registry.add({{QStringLiteral("config"), QStringLiteral("check")},
                  QStringLiteral("FILE [--format text|json]"),
                  QStringLiteral("Validate an environment file; exit 2 naming every bad key."),
                  configCheck});
}

} // namespace Cockpit::Cli
