// SPDX-License-Identifier: MIT
#include "control/actuator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;
using namespace Qt::StringLiterals;

namespace {

EnvironmentConfig configWith(const ActuatorConfig &ledger)
{
    EnvironmentConfig config;
    config.name = QStringLiteral("unit");
    config.actuators.insert(QStringLiteral("ledger"), ledger);
    return config;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestActuator : public QObject
{
    Q_OBJECT

private slots:
    void substitute_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("unknown");
        QTest::addRow("plain") << u"kubectl"_s << u"kubectl"_s << QStringList();
        QTest::addRow("one") << u"LEDGER_SHADOW_MODE={shadow}"_s << u"LEDGER_SHADOW_MODE=true"_s
                             << QStringList();
        QTest::addRow("two") << u"{shadow}-{strict}"_s << u"true-false"_s << QStringList();
        QTest::addRow("unknown kept and reported")
            << u"X={nope}"_s << u"X={nope}"_s << QStringList{u"nope"_s};
        QTest::addRow("braces without name") << u"{} {1}"_s << u"{} {1}"_s << QStringList();
    }

    void substitute()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(QStringList, unknown);
        QStringList found;
        const QMap<QString, QString> values{{QStringLiteral("shadow"), QStringLiteral("true")},
                                            {QStringLiteral("strict"), QStringLiteral("false")}};
        QCOMPARE(Actuator::substitute(text, values, &found), expected);
        QCOMPARE(found, unknown);
    }

    void mergeEnvFileKeepsOtherLines()
    {
        const QByteArray existing = "# managed by ops\nOTHER=1\nLEDGER_SHADOW_MODE=false\n";
        const QByteArray merged =
            Actuator::mergeEnvFile(existing, {{QStringLiteral("LEDGER_SHADOW_MODE"), QStringLiteral("true")},
                                              {QStringLiteral("BALANCE_SOURCE"), QStringLiteral("legacy")}});
        QCOMPARE(merged,
                 QByteArray("# managed by ops\nOTHER=1\nLEDGER_SHADOW_MODE=true\nBALANCE_SOURCE=legacy\n"));
    }

