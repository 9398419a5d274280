// SPDX-License-Identifier: MIT
// Races between real cockpitctl processes on one control database, SQLite and PostgreSQL (label "race",
// part of the default run; COCKPIT_RACE_ROUNDS and COCKPIT_RACERS for longer trials):
// - many processes asking for the same transition at once: exactly one wins, every other is told why, and
//   only the winner's override reaches the audit log;
// - a forced rollback racing a transition whose hook still runs: the first hook is stopped before it applies
//   its flags and its completion is fenced, so the flags and the control store never disagree.
#include "control_cli_fixture.h"

#include <QFile>

using CockpitTest::CliRun;
using CockpitTest::finish;
using CockpitTest::run;
using CockpitTest::start;

namespace {

int fromEnvironment(const char *name, int fallback)
{
    const int v = qEnvironmentVariableIntValue(name);
    return v > 0 ? v : fallback;
}

} // namespace

class TestRaces : public ControlTest::CliFixture
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        m_pg.reset();
        m_dir.reset();
    }

    void manyProcessesOneWinner_data() { addDrivers(); }
    void manyProcessesOneWinner()
    {
        QFETCH(QString, driver);
        // The hook takes a moment, so that the racers overlap while the winner's intent is open.
        SET_UP(driver, QStringLiteral("demo"),
               QJsonObject{
                   {QStringLiteral("kind"), QStringLiteral("command")},
                   {QStringLiteral("command"), QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                                          QStringLiteral("sleep 0.3")}}});
        QCOMPARE(run(withConfig({QStringLiteral("status")})).exitCode, 0); // create the database first
        const QStringList phases = {QStringLiteral("legacy_only"), QStringLiteral("shadow"),
                                    QStringLiteral("ledger_reads"), QStringLiteral("strict"),
                                    QStringLiteral("ledger_only")};
        const int racers = fromEnvironment("COCKPIT_RACERS", 50);
        const int rounds = std::min(fromEnvironment("COCKPIT_RACE_ROUNDS", 3), int(phases.size()) - 1);
        for (int round = 0; round < rounds; ++round) {
            const QStringList args =
                withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("advance"),
                            QStringLiteral("--from"), phases.at(round), QStringLiteral("--yes"),
                            QStringLiteral("--reason"), QStringLiteral("race"),
                            // The lanes' gates (clean shadow window, ...) are not what this test is about.
                            QStringLiteral("--override")});
            QList<QProcess *> running;
            for (int i = 0; i < racers; ++i)
                running.append(start(args));
            int winners = 0;
            for (QProcess *p : std::as_const(running)) {
                const CliRun r = finish(p);
                QVERIFY2(!r.crashed, qPrintable(r.err));
                if (r.exitCode == 0) {
                    ++winners;
                    continue;
                }
                QCOMPARE(r.exitCode, 1);
                QVERIFY2(r.err.contains(QLatin1String("state changed since you looked: ledger is"))
                             || r.err.contains(QLatin1String("ledger is still being moved")),
                         qPrintable(r.err));
            }
            QCOMPARE(winners, 1);
            QCOMPARE(auditCount(QStringLiteral("advance")), round + 1);
            // Only a winner records the gates it overrode (none when they passed): never a loser.
            QVERIFY(auditCount(QStringLiteral("override")) <= round + 1);
            QCOMPARE(ledgerPhase(), phases.at(round + 1));
        }
    }

    void forcedRollbackRacingARunningTransition_data() { addDrivers(); }
    void forcedRollbackRacingARunningTransition()
    {
        QFETCH(QString, driver);
        QTemporaryDir marks;
        const QString flags = marks.filePath(QStringLiteral("flags"));
        // The advance to shadow takes 1 s before it writes its flag; the rollback writes at once.
        SET_UP(driver, QStringLiteral("demo"),
               QJsonObject{
                   {QStringLiteral("kind"), QStringLiteral("command")},
                   {QStringLiteral("command"),
                    QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                               QStringLiteral("if [ \"$1\" = shadow ]; then sleep 1; fi; echo \"$1\" >> '%1'")
                                   .arg(flags),
                               QStringLiteral("hook"), QStringLiteral("{phase}")}}});
        QCOMPARE(run(withConfig({QStringLiteral("status")})).exitCode, 0);
        const auto lastFlag = [&flags] {
            QFile f(flags);
            const QStringList lines =
                f.open(QIODevice::ReadOnly)
                    ? QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                    : QStringList();
            return lines.isEmpty() ? QString() : lines.last();
        };
        const auto running = [this] {
            const CliRun s = run(
                withConfig({QStringLiteral("status"), QStringLiteral("--format"), QStringLiteral("json")}));
            const QJsonValue i = s.json()
                                     .value(QStringLiteral("migrations"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QStringLiteral("interrupted"));
            return i.isObject() && i.toObject().value(QStringLiteral("running")).toBool();
        };
        const QStringList advance = withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"),
                                                QStringLiteral("advance"), QStringLiteral("--yes")});
        const QStringList rollback =
            withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("rollback"),
                        QStringLiteral("--yes"), QStringLiteral("--reason"), QStringLiteral("race")});

        // Unforced: refused while the holder is alive, naming it; the holder completes.
        QProcess *first = start(advance);
        QTRY_VERIFY_WITH_TIMEOUT(running(), 10000);
        const CliRun refused = run(rollback);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(
                     QStringLiteral("ledger is still being moved (legacy_only -> shadow, started by"))
                     && refused.err.contains(QStringLiteral("heartbeat"))
                     && refused.err.contains(QStringLiteral("--force")),
                 qPrintable(refused.err));
        QCOMPARE(finish(first).exitCode, 0);
        QCOMPARE(ledgerPhase(), QStringLiteral("shadow"));
        QCOMPARE(lastFlag(), QStringLiteral("shadow"));
        QCOMPARE(run(QStringList(rollback)).exitCode, 0); // back to legacy_only for the forced rounds
        QCOMPARE(lastFlag(), QStringLiteral("legacy_only"));

        // Each round waits for the stopped hook's sleep, so the default run keeps to ten a driver.
        const int rounds = fromEnvironment("COCKPIT_RACE_ROUNDS", 10);
        int splits = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess *holder = start(advance);
            QTRY_VERIFY_WITH_TIMEOUT(running(), 10000);
            const CliRun taker = run(QStringList(rollback) << QStringLiteral("--force"));
            QCOMPARE(taker.exitCode, 0);
            const CliRun fenced = finish(holder);
            QCOMPARE(fenced.exitCode, 1);
            QVERIFY2(fenced.err.contains(QStringLiteral("the control store says otherwise"))
                         && fenced.err.contains(QStringLiteral("cockpitctl status --config")),
                     qPrintable(fenced.err));
            QTest::qWait(1500); // the stopped hook's sleep would have ended: nothing may write after it
            if (ledgerPhase() != lastFlag())
                ++splits;
            QCOMPARE(ledgerPhase(), QStringLiteral("legacy_only"));
            QCOMPARE(lastFlag(), QStringLiteral("legacy_only"));
        }
        qInfo("%d forced takeovers of a running transition, %d split states", rounds, splits);
        QCOMPARE(auditCount(QStringLiteral("takeover")), rounds);
        QCOMPARE(auditCount(QStringLiteral("fenced")), rounds);
    }
};

QTEST_GUILESS_MAIN(TestRaces)
#include "tst_races.moc"
