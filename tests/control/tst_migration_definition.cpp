// SPDX-License-Identifier: MIT
#include "control/migration_definition.h"

#include <QTest>

using namespace Cockpit;
using namespace Qt::StringLiterals;

class TestMigrationDefinition : public QObject
{
    Q_OBJECT

private slots:
    void ledgerPhasesAndFlags_data()
    {
        QTest::addColumn<QString>("phase");
        QTest::addColumn<QString>("shadow");
        QTest::addColumn<QString>("strict");
        QTest::addColumn<QString>("source");
        // Seed 002, phases 4.1-4.4; legacy_only is the state before the migration.
        QTest::addRow("legacy_only") << u"legacy_only"_s << u"false"_s << u"false"_s << u"legacy"_s;
        QTest::addRow("4.1 shadow") << u"shadow"_s << u"true"_s << u"false"_s << u"legacy"_s;
        QTest::addRow("4.2 ledger_reads") << u"ledger_reads"_s << u"true"_s << u"false"_s << u"ledger"_s;
        QTest::addRow("4.3 strict") << u"strict"_s << u"true"_s << u"true"_s << u"ledger"_s;
        QTest::addRow("4.4 ledger_only") << u"ledger_only"_s << u"false"_s << u"true"_s << u"ledger"_s;
    }

    void ledgerPhasesAndFlags()
    {
        QFETCH(QString, phase);
        QFETCH(QString, shadow);
        QFETCH(QString, strict);
        QFETCH(QString, source);
        const MigrationDefinition ledger = MigrationDefinition::ledger();
        QCOMPARE(ledger.phaseIds(), QStringList({u"legacy_only"_s, u"shadow"_s, u"ledger_reads"_s,
                                                 u"strict"_s, u"ledger_only"_s}));
        const auto p = ledger.phase(phase);
        QVERIFY(p.has_value());
        QCOMPARE(p->flags.value(QStringLiteral("LEDGER_SHADOW_MODE")), shadow);
        QCOMPARE(p->flags.value(QStringLiteral("LEDGER_STRICT_MODE")), strict);
        QCOMPARE(p->flags.value(QStringLiteral("BALANCE_SOURCE")), source);
        QCOMPARE(p->placeholders.value(QStringLiteral("shadow")), shadow);
        QCOMPARE(p->placeholders.value(QStringLiteral("balance_source")), source);
    }

