// SPDX-License-Identifier: MIT
#include "test_paths.h"
#include "wiring/config_check.h"

#include <QTest>

using namespace Cockpit;

// The rules `config check` adds for staging and prod, on the shipped prod example.
class TstConfigCheck : public QObject
{
    Q_OBJECT

    static EnvironmentConfig prod()
    {
        const ConfigLoader::Result r =
            ConfigLoader::load(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        if (!r.ok())
            qFatal("%s", qPrintable(r.errors.join(QLatin1Char('\n'))));
        return *r.config;
    }

private Q_SLOTS:
    void shippedExampleIsClean()
    {
        qputenv("COCKPIT_LEDGER_PASSWORD", "x");
        EnvironmentConfig env = prod();
        env.actuators.clear(); // kubectl may or may not be installed here
        const ConfigCheck::Findings f = ConfigCheck::run(env);
        QCOMPARE(f.errors, QStringList());
        QCOMPARE(f.warnings, QStringList());
    }

    void prodOnTheSimulatorIsAnError()
    {
        EnvironmentConfig env = prod();
        env.metrics.source = MetricsConfig::Source::Simulator;
        const ConfigCheck::Findings f = ConfigCheck::run(env);
        QCOMPARE(f.errors.size(), 1);
        QVERIFY2(
            f.errors.first().contains(QLatin1String("/metrics/source: a prod environment must be judged by "
                                                    "the services' own Prometheus")),
            qPrintable(f.errors.first()));
    }

    void aModuleWithoutATemplateIsNamed()
    {
        EnvironmentConfig env = prod();
        env.metrics.queries.remove(QStringLiteral("sync_service/peer_disconnects"));
        const ConfigCheck::Findings f = ConfigCheck::run(env);
        QCOMPARE(f.errors.size(), 1);
        QVERIFY2(f.errors.first().contains(
                     QLatin1String("no PromQL template for \"sync_service/peer_disconnects\"")),
                 qPrintable(f.errors.first()));
    }

    void missingPasswordAndCommandAreWarnings()
    {
        qunsetenv("COCKPIT_LEDGER_PASSWORD");
        EnvironmentConfig env = prod();
        ActuatorConfig actuator;
        actuator.kind = ActuatorConfig::Kind::Command;
        actuator.command = {QStringLiteral("no-such-flag-tool"), QStringLiteral("set")};
        env.actuators.insert(QStringLiteral("ledger"), actuator);
        const ConfigCheck::Findings f = ConfigCheck::run(env);
        QCOMPARE(f.errors, QStringList());
        QVERIFY2(f.warnings.size() >= 2, qPrintable(f.warnings.join(QLatin1Char('\n'))));
        QVERIFY(f.warnings.first().contains(
            QLatin1String("/ledger/database/passwordEnv: COCKPIT_LEDGER_PASSWORD is "
                          "not set")));
        QVERIFY(f.warnings.last().contains(
            QLatin1String("/actuators/ledger/command/0: \"no-such-flag-tool\" is not found on PATH")));
    }

    void theDemoHasNothingToAdd()
    {
        const ConfigLoader::Result r =
            ConfigLoader::load(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"));
        QVERIFY(r.ok());
        const ConfigCheck::Findings f = ConfigCheck::run(*r.config);
        QCOMPARE(f.errors, QStringList());
    }
};

QTEST_GUILESS_MAIN(TstConfigCheck)
#include "tst_config_check.moc"
