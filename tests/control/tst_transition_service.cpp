// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/static_gate.h"
#include "control/transition_service.h"
#include "control_test_config.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Cockpit;
using namespace Qt::StringLiterals;

namespace {

OperatorIdentity tester()
{
    OperatorIdentity id;
    id.osUser = QStringLiteral("tester");
    id.displayName = QStringLiteral("Test Operator");
    id.host = QStringLiteral("test-host");
    return id;
}

GateResult failing()
{
    return {GateResult::Verdict::Fail,
            QStringLiteral("3 discrepancies in the last 7d (0 allowed), last at 2026-11-20 14:02:00 UTC")};
}

} // namespace

// The operator-safety rules, on a real SQLite control database with real actuators.
class TestTransitionService : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    EnvironmentConfig m_config;
    std::unique_ptr<ControlStore> m_store;
    GateRegistry m_gates;

    std::unique_ptr<TransitionService> service(const QString &kind, const QJsonObject &ledgerActuator = {},
                                               bool readOnly = false)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_config = ControlTest::load(ControlTest::writeConfig(m_dir->path(), kind, nullptr, ledgerActuator));
        m_store = ControlStore::create(m_config);
        auto s = std::make_unique<TransitionService>(m_config, tester(), readOnly, *m_store, m_gates);
        const ControlResult opened = s->open();
        if (!opened.ok())
            qWarning() << opened.message;
        return s;
    }

    static TransitionService::Request advance(const QString &migration, const QString &from = QString())
    {
        return {migration, TransitionService::Direction::Advance, QString(), from};
    }

    QStringList actions()
    {
        QStringList list;
        for (const AuditEntry &e : m_store->audit().entries({}))
            list.append(e.action + QLatin1Char(':') + e.result.section(QLatin1Char(':'), 0, 0));
        return list;
    }

