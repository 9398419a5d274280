// SPDX-License-Identifier: MIT
#include "wiring/config_check.h"

#include "rollout/rollout_analyzer.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>

namespace Cockpit {

ConfigCheck::Findings ConfigCheck::run(const EnvironmentConfig &config)
{
    Findings f;
    const QString file = QFileInfo(config.filePath).fileName() + QLatin1String(": ");
    if (!config.isDemo()) {
        if (config.metrics.source == MetricsConfig::Source::Simulator) {
            f.errors.append(
                file
                + QStringLiteral("/metrics/source: a %1 environment must be judged by the services' "
                                 "own Prometheus, not the built-in simulator")
                      .arg(environmentKindName(config.kind)));
        } else {
            for (const RolloutModuleConfig &module : config.rollout.modules) {
                for (const QString &metric : RolloutAnalyzer::requiredMetrics(module)) {
                    const QString key = module.id + QLatin1Char('/') + metric;
                    if (!config.metrics.queries.contains(key)) {
                        f.errors.append(file + QLatin1String("/metrics/queries: no PromQL template for \"")
                                        + key + QLatin1String("\" (module ") + module.id
                                        + QLatin1String(" is rolled out and judged by it)"));
                    }
                }
            }
        }
    }

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto password = [&](const DatabaseConfig &db, const char *pointer) {
        if (!db.isSqlite() && !db.passwordEnv.isEmpty() && !environment.contains(db.passwordEnv)) {
            f.warnings.append(
                file + QLatin1String(pointer) + QLatin1String("/passwordEnv: ") + db.passwordEnv
                + QLatin1String(" is not set in this environment; the login will have no password"));
        }
    };
    password(config.ledger.database, "/ledger/database");
    if (config.control.database.describe() != config.ledger.database.describe()
        || config.control.database.passwordEnv != config.ledger.database.passwordEnv)
        password(config.control.database, "/control/database");

    for (auto it = config.actuators.cbegin(); it != config.actuators.cend(); ++it) {
        if (it.value().kind != ActuatorConfig::Kind::Command || it.value().command.isEmpty())
            continue;
        const QString program = it.value().command.first();
        const bool found = program.contains(QLatin1Char('/'))
                               ? QFileInfo(program).isExecutable()
                               : !QStandardPaths::findExecutable(program).isEmpty();
        if (!found) {
            f.warnings.append(file + QLatin1String("/actuators/") + it.key() + QLatin1String("/command/0: \"")
                              + program + QLatin1String("\" is not found on PATH here; transitions of the ")
                              + it.key() + QLatin1String(" lane would fail"));
        }
    }
    return f;
}

} // namespace Cockpit
