// SPDX-License-Identifier: MIT
#pragma once

#include "config/config_reader.h"
#include "config/environment_config.h"

class QRegularExpression;

namespace Cockpit::ConfigSections {

QList<Threshold> defaultThresholds(const QString &module);
QList<AccountMapping> defaultMapping();
QMap<qint64, QString> defaultNetworks();
QList<qint64> defaultDwell(EnvironmentKind kind, int steps);
// Account types, module ids and legacy columns: lower_snake_case.
const QRegularExpression &identifierPattern();

// `defaultSqlite` (relative to the config file) is used when the node is absent; empty means required.
std::optional<DatabaseConfig> database(ConfigReader &reader, const ConfigReader::Node &node,
                                       const QString &defaultSqlite);
void ledger(ConfigReader &reader, const ConfigReader::Node &node, EnvironmentConfig &env);
// PromQL templates of the ledger service's own metrics, keyed "ledger/discrepancies", ...; the metric names
// in them are the ones the service exports.
QMap<QString, QString> defaultLedgerQueries();
void control(ConfigReader &reader, const ConfigReader::Node &node, EnvironmentConfig &env);
void state(ConfigReader &reader, const ConfigReader::Node &node, EnvironmentConfig &env);
void metrics(ConfigReader &reader, const ConfigReader::Node &node, EnvironmentConfig &env);
void rollout(ConfigReader &reader, const ConfigReader::Node &node, EnvironmentConfig &env);
void actuators(ConfigReader &reader, const ConfigReader::Node &node, EnvironmentConfig &env);

} // namespace Cockpit::ConfigSections
