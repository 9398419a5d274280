// SPDX-License-Identifier: MIT
// Parsing of the sections of an environment file. Each function reads one section, applies the defaults
// documented in docs/configuration.md and reports every problem through the reader.
#include "config/config_sections.h"

#include <QRegularExpression>

namespace Cockpit::ConfigSections {

using Node = ConfigReader::Node;

namespace {

const QStringList kKnownThresholdMetrics = {
    QStringLiteral("throughput_drop"), QStringLiteral("latency_increase"), QStringLiteral("memory_increase"),
    QStringLiteral("error_rate"),      QStringLiteral("sync_speed_drop"),  QStringLiteral("peer_disconnect"),
};

} // namespace

const QRegularExpression &identifierPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]{0,62}$"));
    return pattern;
}

QList<Threshold> defaultThresholds(const QString &module)
{
    // The service's alert thresholds (config/prod.exs); modules it does not list get the transaction pool's.
    if (module == QLatin1String("sync_service")) {
        return {{QStringLiteral("sync_speed_drop"), 25},
                {QStringLiteral("peer_disconnect"), 50},
                {QStringLiteral("memory_increase"), 40}};
    }
    return {{QStringLiteral("throughput_drop"), 20},
            {QStringLiteral("latency_increase"), 50},
            {QStringLiteral("memory_increase"), 30},
            {QStringLiteral("error_rate"), 5}};
}

QList<AccountMapping> defaultMapping()
{
    return {{QStringLiteral("usdc_balance"), QStringLiteral("pending_deposits")},
            {QStringLiteral("fiat_exposure"), QStringLiteral("buying_power")},
            {QStringLiteral("pending_investment"), QStringLiteral("pending_investments")}};
}

QMap<qint64, QString> defaultNetworks()
{
    return {{56, QStringLiteral("bscmainnet")},         {97, QStringLiteral("bsctestnet")},
            {8453, QStringLiteral("basemainnet")},      {84532, QStringLiteral("basesepolia")},
            {10, QStringLiteral("optimismmainnet")},    {11155420, QStringLiteral("optimismsepolia")},
            {23294, QStringLiteral("sapphiremainnet")}, {23295, QStringLiteral("sapphiretestnet")}};
}

QList<qint64> defaultDwell(EnvironmentKind kind, int steps)
{
    // The rollout plan's minimum dwell: two days at 10 % and 25 %, three days at 50 % and 75 %, two at 100 %.
    // The demo compresses each day into 30 seconds so a newcomer can watch a whole rollout.
    static const QList<qint64> days = {2, 2, 3, 3, 2};
    QList<qint64> result;
    for (int i = 0; i < steps; ++i) {
        const qint64 d = i < days.size() ? days.at(i) : 2;
        result.append(kind == EnvironmentKind::Demo ? d * 30 : d * 86400);
    }
    return result;
}

