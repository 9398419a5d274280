// SPDX-License-Identifier: MIT
#include "state_test_util.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestStateCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void diffLookcoinJson();
    void diffText();
    void diffExitCodes_data();
    void diffExitCodes();
    void diffTakesFoldersFromConfig();
    void syncDryRunThenSyncThenAgree();
    void syncIntoAnEnvironmentNeedsItsApproval();
    void exportImportRoundTrip();
    void importRefusesBadDocument();
    void validateFindsTheLocalChain();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &args) const;
    QStringList stores() const
    {
        return {QStringLiteral("--leveldb"), m_leveldb, QStringLiteral("--json-dir"), m_json};
    }
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_leveldb;
    QString m_json;
};

void TestStateCli::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_leveldb = m_tmp->filePath(QStringLiteral("leveldb"));
    m_json = m_tmp->filePath(QStringLiteral("deployments"));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"), m_leveldb));
    QVERIFY(
        CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"), m_json));
}

TestStateCli::Run TestStateCli::run(const QStringList &args) const
{
    QProcess p;
    p.start(CockpitTest::cockpitctl(), args);
    if (!p.waitForFinished(30000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void TestStateCli::diffLookcoinJson()
{
    const Run r = run(QStringList{QStringLiteral("state"), QStringLiteral("diff")} + stores()
                      + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 1); // the stores differ
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject s = doc.value(QLatin1String("summary")).toObject();
    QCOMPARE(s.value(QLatin1String("leveldbRecords")).toInt(), 28);
    QCOMPARE(s.value(QLatin1String("jsonRecords")).toInt(), 13);
    QCOMPARE(s.value(QLatin1String("equal")).toInt(), 13);
    QCOMPARE(s.value(QLatin1String("onlyInLeveldb")).toInt(), 13);
    QCOMPARE(s.value(QLatin1String("onlyInJson")).toInt(), 0);
    QCOMPARE(s.value(QLatin1String("mismatched")).toInt(), 0);
    QCOMPARE(s.value(QLatin1String("dataHealthPercent")).toDouble(), 92.9);
    QCOMPARE(s.value(QLatin1String("chainsWithoutJsonFile")).toArray(), QJsonArray{31337});
    const QJsonArray entries = doc.value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), 28);
    const QJsonObject first = entries.first().toObject();
    for (const char *key : {"chainId", "contractName", "status", "fields"})
        QVERIFY2(first.contains(QLatin1String(key)), key);
    QVERIFY(r.err.isEmpty());
}

void TestStateCli::diffText()
{
    const Run r = run(QStringList{QStringLiteral("state"), QStringLiteral("diff")} + stores());
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.contains("13 contracts in LevelDB are missing from the JSON files"));
    QVERIFY(r.out.contains("Data health 92.9 %"));
    QVERIFY(r.out.contains("infrastructureContracts.feeManager"));
}

void TestStateCli::diffExitCodes_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrNames");
    QTest::addRow("stores agree") << QStringLiteral("agree") << 0 << QString();
    QTest::addRow("broken JSON file") << QStringLiteral("broken") << 2 << QStringLiteral("bscmainnet.json");
    QTest::addRow("missing folder") << QStringLiteral("missing") << 3 << QStringLiteral("nowhere");
    QTest::addRow("no folders given")
        << QStringLiteral("usage") << 2 << QStringLiteral("--leveldb DIR and --json-dir DIR");
    QTest::addRow("bad format") << QStringLiteral("format") << 2 << QStringLiteral("--format");
}

void TestStateCli::diffExitCodes()
{
    QFETCH(QString, setup);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrNames);
    QStringList args = QStringList{QStringLiteral("state"), QStringLiteral("diff")} + stores()
                       + QStringList{QStringLiteral("--format"), QStringLiteral("json")};
    if (setup == QLatin1String("agree")) {
        // An equal pair of stores: export the JSON store into a fresh LevelDB.
        const QString exported = m_tmp->filePath(QStringLiteral("export.json"));
        QCOMPARE(run({QStringLiteral("state"), QStringLiteral("export"), QStringLiteral("--json-dir"), m_json,
                      QStringLiteral("--output"), exported})
                     .exitCode,
                 0);
        const QString fresh = m_tmp->filePath(QStringLiteral("fresh"));
        QDir().mkpath(fresh);
        QCOMPARE(run({QStringLiteral("state"), QStringLiteral("import"), exported,
                      QStringLiteral("--leveldb"), fresh})
                     .exitCode,
                 0);
        args[3] = fresh;
    } else if (setup == QLatin1String("broken")) {
        QVERIFY(
            CockpitStateTest::writeFile(m_json + QLatin1String("/bscmainnet.json"), "{ \"chainId\": 56, "));
    } else if (setup == QLatin1String("missing")) {
        args[3] = m_tmp->filePath(QStringLiteral("nowhere"));
    } else if (setup == QLatin1String("usage")) {
        args = {QStringLiteral("state"), QStringLiteral("diff")};
    } else {
        args << QStringLiteral("--format") << QStringLiteral("yaml");
    }
    const QByteArray before = CockpitStateTest::treeDigest(m_json);
    const Run r = run(args);
    QCOMPARE(r.exitCode, exitCode);
    if (!stderrNames.isEmpty())
        QVERIFY2(QString::fromUtf8(r.err).contains(stderrNames), r.err.constData());
    if (setup == QLatin1String("broken") || setup == QLatin1String("missing")) {
        // The rest of the diff is still produced, and nothing was written.
        QVERIFY(QJsonDocument::fromJson(r.out).object().contains(QLatin1String("summary")));
        QCOMPARE(CockpitStateTest::treeDigest(m_json), before);
    }
}

