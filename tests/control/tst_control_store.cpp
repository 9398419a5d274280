// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/postgres_control_store.h"
#include "control/sqlite_control_store.h"
#include "control_test_config.h"
#include "pg_test_database.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Cockpit;

namespace {

TransitionIntent intentFor(const QString &migration, const QString &from, const QString &to, qint64 version,
                           const QString &who)
{
    TransitionIntent i;
    i.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    i.migration = migration;
    i.fromPhase = from;
    i.toPhase = to;
    i.kind = QStringLiteral("advance");
    i.fromVersion = version;
    i.operatorLabel = who;
    i.host = QStringLiteral("host-") + who;
    i.pid = 4242;
    i.startedAt = QDateTime::currentDateTimeUtc();
    i.reason = QStringLiteral("test");
    i.owner = QStringLiteral("lease-") + who;
    return i;
}

AuditEntry entry(const QString &action)
{
    AuditEntry e;
    e.osUser = QStringLiteral("tester");
    e.host = QStringLiteral("testhost");
    e.environment = QStringLiteral("unit");
    e.migration = QStringLiteral("ledger");
    e.action = action;
    e.result = QStringLiteral("ok");
    return e;
}

} // namespace

// Every test runs on SQLite and on PostgreSQL (skipped visibly when no server is available).
class TestControlStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CockpitTest::PgTestDatabase> m_pg;
    DatabaseConfig m_pgConfig;

    // A fresh store on a fresh database; a second call in the same test opens another store on the same one.
    std::unique_ptr<ControlStore> makeStore(const QString &driver)
    {
        if (driver == QLatin1String("sqlite")) {
            if (!m_dir)
                m_dir = std::make_unique<QTemporaryDir>();
            return std::make_unique<SqliteControlStore>(
                m_dir->filePath(QStringLiteral("sub/control.sqlite")));
        }
        if (!m_pg) {
            m_pg = std::make_unique<CockpitTest::PgTestDatabase>();
            m_pgConfig = m_pg->config();
        }
        // A shared server: the schema is created by the explicit setup step, never by open().
        auto store =
            std::make_unique<PostgresControlStore>(m_pg->config(), QStringLiteral("cockpit_control"));
        if (const Result<void> setUp = store->setupSchema(); !setUp)
            qWarning() << "setup of the control schema failed:" << setUp.error().message;
        return store;
    }

    void addDrivers()
    {
        QTest::addColumn<QString>("driver");
        QTest::addRow("sqlite") << QStringLiteral("sqlite");
        QTest::addRow("postgresql") << QStringLiteral("postgresql");
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

    void createsSchemaAndInitialRows_data()
    {
        addDrivers();
    }
    void createsSchemaAndInitialRows()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        QCOMPARE(store->schemaVersion(), ControlStore::kSchemaVersion);
        QVERIFY(store
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("legacy_only")},
                                        {QStringLiteral("state"), QStringLiteral("leveldb_only")}},
                                       QStringLiteral("alice"), QStringLiteral("h1"))
                    .has_value());
        // A second call (next start) keeps what is there.
        QVERIFY(store
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("shadow")}},
                                       QStringLiteral("bob"), QStringLiteral("h2"))
                    .has_value());
        const std::optional<MigrationState> ledger = store->state(QStringLiteral("ledger")).value();
        QVERIFY(ledger.has_value());
        QCOMPARE(ledger->phase, QStringLiteral("legacy_only"));
        QCOMPARE(ledger->version, 1);
        QCOMPARE(ledger->changedBy, QStringLiteral("alice"));
        QCOMPARE(store->states().value().size(), 2);
        // Reopening an existing database works and reads the same schema version.
        auto again = makeStore(driver);
        QVERIFY(again->open().has_value());
        QCOMPARE(again->state(QStringLiteral("state")).value()->phase, QStringLiteral("leveldb_only"));
    }

    void compareAndSetHasOneWinner_data()
    {
        addDrivers();
    }
    void compareAndSetHasOneWinner()
    {
        QFETCH(QString, driver);
        OPEN_STORE(first);
        OPEN_STORE(second);
        QVERIFY(first
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("shadow")}},
                                       QStringLiteral("init"), QStringLiteral("h"))
                    .has_value());
        // Both looked at version 1 / shadow.
        const TransitionIntent a = intentFor(QStringLiteral("ledger"), QStringLiteral("shadow"),
                                             QStringLiteral("ledger_reads"), 1, QStringLiteral("alice"));
        const TransitionIntent b = intentFor(QStringLiteral("ledger"), QStringLiteral("shadow"),
                                             QStringLiteral("strict"), 1, QStringLiteral("bob"));
        QVERIFY(first->beginTransition(a).has_value());
        const Result<void> lost = second->beginTransition(b);
        QCOMPARE(outcomeName(lost), QStringLiteral("conflict"));
        QVERIFY2(errorMessage(lost).startsWith(
                     QStringLiteral("state changed since you looked: ledger is being moved from "
                                    "shadow to ledger_reads (started by alice on host-alice")),
                 qPrintable(errorMessage(lost)));
        QCOMPARE(second->pendingIntents().value().size(), 1);

        AuditEntry done = entry(QStringLiteral("advance"));
        QVERIFY(first
                    ->finishTransition(a.id, a.owner, ControlStore::Outcome::Completed, QStringLiteral("ran"),
                                       done)
                    .has_value());
        const std::optional<MigrationState> now = second->state(QStringLiteral("ledger")).value();
        QVERIFY(now);
        QCOMPARE(now->phase, QStringLiteral("ledger_reads"));
        QCOMPARE(now->version, 2);
        QCOMPARE(now->changedBy, QStringLiteral("alice"));
        QVERIFY(now->pendingIntent.isEmpty());
        QVERIFY(second->pendingIntents().value().isEmpty());
        QCOMPARE(second->intent(a.id).value()->status, QStringLiteral("completed"));

        // Bob retries against what he saw: the state moved on.
        const Result<void> stale = second->beginTransition(b);
        QCOMPARE(outcomeName(stale), QStringLiteral("conflict"));
        QVERIFY2(errorMessage(stale).startsWith(QStringLiteral(
                     "state changed since you looked: ledger is now ledger_reads (changed by alice on "
                     "host-alice at ")),
                 qPrintable(errorMessage(stale)));
        // The completion and its audit entry committed together.
        QCOMPARE(second->audit().entries({}).value().size(), 1);
        QCOMPARE(second->audit().entries({}).value().first().seq, 1);
    }

    // What the views' follower reads: equal while nothing changes, different after every change another
    // store makes (a transition begun and completed, a setting with its audit entry).
    void changeStampFollowsEveryChange_data()
    {
        addDrivers();
    }
    void changeStampFollowsEveryChange()
    {
        QFETCH(QString, driver);
        OPEN_STORE(watcher);
        OPEN_STORE(actor);
        QVERIFY(actor
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("shadow")}},
                                       QStringLiteral("init"), QStringLiteral("h"))
                    .has_value());
        const Result<QString> first = watcher->changeStamp();
        QVERIFY2(first, qPrintable(errorMessage(first)));
        QCOMPARE(watcher->changeStamp().value(), *first);

        const TransitionIntent a = intentFor(QStringLiteral("ledger"), QStringLiteral("shadow"),
                                             QStringLiteral("ledger_reads"), 1, QStringLiteral("alice"));
        QVERIFY(actor->beginTransition(a).has_value());
        const QString begun = watcher->changeStamp().value();
        QVERIFY(begun != *first);
        AuditEntry done = entry(QStringLiteral("advance"));
        QVERIFY(actor->finishTransition(a.id, a.owner, ControlStore::Outcome::Completed, QString(), done)
                    .has_value());
        const QString completed = watcher->changeStamp().value();
        QVERIFY(completed != begun);

        // A setting and its audit entry, in one transaction: both there, and the stamp moved.
        AuditEntry audited = entry(QStringLiteral("auto-rollback"));
        audited.reason = QStringLiteral("load test");
        QVERIFY(actor
                    ->setSetting({QStringLiteral("rollout.autoRollback"), QStringLiteral("off"),
                                  QStringLiteral("alice"), QStringLiteral("load test"),
                                  QDateTime::currentDateTimeUtc()},
                                 &audited)
                    .has_value());
        QCOMPARE(watcher->setting(QStringLiteral("rollout.autoRollback")).value()->value,
                 QStringLiteral("off"));
        AuditLog::Filter filter;
        filter.action = QStringLiteral("auto-rollback");
        QCOMPARE(watcher->audit().entries(filter).value().size(), 1);
        QVERIFY(watcher->changeStamp().value() != completed);
    }

    void failedTransitionKeepsPhase_data()
    {
        addDrivers();
    }
    void failedTransitionKeepsPhase()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        QVERIFY(store
                    ->ensureMigrations({{QStringLiteral("state"), QStringLiteral("dual_write")}},
                                       QStringLiteral("i"), QStringLiteral("h"))
                    .has_value());
        const TransitionIntent i =
            intentFor(QStringLiteral("state"), QStringLiteral("dual_write"),
                      QStringLiteral("json_reads_with_fallback"), 1, QStringLiteral("carol"));
        QVERIFY(store->beginTransition(i).has_value());
        AuditEntry failed = entry(QStringLiteral("advance"));
        failed.actuatorOutput = QStringLiteral("exit 7");
        QVERIFY(store
                    ->finishTransition(i.id, i.owner, ControlStore::Outcome::Failed, QStringLiteral("exit 7"),
                                       failed)
                    .has_value());
        const std::optional<MigrationState> now = store->state(QStringLiteral("state")).value();
        QVERIFY(now);
        QCOMPARE(now->phase, QStringLiteral("dual_write"));
        QCOMPARE(now->version, 1);
        QVERIFY(now->pendingIntent.isEmpty());
        QCOMPARE(store->intent(i.id).value()->status, QStringLiteral("failed"));
        // Finishing twice is refused: the intent is no longer pending.
        AuditEntry twice = entry(QStringLiteral("advance"));
        QCOMPARE(outcomeName(store->finishTransition(i.id, i.owner, ControlStore::Outcome::Completed,
                                                     QString(), twice)),
                 QStringLiteral("conflict"));
        QCOMPARE(store->state(QStringLiteral("state")).value()->phase, QStringLiteral("dual_write"));
    }

    void pendingIntentSurvivesReopen_data()
    {
        addDrivers();
    }
    void pendingIntentSurvivesReopen()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        QVERIFY(store
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("strict")}},
                                       QStringLiteral("i"), QStringLiteral("h"))
                    .has_value());
        const TransitionIntent i = intentFor(QStringLiteral("ledger"), QStringLiteral("strict"),
                                             QStringLiteral("ledger_only"), 1, QStringLiteral("dave"));
        QVERIFY(store->beginTransition(i).has_value());
        store.reset(); // the process "dies"
        OPEN_STORE(next);
        const QList<TransitionIntent> pending = next->pendingIntents().value();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().id, i.id);
        QCOMPARE(pending.first().toPhase, QStringLiteral("ledger_only"));
        QCOMPARE(next->state(QStringLiteral("ledger")).value()->pendingIntent, i.id);
        QCOMPARE(next->state(QStringLiteral("ledger")).value()->phase, QStringLiteral("strict"));
        AuditEntry back = entry(QStringLiteral("rollback_interrupted"));
        QVERIFY(next->finishTransition(i.id, i.owner, ControlStore::Outcome::RolledBack, QString(), back)
                    .has_value());
        QCOMPARE(next->state(QStringLiteral("ledger")).value()->phase, QStringLiteral("strict"));
        QCOMPARE(next->intent(i.id).value()->status, QStringLiteral("rolled_back"));
    }

    // The lease: its holder renews it; a takeover is a compare-and-set on the holder; the old holder is
    // fenced out (no heartbeat, no completion); only the new one completes the intent.
    void leaseFencesTheOldHolder_data()
    {
        addDrivers();
    }
    void leaseFencesTheOldHolder()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        QVERIFY(store
                    ->ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("shadow")}},
                                       QStringLiteral("t"), QStringLiteral("h"))
                    .has_value());
        const TransitionIntent a = intentFor(QStringLiteral("ledger"), QStringLiteral("shadow"),
                                             QStringLiteral("ledger_reads"), 1, QStringLiteral("alice"));
        QVERIFY(store->beginTransition(a).has_value());
        QVERIFY(store->intent(a.id).value()->isRunning(QDateTime::currentDateTimeUtc()));
        QVERIFY(store->heartbeat(a.id, a.owner).has_value());

        TransitionIntent bob =
            intentFor(QStringLiteral("ledger"), QString(), QString(), 0, QStringLiteral("bob"));
        QVERIFY(store->takeOver(a.id, a.owner, bob).has_value());
        const TransitionIntent held = store->intent(a.id).value().value();
        QCOMPARE(held.owner, bob.owner);
        QCOMPARE(held.host, QStringLiteral("host-bob"));
        // A second taker that saw alice as the holder loses the compare-and-set.
        const TransitionIntent carol =
            intentFor(QStringLiteral("ledger"), QString(), QString(), 0, QStringLiteral("carol"));
        const Result<void> late = store->takeOver(a.id, a.owner, carol);
        QCOMPARE(outcomeName(late), QStringLiteral("conflict"));
        QVERIFY2(errorMessage(late).contains(QStringLiteral("is now held by bob on host-bob")),
                 qPrintable(errorMessage(late)));

        const Result<void> beat = store->heartbeat(a.id, a.owner);
        QCOMPARE(outcomeName(beat), QStringLiteral("fenced"));
        AuditEntry stale = entry(QStringLiteral("advance"));
        const Result<void> fenced =
            store->finishTransition(a.id, a.owner, ControlStore::Outcome::Completed, QString(), stale);
        QCOMPARE(outcomeName(fenced), QStringLiteral("fenced"));
        QCOMPARE(store->state(QStringLiteral("ledger")).value()->phase, QStringLiteral("shadow"));
        AuditEntry back = entry(QStringLiteral("rollback_interrupted"));
        QVERIFY(store->finishTransition(a.id, bob.owner, ControlStore::Outcome::RolledBack, QString(), back)
                    .has_value());
        QCOMPARE(outcomeName(store->heartbeat(a.id, bob.owner)), QStringLiteral("conflict"));
        QVERIFY(store->pendingIntents().value().isEmpty());
    }

    void newerSchemaIsRefused_data()
    {
        addDrivers();
    }
    void newerSchemaIsRefused()
    {
        QFETCH(QString, driver);
        {
            OPEN_STORE(store);
        }
        const bool pg = driver == QLatin1String("postgresql");
        const QString error =
            ControlTest::execSql(m_dir ? m_dir->filePath(QStringLiteral("sub/control.sqlite")) : QString(),
                                 pg ? &m_pgConfig : nullptr,
                                 pg ? QStringLiteral("UPDATE cockpit_control.schema_version SET version = 99")
                                    : QStringLiteral("UPDATE schema_version SET version = 99"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto later = makeStore(driver);
        const Result<void> opened = later->open();
        QCOMPARE(outcomeName(opened), QStringLiteral("error"));
        QVERIFY2(errorMessage(opened).contains(QStringLiteral("schema version 99 is newer")),
                 qPrintable(errorMessage(opened)));
    }

    void evidenceKeepsTheWorstVerdict_data()
    {
        addDrivers();
    }
    void evidenceKeepsTheWorstVerdict()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        const QDateTime at = QDateTime::currentDateTimeUtc();
        auto record = [&](qint64 from, const QString &status, const QString &evidence) {
            return EvidenceRecord{QStringLiteral("pool"),        from, from + 60000, status, evidence,
                                  QStringLiteral("guard on h1"), at};
        };
        QVERIFY(
            store->recordEvidence({record(0, QStringLiteral("inconclusive"), QStringLiteral("{\"n\":1}"))})
                .has_value());
        // Data that arrived late completes an inconclusive interval ...
        QVERIFY(store->recordEvidence({record(0, QStringLiteral("failing"), QStringLiteral("{\"n\":2}"))})
                    .has_value());
        // ... a later pass never hides what a rollback was based on ...
        QVERIFY(store
                    ->recordEvidence({record(0, QStringLiteral("pass"), QStringLiteral("{\"n\":3}")),
                                      record(60000, QStringLiteral("pass"), QStringLiteral("{\"n\":4}"))})
                    .has_value());
        // ... and a streak that grew to a breach is what the interval is then remembered for.
        QVERIFY(store->recordEvidence({record(0, QStringLiteral("breach"), QStringLiteral("{\"n\":5}"))})
                    .has_value());
        QVERIFY(store->recordEvidence({record(0, QStringLiteral("failing"), QStringLiteral("{\"n\":6}"))})
                    .has_value());
        QVERIFY(
            store
                ->recordEvidence({EvidenceRecord{QStringLiteral("other"), 0, 60000, QStringLiteral("pass"),
                                                 QStringLiteral("{}"), QStringLiteral("g"), at}})
                .has_value());
        const Result<QList<EvidenceRecord>> all = store->evidence(QStringLiteral("pool"), -1, 120000, 10);
        QVERIFY2(all, qPrintable(errorMessage(all)));
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).status, QStringLiteral("breach"));
        QCOMPARE(all->at(0).evidence, QStringLiteral("{\"n\":5}"));
        QCOMPARE(all->at(0).recordedBy, QStringLiteral("guard on h1"));
        QCOMPARE(all->at(1).fromMs, 60000);
        QCOMPARE(all->at(1).toMs, 120000);
        // The newest within the limit, oldest first.
        const auto newest = store->evidence(QStringLiteral("pool"), -1, 120000, 1);
        QVERIFY(newest && newest->size() == 1);
        QCOMPARE(newest->first().fromMs, 60000);

        int removed = -1;
        QVERIFY(store->pruneEvidence(100000, &removed).has_value());
        QCOMPARE(removed, 2); // pool's first interval and other's
        QCOMPARE(store->evidence(QStringLiteral("pool"), -1, 120000, 10)->size(), 1);
        QVERIFY(store->evidence(QStringLiteral("other"), -1, 120000, 10)->isEmpty());
    }

    // A headless guard takes the lease from a window, which guards only while it is open; a window never
    // takes it from a headless guard, and a holder renews its own.
    void headlessGuardTakesTheLeaseFromAWindow_data()
    {
        addDrivers();
    }
    void headlessGuardTakesTheLeaseFromAWindow()
    {
        QFETCH(QString, driver);
        OPEN_STORE(store);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const GuardLease window{QStringLiteral("w"),
                                QStringLiteral("cockpit window (alice)"),
                                QStringLiteral("laptop"),
                                1,
                                now,
                                now.addSecs(30),
                                0};
        const GuardLease headless{QStringLiteral("h"),
                                  QStringLiteral("cockpitctl guard (guard)"),
                                  QStringLiteral("ops-1"),
                                  2,
                                  now,
                                  now.addSecs(30),
                                  1};
        QVERIFY(store->acquireGuardLease(window).has_value());
        QVERIFY(store->acquireGuardLease(window).has_value()); // renewed
        QVERIFY(store->acquireGuardLease(headless).has_value());
        QCOMPARE(store->guardLease().value()->holder, QStringLiteral("h"));
        QCOMPARE(store->guardLease().value()->priority, 1);
        const Result<void> refused = store->acquireGuardLease(window);
        QCOMPARE(outcomeName(refused), QStringLiteral("conflict"));
        QVERIFY2(errorMessage(refused).contains(QStringLiteral("cockpitctl guard (guard) on ops-1")),
                 qPrintable(errorMessage(refused)));
        // Another headless guard stands by too, until the lease expires.
        GuardLease other = headless;
        other.holder = QStringLiteral("h2");
        QCOMPARE(outcomeName(store->acquireGuardLease(other)), QStringLiteral("conflict"));
    }

    // A store at version 4 gets the evidence table and the lease's priority from the upgrade: an SQLite file
    // on open, a PostgreSQL schema only from the explicit setup step (open() names the versions and the
    // command).
    void evidenceArrivesWithTheUpgrade_data()
    {
        addDrivers();
    }
    void evidenceArrivesWithTheUpgrade()
    {
        QFETCH(QString, driver);
        {
            OPEN_STORE(store);
        }
        const bool pg = driver == QLatin1String("postgresql");
        const QString file = m_dir ? m_dir->filePath(QStringLiteral("sub/control.sqlite")) : QString();
        const QString prefix = pg ? QStringLiteral("cockpit_control.") : QString();
        const QStringList statements = {
            QLatin1String("DROP TABLE ") + prefix + QLatin1String("rollout_evidence"),
            QLatin1String("ALTER TABLE ") + prefix + QLatin1String("guard_lease DROP COLUMN priority"),
            QLatin1String("UPDATE ") + prefix + QLatin1String("schema_version SET version = 4")};
        for (const QString &sql : statements) {
            const QString error = ControlTest::execSql(file, pg ? &m_pgConfig : nullptr, sql);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        std::unique_ptr<ControlStore> store;
        if (pg) {
            store = std::make_unique<PostgresControlStore>(m_pgConfig, QStringLiteral("cockpit_control"));
            const Result<void> opened = store->open();
            QCOMPARE(outcomeName(opened), QStringLiteral("notSetUp"));
            QVERIFY2(errorMessage(opened).contains(QStringLiteral("is at version 4, this cockpit needs 5")),
                     qPrintable(errorMessage(opened)));
            QVERIFY(store->setupSchema().has_value());
        } else {
            store = makeStore(driver);
            QVERIFY(store->open().has_value());
        }
        QCOMPARE(store->schemaVersion(), 5);
        QVERIFY(store
                    ->recordEvidence({EvidenceRecord{QStringLiteral("pool"), 0, 60000, QStringLiteral("pass"),
                                                     QStringLiteral("{}"), QStringLiteral("g"),
                                                     QDateTime::currentDateTimeUtc()}})
                    .has_value());
    }

    // A read-only session opens the file read-only: it reads, SQLite refuses every write, the bytes stay as
    // they were, and a missing file is reported (naming the setup command), not created.
    void readOnlySqliteSessionChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("control.sqlite"));
        {
            SqliteControlStore writer(path);
            QVERIFY(writer.open().has_value());
            QVERIFY(writer
                        .ensureMigrations({{QStringLiteral("ledger"), QStringLiteral("shadow")}},
                                          QStringLiteral("alice"), QStringLiteral("h1"))
                        .has_value());
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        {
            SqliteControlStore reader(path, true, QStringLiteral("env.json"));
            QVERIFY(reader.open().has_value());
            QCOMPARE(reader.state(QStringLiteral("ledger")).value()->phase, QStringLiteral("shadow"));
            QVERIFY(!reader
                         .ensureMigrations({{QStringLiteral("state"), QStringLiteral("leveldb_only")}},
                                           QStringLiteral("bob"), QStringLiteral("h2"))
                         .has_value());
            QVERIFY(
                !reader
                     .setRolloutPause(QStringLiteral("transaction_pool"),
                                      RolloutPause{QStringLiteral("transaction_pool"), QStringLiteral("bob"),
                                                   QStringLiteral("test"), QDateTime::currentDateTimeUtc()})
                     .has_value());
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        file.close();

        const QString missing = dir.filePath(QStringLiteral("none/control.sqlite"));
        SqliteControlStore absent(missing, true, QStringLiteral("env.json"));
        const Result<void> opened = absent.open();
        QCOMPARE(outcomeName(opened), QStringLiteral("notSetUp"));
        QVERIFY2(errorMessage(opened).contains(QStringLiteral("cockpitctl setup --config env.json")),
                 qPrintable(errorMessage(opened)));
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("none"))));
    }

    void unreachableServerIsReported()
    {
        DatabaseConfig config;
        config.driver = DatabaseConfig::Driver::Postgres;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 1; // nothing listens there
        config.dbname = QStringLiteral("none");
        config.user = QStringLiteral("none");
        config.connectTimeoutSeconds = 2;
        PostgresControlStore store(config, QStringLiteral("cockpit_control"));
        const Result<void> opened = store.open();
        QCOMPARE(outcomeName(opened), QStringLiteral("unreachable"));
        QVERIFY2(errorMessage(opened).contains(QStringLiteral("postgresql://none@127.0.0.1:1/none")),
                 qPrintable(errorMessage(opened)));
    }
};

QTEST_GUILESS_MAIN(TestControlStore)
#include "tst_control_store.moc"