private slots:
    void cleanup()
    {
        m_gates.clear();
        m_store.reset();
        m_dir.reset();
    }

    void advanceMovesPhaseAndAudits()
    {
        auto s = service(QStringLiteral("demo"));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY2(plan.isValid(), qPrintable(plan.status.message));
        QCOMPARE(plan.transition.from, QStringLiteral("legacy_only"));
        QCOMPARE(plan.transition.to, QStringLiteral("shadow"));
        QCOMPARE(plan.gates.size(), 1); // control's own gate
        QVERIFY(plan.gatesPassed());
        const auto out = s->execute(plan, {QStringLiteral("week 1"), false, QString(), false});
        QVERIFY2(out.result.ok(), qPrintable(out.result.message));
        QCOMPARE(out.phase, QStringLiteral("shadow"));
        QCOMPARE(out.version, 2);
        QCOMPARE(actions(), QStringList({u"advance:ok"_s}));
        const AuditEntry e = m_store->audit().entries({}).first();
        QCOMPARE(e.reason, QStringLiteral("week 1"));
        QCOMPARE(e.displayName, QStringLiteral("Test Operator"));
        QVERIFY(e.gateEvidence.contains(QStringLiteral("[pass] No interrupted transition pending")));
    }

    void failingGateRefusedWithoutOverride()
    {
        auto s = service(QStringLiteral("demo"));
        m_gates.add(QStringLiteral("ledger"), QStringLiteral("shadow"),
                    std::make_shared<StaticGate>(QStringLiteral("Shadow clean for 7 days"), failing()));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY(plan.isValid());
        QVERIFY(plan.blockedByGates());
        auto out = s->execute(plan, {QStringLiteral("because"), false, QString(), false});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QVERIFY2(out.result.message.contains(
                     QStringLiteral("gate not passed: Shadow clean for 7 days (fail: 3 discrepancies")),
                 qPrintable(out.result.message));
        QCOMPARE(m_store->state(QStringLiteral("ledger"))->phase, QStringLiteral("legacy_only"));
        // Override without a reason is refused too.
        out = s->execute(plan, {QStringLiteral("  "), true, QString(), false});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QVERIFY(out.result.message.contains(QStringLiteral("override needs a reason")));
        // Override with a reason goes through, and the override itself is audited with the evidence.
        out = s->execute(plan, {QStringLiteral("discrepancies explained in INC-42"), true, QString(), false});
        QVERIFY2(out.result.ok(), qPrintable(out.result.message));
        QCOMPARE(out.phase, QStringLiteral("shadow"));
        QCOMPARE(actions(), QStringList({u"refused:refused"_s, u"override:gates overridden for ledger"_s,
                                         u"advance:ok"_s}));
        const AuditEntry override = m_store->audit().entries({}).at(1);
        QVERIFY(override.gateEvidence.contains(
            QStringLiteral("[fail] Shadow clean for 7 days: 3 discrepancies")));
        QCOMPARE(override.reason, QStringLiteral("discrepancies explained in INC-42"));
    }

    void inconclusiveGateAlsoBlocks()
    {
        auto s = service(QStringLiteral("demo"));
        m_gates.add(QStringLiteral("rollout:*"), QStringLiteral("v2_10"),
                    std::make_shared<StaticGate>(
                        QStringLiteral("Metrics reachable"),
                        GateResult{GateResult::Verdict::Inconclusive, QStringLiteral("timeout")}));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("rollout:sync_service")));
        QVERIFY(plan.blockedByGates());
        QCOMPARE(plan.gates.size(), 2);
        QCOMPARE(s->execute(plan, {}).result.status, ControlResult::Status::Refused);
    }

    void rollbackNeverBlockedButNeedsReason()
    {
        auto s = service(QStringLiteral("demo"));
        QVERIFY(s->execute(s->plan(advance(QStringLiteral("ledger"))), {}).result.ok());
        m_gates.add(QStringLiteral("ledger"), QStringLiteral("legacy_only"),
                    std::make_shared<StaticGate>(QStringLiteral("Anything"), failing()));
        const TransitionPlan plan =
            s->plan({QStringLiteral("ledger"), TransitionService::Direction::Rollback, {}, {}});
        QVERIFY(plan.isValid());
        QCOMPARE(plan.transition.to, QStringLiteral("legacy_only"));
        QVERIFY(plan.isRollback());
        QVERIFY(!plan.blockedByGates());
        auto out = s->execute(plan, {});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QVERIFY(out.result.message.contains(QStringLiteral("rollback needs a reason")));
        out = s->execute(plan, {QStringLiteral("discrepancy alert"), false, QString(), false});
        QVERIFY2(out.result.ok(), qPrintable(out.result.message));
        QCOMPARE(out.phase, QStringLiteral("legacy_only"));
        QCOMPARE(actions(), QStringList({u"advance:ok"_s, u"rollback:ok"_s}));
        QCOMPARE(m_store->audit().entries({}).last().reason, QStringLiteral("discrepancy alert"));
    }

    void prodNeedsTypedName()
    {
        auto s = service(QStringLiteral("prod"));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("state")));
        QVERIFY(plan.prod);
        auto out = s->execute(plan, {});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QVERIFY2(
            out.result.message.contains(QStringLiteral("\"test-prod\" is a prod environment: type its name")),
            qPrintable(out.result.message));
        out = s->execute(plan, {QString(), false, QStringLiteral("test-pro"), false});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QCOMPARE(m_store->state(QStringLiteral("state"))->phase, QStringLiteral("leveldb_only"));
        out = s->execute(plan, {QString(), false, QStringLiteral("test-prod"), false});
        QVERIFY2(out.result.ok(), qPrintable(out.result.message));
        QCOMPARE(out.phase, QStringLiteral("dual_write"));
    }

    void readOnlyRefusesEverythingButDryRun()
    {
        auto s = service(QStringLiteral("demo"), {}, true);
        // Nothing written on open: the migrations show their initial phase without a row.
        QVERIFY(m_store->states().isEmpty());
        QCOMPARE(s->status().first().state.phase, QStringLiteral("legacy_only"));
        QCOMPARE(s->status().first().state.version, 0);
        const TransitionPlan plan = s->plan(advance(QStringLiteral("ledger")));
        auto out = s->execute(plan, {QStringLiteral("r"), true, QString(), false});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QVERIFY(out.result.message.startsWith(QStringLiteral("read-only session")));
        out = s->execute(plan, {QString(), false, QString(), true});
        QVERIFY(out.result.ok());
        QVERIFY(out.output.startsWith(QStringLiteral("dry run: ledger: legacy_only -> shadow")));
        QVERIFY(m_store->audit().entries({}).isEmpty());
        QVERIFY(!m_store->state(QStringLiteral("ledger")).has_value());
    }

    void dryRunListsExactlyWhatWouldBeWritten()
    {
        auto s = service(QStringLiteral("demo"));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("rollout:transaction_pool")));
        const auto out = s->execute(plan, {QString(), false, QString(), true});
        QVERIFY(out.result.ok());
        const QString envPath = m_dir->filePath(QStringLiteral("data/rollout.env"));
        QVERIFY2(
            out.output.contains(
                QLatin1String("would write ") + envPath
                + QLatin1String(" atomically: TRANSACTION_POOL_V2_WEIGHT=10 TRANSACTION_POOL_VERSION=v2")),
            qPrintable(out.output));
        QVERIFY(!QFile::exists(envPath));
        QCOMPARE(actions(), QStringList({u"dry_run:planned"_s}));
        // Executing writes exactly that.
        QVERIFY(s->execute(plan, {}).result.ok());
        QFile env(envPath);
        QVERIFY(env.open(QIODevice::ReadOnly));
        QCOMPARE(env.readAll(), QByteArray("TRANSACTION_POOL_V2_WEIGHT=10\nTRANSACTION_POOL_VERSION=v2\n"));
    }

    void fromPhaseMustStillHold()
    {
        auto s = service(QStringLiteral("demo"));
        const TransitionPlan stale = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY(s->execute(s->plan(advance(QStringLiteral("ledger"), QStringLiteral("legacy_only"))), {})
                    .result.ok());
        // Planned against legacy_only/version 1 before the move: the compare-and-set refuses.
        auto out = s->execute(stale, {});
        QCOMPARE(out.result.status, ControlResult::Status::Conflict);
        QVERIFY2(
            out.result.message.startsWith(QStringLiteral(
                "state changed since you looked: ledger is now shadow (changed by tester (Test Operator) on test-host at ")),
            qPrintable(out.result.message));
        const TransitionPlan wrongFrom =
            s->plan(advance(QStringLiteral("ledger"), QStringLiteral("legacy_only")));
        QCOMPARE(wrongFrom.status.status, ControlResult::Status::Conflict);
        QCOMPARE(m_store->state(QStringLiteral("ledger"))->phase, QStringLiteral("shadow"));
        QCOMPARE(m_store->audit().entries({QString(), QStringLiteral("advance"), QString(), 0}).size(), 1);
    }

    void badRequestsAreInvalid_data()
    {
        QTest::addColumn<QString>("migration");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown migration")
            << u"ledgr"_s << u""_s << u""_s << u"unknown migration \"ledgr\""_s;
        QTest::addRow("unknown module")
            << u"rollout:nope"_s << u""_s << u""_s << u"rollout:transaction_pool, rollout:sync_service"_s;
        QTest::addRow("skip a phase")
            << u"ledger"_s << u"strict"_s << u""_s << u"cannot advance from legacy_only to strict"_s;
        QTest::addRow("unknown from")
            << u"state"_s << u""_s << u"shadow"_s << u"--from: state has no phase \"shadow\""_s;
    }

    void badRequestsAreInvalid()
    {
        QFETCH(QString, migration);
        QFETCH(QString, to);
        QFETCH(QString, from);
        QFETCH(QString, message);
        auto s = service(QStringLiteral("demo"));
        const TransitionPlan plan = s->plan({migration, TransitionService::Direction::Advance, to, from});
        QCOMPARE(plan.status.status, ControlResult::Status::Invalid);
        QVERIFY2(plan.status.message.contains(message), qPrintable(plan.status.message));
        QCOMPARE(s->execute(plan, {}).result.status, ControlResult::Status::Invalid);
    }

    void failingHookLeavesPhaseUnchanged()
    {
        const QJsonObject hook{
            {QStringLiteral("kind"), QStringLiteral("command")},
            {QStringLiteral("command"),
             QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                        QStringLiteral("echo cannot set LEDGER_SHADOW_MODE={shadow}; exit 3")}}};
        auto s = service(QStringLiteral("demo"), hook);
        const auto out = s->execute(s->plan(advance(QStringLiteral("ledger"))), {});
        QCOMPARE(out.result.status, ControlResult::Status::Refused);
        QVERIFY2(out.result.message.contains(QStringLiteral("actuator failed, ledger stays at legacy_only")),
                 qPrintable(out.result.message));
        const auto state = m_store->state(QStringLiteral("ledger"));
        QCOMPARE(state->phase, QStringLiteral("legacy_only"));
        QCOMPARE(state->version, 1);
        QVERIFY(m_store->pendingIntents().isEmpty());
        const AuditEntry e = m_store->audit().entries({}).last();
        QVERIFY(e.result.startsWith(QStringLiteral("failed: ledger: legacy_only -> shadow")));
        QVERIFY2(e.actuatorOutput.contains(QStringLiteral("cannot set LEDGER_SHADOW_MODE=true")),
                 qPrintable(e.actuatorOutput));
        QVERIFY(e.actuatorOutput.contains(QStringLiteral("command exited with code 3")));
    }

    void interruptedTransitionResumeOrRollback_data()
    {
        QTest::addColumn<bool>("resume");
        QTest::addColumn<bool>("running"); // its holder still renews the lease somewhere else
        QTest::addRow("resume") << true << false;
        QTest::addRow("roll back") << false << false;
        QTest::addRow("resume, holder alive") << true << true;
        QTest::addRow("roll back, holder alive") << false << true;
    }

    void interruptedTransitionResumeOrRollback()
    {
        QFETCH(bool, resume);
        QFETCH(bool, running);
        auto s = service(QStringLiteral("demo"));
        // A crash after the intent: simulate with the store directly (the CLI test kills a real process).
        TransitionIntent intent;
        intent.id = QStringLiteral("crashed-intent");
        intent.migration = QStringLiteral("state");
        intent.fromPhase = QStringLiteral("leveldb_only");
        intent.toPhase = QStringLiteral("dual_write");
        intent.kind = QStringLiteral("advance");
        intent.fromVersion = 1;
        intent.operatorLabel = QStringLiteral("ghost");
        intent.host = QStringLiteral("elsewhere");
        intent.owner = QStringLiteral("ghost-lease");
        intent.heartbeatAt = QDateTime::currentDateTimeUtc().addSecs(running ? 0 : -60);
        QVERIFY(m_store->beginTransition(intent).ok());

        const QList<MigrationStatus> status = s->status();
        QVERIFY(status.at(1).interrupted.has_value());
        QCOMPARE(status.at(1).interrupted->id, QStringLiteral("crashed-intent"));
        // Nothing else moves this migration, and the other migrations' gate reports it.
        QCOMPARE(s->plan(advance(QStringLiteral("state"))).status.status, ControlResult::Status::Refused);
        const TransitionPlan other = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY(other.blockedByGates());
        QVERIFY(other.gateEvidence().contains(
            QStringLiteral("state leveldb_only -> dual_write (started by ghost")));

        const TransitionPlan plan =
            s->plan({QStringLiteral("state"),
                     resume ? TransitionService::Direction::Resume : TransitionService::Direction::Rollback,
                     {},
                     {}});
        QVERIFY2(plan.isValid(), qPrintable(plan.status.message));
        QCOMPARE(plan.runningElsewhere.isEmpty(), !running);
        if (running) {
            // Refused while its holder is alive; forced, the takeover is audited before the actions run.
            const auto refused = s->execute(plan, {QStringLiteral("after crash"), false, QString(), false});
            QCOMPARE(refused.result.status, ControlResult::Status::Refused);
            QVERIFY2(
                refused.result.message.contains(QStringLiteral("state is still being moved (leveldb_only -> "
                                                               "dual_write, started by ghost on elsewhere")),
                qPrintable(refused.result.message));
        }
        TransitionService::Options options{QStringLiteral("after crash"), false, QString(), false};
        options.force = running;
        const auto out = s->execute(plan, options);
        QVERIFY2(out.result.ok(), qPrintable(out.result.message));
        QCOMPARE(m_store->intent(QStringLiteral("crashed-intent"))->host, tester().host);
        const auto state = m_store->state(QStringLiteral("state"));
        QCOMPARE(state->phase, resume ? QStringLiteral("dual_write") : QStringLiteral("leveldb_only"));
        QVERIFY(state->pendingIntent.isEmpty());
        QCOMPARE(m_store->intent(QStringLiteral("crashed-intent"))->status,
                 resume ? QStringLiteral("completed") : QStringLiteral("rolled_back"));
        QStringList expected{resume ? u"resume:ok"_s : u"rollback_interrupted:ok"_s};
        if (running)
            expected = QStringList{u"refused:refused"_s, u"takeover:ok"_s} + expected;
        QCOMPARE(actions(), expected);
    }
};

QTEST_GUILESS_MAIN(TestTransitionService)
#include "tst_transition_service.moc"
