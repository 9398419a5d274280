// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/postgres_control_store.h"
#include "control/sqlite_control_store.h"
#include "control_test_config.h"
#include "pg_test_database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;
using namespace Qt::StringLiterals;

namespace {

AuditEntry entry(int i)
{
    AuditEntry e;
    e.osUser = QStringLiteral("alice");
    e.displayName = QStringLiteral("Alice Doe");
    e.host = QStringLiteral("ops-1");
    e.environment = QStringLiteral("unit");
    e.migration = i % 2 ? QStringLiteral("ledger") : QStringLiteral("state");
    e.action = i % 2 ? QStringLiteral("advance") : QStringLiteral("dry_run");
    e.reason = QStringLiteral("reason %1, with \"quotes\"").arg(i);
    e.gateEvidence = QStringLiteral("[pass] clean: 0 discrepancies in the last 7 days");
    e.actuatorOutput = QStringLiteral("line one\nline two");
    e.result = QStringLiteral("ok");
    return e;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CockpitTest::PgTestDatabase> m_pg;
    DatabaseConfig m_pgConfig;

    QString sqlitePath() const
    {
        return m_dir ? m_dir->filePath(QStringLiteral("control.sqlite")) : QString();
    }

    std::unique_ptr<ControlStore> makeStore(const QString &driver)
    {
        if (driver == QLatin1String("sqlite")) {
            if (!m_dir)
                m_dir = std::make_unique<QTemporaryDir>();
            return std::make_unique<SqliteControlStore>(sqlitePath());
        }
        if (!m_pg) {
            m_pg = std::make_unique<CockpitTest::PgTestDatabase>();
            m_pgConfig = m_pg->config();
        }
        // A shared server: the schema is created by the explicit setup step, never by open().
        auto store = std::make_unique<PostgresControlStore>(m_pgConfig, QStringLiteral("cockpit_control"));
        if (const Result<void> setUp = store->setupSchema(); !setUp)
            qWarning() << "setup of the control schema failed:" << setUp.error().message;
        return store;
    }

    QString tamper(const QString &driver, QString sql)
    {
        const bool pg = driver == QLatin1String("postgresql");
        sql.replace(QLatin1String("{t}"), pg ? QStringLiteral("cockpit_control.") : QString());
        return ControlTest::execSql(sqlitePath(), pg ? &m_pgConfig : nullptr, sql);
    }

#define OPEN_STORE(var)                                                                                      \
    auto var = makeStore(driver);                                                                            \
    if (driver == QLatin1String("postgresql"))                                                               \
        COCKPIT_REQUIRE_PG(*m_pg);                                                                           \
    {                                                                                                        \
        const Result<void> opened = var->open();                                                             \
        QVERIFY2(opened.has_value(), qPrintable(errorMessage(opened)));                                      \
    }

private slots:
    void cleanup()
    {
        m_dir.reset();
        m_pg.reset();
    }

    void chainLinksEntries_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addRow("sqlite") << QStringLiteral("sqlite");
        QTest::addRow("postgresql") << QStringLiteral("postgresql");
    }

    void chainLinksEntries()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        OPEN_STORE(other); // a second writer on the same database, as another cockpit would be
        QVERIFY(store->audit().verify().ok);
        for (int i = 1; i <= 6; ++i) {
            AuditEntry e = entry(i);
            const Result<void> r = (i % 2 ? store : other)->audit().append(e);
            QVERIFY2(r.has_value(), qPrintable(errorMessage(r)));
            QCOMPARE(e.seq, i);
            QCOMPARE(e.entryHash, e.computeHash());
        }
        const QList<AuditEntry> all = store->audit().entries({}).value();
        QCOMPARE(all.size(), 6);
        QCOMPARE(all.first().prevHash, AuditLog::genesisHash());
        for (int i = 1; i < all.size(); ++i)
            QCOMPARE(all.at(i).prevHash, all.at(i - 1).entryHash);
        QCOMPARE(all.at(2).displayName, QStringLiteral("Alice Doe"));
        QCOMPARE(all.at(2).actuatorOutput, QStringLiteral("line one\nline two"));
        const AuditLog::Verification v = other->audit().verify();
        QVERIFY2(v.ok, qPrintable(v.problems.join(QLatin1Char('\n'))));
        QCOMPARE(v.entries, 6);

