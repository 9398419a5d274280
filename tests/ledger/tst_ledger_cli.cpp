// SPDX-License-Identifier: MIT
#include "ledger/ledger_integration.h"
#include "ledger/ledger_store.h"
#include "test_paths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run cockpitctl(const QStringList &args)
{
    QProcess p;
    p.start(CockpitTest::cockpitctl(), args);
    Run r;
    if (!p.waitForFinished(60000)) {
        r.err = QStringLiteral("cockpitctl did not finish: ") + p.errorString();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString writeConfig(const QTemporaryDir &dir, const QByteArray &json,
                    const QString &name = QStringLiteral("env.json"))
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(json);
    return path;
}

const QByteArray demoConfig = R"({"environment":{"name":"t","kind":"demo","dataDir":"data"}})";
const QByteArray readOnlyDemoConfig =
    R"({"environment":{"name":"t","kind":"demo","dataDir":"data","readOnly":true}})";

// Every file under a folder with its content. SQLite's -wal and -shm files are left out: a reader of a
// WAL-mode database needs them to see a consistent snapshot, and they hold no rows.
QMap<QString, QByteArray> filesUnder(const QString &folder)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(QLatin1String("-wal")) || path.endsWith(QLatin1String("-shm")))
            continue;
        QFile f(path);
        files.insert(QDir(folder).relativeFilePath(path),
                     f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
    }
    return files;
}

} // namespace