std::optional<DatabaseConfig> database(ConfigReader &reader, const Node &node, const QString &defaultSqlite)
{
    DatabaseConfig db;
    if (!node.isValid()) {
        if (defaultSqlite.isEmpty()) {
            reader.error(node,
                         QStringLiteral("required key is missing (expected an object with \"driver\")"));
            return std::nullopt;
        }
        db.sqlitePath = reader.resolvePath(defaultSqlite);
        return db;
    }
    if (!node.value->is_object()) {
        reader.error(node, QLatin1String("expected an object, got ") + ConfigReader::describe(*node.value));
        return std::nullopt;
    }
    const auto driver =
        reader.oneOf(node, "driver", {QStringLiteral("sqlite"), QStringLiteral("postgresql")}, true);
    if (!driver) {
        reader.expectObject(node, {"driver", "path", "host", "port", "dbname", "user", "passwordEnv",
                                   "sslmode", "connectTimeoutSeconds"});
        return std::nullopt;
    }
    if (*driver == QLatin1String("sqlite")) {
        reader.expectObject(node, {"driver", "path"});
        const auto path = reader.path(node, "path", true);
        if (!path)
            return std::nullopt;
        db.driver = DatabaseConfig::Driver::Sqlite;
        db.sqlitePath = *path;
        return db;
    }
    reader.expectObject(node, {"driver", "host", "port", "dbname", "user", "passwordEnv", "sslmode",
                               "connectTimeoutSeconds"});
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    db.driver = DatabaseConfig::Driver::Postgres;
    const auto host = reader.nonEmptyString(node, "host", true);
    const auto port = reader.integer(node, "port", 1, 65535, false, 5432);
    const auto dbname = reader.nonEmptyString(node, "dbname", true);
    const auto user = reader.nonEmptyString(node, "user", true);
    const auto passwordEnv = reader.string(node, "passwordEnv", false);
    const auto sslmode =
        reader.oneOf(node, "sslmode",
                     {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                      QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")},
                     false, QStringLiteral("prefer"));
    const auto timeout = reader.integer(node, "connectTimeoutSeconds", 1, 300, false, 5);
    if (passwordEnv && !passwordEnv->isEmpty() && !envName.match(*passwordEnv).hasMatch()) {
        reader.error(
            reader.child(node, "passwordEnv"),
            QLatin1String("expected the name of an environment variable (letters, digits, _), got \"")
                + *passwordEnv + QLatin1Char('"'));
        return std::nullopt;
    }
    if (!host || !port || !dbname || !user || !passwordEnv || !sslmode || !timeout)
        return std::nullopt;
    db.host = *host;
    db.port = static_cast<int>(*port);
    db.dbname = *dbname;
    db.user = *user;
    db.passwordEnv = *passwordEnv;
    db.sslMode = *sslmode;
    db.connectTimeoutSeconds = static_cast<int>(*timeout);
    return db;
}

void control(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    const QString demoDefault = env.isDemo() ? env.dataDir + QLatin1String("/control.sqlite") : QString();
    if (!node.isValid()) {
        if (auto db = database(reader, node, demoDefault))
            env.control.database = *db;
        return;
    }
    if (!reader.expectObject(node, {"database", "schema", "auditAnchor"}))
        return;
    if (auto anchor = reader.path(node, "auditAnchor", false))
        env.control.auditAnchor = *anchor;
    if (auto db = database(reader, reader.child(node, "database"), demoDefault))
        env.control.database = *db;
    static const QRegularExpression schemaName(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (auto schema = reader.string(node, "schema", false, QStringLiteral("cockpit_control"))) {
        if (!schemaName.match(*schema).hasMatch())
            reader.error(reader.child(node, "schema"),
                         QStringLiteral("expected a lower-case SQL identifier"));
        else
            env.control.schema = *schema;
    }
}

void state(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    StateConfig &state = env.state;
    state.networks = defaultNetworks();
    if (!node.isValid()) {
        if (env.isDemo()) {
            state.leveldbPath = reader.resolvePath(env.dataDir + QLatin1String("/leveldb"));
            state.jsonDir = reader.resolvePath(env.dataDir + QLatin1String("/deployments"));
        } else {
            reader.error(node,
                         QStringLiteral("required key is missing (expected an object with \"leveldb\" and "
                                        "\"jsonDir\")"));
        }
        return;
    }
    if (!reader.expectObject(node, {"leveldb", "jsonDir", "networks", "cacheSize"}))
        return;
    const bool demo = env.isDemo();
    if (auto p =
            reader.path(node, "leveldb", !demo, demo ? env.dataDir + QLatin1String("/leveldb") : QString()))
        state.leveldbPath = *p;
    if (auto p = reader.path(node, "jsonDir", !demo,
                             demo ? env.dataDir + QLatin1String("/deployments") : QString()))
        state.jsonDir = *p;
    if (auto c = reader.integer(node, "cacheSize", 0, 10000000, false, 1024))
        state.cacheSize = static_cast<int>(*c);
    const Node networks = reader.child(node, "networks");
    if (!networks.isValid())
        return;
    if (!networks.value->is_object()) {
        reader.error(networks, QLatin1String("expected an object mapping chain ids to network names, got ")
                                   + ConfigReader::describe(*networks.value));
        return;
    }
    static const QRegularExpression networkName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    for (auto it = networks.value->begin(); it != networks.value->end(); ++it) {
        const Node item = reader.child(networks, it.key().c_str());
        bool ok = false;
        const qint64 chainId = QString::fromStdString(it.key()).toLongLong(&ok);
        if (!ok || chainId <= 0) {
            reader.error(item, QStringLiteral("expected a positive chain id as the key"));
            continue;
        }
        if (!it.value().is_string()
            || !networkName.match(QString::fromStdString(it.value().get<std::string>())).hasMatch()) {
            reader.error(item, QLatin1String("expected a network name (letters, digits, - and _), got ")
                                   + ConfigReader::describe(it.value()));
            continue;
        }
        state.networks.insert(chainId, QString::fromStdString(it.value().get<std::string>()));
    }
}

void metrics(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    MetricsConfig &metrics = env.metrics;
    if (!node.isValid()) {
        if (!env.isDemo())
            reader.error(node,
                         QStringLiteral("required key is missing (expected an object with \"source\")"));
        return;
    }
    if (!reader.expectObject(node, {"source", "url", "timeoutMs", "queries", "seed"}))
        return;
    const auto source =
        reader.oneOf(node, "source", {QStringLiteral("simulator"), QStringLiteral("prometheus")}, true);
    if (!source)
        return;
    if (*source == QLatin1String("simulator")) {
        metrics.source = MetricsConfig::Source::Simulator;
        if (auto seed = reader.integer(node, "seed", 0, std::numeric_limits<qint64>::max(), false, 1))
            metrics.simulatorSeed = static_cast<quint64>(*seed);
        if (reader.has(node, "url"))
            reader.error(reader.child(node, "url"),
                         QStringLiteral("only allowed with \"source\": \"prometheus\""));
        return;
    }
    metrics.source = MetricsConfig::Source::Prometheus;
    if (auto url = reader.nonEmptyString(node, "url", true)) {
        const QUrl parsed(*url, QUrl::StrictMode);
        if (!parsed.isValid()
            || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))
            || parsed.host().isEmpty()) {
            reader.error(reader.child(node, "url"),
                         QLatin1String("expected an http(s) URL such as \"http://prometheus:9090\", got \"")
                             + *url + QLatin1Char('"'));
        } else {
            metrics.prometheusUrl = parsed;
        }
    }
    if (auto t = reader.integer(node, "timeoutMs", 100, 600000, false, 5000))
        metrics.timeoutMs = static_cast<int>(*t);
    // The metric names the ledger service exports, each overridable below.
    metrics.queries = defaultLedgerQueries();
    const Node queries = reader.child(node, "queries");
    if (!queries.isValid())
        return;
    if (!queries.value->is_object()) {
        reader.error(queries, QLatin1String("expected an object of \"module/metric\": \"PromQL\", got ")
                                  + ConfigReader::describe(*queries.value));
        return;
    }
    static const QRegularExpression queryKey(QStringLiteral("^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$"));
    for (auto it = queries.value->begin(); it != queries.value->end(); ++it) {
        const Node item = reader.child(queries, it.key().c_str());
        const QString key = QString::fromStdString(it.key());
        if (!queryKey.match(key).hasMatch()) {
            reader.error(item, QStringLiteral("expected a key of the form \"module/metric\""));
            continue;
        }
        if (!it.value().is_string() || it.value().get<std::string>().empty()) {
            reader.error(item, QLatin1String("expected a PromQL template string, got ")
                                   + ConfigReader::describe(it.value()));
            continue;
        }
        metrics.queries.insert(key, QString::fromStdString(it.value().get<std::string>()));
    }
}