    void envFilePlanAndRun()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("ledger.env"));
        ActuatorConfig a;
        a.kind = ActuatorConfig::Kind::EnvFile;
        a.envFile = path;
        const ActuatorPlan plan =
            Actuator::plan(configWith(a), MigrationDefinition::ledger(), QStringLiteral("shadow"));
        QVERIFY(plan.isValid());
        // The dry run names the file and every line; nothing is written by planning.
        const QString dry = plan.describe().join(QLatin1Char('\n'));
        QVERIFY2(dry.contains(path) && dry.contains(QStringLiteral("LEDGER_SHADOW_MODE=true"))
                     && dry.contains(QStringLiteral("BALANCE_SOURCE=legacy")),
                 qPrintable(dry));
        QVERIFY(!QFile::exists(path));
        const Actuator::Outcome out = Actuator::run(plan);
        QVERIFY2(out.ok, qPrintable(out.output));
        QCOMPARE(readFile(path),
                 QByteArray("BALANCE_SOURCE=legacy\nLEDGER_SHADOW_MODE=true\nLEDGER_STRICT_MODE=false\n"));
        QCOMPARE(QFile(path).permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    void commandSubstitutesAndCapturesOutput()
    {
        ActuatorConfig a;
        a.kind = ActuatorConfig::Kind::Command;
        a.command = {QStringLiteral("/bin/echo"), QStringLiteral("set"),
                     QStringLiteral("LEDGER_SHADOW_MODE={shadow}"),
                     QStringLiteral("BALANCE_SOURCE={balance_source}"), QStringLiteral("env={environment}")};
        const ActuatorPlan plan =
            Actuator::plan(configWith(a), MigrationDefinition::ledger(), QStringLiteral("ledger_reads"));
        QVERIFY(plan.isValid());
        QCOMPARE(plan.steps.first().argv, QStringList({u"/bin/echo"_s, u"set"_s, u"LEDGER_SHADOW_MODE=true"_s,
                                                       u"BALANCE_SOURCE=ledger"_s, u"env=unit"_s}));
        const Actuator::Outcome out = Actuator::run(plan);
        QVERIFY(out.ok);
        QVERIFY2(
            out.output.contains(QStringLiteral("set LEDGER_SHADOW_MODE=true BALANCE_SOURCE=ledger env=unit")),
            qPrintable(out.output));
    }

    void commandFailures_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<QString>("expected");
        QTest::addRow("non-zero exit")
            << QStringList{u"/bin/sh"_s, u"-c"_s, u"echo denied by cluster >&2; exit 7"_s} << 10
            << u"command exited with code 7"_s;
        QTest::addRow("timeout") << QStringList{u"/bin/sleep"_s, u"5"_s} << 1 << u"timed out after 1 s"_s;
        QTest::addRow("missing program") << QStringList{u"/nonexistent/kubectl"_s} << 10 << u"cannot start"_s;
    }

    void commandFailures()
    {
        QFETCH(QStringList, argv);
        QFETCH(int, timeout);
        QFETCH(QString, expected);
        ActuatorConfig a;
        a.kind = ActuatorConfig::Kind::Command;
        a.command = argv;
        a.timeoutSeconds = timeout;
        const Actuator::Outcome out = Actuator::run(
            Actuator::plan(configWith(a), MigrationDefinition::ledger(), QStringLiteral("shadow")));
        QVERIFY(!out.ok);
        QVERIFY2(out.output.contains(expected), qPrintable(out.output));
        if (argv.first() == QLatin1String("/bin/sh"))
            QVERIFY(out.output.contains(QStringLiteral("denied by cluster")));
    }

    // A hook inherits the cockpit's environment without the variables that hold the databases' passwords.
    void hookEnvironmentHasNoPasswords()
    {
        qputenv("COCKPIT_TEST_LEDGER_PASSWORD", "ledger-secret-4711");
        qputenv("COCKPIT_TEST_CONTROL_PASSWORD", "control-secret-0815");
        ActuatorConfig a;
        a.kind = ActuatorConfig::Kind::Command;
        a.command = {QStringLiteral("/usr/bin/env")};
        EnvironmentConfig config = configWith(a);
        config.ledger.database.passwordEnv = QStringLiteral("COCKPIT_TEST_LEDGER_PASSWORD");
        config.control.database.passwordEnv = QStringLiteral("COCKPIT_TEST_CONTROL_PASSWORD");
        const Actuator::Outcome out =
            Actuator::run(Actuator::plan(config, MigrationDefinition::ledger(), QStringLiteral("shadow")));
        qunsetenv("COCKPIT_TEST_LEDGER_PASSWORD");
        qunsetenv("COCKPIT_TEST_CONTROL_PASSWORD");
        QVERIFY2(out.ok, qPrintable(out.output));
        QVERIFY2(out.output.contains(QStringLiteral("PATH=")), qPrintable(out.output)); // the rest is there
        QVERIFY2(!out.output.contains(QStringLiteral("secret")), qPrintable(out.output));
        QVERIFY(!out.output.contains(QStringLiteral("COCKPIT_TEST_LEDGER_PASSWORD")));
    }

    // A timed-out hook is killed with everything it started (its process group), not just its first process.
    void timeoutKillsWhatTheHookStarted()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
        ActuatorConfig a;
        a.kind = ActuatorConfig::Kind::Command;
        a.command = {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                     QStringLiteral("sleep 60 & echo $! > '%1'; wait").arg(pidFile)};
        a.timeoutSeconds = 1;
        const Actuator::Outcome out = Actuator::run(
            Actuator::plan(configWith(a), MigrationDefinition::ledger(), QStringLiteral("shadow")));
        QVERIFY(!out.ok);
        QVERIFY2(out.output.contains(QStringLiteral("timed out after 1 s")), qPrintable(out.output));
        const QByteArray pid = readFile(pidFile).trimmed();
        QVERIFY(!pid.isEmpty());
        // Gone, or a zombie waiting for a parent that does not reap (PID 1 of some containers).
        const auto alive = [&pid] {
            const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
            return !stat.isEmpty() && stat.mid(stat.lastIndexOf(')') + 2, 1) != "Z";
        };
        QTRY_VERIFY_WITH_TIMEOUT(!alive(), 5000);
    }

    void unknownPlaceholderRefusesToPlan()
    {
        ActuatorConfig a;
        a.kind = ActuatorConfig::Kind::Command;
        a.command = {QStringLiteral("/bin/true"), QStringLiteral("{weight}")};
        const ActuatorPlan plan =
            Actuator::plan(configWith(a), MigrationDefinition::ledger(), QStringLiteral("shadow"));
        QVERIFY(!plan.isValid());
        QVERIFY2(plan.error.contains(QStringLiteral("{weight}"))
                     && plan.error.contains(QStringLiteral("actuators/ledger")),
                 qPrintable(plan.error));
        QVERIFY(!Actuator::run(plan).ok);
    }
};

QTEST_GUILESS_MAIN(TestActuator)
#include "tst_actuator.moc"
