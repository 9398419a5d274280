// SPDX-License-Identifier: MIT
#include "control/audit_log.h"
#include "control/static_gate.h"
#include "control/transition_service.h"
#include "control_test_config.h"

#include <QFile>
#include <QJsonArray>
#include <QLocale>
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
            Text::plain(QStringLiteral(
                "3 discrepancies in the last 7d (0 allowed), last at 2026-11-20 14:02:00 UTC"))};
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
        const Result<void> opened = s->open();
        if (!opened)
            qWarning() << errorMessage(opened);
        return s;
    }

    static TransitionService::Request advance(const QString &migration, const QString &from = QString())
    {
        return {migration, TransitionService::Direction::Advance, QString(), from};
    }

    QStringList actions()
    {
        QStringList list;
        const QList<AuditEntry> entries = m_store->audit().entries({}).value();
        for (const AuditEntry &e : entries)
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
        QVERIFY2(plan.isValid(), qPrintable(errorMessage(plan.status)));
        QCOMPARE(plan.transition.from, QStringLiteral("legacy_only"));
        QCOMPARE(plan.transition.to, QStringLiteral("shadow"));
        QCOMPARE(plan.gates.size(), 1); // control's own gate
        QVERIFY(plan.gatesPassed());
        const auto out = s->execute(plan, {QStringLiteral("week 1"), false, QString(), false});
        QVERIFY2(out.result.has_value(), qPrintable(errorMessage(out.result)));
        QCOMPARE(out.phase, QStringLiteral("shadow"));
        QCOMPARE(out.version, 2);
        QCOMPARE(actions(), QStringList({u"advance:ok"_s}));
        const AuditEntry e = m_store->audit().entries({}).value().first();
        QCOMPARE(e.reason, QStringLiteral("week 1"));
        QCOMPARE(e.displayName, QStringLiteral("Test Operator"));
        QVERIFY(e.gateEvidence.contains(QStringLiteral("[pass] No interrupted transition pending")));
    }

    // The dry run's text goes to cockpitctl's output and JSON: it carries the evidence's English form, with
    // numbers written plainly, whatever locale the process has.
    void dryRunWritesEvidenceInEnglish()
    {
        auto s = service(QStringLiteral("demo"));
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const Text evidence =
            Text::translate("Gates", "%1 mismatched, %2 equal, %3 only in LevelDB (served by fallback)")
                .arg(12345, 2, 0);
        m_gates.add(QStringLiteral("ledger"), QStringLiteral("shadow"),
                    std::make_shared<StaticGate>(Text::plain(QStringLiteral("Stores agree")),
                                                 GateResult{GateResult::Verdict::Fail, evidence}));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("ledger")));
        const auto out = s->execute(plan, {QString(), false, QString(), true});
        QLocale::setDefault(before);
        QCOMPARE(evidence.shown(),
                 QStringLiteral("12.345 mismatched, 2 equal, 0 only in LevelDB (served by fallback)"));
        QVERIFY2(out.output.contains(QStringLiteral("Stores agree: 12345 mismatched, 2 equal")),
                 qPrintable(out.output));
    }

    void failingGateRefusedWithoutOverride()
    {
        auto s = service(QStringLiteral("demo"));
        m_gates.add(
            QStringLiteral("ledger"), QStringLiteral("shadow"),
            std::make_shared<StaticGate>(Text::plain(QStringLiteral("Shadow clean for 7 days")), failing()));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY(plan.isValid());
        QVERIFY(plan.blockedByGates());
        auto out = s->execute(plan, {QStringLiteral("because"), false, QString(), false});
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QVERIFY2(
            errorMessage(out.result)
                .contains(QStringLiteral("gate not passed: Shadow clean for 7 days (fail: 3 discrepancies")),
            qPrintable(errorMessage(out.result)));
        QCOMPARE(m_store->state(QStringLiteral("ledger")).value()->phase, QStringLiteral("legacy_only"));
        // Override without a reason is refused too.
        out = s->execute(plan, {QStringLiteral("  "), true, QString(), false});
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QVERIFY(errorMessage(out.result).contains(QStringLiteral("override needs a reason")));
        // Override with a reason goes through, and the override itself is audited with the evidence.
        out = s->execute(plan, {QStringLiteral("discrepancies explained in INC-42"), true, QString(), false});
        QVERIFY2(out.result.has_value(), qPrintable(errorMessage(out.result)));
        QCOMPARE(out.phase, QStringLiteral("shadow"));
        QCOMPARE(actions(), QStringList({u"refused:refused"_s, u"override:gates overridden for ledger"_s,
                                         u"advance:ok"_s}));
        const AuditEntry override = m_store->audit().entries({}).value().at(1);
        QVERIFY(override.gateEvidence.contains(
            QStringLiteral("[fail] Shadow clean for 7 days: 3 discrepancies")));
        QCOMPARE(override.reason, QStringLiteral("discrepancies explained in INC-42"));
    }

    void inconclusiveGateAlsoBlocks()
    {
        auto s = service(QStringLiteral("demo"));
        m_gates.add(QStringLiteral("rollout:*"), QStringLiteral("v2_10"),
                    std::make_shared<StaticGate>(Text::plain(QStringLiteral("Metrics reachable")),
                                                 GateResult{GateResult::Verdict::Inconclusive,
                                                            Text::plain(QStringLiteral("timeout"))}));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("rollout:sync_service")));
        QVERIFY(plan.blockedByGates());
        QCOMPARE(plan.gates.size(), 2);
        QCOMPARE(outcomeName(s->execute(plan, {}).result), QStringLiteral("refused"));
    }

    void rollbackNeverBlockedButNeedsReason()
    {
        auto s = service(QStringLiteral("demo"));
        QVERIFY(s->execute(s->plan(advance(QStringLiteral("ledger"))), {}).result.has_value());
        m_gates.add(QStringLiteral("ledger"), QStringLiteral("legacy_only"),
                    std::make_shared<StaticGate>(Text::plain(QStringLiteral("Anything")), failing()));
        const TransitionPlan plan =
            s->plan({QStringLiteral("ledger"), TransitionService::Direction::Rollback, {}, {}});
        QVERIFY(plan.isValid());
        QCOMPARE(plan.transition.to, QStringLiteral("legacy_only"));
        QVERIFY(plan.isRollback());
        QVERIFY(!plan.blockedByGates());
        auto out = s->execute(plan, {});
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QVERIFY(errorMessage(out.result).contains(QStringLiteral("rollback needs a reason")));
        out = s->execute(plan, {QStringLiteral("discrepancy alert"), false, QString(), false});
        QVERIFY2(out.result.has_value(), qPrintable(errorMessage(out.result)));
        QCOMPARE(out.phase, QStringLiteral("legacy_only"));
        QCOMPARE(actions(), QStringList({u"advance:ok"_s, u"rollback:ok"_s}));
        QCOMPARE(m_store->audit().entries({}).value().last().reason, QStringLiteral("discrepancy alert"));
    }

    void prodNeedsTypedName()
    {
        auto s = service(QStringLiteral("prod"));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("state")));
        QVERIFY(plan.prod);
        auto out = s->execute(plan, {});
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QVERIFY2(errorMessage(out.result)
                     .contains(QStringLiteral("\"test-prod\" is a prod environment: type its name")),
                 qPrintable(errorMessage(out.result)));
        out = s->execute(plan, {QString(), false, QStringLiteral("test-pro"), false});
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QCOMPARE(m_store->state(QStringLiteral("state")).value()->phase, QStringLiteral("leveldb_only"));
        out = s->execute(plan, {QString(), false, QStringLiteral("test-prod"), false});
        QVERIFY2(out.result.has_value(), qPrintable(errorMessage(out.result)));
        QCOMPARE(out.phase, QStringLiteral("dual_write"));
    }

    void readOnlyRefusesEverythingButDryRun()
    {
        auto s = service(QStringLiteral("demo"), {}, true);
        // Nothing written on open: the migrations show their initial phase without a row.
        QVERIFY(m_store->states().value().isEmpty());
        QCOMPARE(s->status().value().first().state.phase, QStringLiteral("legacy_only"));
        QCOMPARE(s->status().value().first().state.version, 0);
        const TransitionPlan plan = s->plan(advance(QStringLiteral("ledger")));
        auto out = s->execute(plan, {QStringLiteral("r"), true, QString(), false});
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QVERIFY(errorMessage(out.result).startsWith(QStringLiteral("read-only session")));
        out = s->execute(plan, {QString(), false, QString(), true});
        QVERIFY(out.result.has_value());
        QVERIFY(out.output.startsWith(QStringLiteral("dry run: ledger: legacy_only -> shadow")));
        QVERIFY(m_store->audit().entries({}).value().isEmpty());
        QVERIFY(!m_store->state(QStringLiteral("ledger")).value().has_value());
    }

    void dryRunListsExactlyWhatWouldBeWritten()
    {
        auto s = service(QStringLiteral("demo"));
        const TransitionPlan plan = s->plan(advance(QStringLiteral("rollout:transaction_pool")));
        const auto out = s->execute(plan, {QString(), false, QString(), true});
        QVERIFY(out.result.has_value());
        const QString envPath = m_dir->filePath(QStringLiteral("data/rollout.env"));
        QVERIFY2(
            out.output.contains(
                QLatin1String("would write ") + envPath
                + QLatin1String(" atomically: TRANSACTION_POOL_V2_WEIGHT=10 TRANSACTION_POOL_VERSION=v2")),
            qPrintable(out.output));
        QVERIFY(!QFile::exists(envPath));
        QCOMPARE(actions(), QStringList({u"dry_run:planned"_s}));
        // Executing writes exactly that.
        QVERIFY(s->execute(plan, {}).result.has_value());
        QFile env(envPath);
        QVERIFY(env.open(QIODevice::ReadOnly));
        QCOMPARE(env.readAll(), QByteArray("TRANSACTION_POOL_V2_WEIGHT=10\nTRANSACTION_POOL_VERSION=v2\n"));
    }

    void fromPhaseMustStillHold()
    {
        auto s = service(QStringLiteral("demo"));
        const TransitionPlan stale = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY(s->execute(s->plan(advance(QStringLiteral("ledger"), QStringLiteral("legacy_only"))), {})
                    .result.has_value());
        // Planned against legacy_only/version 1 before the move: the compare-and-set refuses.
        auto out = s->execute(stale, {});
        QCOMPARE(outcomeName(out.result), QStringLiteral("conflict"));
        QVERIFY2(
            errorMessage(out.result)
                .startsWith(QStringLiteral(
                    "state changed since you looked: ledger is now shadow (changed by tester (Test Operator) on test-host at ")),
            qPrintable(errorMessage(out.result)));
        const TransitionPlan wrongFrom =
            s->plan(advance(QStringLiteral("ledger"), QStringLiteral("legacy_only")));
        QCOMPARE(outcomeName(wrongFrom.status), QStringLiteral("conflict"));
        QCOMPARE(m_store->state(QStringLiteral("ledger")).value()->phase, QStringLiteral("shadow"));
        QCOMPARE(
            m_store->audit().entries({QString(), QStringLiteral("advance"), QString(), 0}).value().size(), 1);
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
        QCOMPARE(outcomeName(plan.status), QStringLiteral("invalid"));
        QVERIFY2(errorMessage(plan.status).contains(message), qPrintable(errorMessage(plan.status)));
        QCOMPARE(outcomeName(s->execute(plan, {}).result), QStringLiteral("invalid"));
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
        QCOMPARE(outcomeName(out.result), QStringLiteral("refused"));
        QVERIFY2(
            errorMessage(out.result).contains(QStringLiteral("actuator failed, ledger stays at legacy_only")),
            qPrintable(errorMessage(out.result)));
        const auto state = m_store->state(QStringLiteral("ledger")).value();
        QCOMPARE(state->phase, QStringLiteral("legacy_only"));
        QCOMPARE(state->version, 1);
        QVERIFY(m_store->pendingIntents().value().isEmpty());
        const AuditEntry e = m_store->audit().entries({}).value().last();
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
        QVERIFY(m_store->beginTransition(intent).has_value());

        const QList<MigrationStatus> status = s->status().value();
        QVERIFY(status.at(1).interrupted.has_value());
        QCOMPARE(status.at(1).interrupted->id, QStringLiteral("crashed-intent"));
        // Nothing else moves this migration, and the other migrations' gate reports it.
        QCOMPARE(outcomeName(s->plan(advance(QStringLiteral("state"))).status), QStringLiteral("refused"));
        const TransitionPlan other = s->plan(advance(QStringLiteral("ledger")));
        QVERIFY(other.blockedByGates());
        QVERIFY(other.gateEvidence().contains(
            QStringLiteral("state leveldb_only -> dual_write (started by ghost")));

        const TransitionPlan plan =
            s->plan({QStringLiteral("state"),
                     resume ? TransitionService::Direction::Resume : TransitionService::Direction::Rollback,
                     {},
                     {}});
        QVERIFY2(plan.isValid(), qPrintable(errorMessage(plan.status)));
        QCOMPARE(plan.runningElsewhere.isEmpty(), !running);
        if (running) {
            // Refused while its holder is alive; forced, the takeover is audited before the actions run.
            const auto refused = s->execute(plan, {QStringLiteral("after crash"), false, QString(), false});
            QCOMPARE(outcomeName(refused.result), QStringLiteral("refused"));
            QVERIFY2(errorMessage(refused.result)
                         .contains(QStringLiteral("state is still being moved (leveldb_only -> "
                                                  "dual_write, started by ghost on elsewhere")),
                     qPrintable(errorMessage(refused.result)));
        }
        TransitionService::Options options{QStringLiteral("after crash"), false, QString(), false};
        options.force = running;
        const auto out = s->execute(plan, options);
        QVERIFY2(out.result.has_value(), qPrintable(errorMessage(out.result)));
        QCOMPARE(m_store->intent(QStringLiteral("crashed-intent")).value()->host, tester().host);
        const auto state = m_store->state(QStringLiteral("state")).value();
        QCOMPARE(state->phase, resume ? QStringLiteral("dual_write") : QStringLiteral("leveldb_only"));
        QVERIFY(state->pendingIntent.isEmpty());
        QCOMPARE(m_store->intent(QStringLiteral("crashed-intent")).value()->status,
                 resume ? QStringLiteral("completed") : QStringLiteral("rolled_back"));
        QStringList expected{resume ? u"resume:ok"_s : u"rollback_interrupted:ok"_s};
        if (running)
            expected = QStringList{u"refused:refused"_s, u"takeover:ok"_s} + expected;
        QCOMPARE(actions(), expected);
    }
};

QTEST_GUILESS_MAIN(TestTransitionService)
#include "tst_transition_service.moc"