namespace {

std::optional<RolloutModuleConfig> rolloutModule(ConfigReader &reader, const Node &item)
{
    RolloutModuleConfig module;
    if (item.value->is_string()) {
        module.id = QString::fromStdString(item.value->get<std::string>());
    } else if (item.value->is_object()) {
        reader.expectObject(item, {"id", "versionVar", "thresholds"});
        const auto id = reader.nonEmptyString(item, "id", true);
        if (!id)
            return std::nullopt;
        module.id = *id;
    } else {
        reader.error(item, QLatin1String("expected a module id or an object with \"id\", got ")
                               + ConfigReader::describe(*item.value));
        return std::nullopt;
    }
    if (!identifierPattern().match(module.id).hasMatch()) {
        reader.error(item, QLatin1String("module id must be lower_snake_case, got \"") + module.id
                               + QLatin1Char('"'));
        return std::nullopt;
    }
    module.versionVar = module.id.toUpper() + QLatin1String("_VERSION");
    module.thresholds = defaultThresholds(module.id);
    if (!item.value->is_object())
        return module;
    static const QRegularExpression envName(QStringLiteral("^[A-Z_][A-Z0-9_]*$"));
    if (auto var = reader.string(item, "versionVar", false, module.versionVar)) {
        if (!envName.match(*var).hasMatch())
            reader.error(reader.child(item, "versionVar"),
                         QStringLiteral("expected an UPPER_CASE variable name"));
        else
            module.versionVar = *var;
    }
    const Node thresholds = reader.child(item, "thresholds");
    if (!thresholds.isValid())
        return module;
    if (!reader.expectObject(thresholds, kKnownThresholdMetrics))
        return module;
    module.thresholds.clear();
    for (const QString &metric : kKnownThresholdMetrics) {
        const QByteArray key = metric.toUtf8();
        if (!reader.has(thresholds, key.constData()))
            continue;
        if (auto percent = reader.number(thresholds, key.constData(), 0, 1000, true))
            module.thresholds.append({metric, *percent});
    }
    return module;
}

} // namespace

