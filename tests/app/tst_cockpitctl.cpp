// SPDX-License-Identifier: MIT
#include "test_paths.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cockpitctl(const QStringList &arguments)
{
    QProcess process;
    process.start(CockpitTest::cockpitctl(), arguments);
    Run run;
    if (!process.waitForFinished(30000))
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// A copy of the demo environment in `dir`, so that its data is created there; empty when it cannot be made.
QString demoCopy(const QTemporaryDir &dir)
{
    const QString config = dir.filePath(QStringLiteral("demo.json"));
    return QFile::copy(CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json"), config) ? config
                                                                                                : QString();
}

} // namespace

class TestCockpitctl : public QObject
{
    Q_OBJECT

private slots:
    void version()
    {
        const Run run = cockpitctl({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("cockpitctl ") + QStringLiteral(COCKPIT_VERSION)));
    }

    void helpListsCommands()
    {
        const Run run = cockpitctl({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("config check")));
        QVERIFY(run.out.contains(QStringLiteral("Exit codes")));
    }

    void noArgumentsIsAUsageError() { QCOMPARE(cockpitctl({}).exitCode, 2); }

    // One spelling of every command: `--help` works on each and prints the synopsis `help --synopses` lists,
    // and docs/cli.md shows the same line.
    void everyCommandHasHelpAndOneSynopsis()
    {
        const Run list = cockpitctl({QStringLiteral("help"), QStringLiteral("--synopses")});
        QCOMPARE(list.exitCode, 0);
        const QStringList synopses = list.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(synopses.size() >= 25);
        QFile doc(CockpitTest::sourceDir() + QStringLiteral("/docs/cli.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QStringList docLines = QString::fromUtf8(doc.readAll()).split(u'\n');
        for (const QString &synopsis : synopses) {
            // The command's words are those before the first argument placeholder or option.
            QStringList words;
            for (const QString &word : synopsis.split(u' ').mid(1)) {
                if (word.isEmpty() || !word.at(0).isLower())
                    break;
                words.append(word);
            }
            const Run help = cockpitctl(words + QStringList{QStringLiteral("--help")});
            QVERIFY2(help.exitCode == 0, qPrintable(words.join(u' ') + QStringLiteral(": ") + help.err));
            QCOMPARE(help.out.section(u'\n', 0, 0), QStringLiteral("usage: ") + synopsis);
            QVERIFY2(docLines.contains(synopsis),
                     qPrintable(QStringLiteral("docs/cli.md lacks: ") + synopsis));
        }
    }

    void unknownCommandIsAUsageError()
    {
        const Run run = cockpitctl({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("unknown command \"frobnicate\"")));
        QVERIFY(run.out.isEmpty());
    }

    // Help where a user looks for it: the list without a command (a usage error, so on stderr), a group's
    // commands, "help COMMAND", and an option error in the tool's own words.
    void helpAsUsersAskForIt()
    {
        const Run none = cockpitctl({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.out.isEmpty());
        QVERIFY2(none.err.startsWith(QLatin1String("usage: cockpitctl")), qPrintable(none.err));

        const Run group = cockpitctl({QStringLiteral("rollout"), QStringLiteral("--help")});
        QCOMPARE(group.exitCode, 0);
        QVERIFY2(group.out.contains(QLatin1String("\n  cockpitctl rollout status --config FILE")),
                 qPrintable(group.out));
        QVERIFY(group.err.isEmpty());

        const Run help =
            cockpitctl({QStringLiteral("help"), QStringLiteral("state"), QStringLiteral("diff")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith(QLatin1String("usage: cockpitctl state diff ")), qPrintable(help.out));

        const Run unknown = cockpitctl({QStringLiteral("help"), QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QLatin1String("unknown command \"frobnicate\"")),
                 qPrintable(unknown.err));

        const Run option = cockpitctl({QStringLiteral("status"), QStringLiteral("--bogus")});
        QCOMPARE(option.exitCode, 2);
        QCOMPARE(option.err.section(u'\n', 0, 0), QStringLiteral("cockpitctl: unknown option 'bogus'"));
        QVERIFY(option.out.isEmpty());
    }

    void configCheckProdExample()
    {
        const Run run = cockpitctl({QStringLiteral("config"), QStringLiteral("check"),
                                    CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("ok: environment \"prod-eu\" (prod)")));
    }

    void configCheckJson()
    {
        const Run run = cockpitctl({QStringLiteral("config"), QStringLiteral("check"),
                                    QStringLiteral("--format"), QStringLiteral("json"),
                                    CockpitTest::sourceDir() + QStringLiteral("/configs/demo.json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("valid")).toBool(), true);
        QCOMPARE(
            object.value(QStringLiteral("environment")).toObject().value(QStringLiteral("kind")).toString(),
            QStringLiteral("demo"));
    }

    void rolloutPromoteAndRollbackGoThroughMigrationControl()
    {
        QTemporaryDir dir;
        const QString config = demoCopy(dir);
        QVERIFY(!config.isEmpty());
        const QStringList common = {QStringLiteral("--config"), config, QStringLiteral("--yes"),
                                    QStringLiteral("--reason"), QStringLiteral("test")};
        const Run promote = cockpitctl(
            QStringList{QStringLiteral("rollout"), QStringLiteral("promote"), QStringLiteral("sync_service")}
            + common);
        QVERIFY2(promote.exitCode == 0, qPrintable(promote.err));
        QVERIFY(promote.out.contains(QStringLiteral("rollout:sync_service is now v2_10")));
        // The rollout lane's own view follows: 10 % of traffic on V2, and the env file the router reads.
        const Run status =
            cockpitctl({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("--config"),
                        config, QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(status.out.contains(QStringLiteral("\"v2_10\""))
                     || status.out.contains(QStringLiteral("10 %")),
                 qPrintable(status.out));
        QFile env(dir.filePath(QStringLiteral("demo-data/rollout.env")));
        QVERIFY(env.open(QIODevice::ReadOnly));
        const QByteArray flags = env.readAll();
        QVERIFY(flags.contains("SYNC_SERVICE_VERSION=v2"));
        QVERIFY(flags.contains("SYNC_SERVICE_V2_WEIGHT=10"));
        env.close();
        // MODULE may stand after the options too.
        const Run rollback = cockpitctl(QStringList{QStringLiteral("rollout"), QStringLiteral("rollback")}
                                        + common + QStringList{QStringLiteral("sync_service")});
        QVERIFY2(rollback.exitCode == 0, qPrintable(rollback.err));
        QVERIFY(rollback.out.contains(QStringLiteral("rollout:sync_service is now v1")));
        QCOMPARE(cockpitctl({QStringLiteral("rollout"), QStringLiteral("promote")}).exitCode, 2);
    }

    // A pipeline waits for a phase that another process brings about.
    void waitReturnsWhenAnotherProcessCutsOver()
    {
        QTemporaryDir dir;
        const QString config = demoCopy(dir);
        QVERIFY(!config.isEmpty());
        QProcess waiting;
        waiting.start(CockpitTest::cockpitctl(),
                      {QStringLiteral("wait"), QStringLiteral("ledger"), QStringLiteral("--phase"),
                       QStringLiteral("shadow"), QStringLiteral("--timeout"), QStringLiteral("30s"),
                       QStringLiteral("--config"), config});
        QVERIFY(waiting.waitForStarted());
        QVERIFY(!waiting.waitForFinished(1500)); // not there yet: it waits
        const Run cutover =
            cockpitctl({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("advance"),
                        QStringLiteral("--config"), config, QStringLiteral("--yes")});
        QVERIFY2(cutover.exitCode == 0, qPrintable(cutover.err));
        QVERIFY(waiting.waitForFinished(30000));
        QCOMPARE(waiting.exitCode(), 0);
        QVERIFY(QString::fromUtf8(waiting.readAllStandardOutput())
                    .startsWith(QStringLiteral("ledger is in shadow")));

        // Not reached in time: exit 1, on standard error what it is in instead.
        Run timedOut = cockpitctl(
            {QStringLiteral("wait"), QStringLiteral("ledger"), QStringLiteral("--phase"),
             QStringLiteral("strict"), QStringLiteral("--timeout"), QStringLiteral("2s"),
             QStringLiteral("--config"), config, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(timedOut.exitCode, 1);
        QVERIFY2(timedOut.err.contains(QStringLiteral("is in shadow, not strict")), qPrintable(timedOut.err));
        const QJsonObject json = QJsonDocument::fromJson(timedOut.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("reached")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("currentPhase")).toString(), QStringLiteral("shadow"));
        QCOMPARE(json.value(QStringLiteral("apiVersion")).toInt(), 1);

        // Bad input: exit 2 naming what is wrong.
        Run bad = cockpitctl({QStringLiteral("wait"), QStringLiteral("ledger"), QStringLiteral("--phase"),
                              QStringLiteral("shadowy"), QStringLiteral("--config"), config});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("ledger has no phase \"shadowy\"")), qPrintable(bad.err));
    }

    // `status --watch` into a pipe: one JSON line now, another when another process changes a phase.
    void statusWatchWritesAJsonLinePerChange()
    {
        QTemporaryDir dir;
        const QString config = demoCopy(dir);
        QVERIFY(!config.isEmpty());
        QProcess watching;
        watching.start(CockpitTest::cockpitctl(),
                       {QStringLiteral("status"), QStringLiteral("--watch"), QStringLiteral("--interval"),
                        QStringLiteral("1"), QStringLiteral("--config"), config});
        const auto nextLine = [&watching]() -> QJsonObject {
            QElapsedTimer timer;
            timer.start();
            while (!watching.canReadLine() && timer.elapsed() < 20000)
                watching.waitForReadyRead(500);
            return QJsonDocument::fromJson(watching.readLine()).object();
        };
        const auto ledgerPhase = [](const QJsonObject &line) {
            for (const QJsonValue &m : line.value(QStringLiteral("migrations")).toArray()) {
                if (m.toObject().value(QStringLiteral("id")).toString() == QLatin1String("ledger"))
                    return m.toObject().value(QStringLiteral("phase")).toString();
            }
            return QString();
        };
        const QJsonObject first = nextLine();
        QCOMPARE(first.value(QStringLiteral("apiVersion")).toInt(), 1);
        QVERIFY(first.contains(QStringLiteral("seenAt")));
        QCOMPARE(ledgerPhase(first), QStringLiteral("legacy_only"));
        QTest::qWait(1500);
        QVERIFY(!watching.canReadLine()); // nothing changed: nothing printed
        const Run cutover =
            cockpitctl({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("advance"),
                        QStringLiteral("--config"), config, QStringLiteral("--yes")});
        QVERIFY2(cutover.exitCode == 0, qPrintable(cutover.err));
        // A look during the cutover sees its transition under way (still legacy_only, a change of its own);
        // the line after it shows the new phase.
        const auto pending = [](const QJsonObject &line) {
            for (const QJsonValue &m : line.value(QStringLiteral("migrations")).toArray()) {
                if (m.toObject().value(QStringLiteral("id")).toString() == QLatin1String("ledger"))
                    return m.toObject().value(QStringLiteral("interrupted")).isObject();
            }
            return false;
        };
        QJsonObject line = nextLine();
        for (int seen = 0; seen < 3 && ledgerPhase(line) == QLatin1String("legacy_only"); ++seen) {
            QVERIFY2(pending(line), QJsonDocument(line).toJson().constData());
            line = nextLine();
        }
        QCOMPARE(ledgerPhase(line), QStringLiteral("shadow"));
        watching.terminate(); // SIGTERM: it stops after the current look
        QVERIFY(watching.waitForFinished(10000));
        QCOMPARE(watching.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watching.exitCode(), 0);
    }

    // A control store that cannot be reached until the time is up: exit 3, not a timeout.
    void waitOnAnUnreachableStoreExits3()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("prod.json"));
        QFile source(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray text = source.readAll();
        text.replace("ledger-db.prod.internal", "127.0.0.1").replace("\"port\": 5432", "\"port\": 1");
        QFile out(config);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const Run r = cockpitctl({QStringLiteral("wait"), QStringLiteral("ledger"), QStringLiteral("--phase"),
                                  QStringLiteral("shadow"), QStringLiteral("--timeout"), QStringLiteral("2s"),
                                  QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(!r.err.isEmpty() && r.out.isEmpty(), qPrintable(r.err));
    }

    void configCheckBadCopies_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad port")
            << QByteArray("\"port\": 5432") << QByteArray("\"port\": \"abc\"")
            << QStringLiteral("prod.json: /ledger/database/port: expected an integer 1-65535, got \"abc\"");
        QTest::addRow("unknown key") << QByteArray("\"tolerance\"") << QByteArray("\"tolerence\"")
                                     << QStringLiteral("prod.json: /ledger/tolerence: unknown key");
    }

    void configCheckBadCopies()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QFile source(CockpitTest::sourceDir() + QStringLiteral("/configs/prod.example.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray text = source.readAll();
        const int at = text.indexOf(from);
        QVERIFY(at >= 0);
        text.replace(at, from.size(), to); // only the first occurrence: one bad key
        QTemporaryDir dir;
        QFile copy(dir.filePath(QStringLiteral("prod.json")));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(text);
        copy.close();
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(CockpitTest::cockpitctl(),
                      {QStringLiteral("config"), QStringLiteral("check"), QStringLiteral("prod.json")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
        QCOMPARE(err.trimmed().count(QLatin1Char('\n')), 0); // exactly one message
    }
};

QTEST_GUILESS_MAIN(TestCockpitctl)
#include "tst_cockpitctl.moc"
