// SPDX-License-Identifier: MIT
// Crash trials (label "crash"): real `cockpitctl` processes killed with SIGKILL at random points, then
// checked for what must hold after any crash: no torn file, no split state, and a re-run that reaches exactly
// the result of an undisturbed run. COCKPIT_CRASH_TRIALS sets the trials per scenario (default 20; long runs:
// 200), COCKPIT_CRASH_SEED the random points (printed, so that a failing trial can be replayed).
#include "common/atomic_file.h"
#include "test_paths.h"
#include "json/json_value.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;

namespace {

int trials()
{
    const int n = qEnvironmentVariableIntValue("COCKPIT_CRASH_TRIALS");
    return n > 0 ? n : 20;
}

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    QString err;
    QByteArray out;
};

Run run(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(CockpitTest::cockpitctl(), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Starts `args` and kills it with SIGKILL after `delayMs` (or lets it finish first).
bool killAfter(const QStringList &args, int delayMs)
{
    QProcess p;
    p.start(CockpitTest::cockpitctl(), args);
    if (!p.waitForStarted(10000))
        return false;
    if (!p.waitForFinished(delayMs)) {
        p.kill();
        p.waitForFinished(10000);
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool copyDir(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + QLatin1Char('/') + name, to + QLatin1Char('/') + name))
            return false;
        QFile::setPermissions(to + QLatin1Char('/') + name, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return true;
}

// The deployment files of a folder (not backups, locks or temporary files), name -> content.
QMap<QString, QByteArray> deploymentFiles(const QString &dir)
{
    QMap<QString, QByteArray> files;
    for (const QString &name : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files))
        files.insert(name, readFile(dir + QLatin1Char('/') + name));
    return files;
}

} // namespace

class TestCrashTrials : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    quint32 m_seed = 0;

private slots:
    void initTestCase()
    {
        m_seed = qEnvironmentVariableIsSet("COCKPIT_CRASH_SEED")
                     ? quint32(qEnvironmentVariableIntValue("COCKPIT_CRASH_SEED"))
                     : quint32(QDateTime::currentMSecsSinceEpoch());
        qInfo("crash trials: %d per scenario, COCKPIT_CRASH_SEED=%u", trials(), m_seed);
    }

    // `state sync` (LevelDB -> one JSON file per network) killed at random points of a sync of 30,000
    // records: every deployment file parses after each kill, and a re-run produces the undisturbed result
    // byte for byte.
    void stateSyncKilledAtRandomPoints()
    {
        const QString leveldb = m_dir.filePath(QStringLiteral("leveldb"));
        const QString lookcoin = CockpitTest::fixturesDir() + QStringLiteral("/lookcoin");
        // A big LevelDB: the LookCoin records, each copied under many names on five networks.
        const QJsonObject exported =
            QJsonDocument::fromJson([&] {
                const Run r = run({QStringLiteral("state"), QStringLiteral("export"),
                                   QStringLiteral("--leveldb"), lookcoin + QStringLiteral("/leveldb")});
                return r.out;
            }())
                .object();
        const QJsonArray records = exported.value(QStringLiteral("records")).toArray();
        QVERIFY(!records.isEmpty());
        const QList<std::pair<qint64, QString>> chains = {{56, QStringLiteral("bscmainnet")},
                                                          {97, QStringLiteral("bsctestnet")},
                                                          {10, QStringLiteral("optimismmainnet")},
                                                          {8453, QStringLiteral("basemainnet")},
                                                          {84532, QStringLiteral("basesepolia")}};
        QJsonArray big;
        for (int i = 0; big.size() < 30000; ++i) {
            QJsonObject r = records.at(i % records.size()).toObject();
            const auto &[chain, network] = chains.at(i % chains.size());
            r.insert(QStringLiteral("contractName"), QStringLiteral("Contract%1").arg(i));
            r.insert(QStringLiteral("chainId"), chain);
            r.insert(QStringLiteral("networkName"), network);
            big.append(r);
        }
        QJsonObject document = exported;
        document.insert(QStringLiteral("records"), big);
        const QString file = m_dir.filePath(QStringLiteral("big.json"));
        QVERIFY(AtomicFile::write(file, QJsonDocument(document).toJson(QJsonDocument::Compact)).has_value());
        const Run imported = run(
            {QStringLiteral("state"), QStringLiteral("import"), file, QStringLiteral("--leveldb"), leveldb});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));

        // The undisturbed run, and how long it takes: the range of the kill points.
        const QString reference = m_dir.filePath(QStringLiteral("reference"));
        QVERIFY(copyDir(lookcoin + QStringLiteral("/deployments"), reference));
        QElapsedTimer clock;
        clock.start();
        const Run sync = run({QStringLiteral("state"), QStringLiteral("sync"), QStringLiteral("--leveldb"),
                              leveldb, QStringLiteral("--json-dir"), reference});
        const int duration = int(clock.elapsed());
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        const QMap<QString, QByteArray> expected = deploymentFiles(reference);
        QVERIFY(expected.size() >= chains.size());

        QRandomGenerator random(m_seed);
        int killedMidway = 0;
        for (int trial = 0; trial < trials(); ++trial) {
            const QString dir = m_dir.filePath(QStringLiteral("trial-%1").arg(trial));
            QVERIFY(copyDir(lookcoin + QStringLiteral("/deployments"), dir));
            const QStringList args = {QStringLiteral("state"),      QStringLiteral("sync"),
                                      QStringLiteral("--leveldb"),  leveldb,
                                      QStringLiteral("--json-dir"), dir};
            const int delay = int(random.bounded(std::max(duration, 50)));
            QVERIFY(killAfter(args, delay));
            const QMap<QString, QByteArray> after = deploymentFiles(dir);
            killedMidway += after != expected ? 1 : 0;
            for (auto it = after.cbegin(); it != after.cend(); ++it) {
                JsonValue::ParseError error;
                JsonValue::parse(std::string_view(it->constData(), std::size_t(it->size())), &error);
                QVERIFY2(!error.isError(),
                         qPrintable(QStringLiteral("trial %1 (killed after %2 ms): %3 is torn: %4")
                                        .arg(trial)
                                        .arg(delay)
                                        .arg(it.key(), QString::fromStdString(error.describe()))));
            }
            const Run again = run(args);
            QVERIFY2(again.exitCode == 0, qPrintable(again.err));
            QVERIFY2(deploymentFiles(dir) == expected,
                     qPrintable(QStringLiteral("trial %1 (killed after %2 ms): the re-run differs")
                                    .arg(trial)
                                    .arg(delay)));
        }
        qInfo("state sync: %d trials, %d killed before the end (a full sync takes %d ms), 0 torn files",
              trials(), killedMidway, duration);
    }

    // `simulate ledger` (the demo's dual-writing workload) killed at random points: the ledger's invariants
    // hold after every kill (every transaction both legs or none, every balance its entries' sum), and the
    // workload runs on from there.
    void simulateLedgerKilledAtRandomPoints()
    {
        const auto prepare = [this](const QString &name) {
            const QString dir = m_dir.filePath(name);
            QDir().mkpath(dir);
            const QString path = dir + QStringLiteral("/demo.json");
            return AtomicFile::write(path,
                                     R"({"environment":{"name":"crash","kind":"demo","dataDir":"data"}})")
                           .has_value()
                       ? path
                       : QString();
        };
        const auto simulate = [](const QString &config, const QString &ops = QStringLiteral("30000")) {
            return QStringList{QStringLiteral("simulate"),
                               QStringLiteral("ledger"),
                               QStringLiteral("--config"),
                               config,
                               QStringLiteral("--users"),
                               QStringLiteral("200"),
                               QStringLiteral("--ops"),
                               ops,
                               QStringLiteral("--legacy-fault-rate"),
                               QStringLiteral("0.05"),
                               QStringLiteral("--batch"),
                               QStringLiteral("50")};
        };
        const auto check = [](const QString &config) {
            const Run r = run({QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--config"),
                               config, QStringLiteral("--format"), QStringLiteral("json")});
            return std::make_pair(r.exitCode, QJsonDocument::fromJson(r.out).object());
        };
        // The undisturbed run, and how long it takes: the range of the kill points (the first part of it is
        // the process starting and the database being created).
        const QString reference = prepare(QStringLiteral("ledger-reference"));
        QVERIFY(!reference.isEmpty());
        QElapsedTimer clock;
        clock.start();
        const Run whole = run(simulate(reference));
        const int duration = int(clock.elapsed());
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QCOMPARE(check(reference).first, 0);

        QRandomGenerator random(m_seed + 2);
        int violations = 0;
        for (int trial = 0; trial < trials(); ++trial) {
            const QString config = prepare(QStringLiteral("ledger-%1").arg(trial));
            const int delay = int(random.bounded(std::max(duration, 50)));
            QVERIFY(killAfter(simulate(config), delay));
            if (!QFile::exists(QFileInfo(config).absolutePath() + QStringLiteral("/data/ledger.sqlite")))
                continue; // killed before the database existed
            const auto [code, report] = check(config);
            violations += int(report.value(QStringLiteral("violationCount")).toInteger());
            QVERIFY2(code == 0, qPrintable(QStringLiteral("trial %1 (killed after %2 ms): %3")
                                               .arg(trial)
                                               .arg(delay)
                                               .arg(QString::fromUtf8(QJsonDocument(report).toJson()))));
            // Recoverable: the workload goes on on the same database, and the invariants still hold.
            const Run again = run(simulate(config, QStringLiteral("1000")));
            QVERIFY2(again.exitCode == 0, qPrintable(again.err));
            QCOMPARE(check(config).first, 0);
        }
        qInfo("simulate ledger: %d trials (a whole run takes %d ms), %d invariant violations", trials(),
              duration, violations);
    }

    // A transition whose hook sleeps, killed at random points: the control store and the flag the hook writes
    // never disagree. Completed means the flag is there; interrupted resumes to it; not begun means no flag.
    void transitionKilledAtRandomPoints()
    {
        QRandomGenerator random(m_seed + 1);
        int interrupted = 0;
        int completed = 0;
        for (int trial = 0; trial < trials(); ++trial) {
            const QString dir = m_dir.filePath(QStringLiteral("env-%1").arg(trial));
            QVERIFY(QDir().mkpath(dir));
            const QString flag = dir + QStringLiteral("/flag");
            QJsonObject config = QJsonDocument::fromJson(readFile(CockpitTest::sourceDir()
                                                                  + QStringLiteral("/configs/demo.json")))
                                     .object();
            QJsonObject actuators = config.value(QStringLiteral("actuators")).toObject();
            actuators.insert(
                QStringLiteral("ledger"),
                QJsonObject{{QStringLiteral("kind"), QStringLiteral("command")},
                            {QStringLiteral("command"),
                             QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                        QStringLiteral("sleep 0.4; echo \"$1\" > '%1'").arg(flag),
                                        QStringLiteral("hook"), QStringLiteral("{phase}")}}});
            config.insert(QStringLiteral("actuators"), actuators);
            const QString path = dir + QStringLiteral("/demo.json");
            QVERIFY(AtomicFile::write(path, QJsonDocument(config).toJson()).has_value());
            QCOMPARE(run({QStringLiteral("status"), QStringLiteral("--config"), path}).exitCode, 0);

            const int delay = int(random.bounded(900));
            QVERIFY(killAfter({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("advance"),
                               QStringLiteral("--yes"), QStringLiteral("--config"), path},
                              delay));
            QTest::qWait(700); // a hook that outlived its cockpit would write now
            const QJsonObject status =
                QJsonDocument::fromJson(run({QStringLiteral("status"), QStringLiteral("--format"),
                                             QStringLiteral("json"), QStringLiteral("--config"), path})
                                            .out)
                    .object();
            const QJsonObject ledger =
                status.value(QStringLiteral("migrations")).toArray().first().toObject();
            const QString phase = ledger.value(QStringLiteral("phase")).toString();
            const bool pending = ledger.value(QStringLiteral("interrupted")).isObject();
            const QString written = QString::fromUtf8(readFile(flag)).trimmed();
            const QString where =
                QStringLiteral("trial %1 (killed after %2 ms): phase %3, pending %4, flag \"%5\"")
                    .arg(trial)
                    .arg(delay)
                    .arg(phase)
                    .arg(pending)
                    .arg(written);
            if (pending) {
                // Between two phases: the hook may or may not have written; resuming settles it.
                ++interrupted;
                QVERIFY2(phase == QLatin1String("legacy_only"), qPrintable(where));
                const Run resumed =
                    run({QStringLiteral("migrate"), QStringLiteral("ledger"), QStringLiteral("resume"),
                         QStringLiteral("--yes"), QStringLiteral("--config"), path});
                QVERIFY2(resumed.exitCode == 0, qPrintable(where + QLatin1String(": ") + resumed.err));
                QCOMPARE(QString::fromUtf8(readFile(flag)).trimmed(), QStringLiteral("shadow"));
            } else if (phase == QLatin1String("shadow")) {
                ++completed;
                QVERIFY2(written == QLatin1String("shadow"), qPrintable(where));
            } else {
                QVERIFY2(phase == QLatin1String("legacy_only") && written.isEmpty(), qPrintable(where));
            }
        }
        qInfo(
            "transition: %d trials, %d interrupted and resumed, %d completed before the kill, 0 split states",
            trials(), interrupted, completed);
    }
};

QTEST_GUILESS_MAIN(TestCrashTrials)
#include "tst_crash_trials.moc"