void rollout(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    RolloutConfig &rollout = env.rollout;
    const QStringList defaultModules = {QStringLiteral("transaction_pool"), QStringLiteral("sync_service"),
                                        QStringLiteral("filter_manager"),
                                        QStringLiteral("subscription_manager")};
    auto useDefaults = [&] {
        rollout.modules.clear();
        for (const QString &id : defaultModules)
            rollout.modules.append({id, id.toUpper() + QLatin1String("_VERSION"), defaultThresholds(id)});
    };
    useDefaults();
    rollout.intervalSeconds = env.isDemo() ? 2 : 60;
    rollout.dwellSeconds = defaultDwell(env.kind, rollout.steps.size());
    if (!node.isValid())
        return;
    if (!reader.expectObject(node, {"modules", "steps", "dwell", "interval", "consecutiveBreaches",
                                    "autoRollback", "targets", "judge", "evidenceRetention"}))
        return;

    const Node modules = reader.child(node, "modules");
    if (modules.isValid()) {
        if (!modules.value->is_array() || modules.value->empty()) {
            reader.error(modules, QLatin1String("expected a non-empty array of modules, got ")
                                      + ConfigReader::describe(*modules.value));
        } else {
            rollout.modules.clear();
            QStringList seen;
            for (std::size_t i = 0; i < modules.value->size(); ++i) {
                const Node item = reader.element(modules, i);
                if (auto module = rolloutModule(reader, item)) {
                    if (seen.contains(module->id)) {
                        reader.error(item,
                                     QLatin1String("duplicate module \"") + module->id + QLatin1Char('"'));
                        continue;
                    }
                    seen.append(module->id);
                    rollout.modules.append(*module);
                }
            }
        }
    }

    const Node steps = reader.child(node, "steps");
    if (steps.isValid()) {
        bool ok = steps.value->is_array() && !steps.value->empty();
        QList<int> parsed;
        int previous = 0;
        for (std::size_t i = 0; ok && i < steps.value->size(); ++i) {
            const auto &v = (*steps.value)[i];
            if (!v.is_number_integer() || v.get<int>() <= previous || v.get<int>() > 100)
                ok = false;
            else
                parsed.append(previous = v.get<int>());
        }
        if (!ok || parsed.last() != 100) {
            reader.error(steps, QLatin1String("expected increasing integer percentages ending at 100, got ")
                                    + ConfigReader::describe(*steps.value));
        } else {
            rollout.steps = parsed;
            rollout.dwellSeconds = defaultDwell(env.kind, parsed.size());
        }
    }

    const Node dwell = reader.child(node, "dwell");
    if (dwell.isValid()) {
        if (!dwell.value->is_array()
            || dwell.value->size() != static_cast<std::size_t>(rollout.steps.size())) {
            reader.error(dwell, QLatin1String("expected an array of ") + QString::number(rollout.steps.size())
                                    + QLatin1String(" durations, one per step, got ")
                                    + ConfigReader::describe(*dwell.value));
        } else {
            QList<qint64> parsed;
            for (std::size_t i = 0; i < dwell.value->size(); ++i) {
                // The duration parser reads object members: view element i as member "i" so that the
                // pointer in a message is still /rollout/dwell/i.
                const std::string key = std::to_string(i);
                const nlohmann::json single = nlohmann::json::object({{key, (*dwell.value)[i]}});
                const ConfigReader::Node view{&single, dwell.pointer};
                if (auto seconds = reader.duration(view, key.c_str(), 1, 365 * 86400, true))
                    parsed.append(*seconds);
            }
            if (parsed.size() == rollout.steps.size())
                rollout.dwellSeconds = parsed;
        }
    }

    if (auto v = reader.duration(node, "interval", 1, 86400, false, rollout.intervalSeconds))
        rollout.intervalSeconds = static_cast<int>(*v);
    if (auto v = reader.integer(node, "consecutiveBreaches", 1, 1000, false, 3))
        rollout.consecutiveBreaches = static_cast<int>(*v);
    if (auto v = reader.duration(node, "evidenceRetention", 3600, 3650LL * 86400, false,
                                 rollout.evidenceRetentionSeconds))
        rollout.evidenceRetentionSeconds = *v;
    if (auto v = reader.boolean(node, "autoRollback", false, true))
        rollout.autoRollback = *v;

    if (const Node judge = reader.child(node, "judge");
        judge.isValid() && reader.expectObject(judge, {"decides", "confidence", "effectFraction"})) {
        QStringList names;
        for (const RolloutJudgeConfig::Decides d : RolloutJudgeConfig::allDecides)
            names << RolloutJudgeConfig::decidesName(d);
        if (auto v = reader.oneOf(judge, "decides", names, false, names.first())) {
            for (const RolloutJudgeConfig::Decides d : RolloutJudgeConfig::allDecides) {
                if (RolloutJudgeConfig::decidesName(d) == *v)
                    rollout.judge.decides = d;
            }
        }
        if (auto v = reader.number(judge, "confidence", 0.5, 0.9999, false, 0.98))
            rollout.judge.confidence = *v;
        if (auto v = reader.number(judge, "effectFraction", 0, 10, false, 0.25))
            rollout.judge.effectFraction = *v;
    }

    const Node targets = reader.child(node, "targets");
    if (!targets.isValid())
        return;
    if (!reader.expectObject(targets, {"throughputGainPercent", "syncSpeedGainPercent",
                                       "memoryIncreasePercent", "latencyIncreasePercent"}))
        return;
    if (auto v = reader.number(targets, "throughputGainPercent", -100, 1000, false, 20))
        rollout.targetThroughputGainPercent = *v;
    if (auto v = reader.number(targets, "syncSpeedGainPercent", -100, 1000, false, 15))
        rollout.targetSyncSpeedGainPercent = *v;
    if (auto v = reader.number(targets, "memoryIncreasePercent", 0, 1000, false, 10))
        rollout.maxMemoryIncreasePercent = *v;
    if (auto v = reader.number(targets, "latencyIncreasePercent", 0, 1000, false, 5))
        rollout.maxLatencyIncreasePercent = *v;
}