        AuditLog::Filter onlyLedger;
        onlyLedger.migration = QStringLiteral("ledger");
        QCOMPARE(store->audit().entries(onlyLedger).value().size(), 3);
        AuditLog::Filter newest;
        newest.limit = 2;
        const QList<AuditEntry> lastTwo = store->audit().entries(newest).value();
        QCOMPARE(lastTwo.size(), 2);
        QCOMPARE(lastTwo.last().seq, 6); // oldest first, ending at the newest
        AuditLog::Filter text;
        text.text = QStringLiteral("REASON 4");
        QCOMPARE(store->audit().entries(text).value().size(), 1);
    }

    void tamperingIsFoundAndNamed_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            const QByteArray d = driver.toLatin1();
            QTest::addRow("%s: one byte of a reason", d.constData())
                << driver << u"UPDATE {t}audit_log SET reason = 'reason 3, with \"quotes\"!' WHERE seq = 3"_s
                << u"entry 3: content does not match its hash (edited)"_s;
            QTest::addRow("%s: the same instant written differently", d.constData())
                << driver
                << u"UPDATE {t}audit_log SET time_utc = replace(time_utc, 'Z', '+00:00') WHERE seq = 2"_s
                << u"entry 2: time_utc is not written the way the log writes it (rewritten)"_s;
            QTest::addRow("%s: one byte of the time", d.constData())
                << driver << u"UPDATE {t}audit_log SET time_utc = replace(time_utc, 'Z', '+') WHERE seq = 2"_s
                << u"entry 2: content does not match its hash (edited)"_s;
            QTest::addRow("%s: edited and re-hashed", d.constData())
                << driver << u"UPDATE {t}audit_log SET result = 'failed', entry_hash = 'x' WHERE seq = 3"_s
                << u"entry 3"_s;
            QTest::addRow("%s: middle entry deleted", d.constData())
                << driver << u"DELETE FROM {t}audit_log WHERE seq = 3"_s
                << u"entry 3: missing (deleted from the log)"_s;
            QTest::addRow("%s: last entry deleted", d.constData())
                << driver << u"DELETE FROM {t}audit_log WHERE seq = 5"_s
                << u"entry 5: missing (deleted from the end of the log)"_s;
            QTest::addRow("%s: entry inserted", d.constData())
                << driver
                << u"INSERT INTO {t}audit_log SELECT 6, time_utc, os_user, display_name, host, environment, migration, action, reason, gate_evidence, actuator_output, result, entry_hash, entry_hash FROM {t}audit_log WHERE seq = 5"_s
                << u"entry 6: "_s;
        }
    }

    void tamperingIsFoundAndNamed()
    {
        QFETCH(QString, driver);
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        OPEN_STORE(store);
        for (int i = 1; i <= 5; ++i) {
            AuditEntry e = entry(i);
            QVERIFY(store->audit().append(e).has_value());
        }
        QVERIFY(store->audit().verify().ok);
        const QString error = tamper(driver, sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const AuditLog::Verification v = store->audit().verify();
        QVERIFY(!v.ok);
        QVERIFY2(v.problems.join(QLatin1Char('\n')).contains(expected),
                 qPrintable(v.problems.join(QLatin1Char('\n'))));
        QVERIFY(v.firstBadSeq >= 2 && v.firstBadSeq <= 6);
    }

    // Whoever can write the database can rewrite an entry and re-hash the chain and the head consistently,
    // or cut the log's end off: the chain alone then verifies. The anchor outside the database does not.
    void anchorRevealsRewrittenAndTruncatedChains_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<bool>("truncate");
        for (const QString &driver : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            QTest::addRow("%s: re-hashed from entry 3", qPrintable(driver)) << driver << false;
            QTest::addRow("%s: last two entries cut off", qPrintable(driver)) << driver << true;
        }
    }

    void anchorRevealsRewrittenAndTruncatedChains()
    {
        QFETCH(QString, driver);
        QFETCH(bool, truncate);
        OPEN_STORE(store);
        QTemporaryDir anchorDir;
        const QString anchorPath = anchorDir.filePath(QStringLiteral("state/prod.audit-anchor"));
        store->audit().setAnchor(AuditAnchor(anchorPath));
        for (int i = 1; i <= 6; ++i) {
            AuditEntry e = entry(i);
            QVERIFY(store->audit().append(e).has_value());
        }
        AuditLog::Verification v = store->audit().verify();
        QVERIFY2(v.ok, qPrintable(v.problems.join(QLatin1Char('\n'))));
        QCOMPARE(v.anchored, 6);
        QCOMPARE(QFile::permissions(anchorPath) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());

        const QList<AuditEntry> before = store->audit().entries({}).value();
        QString error;
        if (truncate) {
            error = tamper(driver, u"DELETE FROM {t}audit_log WHERE seq > 4"_s);
            if (error.isEmpty())
                error = tamper(driver, u"UPDATE {t}audit_head SET last_seq = 4, last_hash = '%1'"_s.arg(
                                           before.at(3).entryHash));
        } else {
            // A consistent rewrite: entry 3 changed, every hash from there and the head recomputed.
            QList<AuditEntry> forged = before;
            forged[2].result = QStringLiteral("refused");
            for (int i = 2; i < forged.size() && error.isEmpty(); ++i) {
                forged[i].prevHash = forged.at(i - 1).entryHash;
                forged[i].entryHash = forged.at(i).computeHash();
                error = tamper(
                    driver,
                    u"UPDATE {t}audit_log SET result = '%1', prev_hash = '%2', entry_hash = '%3' WHERE seq = %4"_s
                        .arg(forged.at(i).result, forged.at(i).prevHash, forged.at(i).entryHash)
                        .arg(forged.at(i).seq));
            }
            if (error.isEmpty())
                error = tamper(driver,
                               u"UPDATE {t}audit_head SET last_hash = '%1'"_s.arg(forged.last().entryHash));
            // The forged chain is consistent in itself, and so is an export of it: only the anchor tells.
            AuditLog::Verification alone =
                AuditLog::verifyExport(AuditLog::toJson(forged, AuditAnchor(), true), u"forged.json"_s);
            QVERIFY(alone.ok);
            const AuditLog::Verification exported = AuditLog::verifyExport(
                AuditLog::toJson(forged, AuditAnchor(anchorPath), true), u"forged.json"_s);
            QVERIFY(!exported.ok);
            QCOMPARE(exported.firstBadSeq, 3);
            const AuditLog::Verification genuine = AuditLog::verifyExport(
                AuditLog::toJson(before, AuditAnchor(anchorPath), true), u"export.json"_s);
            QVERIFY2(genuine.ok, qPrintable(genuine.problems.join(QLatin1Char('\n'))));
            // An export written before the JSON keys were camelCase (the CSV header's names) verifies too.
            QJsonObject root =
                QJsonDocument::fromJson(AuditLog::toJson(before, AuditAnchor(anchorPath), true)).object();
            QJsonArray oldEntries;
            for (const QJsonValue &value : root.value(u"entries"_s).toArray()) {
                QJsonObject entry;
                const QJsonObject current = value.toObject();
                for (int k = 0; k < AuditEntry::jsonKeys().size(); ++k)
                    entry.insert(AuditEntry::csvHeader().at(k), current.value(AuditEntry::jsonKeys().at(k)));
                oldEntries.append(entry);
            }
            root.insert(u"entries"_s, oldEntries);
            const AuditLog::Verification old =
                AuditLog::verifyExport(QJsonDocument(root).toJson(), u"old-export.json"_s);
            QVERIFY2(old.ok, qPrintable(old.problems.join(QLatin1Char('\n'))));
            QCOMPARE(genuine.anchored, 6);
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        v = store->audit().verify();
        QVERIFY(!v.ok);
        const QString problems = v.problems.join(QLatin1Char('\n'));
        QCOMPARE(v.firstBadSeq, truncate ? 5 : 3);
        QVERIFY2(problems.startsWith(truncate ? u"entry 5: missing, but the audit anchor has it"_s
                                              : u"entry 3: does not match the audit anchor (recorded in "_s),
                 qPrintable(problems));
        QVERIFY2(problems.contains(anchorPath), qPrintable(problems));
        if (truncate)
            QVERIFY2(problems.contains(u"the log was cut off after entry 4"_s), qPrintable(problems));
    }

    void exportsCsvAndJson()
    {
        QList<AuditEntry> list = {entry(1), entry(2)};
        list[0].seq = 1;
        list[1].seq = 2;
        list[0].time = QDateTime(QDate(2026, 11, 20), QTime(14, 2), Qt::UTC);
        const QByteArray csv = AuditLog::toCsv(list);
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY(lines.first().startsWith("seq,time_utc,os_user,display_name"));
        // Quotes doubled, fields with commas and newlines quoted (RFC 4180).
        QVERIFY2(csv.contains("\"reason 1, with \"\"quotes\"\"\""), csv.constData());
        QVERIFY(csv.contains("\"line one\nline two\""));
        QVERIFY(csv.contains("2026-11-20T14:02:00.000Z"));
        const QJsonDocument json = QJsonDocument::fromJson(AuditLog::toJson(list));
        const QJsonArray entries = json.object().value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("seq")).toInt(), 2);
        QCOMPARE(entries.at(0).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("reason 1, with \"quotes\""));
    }

    void canonicalFormIsStable()
    {
        AuditEntry e = entry(1);
        e.seq = 7;
        e.time = QDateTime(QDate(2026, 11, 20), QTime(14, 2, 3, 4), Qt::UTC);
        e.prevHash = AuditLog::genesisHash();
        QVERIFY2(
            e.canonical().startsWith("[\"7\",\"2026-11-20T14:02:03.004Z\",\"alice\",\"Alice Doe\",\"ops-1\""),
            e.canonical().constData());
        const QString hash = e.computeHash();
        QCOMPARE(hash.size(), 64);
        e.reason += QLatin1Char(' ');
        QVERIFY(e.computeHash() != hash);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_audit_log.moc"
