// SPDX-License-Identifier: MIT
// `cockpitctl guard` against a real Prometheus holding the last half hour of a module whose V2 degraded
// eight minutes ago: it rolls the module back with no window open, once, through an audited transition
// whose hook runs once; it never rolls back a step younger than the breach, obeys the environment's
// automatic-rollback setting, retries a failing hook a bounded number of times, and only the holder of the
// guard lease acts while another guard stands by and takes over when the holder dies.
#include "cli_run.h"
#include "cockpitctl/exit_code.h"
#include "prometheus_fixture.h"
#include "test_paths.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Cockpit;

namespace {

using Run = CockpitTest::CliRun;

Run cockpitctl(const QStringList &args)
{
    return CockpitTest::run(args);
}

// Up to 30 minutes up to now at 5 s: V1 throughput 100; V2 100, then 50 (a 50 % drop) for the last 8 minutes.
// The series start no earlier than the current two-hour block of Prometheus' storage: backfilled samples that
// straddle a block boundary up to now were not found by queries (seen right after an even UTC hour).
qint64 seriesStart(qint64 nowSeconds)
{
    return std::max(nowSeconds - 1800, nowSeconds - nowSeconds % 7200);
}

QByteArray degradedSeries(qint64 nowSeconds)
{
    const qint64 from = seriesStart(nowSeconds);
    QByteArray text = "# TYPE gd_throughput gauge\n";
    for (const char *version : {"v1", "v2"}) {
        for (qint64 t = from; t <= nowSeconds; t += 5) {
            const bool degraded = qstrcmp(version, "v2") == 0 && t > nowSeconds - 480;
            text += QByteArray("gd_throughput{version=\"") + version + "\"} " + (degraded ? "50" : "100")
                    + ' ' + QByteArray::number(t) + '\n';
        }
    }
    return text + "# EOF\n";
}

} // namespace

class TestGuard : public QObject
{
    Q_OBJECT

    CockpitTest::PrometheusServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_config;
    QString m_calls;
    qint64 m_seriesStartMs = 0;

    QStringList withConfig(QStringList args) const { return args << QStringLiteral("--config") << m_config; }