void actuators(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    const QStringList lanes = {QStringLiteral("ledger"), QStringLiteral("state"), QStringLiteral("rollout")};
    for (const QString &lane : lanes)
        env.actuators.insert(lane, ActuatorConfig{});
    if (!node.isValid())
        return;
    if (!reader.expectObject(node, lanes))
        return;
    for (const QString &lane : lanes) {
        const QByteArray key = lane.toUtf8();
        const Node item = reader.child(node, key.constData());
        if (!item.isValid())
            continue;
        if (!item.value->is_object()) {
            reader.error(item,
                         QLatin1String("expected an object, got ") + ConfigReader::describe(*item.value));
            continue;
        }
        const auto kind = reader.oneOf(
            item, "kind",
            {QStringLiteral("control_store"), QStringLiteral("env_file"), QStringLiteral("command")}, true);
        if (!kind) {
            reader.expectObject(item, {"kind", "path", "command", "timeout"});
            continue;
        }
        ActuatorConfig actuator;
        if (*kind == QLatin1String("control_store")) {
            reader.expectObject(item, {"kind"});
            actuator.kind = ActuatorConfig::Kind::ControlStore;
        } else if (*kind == QLatin1String("env_file")) {
            reader.expectObject(item, {"kind", "path"});
            actuator.kind = ActuatorConfig::Kind::EnvFile;
            if (auto p = reader.path(item, "path", true))
                actuator.envFile = *p;
        } else {
            reader.expectObject(item, {"kind", "command", "timeout"});
            actuator.kind = ActuatorConfig::Kind::Command;
            if (auto argv = reader.stringList(item, "command", true)) {
                if (argv->isEmpty() || argv->first().trimmed().isEmpty())
                    reader.error(reader.child(item, "command"),
                                 QStringLiteral("expected a non-empty argv array, program first"));
                else
                    actuator.command = *argv;
            }
            if (auto t = reader.duration(item, "timeout", 1, 86400, false, 60))
                actuator.timeoutSeconds = static_cast<int>(*t);
        }
        env.actuators.insert(lane, actuator);
    }
}

} // namespace Cockpit::ConfigSections
