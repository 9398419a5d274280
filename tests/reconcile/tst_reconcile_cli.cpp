// SPDX-License-Identifier: MIT
#include "cockpitctl/exit_code.h"
#include "reconcile_test_data.h"
#include "test_paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

// `cockpitctl reconcile`, run as a user runs it.
class TstReconcileCli : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Result run(const QStringList &args)
    {
        QProcess p;
        p.start(cockpitctl(), args);
        if (!p.waitForFinished(60000))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    // An environment file pointing at the backend's database.
    static QString writeConfig(LedgerTestBackend &backend, const QString &tolerance = QStringLiteral("0.01"))
    {
        const DatabaseConfig db = backend.config().database;
        QJsonObject database;
        if (backend.isPostgres()) {
            database = QJsonObject{{QStringLiteral("driver"), QStringLiteral("postgresql")},
                                   {QStringLiteral("host"), db.host},
                                   {QStringLiteral("port"), db.port},
                                   {QStringLiteral("dbname"), db.dbname},
                                   {QStringLiteral("user"), db.user},
                                   {QStringLiteral("passwordEnv"), db.passwordEnv}};
        } else {
            database = QJsonObject{{QStringLiteral("driver"), QStringLiteral("sqlite")},
                                   {QStringLiteral("path"), db.sqlitePath}};
        }
        const QJsonObject root{
            {QStringLiteral("environment"), QJsonObject{{QStringLiteral("name"), QStringLiteral("cli-test")},
                                                        {QStringLiteral("kind"), QStringLiteral("demo")},
                                                        {QStringLiteral("dataDir"), backend.folder()}}},
            {QStringLiteral("ledger"),
             QJsonObject{{QStringLiteral("database"), database}, {QStringLiteral("tolerance"), tolerance}}}};
        const QString path = backend.folder() + QStringLiteral("/env.json");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QJsonDocument(root).toJson());
        return path;
    }