    // The rollback hook's calls ("<version> <weight>" per line).
    QStringList calls() const
    {
        QFile f(m_calls);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts)
                                           : QStringList();
    }

    QString phase()
    {
        const Run r = cockpitctl(
            withConfig({QStringLiteral("status"), QStringLiteral("--format"), QStringLiteral("json")}));
        for (const QJsonValue &m : r.json().value(QStringLiteral("migrations")).toArray()) {
            if (m.toObject().value(QStringLiteral("id")).toString() == QLatin1String("rollout:guarded"))
                return m.toObject().value(QStringLiteral("phase")).toString();
        }
        return QString();
    }

    int auditCount(const QString &action)
    {
        const Run r = cockpitctl(
            withConfig({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                        QStringLiteral("json"), QStringLiteral("--action"), action}));
        return int(r.json().value(QStringLiteral("entries")).toArray().size());
    }

    // Promotes to 10 % and dates the step back by `minutesAgo`, as if it had begun then.
    void promote(int minutesAgo)
    {
        const Run r = cockpitctl(
            withConfig({QStringLiteral("migrate"), QStringLiteral("rollout:guarded"),
                        QStringLiteral("advance"), QStringLiteral("--yes"), QStringLiteral("--override"),
                        QStringLiteral("--reason"), QStringLiteral("test")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("guard-test"));
        db.setDatabaseName(m_dir->filePath(QStringLiteral("data/control.sqlite")));
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("UPDATE migrations SET changed_at = ? WHERE id = 'rollout:guarded'"));
            q.addBindValue(
                QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo).toString(Qt::ISODateWithMs));
            QVERIFY(q.exec());
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("guard-test"));
    }

    // The guard kept every interval it analysed: `rollout history` shows the PromQL as sent, the samples'
    // summary per version, the values, the threshold and both verdicts, in JSON, CSV and words.
    void checkEvidence()
    {
        Run r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("guarded"),
                        QStringLiteral("--format"), QStringLiteral("json")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject history = r.json();
        QCOMPARE(history.value(QLatin1String("formatVersion")).toInt(), 1);
        const QJsonArray intervals = history.value(QLatin1String("intervals")).toArray();
        QVERIFY2(intervals.size() >= 3, qPrintable(r.out.left(2000)));
        int failing = 0;
        qint64 lastTo = 0;
        for (const QJsonValue &value : intervals) {
            const QJsonObject interval = value.toObject();
            const qint64 to =
                QDateTime::fromString(interval.value(QLatin1String("to")).toString(), Qt::ISODate)
                    .toMSecsSinceEpoch();
            QVERIFY(to > lastTo); // oldest first, each interval once
            lastTo = to;
            QCOMPARE(interval.value(QLatin1String("weightPercent")).toInt(), 10);
            QVERIFY(interval.value(QLatin1String("recordedBy"))
                        .toString()
                        .startsWith(QLatin1String("cockpitctl guard")));
            QVERIFY(interval.value(QLatin1String("source")).toString().contains(m_server.url().toString()));
            const QJsonObject e = interval.value(QLatin1String("evidence")).toArray().first().toObject();
            QCOMPARE(e.value(QLatin1String("threshold")).toString(), QStringLiteral("throughput_drop"));
            QCOMPARE(e.value(QLatin1String("thresholdPercent")).toDouble(), 20.0);
            QCOMPARE(e.value(QLatin1String("v1Query")).toObject().value(QLatin1String("promql")).toString(),
                     QStringLiteral("gd_throughput{version=\"v1\"}"));
            QCOMPARE(e.value(QLatin1String("v2Query")).toObject().value(QLatin1String("promql")).toString(),
                     QStringLiteral("gd_throughput{version=\"v2\"}"));
            const QJsonObject v2 = e.value(QLatin1String("v2Summary")).toObject();
            // Soon after an even UTC hour the series begin after the step did: the intervals before them
            // have no samples, which the evidence must say rather than invent.
            if (v2.value(QLatin1String("count")).toInt() == 0) {
                const qint64 from =
                    QDateTime::fromString(interval.value(QLatin1String("from")).toString(), Qt::ISODate)
                        .toMSecsSinceEpoch();
                QVERIFY2(from < m_seriesStartMs,
                         qPrintable(interval.value(QLatin1String("from")).toString()));
                continue;
            }
            QVERIFY(e.value(QLatin1String("judge")).toObject().contains(QLatin1String("verdict")));
            if (interval.value(QLatin1String("status")).toString() != QLatin1String("pass")) {
                ++failing;
                QCOMPARE(v2.value(QLatin1String("median")).toDouble(), 50.0);
                QCOMPARE(
                    e.value(QLatin1String("v1Summary")).toObject().value(QLatin1String("max")).toDouble(),
                    100.0);
                QVERIFY(e.value(QLatin1String("thresholdFailing")).toBool());
            }
        }
        QVERIFY(failing >= 3); // the intervals that confirmed the breach

        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("guarded"),
                        QStringLiteral("--format"), QStringLiteral("csv")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1String("\r\n"), Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith(QLatin1String("module,from,to,status,weightPercent")));
        QCOMPARE(lines.size(), intervals.size() + 1); // one metric per interval here
        QVERIFY2(lines.last().contains(QLatin1String("\"gd_throughput{version=\"\"v2\"\"}\"")),
                 qPrintable(lines.last()));

        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("guarded"),
                        QStringLiteral("--limit"), QStringLiteral("1")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("V2 samples: n="))
                     && r.out.contains(QLatin1String("V2 query: "))
                     && r.out.count(QLatin1String("guarded, ")) == 1,
                 qPrintable(r.out));

        // A damaged record is skipped and named; the others are still shown.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
            db.setDatabaseName(m_dir->filePath(QStringLiteral("data/control.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            // An hour ago: within the default --since, before the fixture's data.
            const qint64 from = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
            q.prepare(
                QStringLiteral("INSERT INTO rollout_evidence VALUES ('guarded', ?, ?, 'pass', '{broken', "
                               "'test', '2026-01-01T00:00:00.000Z')"));
            q.addBindValue(from);
            q.addBindValue(from + 15000);
            QVERIFY(q.exec());
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("guarded"),
                        QStringLiteral("--format"), QStringLiteral("json")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("unreadable")).toInt(), 1);
        QCOMPARE(r.json().value(QLatin1String("intervals")).toArray().size(), intervals.size());
        QVERIFY2(r.err.contains(QLatin1String("1 evidence record(s) skipped"))
                     && r.err.contains(QLatin1String("cannot be read")),
                 qPrintable(r.err));

        // Bad input: exit 2, one message naming what is wrong.
        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("nosuch")}));
        QCOMPARE(r.exitCode, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("unknown module \"nosuch\"")), qPrintable(r.err));
        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("history"), QStringLiteral("guarded"),
                        QStringLiteral("--since"), QStringLiteral("soon")}));
        QCOMPARE(r.exitCode, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("--since")), qPrintable(r.err));
    }