void TestStateCli::diffTakesFoldersFromConfig()
{
    const QString config = m_tmp->filePath(QStringLiteral("env.json"));
    QVERIFY(CockpitStateTest::writeFile(
        config,
        R"({"environment":{"name":"t","kind":"demo","dataDir":"data"},"state":{"leveldb":"leveldb","jsonDir":"deployments"}})"));
    const Run r = run({QStringLiteral("state"), QStringLiteral("diff"), QStringLiteral("--config"), config,
                       QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(QJsonDocument::fromJson(r.out)
                 .object()
                 .value(QLatin1String("summary"))
                 .toObject()
                 .value(QLatin1String("onlyInLeveldb"))
                 .toInt(),
             13);
}

void TestStateCli::syncDryRunThenSyncThenAgree()
{
    const QByteArray before = CockpitStateTest::treeDigest(m_json);
    Run r = run(QStringList{QStringLiteral("state"), QStringLiteral("sync"), QStringLiteral("--dry-run")}
                + stores());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("dry run: 13 added"));
    QCOMPARE(CockpitStateTest::treeDigest(m_json), before);
    r = run(QStringList{QStringLiteral("state"), QStringLiteral("sync"), QStringLiteral("--format"),
                        QStringLiteral("json")}
            + stores());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QLatin1String("added")).toInt(), 13);
    r = run(QStringList{QStringLiteral("state"), QStringLiteral("diff"), QStringLiteral("--format"),
                        QStringLiteral("json")}
            + stores());
    QCOMPARE(QJsonDocument::fromJson(r.out)
                 .object()
                 .value(QLatin1String("summary"))
                 .toObject()
                 .value(QLatin1String("onlyInLeveldb"))
                 .toInt(),
             0);
}