private Q_SLOTS:
    void jsonHasTheIssuesShape_data() { addDriverRows(); }
    void jsonHasTheIssuesShape()
    {
        LEDGER_BACKEND(backend);
        const QString scenario = writeScenario(backend);
        QVERIFY2(scenario.isEmpty(), qPrintable(scenario));
        const Result r = run({QStringLiteral("reconcile"), QStringLiteral("--config"), writeConfig(backend),
                              QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == ExitFindings, qPrintable(r.err));
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject summary = doc.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("accounts")).toInteger(), 15);
        QCOMPARE(summary.value(QStringLiteral("discrepancies")).toInteger(), 4);
        QCOMPARE(summary.value(QStringLiteral("byAccountType")).toObject(),
                 (QJsonObject{{QStringLiteral("usdc_balance"), 3},
                              {QStringLiteral("fiat_exposure"), 0},
                              {QStringLiteral("pending_investment"), 1}}));
        const QJsonArray rows = doc.value(QStringLiteral("discrepancies")).toArray();
        QCOMPARE(rows.size(), 4);
        const QJsonObject u3{{QStringLiteral("userId"), QStringLiteral("u3")},
                             {QStringLiteral("accountType"), QStringLiteral("usdc_balance")},
                             {QStringLiteral("legacyColumn"), QStringLiteral("pending_deposits")},
                             {QStringLiteral("ledger"), QStringLiteral("60.000000")},
                             {QStringLiteral("legacy"), QStringLiteral("50.000000")},
                             {QStringLiteral("difference"), QStringLiteral("10.000000")}};
        QVERIFY2(rows.contains(u3), qPrintable(r.out));
        QVERIFY(doc.value(QStringLiteral("invariants")).toArray().isEmpty());
    }

    void csvAndText()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QVERIFY(writeScenario(backend).isEmpty());
        const QString config = writeConfig(backend);
        const Result csv = run({QStringLiteral("reconcile"), QStringLiteral("--config"), config,
                                QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.exitCode, int(ExitFindings));
        const QStringList lines = csv.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.first(),
                 QStringLiteral("user_id,account_type,legacy_column,ledger,legacy,difference"));
        QVERIFY(
            lines.contains(QStringLiteral("u3,usdc_balance,pending_deposits,60.000000,50.000000,10.000000")));
        QVERIFY(lines.contains(QStringLiteral("u2,usdc_balance,pending_deposits,100.000000,,100.000000")));

        const Result text = run({QStringLiteral("reconcile"), QStringLiteral("--config"), config});
        QCOMPARE(text.exitCode, int(ExitFindings));
        QVERIFY2(text.out.contains(QLatin1String("15 accounts checked, 4 discrepancies (0 new, 0 resolved)")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QLatin1String("ledger invariants: 0 violations")));
    }

    void cleanDatabaseExitsZero()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QString error;
        {
            auto store = backend.open(&error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            LedgerIntegration facade(*store, backend.config(),
                                     *LedgerMode::forPhase(QStringLiteral("shadow")));
            QVERIFY(facade
                        .creditUserUsdc(QStringLiteral("c1"), money("12.5"), QStringLiteral("t"),
                                        QStringLiteral("c"))
                        .ok());
        }
        QVERIFY(setLegacy(backend, QStringLiteral("c1"), QStringLiteral("pending_deposits"), money("12.49"))
                    .isEmpty());
        const QString config = writeConfig(backend);
        const Result r = run({QStringLiteral("reconcile"), QStringLiteral("--config"), config});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.out + r.err));
        // --tolerance overrides the config: now 0.01 off is too much.
        const Result strict = run({QStringLiteral("reconcile"), QStringLiteral("--config"), config,
                                   QStringLiteral("--tolerance"), QStringLiteral("0.001")});
        QCOMPARE(strict.exitCode, int(ExitFindings));
    }

    void watchRecordsEveryRun()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        QVERIFY(writeScenario(backend).isEmpty());
        const Result r = run({QStringLiteral("reconcile"), QStringLiteral("--config"), writeConfig(backend),
                              QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--watch"),
                              QStringLiteral("1"), QStringLiteral("--runs"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, int(ExitFindings));
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        const auto runOf = [](const QString &line) {
            return QJsonDocument::fromJson(line.toUtf8())
                .object()
                .value(QStringLiteral("summary"))
                .toObject()
                .value(QStringLiteral("run"))
                .toInteger();
        };
        const qint64 first = runOf(lines.at(0));
        const qint64 second = runOf(lines.at(1));
        QVERIFY(first > 0);
        QCOMPARE(second, first + 1);
        QSqlQuery q(backend.raw());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM reconcile_runs WHERE status = 'complete'"))
                && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void usageAndBackendErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("bad tolerance") << QStringList{QStringLiteral("--tolerance"), QStringLiteral("0.5x")}
                                       << 2 << QStringLiteral("--tolerance");
        QTest::addRow("negative tolerance")
            << QStringList{QStringLiteral("--tolerance"), QStringLiteral("-1")} << 2
            << QStringLiteral("--tolerance");
        QTest::addRow("bad watch") << QStringList{QStringLiteral("--watch"), QStringLiteral("0")} << 2
                                   << QStringLiteral("--watch");
        QTest::addRow("bad format") << QStringList{QStringLiteral("--format"), QStringLiteral("xml")} << 2
                                    << QStringLiteral("--format");
    }
    void usageAndBackendErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        const Result r =
            run(QStringList{QStringLiteral("reconcile"), QStringLiteral("--config"), writeConfig(backend)}
                + extra);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(backend.config().database.sqlitePath)); // nothing was touched
    }

    void missingConfigIsAUsageError()
    {
        const Result r = run({QStringLiteral("reconcile")});
        QCOMPARE(r.exitCode, int(ExitUsage));
        QVERIFY(r.err.contains(QLatin1String("--config")));
    }

    void unreachableServerExitsThree()
    {
        LedgerTestBackend backend(QStringLiteral("sqlite"));
        const QString path = backend.folder() + QStringLiteral("/down.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"environment": {"name": "down", "kind": "demo", "dataDir": "d"},
                    "ledger": {"database": {"driver": "postgresql", "host": "127.0.0.1", "port": 1,
                               "dbname": "nothing", "user": "nobody", "connectTimeoutSeconds": 2}}})");
        f.close();
        const Result r = run({QStringLiteral("reconcile"), QStringLiteral("--config"), path});
        QVERIFY2(r.exitCode == ExitBackendUnreachable, qPrintable(r.out + r.err));
        QVERIFY(r.err.contains(QLatin1String("postgresql://")));
    }
};

QTEST_GUILESS_MAIN(TstReconcileCli)
#include "tst_reconcile_cli.moc"
