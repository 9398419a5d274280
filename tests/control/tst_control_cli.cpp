// SPDX-License-Identifier: MIT
// cockpitctl status / migrate / audit, run as a user would: real processes on a real control database.
#include "control/postgres_control_store.h"
#include "control_cli_fixture.h"
#include "pg_test_database.h"
#include "test_paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using CockpitTest::CliRun;
using CockpitTest::finish;
using CockpitTest::run;
using CockpitTest::start;
using Run = CliRun;

class TestControlCli : public ControlTest::CliFixture
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        m_pg.reset();
        m_dir.reset();
    }

    void statusJsonShape()
    {
        SET_UP(QStringLiteral("sqlite"));
        const Run r =
            run(withConfig({QStringLiteral("status"), QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(r.exitCode, 0);
        const QJsonArray migrations = r.json().value(QStringLiteral("migrations")).toArray();
        QStringList ids;
        for (const QJsonValue &m : migrations)
            ids.append(m.toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(ids, QStringList({u"ledger"_s, u"state"_s, u"rollout:transaction_pool"_s,
                                   u"rollout:sync_service"_s}));
        const QJsonObject ledger = migrations.first().toObject();
        QCOMPARE(ledger.value(QStringLiteral("phase")).toString(), QStringLiteral("legacy_only"));
        QCOMPARE(ledger.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(
            ledger.value(QStringLiteral("nextAdvance")).toObject().value(QStringLiteral("to")).toString(),
            QStringLiteral("shadow"));
        QVERIFY(ledger.value(QStringLiteral("interrupted")).isNull());
        QCOMPARE(migrations.at(2).toObject().value(QStringLiteral("phases")).toArray().size(), 7);
        // The demo control database was created on first use.
        QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("data/control.sqlite"))));
    }

    // An export carries the audit anchor and verifies offline, without the database; an edited export
    // does not.
    void exportVerifiesOffline()
    {
        SET_UP(QStringLiteral("sqlite"));
        QCOMPARE(run(withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"),
                                 QStringLiteral("advance"), QStringLiteral("--yes")}))
                     .exitCode,
                 0);
        const QString file = m_dir->filePath(QStringLiteral("audit.json"));
        QCOMPARE(
            run(withConfig({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                            QStringLiteral("json"), QStringLiteral("--output"), file}))
                .exitCode,
            0);
        const Run online = run(withConfig({QStringLiteral("audit"), QStringLiteral("verify")}));
        QCOMPARE(online.exitCode, 0);
        QVERIFY2(online.out.contains(QStringLiteral("anchored in ")), qPrintable(online.out));
        const Run offline =
            run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), file});
        QCOMPARE(offline.exitCode, 0);
        QVERIFY2(offline.out.contains(QStringLiteral("hash chain intact")), qPrintable(offline.out));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        QVERIFY(text.contains("\"advance\""));
        text.replace("\"advance\"", "\"dry_run\"");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        const Run edited =
            run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--export"), file});
        QCOMPARE(edited.exitCode, 1);
        QVERIFY2(edited.out.contains(QStringLiteral("content does not match its hash (edited)")),
                 qPrintable(edited.out));
    }

    void failingHookLeavesPhaseAndLogsOutput()
    {
        SET_UP(
            QStringLiteral("sqlite"), QStringLiteral("demo"),
            QJsonObject{
                {QStringLiteral("kind"), QStringLiteral("command")},
                {QStringLiteral("command"),
                 QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                            QStringLiteral(
                                "echo 'error: deployments.apps \"stack-service\" not found' >&2; exit 1")}}});
        const Run r = run(withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"),
                                      QStringLiteral("advance"), QStringLiteral("--yes")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("actuator failed, ledger stays at legacy_only")),
                 qPrintable(r.err));
        QCOMPARE(ledgerPhase(), QStringLiteral("legacy_only"));
        const Run audit = run(withConfig({QStringLiteral("audit"), QStringLiteral("export"),
                                          QStringLiteral("--format"), QStringLiteral("csv")}));
        QCOMPARE(audit.exitCode, 0);
        QVERIFY2(audit.out.contains(QStringLiteral("deployments.apps \"\"stack-service\"\" not found")),
                 qPrintable(audit.out));
        QVERIFY(audit.out.contains(QStringLiteral("failed: ledger: legacy_only -> shadow")));
    }

    // kill -9 of the cockpit while its hook runs: the hook and what it started die with it, so no flag is
    // applied after the control store reports the transition interrupted.
    void killedCockpitTakesItsHookAlong()
    {
        QTemporaryDir marks;
        const QString pids = marks.filePath(QStringLiteral("pids"));
        const QString applied = marks.filePath(QStringLiteral("applied"));
        SET_UP(QStringLiteral("sqlite"), QStringLiteral("demo"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("command")},
                           {QStringLiteral("command"),
                            QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                       QStringLiteral("sleep 30 & echo $$ $! > '%1'; wait; touch '%2'")
                                           .arg(pids, applied)}}});
        QProcess *cockpit = start(withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"),
                                              QStringLiteral("advance"), QStringLiteral("--yes")}));
        QTRY_VERIFY_WITH_TIMEOUT(QFile(pids).size() > 0, 20000);
        cockpit->kill(); // SIGKILL: no handler of ours runs
        const Run killed = finish(cockpit);
        QVERIFY(killed.crashed);
        QFile file(pids);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> hook = file.readAll().simplified().split(' ');
        QCOMPARE(hook.size(), 2);
        const auto running = [](const QByteArray &pid) {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
            if (!stat.open(QIODevice::ReadOnly))
                return false;
            const QByteArray text = stat.readAll();
            return text.mid(text.lastIndexOf(')') + 2, 1) != "Z"; // a zombie has ended
        };
        QTRY_VERIFY_WITH_TIMEOUT(!running(hook.at(0)) && !running(hook.at(1)), 5000);
        QTest::qWait(500);
        QVERIFY(!QFile::exists(applied));
        const Run status = run(withConfig({QStringLiteral("status")}));
        QVERIFY2(status.out.contains(QStringLiteral("INTERRUPTED: ledger legacy_only -> shadow")),
                 qPrintable(status.out));
    }

    void killedBetweenIntentAndCompletionIsReported()
    {
        SET_UP(QStringLiteral("sqlite"));
        QProcessEnvironment crash = QProcessEnvironment::systemEnvironment();
        crash.insert(QStringLiteral("COCKPIT_TEST_CRASH_AFTER_INTENT"), QStringLiteral("1"));
        const Run killed = run(withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"),
                                           QStringLiteral("advance"), QStringLiteral("--yes")}),
                               crash);
        QVERIFY2(killed.crashed, qPrintable(killed.err));

        // Next start: status reports it and exits 1.
        const Run status = run(withConfig({QStringLiteral("status")}));
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.out.contains(QStringLiteral("INTERRUPTED: ledger legacy_only -> shadow started by")),
                 qPrintable(status.out));
        QVERIFY(status.out.contains(QStringLiteral("(its process is gone)")));
        QVERIFY(status.out.contains(QStringLiteral("cockpitctl migrate ledger resume")));
        const Run json =
            run(withConfig({QStringLiteral("status"), QStringLiteral("--format"), QStringLiteral("json")}));
        const QJsonObject ledger =
            json.json().value(QStringLiteral("migrations")).toArray().first().toObject();
        QCOMPARE(
            ledger.value(QStringLiteral("interrupted")).toObject().value(QStringLiteral("to")).toString(),
            QStringLiteral("shadow"));
        QCOMPARE(ledger.value(QStringLiteral("phase")).toString(), QStringLiteral("legacy_only"));

        // Nothing moves the ledger until it is resolved...
        const Run again = run(withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"),
                                          QStringLiteral("advance"), QStringLiteral("--yes")}));
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("has an interrupted transition")));
        // ...and control's own gate fails for the other migrations: refused without --override.
        const QStringList stateAdvance = withConfig({QStringLiteral("migrate"), QStringLiteral("state"),
                                                     QStringLiteral("advance"), QStringLiteral("--yes")});
        const Run gated = run(stateAdvance);
        QCOMPARE(gated.exitCode, 1);
        QVERIFY2(gated.err.contains(QStringLiteral("gate not passed: No interrupted transition pending")),
                 qPrintable(gated.err));
        QCOMPARE(run(QStringList(stateAdvance) << QStringLiteral("--override")).exitCode, 1); // no reason
        const Run overridden =
            run(QStringList(stateAdvance)
                << QStringLiteral("--override") << QStringLiteral("--reason") << QStringLiteral("INC-7"));
        QVERIFY2(overridden.exitCode == 0, qPrintable(overridden.err));

        // Roll the interrupted one back: the ledger stays where it was and status is clean again.
        const Run back =
            run(withConfig({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("rollback"),
                            QStringLiteral("--yes"), QStringLiteral("--reason"), QStringLiteral("crashed")}));
        QVERIFY2(back.exitCode == 0, qPrintable(back.err));
        QCOMPARE(run(withConfig({QStringLiteral("status")})).exitCode, 0);
        QCOMPARE(ledgerPhase(), QStringLiteral("legacy_only"));
        QCOMPARE(auditCount(QStringLiteral("override")), 1);
        QCOMPARE(auditCount(QStringLiteral("rollback_interrupted")), 1);
    }

    void auditVerifyNamesTamperedEntry_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            const QByteArray d = driver.toLatin1();
            QTest::addRow("%s: one byte changed", d.constData())
                << driver << u"UPDATE {t}audit_log SET reason = 'step 3' WHERE seq = 2"_s
                << u"entry 2: content does not match its hash (edited)"_s;
            QTest::addRow("%s: one entry deleted", d.constData())
                << driver << u"DELETE FROM {t}audit_log WHERE seq = 2"_s << u"entry 2: missing"_s;
        }
    }

    void auditVerifyNamesTamperedEntry()
    {
        QFETCH(QString, driver);
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        SET_UP(driver);
        for (const char *reason : {"step 1", "step 2", "step 3"}) {
            const Run r =
                run(withConfig({QStringLiteral("migrate"), QStringLiteral("state"), QStringLiteral("advance"),
                                QStringLiteral("--yes"), QStringLiteral("--override"),
                                QStringLiteral("--reason"), QString::fromLatin1(reason)}));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const Run clean = run(withConfig({QStringLiteral("audit"), QStringLiteral("verify")}));
        QCOMPARE(clean.exitCode, 0);
        // Three transitions, each with its override entry where a lane gate failed.
        QVERIFY2(clean.out.contains(QStringLiteral("entries, hash chain intact")), qPrintable(clean.out));
        const Run cleanJson = run(withConfig({QStringLiteral("audit"), QStringLiteral("verify"),
                                              QStringLiteral("--format"), QStringLiteral("json")}));
        QVERIFY(cleanJson.json().value(QStringLiteral("firstBadEntry")).isNull());
        const bool pg = driver == QLatin1String("postgresql");
        const Cockpit::DatabaseConfig pgConfig = pg ? m_pg->config() : Cockpit::DatabaseConfig();
        sql.replace(QLatin1String("{t}"), pg ? QStringLiteral("cockpit_control.") : QString());
        const QString error = ControlTest::execSql(m_dir->filePath(QStringLiteral("data/control.sqlite")),
                                                   pg ? &pgConfig : nullptr, sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const Run tampered = run(withConfig({QStringLiteral("audit"), QStringLiteral("verify")}));
        QCOMPARE(tampered.exitCode, 1);
        QVERIFY2(tampered.out.contains(expected), qPrintable(tampered.out));
        const Run json = run(withConfig({QStringLiteral("audit"), QStringLiteral("verify"),
                                         QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(json.exitCode, 1);
        QCOMPARE(json.json().value(QStringLiteral("firstBadEntry")).toInt(), 2);
    }

    void prodNeedsTypedName()
    {
        SET_UP(QStringLiteral("sqlite"), QStringLiteral("prod"));
        // The test's stores do not exist, so the lane gate fails: overridden, since the name is the point
        // here.
        const QStringList args =
            withConfig({QStringLiteral("migrate"), QStringLiteral("state"), QStringLiteral("advance"),
                        QStringLiteral("--yes"), QStringLiteral("--override"), QStringLiteral("--reason"),
                        QStringLiteral("test")});
        const Run refused = run(args);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("is a prod environment: type its name")),
                 qPrintable(refused.err));
        QCOMPARE(run(QStringList(args) << QStringLiteral("--confirm") << QStringLiteral("prod")).exitCode, 1);
        const Run ok = run(QStringList(args) << QStringLiteral("--confirm") << QStringLiteral("test-prod"));
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(ok.out.contains(QStringLiteral("state is now dual_write (version 2)")));
    }

    void readOnlyAndDryRun()
    {
        SET_UP(QStringLiteral("sqlite"));
        const QStringList args =
            withConfig({QStringLiteral("migrate"), QStringLiteral("rollout:sync_service"),
                        QStringLiteral("advance"), QStringLiteral("--yes")});
        // A read-only session neither creates the control file nor its tables.
        const Run absent = run(QStringList(args) << QStringLiteral("--read-only"));
        QCOMPARE(absent.exitCode, 3);
        QVERIFY2(absent.err.contains(QStringLiteral("not set up")), qPrintable(absent.err));
        QCOMPARE(run(withConfig({QStringLiteral("status")})).exitCode, 0);
        const Run ro = run(QStringList(args) << QStringLiteral("--read-only"));
        QCOMPARE(ro.exitCode, 1);
        QVERIFY(ro.err.contains(QStringLiteral("read-only session")));
        const Run dry = run(QStringList(args) << QStringLiteral("--dry-run"));
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains(QStringLiteral("would write "))
                     && dry.out.contains(QStringLiteral("SYNC_SERVICE_V2_WEIGHT=10")),
                 qPrintable(dry.out));
        QVERIFY(dry.out.contains(QStringLiteral("(dry run: nothing was changed)")));
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("data/rollout.env"))));
        QCOMPARE(auditCount(QStringLiteral("dry_run")), 1);
    }

    // A damaged control file is named with SQLite's own words by every reader, also by one that retries.
    void damagedControlFileIsNamed()
    {
        SET_UP(QStringLiteral("sqlite"));
        QCOMPARE(run(withConfig({QStringLiteral("status")})).exitCode, 0);
        const QString file = m_dir->filePath(QStringLiteral("data/control.sqlite"));
        QFile damaged(file);
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write(QByteArray(8192, 'x'));
        damaged.close();
        const QList<QStringList> reads = {{QStringLiteral("status")},
                                          {QStringLiteral("wait"), QStringLiteral("ledger"),
                                           QStringLiteral("--phase"), QStringLiteral("shadow"),
                                           QStringLiteral("--timeout"), QStringLiteral("2s")}};
        for (const QStringList &args : reads) {
            const Run r = run(withConfig(args));
            QCOMPARE(r.exitCode, 3);
            QVERIFY2(r.err.contains(file) && r.err.contains(QLatin1String("file is not a database")),
                     qPrintable(r.err));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad direction")
            << QStringList{u"migrate"_s, u"ledger"_s, u"sideways"_s} << u"unknown direction \"sideways\""_s;
        QTest::addRow("unknown migration")
            << QStringList{u"migrate"_s, u"ledgr"_s, u"advance"_s, u"--yes"_s} << u"unknown migration"_s;
        QTest::addRow("audit of an unknown migration")
            << QStringList{u"audit"_s, u"export"_s, u"--migration"_s, u"ledgr"_s}
            << u"--migration: unknown migration \"ledgr\" (this environment has: ledger, "_s;
        QTest::addRow("missing direction")
            << QStringList{u"migrate"_s, u"ledger"_s} << u"takes a migration and a direction"_s;
        QTest::addRow("not a terminal")
            << QStringList{u"migrate"_s, u"ledger"_s, u"advance"_s} << u"pass --yes"_s;
        QTest::addRow("bad --to") << QStringList{u"migrate"_s, u"ledger"_s,      u"advance"_s,
                                                 u"--to"_s,    u"ledger_only"_s, u"--yes"_s}
                                  << u"cannot advance from legacy_only to ledger_only"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        SET_UP(QStringLiteral("sqlite"));
        const Run r = run(withConfig(args));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestControlCli)
#include "tst_control_cli.moc"
