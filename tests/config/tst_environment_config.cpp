// SPDX-License-Identifier: MIT
#include "config/environment_config.h"
#include "test_paths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Cockpit;
using Json = nlohmann::json;

namespace {

Json readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Json();
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.constBegin(), bytes.constEnd());
}

ConfigLoader::Result parseJson(const Json &document, const QString &name = QStringLiteral("prod.json"))
{
    const std::string text = document.dump(2);
    return ConfigLoader::parse(QByteArray::fromStdString(text), name, QStringLiteral("/etc/cockpit"));
}

} // namespace

class TestEnvironmentConfig : public QObject
{
    Q_OBJECT

private slots:
    void shippedConfigsAreValid_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addRow("demo") << QStringLiteral("demo.json") << QStringLiteral("demo");
        QTest::addRow("staging example")
            << QStringLiteral("staging.example.json") << QStringLiteral("staging");
        QTest::addRow("prod example") << QStringLiteral("prod.example.json") << QStringLiteral("prod");
    }

    void shippedConfigsAreValid()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        const auto result = ConfigLoader::load(CockpitTest::sourceDir() + QStringLiteral("/configs/") + file);
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(environmentKindName(result.config->kind), kind);
        QCOMPARE(result.config->rollout.modules.size(), 4);
        QCOMPARE(result.config->ledger.mapping.size(), 3);
    }

    void demoDefaultsResolveAgainstConfigFolder()
    {
        const QString path = CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json");
        const auto result = ConfigLoader::load(path);
        QVERIFY(result.ok());
        const EnvironmentConfig &env = *result.config;
        const QString folder = CockpitTest::sourceDir() + QStringLiteral("/configs");
        QCOMPARE(env.ledger.database.sqlitePath, folder + QStringLiteral("/demo-data/ledger.sqlite"));
        QCOMPARE(env.state.leveldbPath, folder + QStringLiteral("/demo-data/leveldb"));
        QCOMPARE(env.state.jsonDir, folder + QStringLiteral("/demo-data/deployments"));
        QCOMPARE(env.actuatorFor(QStringLiteral("ledger")).kind, ActuatorConfig::Kind::EnvFile);
        QCOMPARE(env.metrics.source, MetricsConfig::Source::Simulator);
        QCOMPARE(env.ledger.tolerance, QStringLiteral("0.01"));
        QCOMPARE(env.ledger.shadowCleanWindowSeconds, 7 * 60);
    }

    void minimalDemoUsesDefaults()
    {
        const auto result =
            parseJson(Json::parse(R"({"environment":{"name":"d","kind":"demo"}})"), QStringLiteral("d.json"));
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.config->ledger.database.sqlitePath,
                 QStringLiteral("/etc/cockpit/demo-data/ledger.sqlite"));
        QCOMPARE(result.config->control.database.sqlitePath,
                 QStringLiteral("/etc/cockpit/demo-data/control.sqlite"));
        QCOMPARE(result.config->rollout.modules.first().id, QStringLiteral("transaction_pool"));
        QCOMPARE(result.config->rollout.modules.at(1).thresholds.first().metric,
                 QStringLiteral("sync_speed_drop"));
        QCOMPARE(result.config->rollout.steps, (QList<int>{10, 25, 50, 75, 100}));
        QCOMPARE(result.config->actuatorFor(QStringLiteral("rollout")).kind,
                 ActuatorConfig::Kind::ControlStore);
    }

    void prodExampleHasNoSecret()
    {
        const auto result =
            ConfigLoader::load(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        QVERIFY(result.ok());
        const DatabaseConfig &db = result.config->ledger.database;
        QCOMPARE(db.driver, DatabaseConfig::Driver::Postgres);
        QCOMPARE(db.passwordEnv, QStringLiteral("COCKPIT_LEDGER_PASSWORD"));
        QVERIFY(!db.describe().contains(QStringLiteral("COCKPIT_LEDGER_PASSWORD")));
        QCOMPARE(result.config->actuatorFor(QStringLiteral("ledger")).command.first(),
                 QStringLiteral("kubectl"));
    }

    // Every error path: a change to the prod example and the message it must produce.
    void errors_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value"); // JSON text; "<remove>" deletes the key
        QTest::addColumn<QString>("expected");

        auto row = [](const char *name, const char *pointer, const char *value, const char *expected) {
            QTest::addRow("%s", name)
                << QString::fromUtf8(pointer) << QString::fromUtf8(value) << QString::fromUtf8(expected);
        };
        row("port not a number", "/ledger/database/port", R"("abc")",
            R"(prod.json: /ledger/database/port: expected an integer 1-65535, got "abc")");
        row("port out of range", "/ledger/database/port", "70000",
            "prod.json: /ledger/database/port: expected an integer 1-65535, got 70000");
        row("unknown top-level key", "/ledgr", "{}", "prod.json: /ledgr: unknown key");
        row("unknown nested key", "/ledger/database/prot", "5432",
            "prod.json: /ledger/database/prot: unknown key");
        row("missing environment", "/environment", "<remove>",
            "prod.json: /environment: required key is missing");
        row("missing name", "/environment/name", "<remove>",
            "prod.json: /environment/name: required key is missing");
        row("empty name", "/environment/name", R"("")",
            "prod.json: /environment/name: expected a non-empty string");
        row("bad kind", "/environment/kind", R"("production")",
            R"(prod.json: /environment/kind: expected one of demo, staging, prod, got "production")");
        row("readOnly not bool", "/environment/readOnly", R"("yes")",
            R"(prod.json: /environment/readOnly: expected true or false, got "yes")");
        row("dataDir outside demo", "/environment/dataDir", R"("x")",
            "prod.json: /environment/dataDir: only allowed");
        row("bad driver", "/ledger/database/driver", R"("mysql")",
            "prod.json: /ledger/database/driver: expected one of sqlite, postgresql");
        row("missing host", "/ledger/database/host", "<remove>",
            "prod.json: /ledger/database/host: required key");
        row("password instead of env name", "/ledger/database/passwordEnv", R"("s3cr3t pass!")",
            "prod.json: /ledger/database/passwordEnv: expected the name of an environment variable");
        row("password key refused", "/ledger/database/password", R"("s3cr3t")",
            "prod.json: /ledger/database/password: unknown key");
        row("missing ledger database in prod", "/ledger/database", "<remove>",
            "prod.json: /ledger/database: required key is missing");
        row("bad sslmode", "/ledger/database/sslmode", R"("always")",
            "prod.json: /ledger/database/sslmode: expected one of");
        row("tolerance as number", "/ledger/tolerance", "0.01",
            "prod.json: /ledger/tolerance: expected a non-negative decimal string");
        row("mapping not object", "/ledger/mapping", "[]",
            "prod.json: /ledger/mapping: expected an object mapping");
        row("mapping bad column", "/ledger/mapping", R"({"usdc_balance": "Pending Deposits"})",
            "prod.json: /ledger/mapping/usdc_balance: expected a legacy column name");
        row("bad duration", "/ledger/gates/shadowCleanWindow", R"("7 days")",
            "prod.json: /ledger/gates/shadowCleanWindow: expected a duration");
        row("unknown gate", "/ledger/gates/shadowWindow", R"("7d")",
            "prod.json: /ledger/gates/shadowWindow: unknown key");
        row("control schema", "/control/schema", R"("Drop Table")",
            "prod.json: /control/schema: expected a lower-case SQL identifier");
        row("missing state", "/state", "<remove>", "prod.json: /state: required key is missing");
        row("missing leveldb", "/state/leveldb", "<remove>",
            "prod.json: /state/leveldb: required key is missing");
        row("network key", "/state/networks", R"({"bsc": "bscmainnet"})",
            "prod.json: /state/networks/bsc: expected a positive chain id");
        row("network value", "/state/networks", R"({"56": 7})",
            "prod.json: /state/networks/56: expected a network name");
        row("missing metrics", "/metrics", "<remove>", "prod.json: /metrics: required key is missing");
        row("bad metrics source", "/metrics/source", R"("graphite")",
            "prod.json: /metrics/source: expected one of simulator, prometheus");
        row("bad url", "/metrics/url", R"("prometheus:9090")",
            "prod.json: /metrics/url: expected an http(s) URL");
        row("bad query key", "/metrics/queries", R"({"throughput": "up"})",
            "prod.json: /metrics/queries/throughput: expected a key of the form");
        row("timeout too small", "/metrics/timeoutMs", "5",
            "prod.json: /metrics/timeoutMs: expected an integer 100-600000, got 5");
        row("modules empty", "/rollout/modules", "[]",
            "prod.json: /rollout/modules: expected a non-empty array");
        row("module bad id", "/rollout/modules/0", R"("TxPool")",
            "prod.json: /rollout/modules/0: module id must be lower_snake_case");
        row("module duplicate", "/rollout/modules/1", R"("transaction_pool")",
            "prod.json: /rollout/modules/1: duplicate module");
        row("unknown threshold", "/rollout/modules/2/thresholds/cpu", "5",
            "prod.json: /rollout/modules/2/thresholds/cpu: unknown key");
        row("threshold not number", "/rollout/modules/2/thresholds/error_rate", R"("5%")",
            "prod.json: /rollout/modules/2/thresholds/error_rate: expected a number 0-1000");
        row("steps not ending at 100", "/rollout/steps", "[10, 50]",
            "prod.json: /rollout/steps: expected increasing integer percentages ending at 100");
        row("dwell count", "/rollout/dwell", R"(["1d"])",
            "prod.json: /rollout/dwell: expected an array of 5 durations");
        row("dwell item", "/rollout/dwell/2", R"("3 days")",
            "prod.json: /rollout/dwell/2: expected a duration");
        row("breaches zero", "/rollout/consecutiveBreaches", "0",
            "prod.json: /rollout/consecutiveBreaches: expected an integer 1-1000, got 0");
        row("unknown lane", "/actuators/billing", R"({"kind": "control_store"})",
            "prod.json: /actuators/billing: unknown key");
        row("bad actuator kind", "/actuators/state/kind", R"("ssh")",
            "prod.json: /actuators/state/kind: expected one of control_store, env_file, command");
        row("env file without path", "/actuators/state/path", "<remove>",
            "prod.json: /actuators/state/path: required key is missing");
        row("empty command", "/actuators/ledger/command", "[]",
            "prod.json: /actuators/ledger/command: expected a non-empty argv array");
        row("command not strings", "/actuators/ledger/command", R"(["kubectl", 3])",
            "prod.json: /actuators/ledger/command/1: expected a string, got 3");
        row("root not object", "", "[1, 2]", "prod.json: /: expected an object, got an array");
        row("service table not an identifier", "/ledger/service",
            R"({"legacy": {"table": "balances; drop"}})",
            R"(prod.json: /ledger/service/legacy/table: expected an SQL identifier)");
        row("service unknown table", "/ledger/service", R"({"ledger": {}})",
            "prod.json: /ledger/service/ledger: unknown key");
        row("service unknown column", "/ledger/service", R"({"accounts": {"owner": "user_id"}})",
            "prod.json: /ledger/service/accounts/owner: unknown key");
        row("bad ownership", "/ledger/ownership", R"("mine")",
            "prod.json: /ledger/ownership: expected one of owned, observed");
        row("cockpit schema", "/ledger/cockpitSchema", R"("1cockpit")",
            "prod.json: /ledger/cockpitSchema: expected an SQL identifier");
        // Durations have ranges: zero would divide by zero, huge ones overflow milliseconds.
        row("zero interval", "/rollout/interval", R"("0s")",
            R"(prod.json: /rollout/interval: expected a duration from 1s to 1d, such as "90s", "15m", "48h" or "7d", got "0s")");
        row("huge interval", "/rollout/interval", R"("999999999d")",
            "prod.json: /rollout/interval: expected a duration from 1s to 1d");
        row("huge hook timeout", "/actuators/rollout/timeout", R"("50d")",
            "prod.json: /actuators/rollout/timeout: expected a duration from 1s to 1d");
        row("zero dwell", "/rollout/dwell/0", R"("0s")",
            "prod.json: /rollout/dwell/0: expected a duration from 1s to 365d");
        row("zero reconcile period", "/ledger/gates/reconcilePeriod", R"("0m")",
            "prod.json: /ledger/gates/reconcilePeriod: expected a duration from 1s to 365d");
    }

    void errors()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        Json document = readJson(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        QVERIFY(document.is_object());
        const Json::json_pointer ptr(pointer.toStdString());
        if (value == QLatin1String("<remove>")) {
            document[ptr.parent_pointer()].erase(ptr.back());
        } else if (pointer.isEmpty()) {
            document = Json::parse(value.toStdString());
        } else {
            document[ptr] = Json::parse(value.toStdString());
        }
        const auto result = parseJson(document);
        QVERIFY(!result.ok());
        QVERIFY(!result.config.has_value());
        const bool found = std::any_of(result.errors.cbegin(), result.errors.cend(), [&](const QString &e) {
            return e.startsWith(expected) || e.contains(expected);
        });
        QVERIFY2(found, qPrintable(QStringLiteral("expected \"%1\" among:\n%2")
                                       .arg(expected, result.errors.join(QLatin1Char('\n')))));
        // One problem, one message: a single change gives a single error.
        QCOMPARE(result.errors.size(), 1);
    }

    // A PostgreSQL ledger outside the demo is a service's database: observed unless said otherwise; an SQLite
    // ledger is the cockpit's own file. The service's names apply only to an observed ledger.
    void ledgerOwnership()
    {
        Json prod = readJson(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        auto result = parseJson(prod);
        QVERIFY(result.ok());
        QCOMPARE(result.config->ledger.ownership, LedgerOwnership::Observed);
        QCOMPARE(result.config->ledger.cockpitSchema, QStringLiteral("cockpit"));
        QCOMPARE(result.config->ledger.service.legacyTable, QStringLiteral("balances"));

        prod["ledger"]["service"] =
            Json::parse(R"({"schema": "Ledger", "legacy": {"table": "Balances_V1"}})");
        result = parseJson(prod);
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.config->ledger.service.schema, QStringLiteral("Ledger"));
        QCOMPARE(result.config->ledger.service.legacyTable, QStringLiteral("Balances_V1"));

        prod["ledger"]["ownership"] = "owned";
        result = parseJson(prod);
        QCOMPARE(result.errors,
                 QStringList{QStringLiteral(
                     "prod.json: /ledger/service: only for an observed ledger (an owned ledger has "
                     "the cockpit's own names)")});

        Json demo = readJson(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"));
        result = parseJson(demo);
        QVERIFY(result.ok());
        QCOMPARE(result.config->ledger.ownership, LedgerOwnership::Owned);
        demo["ledger"]["ownership"] = "observed";
        result = parseJson(demo);
        QVERIFY(!result.ok());
        QVERIFY2(
            result.errors.first().contains(QLatin1String("an observed ledger must be a PostgreSQL database")),
            qPrintable(result.errors.join(QLatin1Char('\n'))));
    }

    void syntaxErrorNamesLineAndColumn()
    {
        const QByteArray text = "{\n  \"environment\": {\n    \"name\": \"x\",,\n  }\n}\n";
        const auto result = ConfigLoader::parse(text, QStringLiteral("broken.json"), QStringLiteral("/tmp"));
        QCOMPARE(result.errors.size(), 1);
        QVERIFY2(result.errors.first().startsWith(QStringLiteral("broken.json: line 3, column ")),
                 qPrintable(result.errors.first()));
    }

    // Hostile or broken files: one message naming the file, never an abort, a crash or a stack overflow.
    void hostileFilesGiveOneMessage_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::addRow("number beyond a double")
            << QByteArray("1e400") << QStringLiteral("evil.json: number overflow");
        QTest::addRow("number inside an object") << QByteArray(
            R"({"environment": {"name": "x", "kind": "demo"}, "rollout": {"consecutiveBreaches": -1e999}})")
                                                 << QStringLiteral("evil.json: number overflow");
        QTest::addRow("100,000 nested arrays")
            << QByteArray(100000, '[') + QByteArray(100000, ']')
            << QStringLiteral("evil.json: line 1, column 65: nested deeper than 64 levels");
        QTest::addRow("brackets inside a string do not count")
            << QByteArray(R"({"environment": {"name": ")") + QByteArray(1000, '[')
                   + QByteArray(R"(", "kind": 1}})")
            << QStringLiteral("evil.json: /environment/kind: expected one of demo, staging, prod, got 1");
        QTest::addRow("invalid UTF-8")
            << QByteArray("{\"environment\": {\"name\": \"caf\xE9\", \"kind\": \"demo\"}}")
            << QStringLiteral(
                   "evil.json: line 1, column 31: syntax error while parsing value - invalid string: "
                   "ill-formed UTF-8 byte");
    }

    void hostileFilesGiveOneMessage()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto result = ConfigLoader::parse(text, QStringLiteral("evil.json"), QStringLiteral("/tmp"));
        QVERIFY(!result.ok());
        QCOMPARE(result.errors.size(), 1);
        QVERIFY2(result.errors.first().startsWith(expected), qPrintable(result.errors.first()));
    }

    void missingFileIsNamed()
    {
        const auto result = ConfigLoader::load(QStringLiteral("/nonexistent/prod.json"));
        QCOMPARE(result.errors.size(), 1);
        QVERIFY(result.errors.first().startsWith(QStringLiteral("/nonexistent/prod.json: cannot read")));
    }

    void everyErrorOfAFileIsReported()
    {
        Json document = readJson(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        document["ledger"]["database"]["port"] = "abc";
        document["typo"] = 1;
        document["rollout"]["consecutiveBreaches"] = -1;
        const auto result = parseJson(document);
        QCOMPARE(result.errors.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentConfig)
#include "tst_environment_config.moc"