    void ledgerTransitions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<bool>("advance");
        QTest::addColumn<QString>("to");
        QTest::addRow("advance legacy_only") << u"legacy_only"_s << true << u"shadow"_s;
        QTest::addRow("advance shadow") << u"shadow"_s << true << u"ledger_reads"_s;
        QTest::addRow("advance ledger_reads") << u"ledger_reads"_s << true << u"strict"_s;
        QTest::addRow("advance strict") << u"strict"_s << true << u"ledger_only"_s;
        QTest::addRow("no advance after ledger_only") << u"ledger_only"_s << true << u""_s;
        QTest::addRow("no rollback before migration") << u"legacy_only"_s << false << u""_s;
        QTest::addRow("shadow: emergency to legacy") << u"shadow"_s << false << u"legacy_only"_s;
        QTest::addRow("ledger_reads: revert reads") << u"ledger_reads"_s << false << u"shadow"_s;
        QTest::addRow("strict: disable strict mode") << u"strict"_s << false << u"ledger_reads"_s;
        QTest::addRow("after cutover: re-enable shadow") << u"ledger_only"_s << false << u"shadow"_s;
    }

    void ledgerTransitions()
    {
        QFETCH(QString, from);
        QFETCH(bool, advance);
        QFETCH(QString, to);
        const auto next = MigrationDefinition::ledger().next(
            from, advance ? MigrationTransition::Kind::Advance : MigrationTransition::Kind::Rollback);
        QCOMPARE(next ? next->to : QString(), to);
    }

    void ledgerEmergencyRollbackFromEveryPhase()
    {
        const MigrationDefinition ledger = MigrationDefinition::ledger();
        for (const QString &from : {QStringLiteral("shadow"), QStringLiteral("ledger_reads"),
                                    QStringLiteral("strict"), QStringLiteral("ledger_only")}) {
            const auto t = ledger.transition(from, QStringLiteral("legacy_only"));
            QVERIFY2(t.has_value(), qPrintable(from));
            QVERIFY(t->isRollback());
            // The emergency path sets exactly what the migration plan's kubectl line sets.
            const auto target = ledger.phase(t->to);
            QCOMPARE(target->flags.value(QStringLiteral("LEDGER_SHADOW_MODE")), QStringLiteral("false"));
            QCOMPARE(target->flags.value(QStringLiteral("BALANCE_SOURCE")), QStringLiteral("legacy"));
        }
        // The normal rollback is offered before the emergency one.
        const auto fromStrict = ledger.transitionsFrom(QStringLiteral("strict"));
        QCOMPARE(fromStrict.last().to, QStringLiteral("legacy_only"));
    }

    void statePhasesAndBack()
    {
        const MigrationDefinition state = MigrationDefinition::state();
        QCOMPARE(state.phaseIds(), QStringList({u"leveldb_only"_s, u"dual_write"_s,
                                                u"json_reads_with_fallback"_s, u"json_only"_s}));
        QString phase = state.initialPhase();
        QStringList forward = {phase};
        while (auto t = state.next(phase, MigrationTransition::Kind::Advance))
            forward.append(phase = t->to);
        QCOMPARE(forward, state.phaseIds());
        QStringList back = {phase};
        while (auto t = state.next(phase, MigrationTransition::Kind::Rollback))
            back.prepend(phase = t->to);
        QCOMPARE(back, state.phaseIds());
        QCOMPARE(state.phase(QStringLiteral("json_reads_with_fallback"))
                     ->flags.value(QStringLiteral("STATE_READ_FALLBACK")),
                 QStringLiteral("true"));
        QCOMPARE(state.phase(QStringLiteral("dual_write"))->flags.value(QStringLiteral("STATE_DUAL_WRITE")),
                 QStringLiteral("true"));
    }

    void rolloutFollowsConfiguredSteps_data()
    {
        QTest::addColumn<QList<int>>("steps");
        QTest::addColumn<QStringList>("phases");
        QTest::addRow("seed steps") << QList<int>{10, 25, 50, 75, 100}
                                    << QStringList{u"v1"_s,    u"v2_10"_s,  u"v2_25"_s,     u"v2_50"_s,
                                                   u"v2_75"_s, u"v2_100"_s, u"v1_removed"_s};
        QTest::addRow("two steps") << QList<int>{50, 100}
                                   << QStringList{u"v1"_s, u"v2_50"_s, u"v2_100"_s, u"v1_removed"_s};
    }

    void rolloutFollowsConfiguredSteps()
    {
        QFETCH(QList<int>, steps);
        QFETCH(QStringList, phases);
        const RolloutModuleConfig module{
            QStringLiteral("transaction_pool"), QStringLiteral("TRANSACTION_POOL_VERSION"), {}};
        const MigrationDefinition rollout = MigrationDefinition::rollout(module, steps);
        QCOMPARE(rollout.id(), QStringLiteral("rollout:transaction_pool"));
        QCOMPARE(rollout.phaseIds(), phases);
        // Rollback to v1 from every traffic step.
        for (int i = 1; i + 1 < phases.size(); ++i) {
            const auto back = rollout.next(phases.at(i), MigrationTransition::Kind::Rollback);
            QVERIFY(back.has_value());
            QCOMPARE(back->to, QStringLiteral("v1"));
        }
        const auto step = rollout.phase(phases.at(1));
        QCOMPARE(step->flags.value(QStringLiteral("TRANSACTION_POOL_VERSION")), QStringLiteral("v2"));
        QCOMPARE(step->flags.value(QStringLiteral("TRANSACTION_POOL_V2_WEIGHT")),
                 QString::number(steps.first()));
        QCOMPARE(rollout.phase(QStringLiteral("v1"))->flags.value(QStringLiteral("TRANSACTION_POOL_VERSION")),
                 QStringLiteral("v1"));
        QCOMPARE(step->placeholders.value(QStringLiteral("weight_var")),
                 QStringLiteral("TRANSACTION_POOL_V2_WEIGHT"));
    }

    void allForListsOneRolloutPerModule()
    {
        EnvironmentConfig config;
        config.rollout.modules = {
            {QStringLiteral("transaction_pool"), QStringLiteral("TRANSACTION_POOL_VERSION"), {}},
            {QStringLiteral("sync_service"), QStringLiteral("SYNC_VERSION"), {}}};
        const QList<MigrationDefinition> all = MigrationDefinition::allFor(config);
        QStringList ids;
        for (const MigrationDefinition &d : all)
            ids.append(d.id());
        QCOMPARE(ids, QStringList({u"ledger"_s, u"state"_s, u"rollout:transaction_pool"_s,
                                   u"rollout:sync_service"_s}));
        QCOMPARE(MigrationDefinition::weightVariable(config.rollout.modules.at(1)),
                 QStringLiteral("SYNC_V2_WEIGHT"));
        QVERIFY(!MigrationDefinition::find(config, QStringLiteral("rollout:nope")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestMigrationDefinition)
#include "tst_migration_definition.moc"
