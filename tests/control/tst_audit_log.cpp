// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/postgres_control_store.h"
#include "control/sqlite_control_store.h"
#include "control_test_config.h"
#include "pg_test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
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
        store->setupSchema();
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
        const ControlResult opened = var->open();                                                            \
        QVERIFY2(opened.ok(), qPrintable(opened.message));                                                   \
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
            const ControlResult r = (i % 2 ? store : other)->audit().append(e);
            QVERIFY2(r.ok(), qPrintable(r.message));
            QCOMPARE(e.seq, i);
            QCOMPARE(e.entryHash, e.computeHash());
        }
        const QList<AuditEntry> all = store->audit().entries({});
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
        QCOMPARE(store->audit().entries(onlyLedger).size(), 3);
        AuditLog::Filter newest;
        newest.limit = 2;
        const QList<AuditEntry> lastTwo = store->audit().entries(newest);
        QCOMPARE(lastTwo.size(), 2);
        QCOMPARE(lastTwo.last().seq, 6); // oldest first, ending at the newest
        AuditLog::Filter text;
        text.text = QStringLiteral("REASON 4");
        QCOMPARE(store->audit().entries(text).size(), 1);
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
            QVERIFY(store->audit().append(e).ok());
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