private slots:
    void initTestCase()
    {
        if (!CockpitTest::PrometheusServer::isInstalled())
            QSKIP("Debian's prometheus package is not installed (/usr/bin/prometheus, /usr/bin/promtool)");
        // A breach needs three whole intervals of samples: right after an even UTC hour, wait for them.
        const qint64 blockAge = QDateTime::currentSecsSinceEpoch() % 7200;
        if (blockAge < 90)
            QThread::sleep(unsigned(90 - blockAge));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        m_seriesStartMs = seriesStart(now) * 1000;
        const QString error = m_server.start(degradedSeries(now));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_calls = m_dir->filePath(QStringLiteral("calls"));
        const QJsonObject config{
            {QStringLiteral("environment"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("guard-test")},
                         {QStringLiteral("kind"), QStringLiteral("demo")},
                         {QStringLiteral("dataDir"), QStringLiteral("data")}}},
            {QStringLiteral("metrics"),
             QJsonObject{{QStringLiteral("source"), QStringLiteral("prometheus")},
                         {QStringLiteral("url"), m_server.url().toString()},
                         {QStringLiteral("timeoutMs"), 3000},
                         {QStringLiteral("queries"),
                          QJsonObject{{QStringLiteral("guarded/throughput"),
                                       QStringLiteral("gd_throughput{version=\"{version}\"}")}}}}},
            {QStringLiteral("rollout"),
             QJsonObject{{QStringLiteral("modules"),
                          QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("guarded")},
                                                 {QStringLiteral("thresholds"),
                                                  QJsonObject{{QStringLiteral("throughput_drop"), 20}}}}}},
                         // Short intervals: a breach is confirmed within the samples of the current block.
                         {QStringLiteral("interval"), QStringLiteral("15s")},
                         {QStringLiteral("consecutiveBreaches"), 3}}},
            // The hook records each call; it fails while a file "fail" exists.
            {QStringLiteral("actuators"),
             QJsonObject{{QStringLiteral("rollout"),
                          QJsonObject{{QStringLiteral("kind"), QStringLiteral("command")},
                                      {QStringLiteral("command"),
                                       QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                                  QStringLiteral("echo \"$1 $2\" >> '%1'; test ! -e '%2'")
                                                      .arg(m_calls, m_dir->filePath(QStringLiteral("fail"))),
                                                  QStringLiteral("hook"), QStringLiteral("{version}"),
                                                  QStringLiteral("{weight}")}}}}}},
        };
        m_config = m_dir->filePath(QStringLiteral("env.json"));
        QFile file(m_config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(config).toJson());
        file.close();
        QCOMPARE(cockpitctl(withConfig({QStringLiteral("status")})).exitCode, 0);
    }

    // No window open: the guard rolls the degraded module back, once, audited with its evidence.
    void rollsBackOnceWithoutAWindow()
    {
        promote(20);
        QCOMPARE(phase(), QStringLiteral("v2_10"));
        const int hookCallsBefore = int(calls().size());
        Run r = cockpitctl(withConfig({QStringLiteral("guard"), QStringLiteral("--once")}));
        QVERIFY2(r.exitCode == 0, qPrintable(QString::number(r.exitCode) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.contains(QLatin1String("rolled-back guarded: rolled back to V1")), qPrintable(r.err));
        QCOMPARE(phase(), QStringLiteral("v1"));
        QCOMPARE(calls().size(), hookCallsBefore + 1); // the rollback's hook, once
        // The audit entry names the metric, its values and the threshold.
        const Run audit = cockpitctl(withConfig({QStringLiteral("audit"), QStringLiteral("export"),
                                                 QStringLiteral("--format"), QStringLiteral("csv")}));
        QVERIFY2(audit.out.contains(QLatin1String("automatic rollback: guarded: breach"))
                     && audit.out.contains(QLatin1String("throughput")),
                 qPrintable(audit.out));
        // At V1 there is nothing to do: no second rollback, no hook call.
        r = cockpitctl(withConfig({QStringLiteral("guard"), QStringLiteral("--once")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains(QLatin1String("rolled-back")), qPrintable(r.err));
        QCOMPARE(calls().size(), hookCallsBefore + 1);
        checkEvidence();
    }

    // A breach that began before the current step does not roll the new step back.
    void breachBeforeThePromotionDoesNotCount()
    {
        promote(0); // the step began now: fewer whole intervals in it than a breach needs
        const Run r = cockpitctl(withConfig({QStringLiteral("guard"), QStringLiteral("--once")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.err.contains(QLatin1String("breach")), qPrintable(r.err));
        QCOMPARE(phase(), QStringLiteral("v2_10"));
    }

    // Off is a setting of the environment, changed with a reason and audited; the guard then only reports.
    void automaticRollbackOffOnlyReports()
    {
        const QStringList show{QStringLiteral("rollout"), QStringLiteral("auto-rollback"),
                               QStringLiteral("--format"), QStringLiteral("json")};
        Run r = cockpitctl(withConfig(show));
        QCOMPARE(r.exitCode, 0);
        QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(shown.value(QStringLiteral("source")).toString(), QStringLiteral("config"));
        QVERIFY(shown.contains(QStringLiteral("changedBy"))
                && shown.value(QStringLiteral("changedBy")).isNull());
        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("auto-rollback"), QStringLiteral("off")}));
        QCOMPARE(r.exitCode, int(ExitFindings)); // no reason: refused like every write without one
        r = cockpitctl(
            withConfig({QStringLiteral("rollout"), QStringLiteral("auto-rollback"), QStringLiteral("off"),
                        QStringLiteral("--reason"), QStringLiteral("load test tonight")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("automatic rollback OFF"))
                     && r.out.contains(QLatin1String("load test")),
                 qPrintable(r.out));
        QCOMPARE(auditCount(QStringLiteral("auto-rollback")), 1);
        shown = QJsonDocument::fromJson(cockpitctl(withConfig(show)).out.toUtf8()).object();
        QCOMPARE(shown.value(QStringLiteral("reason")).toString(), QStringLiteral("load test tonight"));
        QVERIFY(!shown.value(QStringLiteral("changedBy")).toString().isEmpty());
        r = cockpitctl(withConfig({QStringLiteral("status")}));
        QVERIFY2(r.out.contains(QLatin1String("automatic rollback OFF")), qPrintable(r.out));
        promote(20);
        r = cockpitctl(withConfig({QStringLiteral("guard"), QStringLiteral("--once")}));
        QVERIFY2(r.err.contains(QLatin1String("automatic rollback is off: not rolled back")),
                 qPrintable(r.err));
        QCOMPARE(phase(), QStringLiteral("v2_10"));
    }

    // A hook that keeps failing: five attempts with backoff, one failed transition each, then given up.
    void failingRollbackIsRetriedABoundedNumberOfTimes()
    {
        promote(20);
        QFile fail(m_dir->filePath(QStringLiteral("fail")));
        QVERIFY(fail.open(QIODevice::WriteOnly));
        fail.close();
        QProcess guard;
        guard.start(CockpitTest::cockpitctl(),
                    withConfig({QStringLiteral("guard"), QStringLiteral("--tick"), QStringLiteral("1")}));
        QString log;
        QElapsedTimer clock;
        clock.start();
        while (!log.contains(QLatin1String("given up")) && clock.elapsed() < 40000) {
            guard.waitForReadyRead(500);
            log += QString::fromUtf8(guard.readAllStandardError());
        }
        guard.terminate();
        QVERIFY(guard.waitForFinished(10000));
        log += QString::fromUtf8(guard.readAllStandardError());
        QVERIFY2(log.contains(QLatin1String("rollback failed 5 times, given up")), qPrintable(log));
        QCOMPARE(log.count(QLatin1String("(attempt ")), 5);
        QVERIFY2(log.contains(QLatin1String("stopped; lease released")), qPrintable(log));
        QCOMPARE(calls().filter(QStringLiteral("v1")).size(), 5);
        QCOMPARE(phase(), QStringLiteral("v2_10"));
    }

    // Two guards: one holds the lease and acts, the other stands by; when the holder dies (kill -9), the
    // other takes the lease within its expiry.
    void oneGuardActsAndAnotherTakesOver()
    {
        const QStringList args =
            withConfig({QStringLiteral("guard"), QStringLiteral("--tick"), QStringLiteral("1")});
        QProcess first;
        first.start(CockpitTest::cockpitctl(), args);
        QByteArray firstLog;
        QTRY_VERIFY2_WITH_TIMEOUT((firstLog += first.readAllStandardError()).contains("lease taken"),
                                  firstLog.constData(), 10000);
        QProcess second;
        second.start(CockpitTest::cockpitctl(), args);
        QByteArray secondLog;
        QTRY_VERIFY_WITH_TIMEOUT((secondLog += second.readAllStandardError()).contains("standing by"), 10000);
        QVERIFY2(secondLog.contains("the guard lease is held by cockpitctl guard"), secondLog.constData());
        promote(20);
        QTRY_VERIFY2_WITH_TIMEOUT(phase() == QLatin1String("v1"),
                                  (firstLog += first.readAllStandardError()).constData(), 15000);
        QTest::qWait(2500);
        secondLog += second.readAllStandardError();
        QVERIFY2(!secondLog.contains("rolled-back"), secondLog.constData());
        QCOMPARE(auditCount(QStringLiteral("rollback")), 1);

        first.kill(); // no release: the lease must expire
        first.waitForFinished(5000);
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT((secondLog += second.readAllStandardError()).contains("lease taken"), 15000);
        qInfo("the standing-by guard took the lease %lld ms after the holder was killed", clock.elapsed());
        second.terminate();
        QVERIFY(second.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestGuard)
#include "tst_guard.moc"