// With --config the folders are an environment's: the write needs a reason, in prod the typed name, and no
// read-only session; each refusal writes nothing, and the sync that goes ahead is audited with its reason.
void TestStateCli::syncIntoAnEnvironmentNeedsItsApproval()
{
    const QString config = m_tmp->filePath(QStringLiteral("prod.json"));
    QVERIFY(CockpitStateTest::writeFile(config,
                                        R"({"environment":{"name":"lookcoin-prod","kind":"prod"},
              "control":{"database":{"driver":"sqlite","path":"data/control.sqlite"}},
              "ledger":{"database":{"driver":"sqlite","path":"data/ledger.sqlite"}},
              "metrics":{"source":"simulator"},
              "state":{"leveldb":"leveldb","jsonDir":"deployments"}})"));
    const QByteArray before = CockpitStateTest::treeDigest(m_json);
    const QStringList sync{QStringLiteral("state"), QStringLiteral("sync"), QStringLiteral("--config"),
                           config};
    Run r = run(sync + QStringList{QStringLiteral("--dry-run")});
    QCOMPARE(r.exitCode, 0); // a plan needs no approval
    r = run(sync);
    QCOMPARE(r.exitCode, 1); // refused, like a transition without its approval
    QVERIFY2(r.err.contains("A reason is required") && r.out.isEmpty(), r.err.constData());
    r = run(sync + QStringList{QStringLiteral("--reason"), QStringLiteral("hotfix")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("\"lookcoin-prod\" is a prod environment: type its name"), r.err.constData());
    const QStringList approved{QStringLiteral("--reason"), QStringLiteral("hotfix"),
                               QStringLiteral("--confirm"), QStringLiteral("lookcoin-prod")};
    r = run(sync + approved + QStringList{QStringLiteral("--read-only")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("read-only"), r.err.constData());
    // --read-only holds for folders given directly too.
    r = run(QStringList{QStringLiteral("state"), QStringLiteral("sync"), QStringLiteral("--read-only")}
            + stores());
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--read-only"), r.err.constData());
    QCOMPARE(CockpitStateTest::treeDigest(m_json), before);

    r = run(sync + approved);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(CockpitStateTest::treeDigest(m_json) != before);
    const auto audited = [&](const QString &action) {
        const Run exported =
            run({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--config"), config,
                 QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--action"), action});
        return QJsonDocument::fromJson(exported.out).object().value(QLatin1String("entries")).toArray();
    };
    QJsonArray entries = audited(QStringLiteral("sync"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().toObject().value(QLatin1String("reason")).toString(), QStringLiteral("hotfix"));

    // An import into the environment's store: the same approval, audited with its reason.
    const QString exported = m_tmp->filePath(QStringLiteral("export.json"));
    QCOMPARE(run({QStringLiteral("state"), QStringLiteral("export"), QStringLiteral("--json-dir"), m_json,
                  QStringLiteral("--output"), exported})
                 .exitCode,
             0);
    const QStringList import{
        QStringLiteral("state"), QStringLiteral("import"), exported, QStringLiteral("--config"), config,
        QStringLiteral("--to"),  QStringLiteral("leveldb")};
    const QByteArray leveldbBefore = CockpitStateTest::treeDigest(m_leveldb);
    r = run(import + QStringList{QStringLiteral("--reason"), QStringLiteral("restore")});
    QCOMPARE(r.exitCode, 1); // prod: the typed name is missing
    QCOMPARE(CockpitStateTest::treeDigest(m_leveldb), leveldbBefore);
    r = run(import
            + QStringList{QStringLiteral("--reason"), QStringLiteral("restore"), QStringLiteral("--confirm"),
                          QStringLiteral("lookcoin-prod")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    entries = audited(QStringLiteral("import"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().toObject().value(QLatin1String("reason")).toString(), QStringLiteral("restore"));

    // A sync whose audit entry cannot be written (the control database is gone, a folder in its place) is
    // done, exits 0 as the sync did, and says on stderr that it is not in the audit log.
    const QString control = m_tmp->filePath(QStringLiteral("data/control.sqlite"));
    QVERIFY(QFile::remove(control));
    QVERIFY(QDir().mkpath(control));
    r = run(sync + approved);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("warning: done, but not in the audit log: "), r.err.constData());
}

void TestStateCli::exportImportRoundTrip()
{
    const Run exported =
        run({QStringLiteral("state"), QStringLiteral("export"), QStringLiteral("--leveldb"), m_leveldb});
    QCOMPARE(exported.exitCode, 0);
    QVERIFY(exported.out.contains("\"20000000000000000000000000\""));
    const QString file = m_tmp->filePath(QStringLiteral("x.json"));
    QVERIFY(CockpitStateTest::writeFile(file, exported.out));
    const QString fresh = m_tmp->filePath(QStringLiteral("fresh"));
    QDir().mkpath(fresh);
    Run r =
        run({QStringLiteral("state"), QStringLiteral("import"), file, QStringLiteral("--leveldb"), fresh});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("28 records imported"));
    r = run({QStringLiteral("state"), QStringLiteral("export"), QStringLiteral("--leveldb"), fresh});
    QCOMPARE(r.out, exported.out);
}

void TestStateCli::importRefusesBadDocument()
{
    const QString file = m_tmp->filePath(QStringLiteral("bad.json"));
    QVERIFY(CockpitStateTest::writeFile(file, "{\"format\":\"cockpit-state-export\",\"records\":[1]}"));
    const QByteArray before = CockpitStateTest::treeDigest(m_leveldb);
    const Run r = run({QStringLiteral("state"), QStringLiteral("import"), file, QStringLiteral("--leveldb"),
                       m_leveldb, QStringLiteral("--overwrite")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("bad.json"));
    QVERIFY(r.err.contains("/records/0"));
    QCOMPARE(CockpitStateTest::treeDigest(m_leveldb), before);
}

void TestStateCli::validateFindsTheLocalChain()
{
    const Run r = run(QStringList{QStringLiteral("state"), QStringLiteral("validate"),
                                  QStringLiteral("--format"), QStringLiteral("json")}
                      + stores());
    QCOMPARE(r.exitCode, 1);
    const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
    const QJsonObject health = doc.value(QLatin1String("health")).toObject();
    QCOMPARE(health.value(QLatin1String("valid")).toInt(), 26);
    QCOMPARE(health.value(QLatin1String("percent")).toDouble(), 92.9);
    QCOMPARE(doc.value(QLatin1String("integrity")).toObject().value(QLatin1String("matched")).toInt(), 13);
}

QTEST_GUILESS_MAIN(TestStateCli)
#include "tst_state_cli.moc"