class TestLedgerCli : public QObject
{
    Q_OBJECT

private slots:
    void simulateCreatesDemoLedgerAndAccountsForFaults()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, demoConfig);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/ledger.sqlite"))));
        const Run r = cockpitctl(
            {QStringLiteral("simulate"), QStringLiteral("ledger"), QStringLiteral("--config"), config,
             QStringLiteral("--users"), QStringLiteral("20"), QStringLiteral("--ops"), QStringLiteral("400"),
             QStringLiteral("--legacy-fault-rate"), QStringLiteral("0.1"), QStringLiteral("--seed"),
             QStringLiteral("5"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("data/ledger.sqlite"))));
        const QJsonObject s = r.json().value(QStringLiteral("summary")).toObject();
        QCOMPARE(s.value(QStringLiteral("operations")).toInteger(), 400);
        QVERIFY(s.value(QStringLiteral("injectedFaults")).toInteger() > 0);
        QCOMPARE(s.value(QStringLiteral("shadowWriteFailures")).toInteger(),
                 s.value(QStringLiteral("injectedFaults")).toInteger());
        // The same seed on a fresh database gives the same run.
        QTemporaryDir dir2;
        const Run again =
            cockpitctl({QStringLiteral("simulate"), QStringLiteral("ledger"), QStringLiteral("--config"),
                        writeConfig(dir2, demoConfig), QStringLiteral("--users"), QStringLiteral("20"),
                        QStringLiteral("--ops"), QStringLiteral("400"), QStringLiteral("--legacy-fault-rate"),
                        QStringLiteral("0.1"), QStringLiteral("--seed"), QStringLiteral("5"),
                        QStringLiteral("--format"), QStringLiteral("json")});
        const QJsonObject s2 = again.json().value(QStringLiteral("summary")).toObject();
        for (const char *key : {"ok", "rejected", "duplicates", "injectedFaults", "readDiscrepancies"})
            QCOMPARE(s2.value(QLatin1String(key)), s.value(QLatin1String(key)));

        // Shadow-write failures listed by `ledger check`, invariants hold.
        const Run check =
            cockpitctl({QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--config"), config,
                        QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        QCOMPARE(check.json().value(QStringLiteral("shadowWriteFailures")).toInteger(),
                 s.value(QStringLiteral("injectedFaults")).toInteger());
        QVERIFY(check.json().value(QStringLiteral("violations")).toArray().isEmpty());

        // Discrepancies from the faults make HighDiscrepancyRate fire: exit 1.
        const Run alerts =
            cockpitctl({QStringLiteral("ledger"), QStringLiteral("alerts"), QStringLiteral("--config"),
                        config, QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(alerts.exitCode, 1);
        const QJsonObject first = alerts.json().value(QStringLiteral("alerts")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("HighDiscrepancyRate"));
        QVERIFY(first.value(QStringLiteral("firing")).toBool());
        QCOMPARE(alerts.json().value(QStringLiteral("gates")).toArray().size(), 4);
    }

    void balanceShowsExactSideBySide()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, demoConfig);
        {
            const auto loaded = ConfigLoader::load(config);
            QVERIFY(loaded.ok());
            auto store = LedgerStore::create(loaded.config->ledger.database, loaded.config->ledger.mapping);
            QCOMPARE(errorMessage(store->open()), QString());
            LedgerIntegration facade(*store, loaded.config->ledger,
                                     *LedgerMode::forPhase(QStringLiteral("shadow")));
            QVERIFY(facade
                        .creditUserUsdc(QStringLiteral("alice"), *Money::parse(u"98765.432101"),
                                        QStringLiteral("d"), QStringLiteral("dep-1"))
                        .ok());
            QVERIFY(facade
                        .moveFundsToFiatExposure(QStringLiteral("alice"), *Money::parse(u"0.000001"),
                                                 QStringLiteral("m"), QStringLiteral("fx-1"))
                        .ok());
        }
        const QStringList args{QStringLiteral("ledger"),   QStringLiteral("balance"),
                               QStringLiteral("--config"), config,
                               QStringLiteral("--user"),   QStringLiteral("alice")};
        Run r = cockpitctl(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(
                     QLatin1String("usdc_balance        pending_deposits     98765.432100  98765.432100")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("dep-1")));
        // Each history line: time, side, amount, account type, kind, transaction, never run together.
        const QStringList lines = r.out.split(u'\n');
        const qsizetype history = lines.indexOf(QLatin1String("last 3 ledger entries:"));
        QVERIFY2(history > 0, qPrintable(r.out));
        for (qsizetype i = history + 1; i <= history + 3; ++i) {
            const QStringList fields =
                lines.at(i).trimmed().split(QRegularExpression(QStringLiteral(" {2,}")));
            QVERIFY2(fields.size() == 6, qPrintable(lines.at(i)));
        }
        for (const QString &line : lines)
            QVERIFY2(!line.endsWith(u' '), qPrintable(line));
        r = cockpitctl(args + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray accounts = r.json().value(QStringLiteral("accounts")).toArray();
        QCOMPARE(accounts.size(), 3);
        QCOMPARE(accounts.at(1).toObject().value(QStringLiteral("ledger")).toString(),
                 QStringLiteral("0.000001"));
        QCOMPARE(accounts.at(1).toObject().value(QStringLiteral("legacy")).toString(),
                 QStringLiteral("0.000001"));
        QCOMPARE(r.json().value(QStringLiteral("history")).toArray().size(), 3);

        // The legacy service writes behind the ledger's back: a discrepancy, exit 1.
        {
            const auto loaded = ConfigLoader::load(config);
            auto store = LedgerStore::create(loaded.config->ledger.database, loaded.config->ledger.mapping);
            QCOMPARE(errorMessage(store->open()), QString());
            QCOMPARE(errorMessage(store->begin()), QString());
            QCOMPARE(errorMessage(store->applyLegacyDelta(
                         QStringLiteral("alice"), {{QStringLiteral("buying_power"), *Money::parse(u"10.5")}},
                         0, 0)),
                     QString());
            QCOMPARE(errorMessage(store->commit()), QString());
        }
        r = cockpitctl(args + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject fiat = r.json().value(QStringLiteral("accounts")).toArray().at(1).toObject();
        QCOMPARE(fiat.value(QStringLiteral("difference")).toString(), QStringLiteral("-10.500000"));
        QVERIFY(fiat.value(QStringLiteral("discrepancy")).toBool());
    }

    // A read-only session leaves the disk as it found it: on a demo never opened it creates nothing and
    // names what is missing; on an existing one every file keeps its bytes.
    void readOnlySessionChangesNothingOnDisk()
    {
        QTemporaryDir dir;
        const QString readOnly = writeConfig(dir, readOnlyDemoConfig, QStringLiteral("ro.json"));
        const QList<QStringList> reads = {{QStringLiteral("status")},
                                          {QStringLiteral("ledger"), QStringLiteral("check")},
                                          {QStringLiteral("ledger"), QStringLiteral("alerts")},
                                          {QStringLiteral("rollout"), QStringLiteral("status")},
                                          {QStringLiteral("state"), QStringLiteral("diff")},
                                          {QStringLiteral("audit"), QStringLiteral("verify")}};
        for (const QStringList &args : reads) {
            const Run r = cockpitctl(QStringList(args) << QStringLiteral("--config") << readOnly);
            QVERIFY2(r.exitCode == 3, qPrintable(args.join(u' ') + QLatin1String(": ") + r.err));
            QVERIFY2(r.err.contains(QLatin1String("does not create"))
                         || r.err.contains(QLatin1String("does not exist")),
                     qPrintable(r.err));
        }
        const Run check = cockpitctl(
            {QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--config"), readOnly});
        QVERIFY2(check.err.contains(QLatin1String("ledger.sqlite: the ledger database does not exist")),
                 qPrintable(check.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data"))));

        const QString config = writeConfig(dir, demoConfig);
        QCOMPARE(cockpitctl({QStringLiteral("simulate"), QStringLiteral("ledger"), QStringLiteral("--config"),
                             config, QStringLiteral("--users"), QStringLiteral("5"), QStringLiteral("--ops"),
                             QStringLiteral("50")})
                     .exitCode,
                 0);
        QCOMPARE(cockpitctl({QStringLiteral("status"), QStringLiteral("--config"), config}).exitCode, 0);
        const QMap<QString, QByteArray> before = filesUnder(dir.filePath(QStringLiteral("data")));
        QVERIFY(before.contains(QStringLiteral("ledger.sqlite")));
        QVERIFY(before.contains(QStringLiteral("control.sqlite")));
        for (const QStringList &args : reads) {
            const Run r = cockpitctl(QStringList(args) << QStringLiteral("--config") << readOnly);
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1,
                     qPrintable(args.join(u' ') + QLatin1String(": ") + r.err));
        }
        // The same through --read-only on a writable environment's config.
        QCOMPARE(cockpitctl({QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--config"),
                             config, QStringLiteral("--read-only")})
                     .exitCode,
                 0);
        QCOMPARE(filesUnder(dir.filePath(QStringLiteral("data"))), before);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString cfg = QStringLiteral("{config}");
        QTest::addRow("fault rate above 1") << QStringList{QStringLiteral("simulate"),
                                                           QStringLiteral("ledger"),
                                                           QStringLiteral("--config"),
                                                           cfg,
                                                           QStringLiteral("--legacy-fault-rate"),
                                                           QStringLiteral("1.5")}
                                            << 2 << QStringLiteral("--legacy-fault-rate");
        QTest::addRow("fault rate not a number") << QStringList{QStringLiteral("simulate"),
                                                                QStringLiteral("ledger"),
                                                                QStringLiteral("--config"),
                                                                cfg,
                                                                QStringLiteral("--legacy-fault-rate"),
                                                                QStringLiteral("1e-3")}
                                                 << 2 << QStringLiteral("--legacy-fault-rate");
        QTest::addRow("zero users") << QStringList{QStringLiteral("simulate"), QStringLiteral("ledger"),
                                                   QStringLiteral("--config"), cfg,
                                                   QStringLiteral("--users"),  QStringLiteral("0")}
                                    << 2 << QStringLiteral("--users");
        QTest::addRow("unknown phase")
            << QStringList{QStringLiteral("simulate"), QStringLiteral("ledger"),
                           QStringLiteral("--config"), cfg,
                           QStringLiteral("--phase"),  QStringLiteral("shadow_mode")}
            << 2 << QStringLiteral("unknown phase");
        QTest::addRow("missing config") << QStringList{QStringLiteral("ledger"), QStringLiteral("alerts")}
                                        << 2 << QStringLiteral("--config FILE is required");
        QTest::addRow("missing user") << QStringList{QStringLiteral("ledger"), QStringLiteral("balance"),
                                                     QStringLiteral("--config"), cfg}
                                      << 2 << QStringLiteral("--user ID is required");
        QTest::addRow("unknown user") << QStringList{QStringLiteral("ledger"),   QStringLiteral("balance"),
                                                     QStringLiteral("--config"), cfg,
                                                     QStringLiteral("--user"),   QStringLiteral("nobody")}
                                      << 2 << QStringLiteral("\"nobody\" has no ledger accounts");
        QTest::addRow("prod refuses simulation")
            << QStringList{QStringLiteral("simulate"), QStringLiteral("ledger"), QStringLiteral("--config"),
                           QStringLiteral("{prod}")}
            << 2 << QStringLiteral("only against a demo environment");
        QTest::addRow("unreachable postgres")
            << QStringList{QStringLiteral("ledger"), QStringLiteral("alerts"), QStringLiteral("--config"),
                           QStringLiteral("{pg}")}
            << 3 << QStringLiteral("cannot connect");
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString demo = writeConfig(dir, demoConfig);
        // A staging environment: simulate must refuse it before touching its database.
        const QString prod = CockpitTest::sourceDir() + QStringLiteral("/configs/staging.example.json");
        const QString pg = writeConfig(dir, R"({"environment":{"name":"g","kind":"demo","dataDir":"data"},
            "ledger":{"database":{"driver":"postgresql","host":"127.0.0.1","port":1,"dbname":"x","user":"u",
                                  "connectTimeoutSeconds":2}}})",
                                       QStringLiteral("pg.json"));
        args.replaceInStrings(QStringLiteral("{config}"), demo);
        args.replaceInStrings(QStringLiteral("{prod}"), prod);
        args.replaceInStrings(QStringLiteral("{pg}"), pg);
        const Run r = cockpitctl(args);
        QVERIFY2(r.exitCode == exitCode,
                 qPrintable(QString::number(r.exitCode) + QLatin1Char(' ') + r.err + r.out));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestLedgerCli)
#include "tst_ledger_cli.moc"
