// SPDX-License-Identifier: MIT
// `ledger balance` and `ledger check` on the service's own tables: a user's two sides at the columns' own
// scales and the ledger history, judged as the writer's ground truth says, through a role that may only
// SELECT, leaving the database as it was.
#include "cockpitctl/exit_code.h"
#include "staging_world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Cockpit;
using namespace CockpitTest;

namespace {

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject accountOf(const QJsonObject &report, const QString &accountType)
{
    for (const QJsonValue &v : report.value(QStringLiteral("accounts")).toArray()) {
        if (v.toObject().value(QStringLiteral("accountType")).toString() == accountType)
            return v.toObject();
    }
    return {};
}

} // namespace

class TstStagingLedger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ledgerReadsWorkOnTheServicesTables()
    {
        StagingWorld world;
        COCKPIT_REQUIRE_STAGING(world);
        QString e;
        const QJsonObject truth = world.runWriter(
            {QStringLiteral("--users"), QStringLiteral("120"), QStringLiteral("--ops"), QStringLiteral("800"),
             QStringLiteral("--drop-legacy"), QStringLiteral("0.05"), QStringLiteral("--sub-micro"),
             QStringLiteral("0.05"), QStringLiteral("--seed"), QStringLiteral("23")},
            &e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        const StagingWorld::Snapshot before = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        // SELECT only, no cockpit schema set up, read-only by the config: reading needs none of it.
        const QString config =
            world.writeConfig(QStringLiteral("staging_cockpit_ro"), {}, true, QStringLiteral("ro.json"));

        // A user the ground truth lists, with both sides present: the same amounts, digit for digit.
        QJsonObject differing;
        QSet<QString> differingUsers;
        for (const QJsonValue &v : truth.value(QStringLiteral("discrepancies")).toArray()) {
            const QJsonObject d = v.toObject();
            differingUsers.insert(d.value(QStringLiteral("userId")).toString());
            if (differing.isEmpty() && d.value(QStringLiteral("ledgerAccount")).toBool()
                && d.value(QStringLiteral("legacyRow")).toBool())
                differing = d;
        }
        QVERIFY2(!differing.isEmpty(), "the writer produced no two-sided discrepancy");
        const QString user = differing.value(QStringLiteral("userId")).toString();
        StagingWorld::Cli r = StagingWorld::cockpitctl(
            {QStringLiteral("ledger"), QStringLiteral("balance"), QStringLiteral("--config"), config,
             QStringLiteral("--user"), user, QStringLiteral("--history"), QStringLiteral("100000"),
             QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(r.exitCode == ExitFindings, qPrintable(r.out + r.err));
        const QJsonObject report = parse(r.out);
        const QJsonObject account =
            accountOf(report, differing.value(QStringLiteral("accountType")).toString());
        QCOMPARE(account.value(QStringLiteral("ledger")).toString(),
                 differing.value(QStringLiteral("ledger")).toString());
        QCOMPARE(account.value(QStringLiteral("legacy")).toString(),
                 differing.value(QStringLiteral("legacy")).toString());
        QVERIFY(account.value(QStringLiteral("discrepancy")).toBool());

        // The history: every entry of the user's accounts, newest first, with the transaction's type.
        QString count;
        QCOMPARE(world.adminSql(QLatin1String("SELECT count(*) FROM ledger_entries e JOIN ledger_accounts a"
                                              " ON a.id = e.account_id WHERE a.user_id = '")
                                    + user + QLatin1String("'"),
                                &count),
                 QString());
        const QJsonArray history = report.value(QStringLiteral("history")).toArray();
        QCOMPARE(QString::number(history.size()), count.trimmed());
        QVERIFY(!history.isEmpty());
        QString newest;
        QCOMPARE(world.adminSql(
                     QLatin1String("SELECT t.transaction_type FROM ledger_entries e JOIN ledger_accounts a"
                                   " ON a.id = e.account_id JOIN ledger_transactions t ON t.id ="
                                   " e.transaction_id WHERE a.user_id = '")
                         + user + QLatin1String("' ORDER BY e.created_at DESC, e.id DESC LIMIT 1"),
                     &newest),
                 QString());
        QCOMPARE(history.first().toObject().value(QStringLiteral("kind")).toString(), newest.trimmed());
        QVERIFY(history.first().toObject().value(QStringLiteral("at")).toString().endsWith(QLatin1Char('Z')));

        // A user the ground truth does not list: in sync, exit 0.
        QString users;
        QCOMPARE(world.adminSql(QStringLiteral("SELECT user_id FROM balances ORDER BY user_id"), &users),
                 QString());
        QString inSync;
        for (const QString &u : users.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!differingUsers.contains(u.trimmed())) {
                inSync = u.trimmed();
                break;
            }
        }
        QVERIFY(!inSync.isEmpty());
        r = StagingWorld::cockpitctl({QStringLiteral("ledger"), QStringLiteral("balance"),
                                      QStringLiteral("--config"), config, QStringLiteral("--user"), inSync});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QLatin1String("ok")) && !r.out.contains(QLatin1String("DISCREPANCY")),
                 qPrintable(r.out));

        // Not a uuid: one message naming the column and its key, exit 2, no SQL error.
        r = StagingWorld::cockpitctl({QStringLiteral("ledger"), QStringLiteral("balance"),
                                      QStringLiteral("--config"), config, QStringLiteral("--user"),
                                      QStringLiteral("user-7")});
        QCOMPARE(r.exitCode, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("is not a uuid"))
                     && r.err.contains(QLatin1String("ledger.service.accounts.userId")),
                 qPrintable(r.err));
        // A well-formed id nobody has.
        r = StagingWorld::cockpitctl({QStringLiteral("ledger"), QStringLiteral("balance"),
                                      QStringLiteral("--config"), config, QStringLiteral("--user"),
                                      QStringLiteral("00000000-0000-4000-8000-000000000000")});
        QCOMPARE(r.exitCode, int(ExitUsage));
        QVERIFY2(r.err.contains(QLatin1String("has no ledger accounts")), qPrintable(r.err));

        // The service's ledger keeps its invariants; shadow-write failures are not rows of the service's.
        r = StagingWorld::cockpitctl({QStringLiteral("ledger"), QStringLiteral("check"),
                                      QStringLiteral("--config"), config, QStringLiteral("--format"),
                                      QStringLiteral("json")});
        QVERIFY2(r.exitCode == ExitOk, qPrintable(r.out + r.err));
        const QJsonObject check = parse(r.out);
        QVERIFY(check.value(QStringLiteral("observed")).toBool());
        QCOMPARE(check.value(QStringLiteral("violationCount")).toInteger(), 0);
        QVERIFY(check.value(QStringLiteral("shadowWriteFailures")).isNull());

        // A transaction made one-legged behind the service's back is found and named.
        QCOMPARE(
            world.serviceSql(QStringLiteral(
                "DELETE FROM ledger_entries WHERE id = (SELECT id FROM ledger_entries ORDER BY id LIMIT 1)")),
            QString());
        r = StagingWorld::cockpitctl(
            {QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, int(ExitFindings));
        QVERIFY2(r.out.contains(QLatin1String("VIOLATION: transaction ")), qPrintable(r.out));

        // Nothing of the cockpit's in the database: the same schema, no cockpit schema content. (The row
        // counts changed by the one deletion above only.)
        const StagingWorld::Snapshot after = world.snapshot(&e);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(after.publicSchema, before.publicSchema);
        QCOMPARE(after.cockpitSchema, before.cockpitSchema);
        QMap<QString, qint64> expected = before.rows;
        --expected[QStringLiteral("public.ledger_entries")];
        QCOMPARE(after.rows, expected);
    }
};

QTEST_GUILESS_MAIN(TstStagingLedger)
#include "tst_staging_ledger.moc"
