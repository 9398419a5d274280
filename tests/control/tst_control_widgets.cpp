// SPDX-License-Identifier: MIT
// The control widgets driven as an operator would: real dialogs, a real SQLite control database.
#include "control/audit_log.h"
#include "control/static_gate.h"
#include "control_test_config.h"
#include "environment_dir.h"
#include "ui/control/audit_filter_proxy.h"
#include "ui/control/audit_log_model.h"
#include "ui/control/audit_log_page.h"
#include "ui/control/migration_card.h"
#include "ui/control/overview_page.h"
#include "ui/control/phase_stepper.h"
#include "ui/control/transition_dialog.h"
#include "ui/shell/data_table.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using namespace Cockpit;
using namespace Qt::StringLiterals;

class TestControlWidgets : public QObject
{
    Q_OBJECT

    std::unique_ptr<CockpitTest::EnvironmentDir> m_dir;
    std::unique_ptr<EnvironmentSession> m_session;
    // Shared, as a page shares its registry with the loads it started, which may outlive a test.
    std::shared_ptr<GateRegistry> m_gates = std::make_shared<GateRegistry>();

    EnvironmentSession *session(const QString &kind)
    {
        m_dir = std::make_unique<CockpitTest::EnvironmentDir>();
        m_session = std::make_unique<EnvironmentSession>(
            ControlTest::load(ControlTest::writeConfig(m_dir->path(), kind, nullptr)));
        return m_session.get();
    }

    QString phaseOf(const QString &migration)
    {
        auto store = ControlStore::create(m_session->config());
        if (!store->open())
            return QString();
        const std::optional<MigrationState> state = valueOf(store->state(migration)).value_or(std::nullopt);
        return state ? state->phase : QString();
    }

    // bob's cockpit began moving the ledger from legacy_only to shadow; his lease was last renewed at
    // `heartbeat`.
    bool beginBobsTransition(ControlStore &store, const QString &id, const QDateTime &heartbeat)
    {
        TransitionService service(m_session->config(), m_session->operatorIdentity(), false, store, *m_gates);
        if (!service.open())
            return false;
        TransitionIntent intent;
        intent.id = id;
        intent.migration = u"ledger"_s;
        intent.fromPhase = u"legacy_only"_s;
        intent.toPhase = u"shadow"_s;
        intent.kind = u"advance"_s;
        intent.fromVersion = 1;
        intent.operatorLabel = u"bob"_s;
        intent.host = u"ops-2"_s;
        intent.owner = u"bob-lease"_s;
        intent.heartbeatAt = heartbeat;
        return store.beginTransition(intent).has_value();
    }

    static bool waitPlan(TransitionDialog &dialog)
    {
        if (dialog.isPlanReady())
            return true;
        QSignalSpy spy(&dialog, &TransitionDialog::planReady);
        return spy.wait(10000) && dialog.isPlanReady();
    }

private slots:
    void cleanup()
    {
        m_gates = std::make_shared<GateRegistry>();
        m_session.reset();
        m_dir.reset();
    }

    void prodCutoverNeedsTypedName()
    {
        EnvironmentSession *s = session(u"prod"_s);
        TransitionDialog dialog(s, {u"state"_s, TransitionService::Direction::Advance, {}, u"leveldb_only"_s},
                                m_gates);
        dialog.show();
        QVERIFY(waitPlan(dialog));
        QVERIFY(dialog.nameField()->isVisible());
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QVERIFY(dialog.blockingReason().contains(u"\"test-prod\" is a prod environment: type its name"_s));
        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QCOMPARE(phaseOf(u"state"_s), u"leveldb_only"_s);
        QTest::keyClicks(dialog.nameField(), u"test-pro"_s);
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QTest::keyClicks(dialog.nameField(), u"d"_s);
        QVERIFY2(dialog.confirmButton()->isEnabled(), qPrintable(dialog.blockingReason()));
        // Enter at the end of the typed name, or on the focused Confirm button, does not cut over.
        QTest::keyClick(dialog.nameField(), Qt::Key_Return);
        dialog.confirmButton()->setFocus();
        QTest::keyClick(dialog.confirmButton(), Qt::Key_Enter);
        QTest::qWait(300);
        QVERIFY(dialog.isVisible());
        QCOMPARE(phaseOf(u"state"_s), u"leveldb_only"_s);
        QSignalSpy done(&dialog, &TransitionDialog::executionFinished);
        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        QCOMPARE(phaseOf(u"state"_s), u"dual_write"_s);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void rollbackDialogOffersTheEmergencyRollback()
    {
        EnvironmentSession *s = session(u"demo"_s);
        {
            auto store = ControlStore::create(s->config());
            TransitionService service(s->config(), s->operatorIdentity(), false, *store, *m_gates);
            QVERIFY(service.open().has_value());
            for (int i = 0; i < 2; ++i) {
                TransitionService::Options options;
                options.reason = u"test"_s;
                QVERIFY(
                    service
                        .execute(service.plan({u"ledger"_s, TransitionService::Direction::Advance, {}, {}}),
                                 options)
                        .result.has_value());
            }
        }
        QCOMPARE(phaseOf(u"ledger"_s), u"ledger_reads"_s);
        TransitionDialog dialog(
            s, {u"ledger"_s, TransitionService::Direction::Rollback, {}, u"ledger_reads"_s}, m_gates);
        dialog.show();
        QVERIFY(waitPlan(dialog));
        QComboBox *target = nullptr;
        for (QComboBox *combo : dialog.findChildren<QComboBox *>()) {
            if (combo->accessibleName() == u"Target phase"_s)
                target = combo;
        }
        QVERIFY(target);
        QVERIFY(target->isVisible());
        const int emergency = target->findData(u"legacy_only"_s);
        QVERIFY2(emergency >= 0, "the migration plan's emergency rollback to legacy reads is offered");
        QCOMPARE(target->itemText(emergency), u"legacy_only — Emergency rollback to legacy"_s);
        QVERIFY(target->findData(u"shadow"_s) >= 0);
        target->setCurrentIndex(emergency);
        emit target->activated(emergency);
        // The dialog plans again for the chosen target: its gates and dry run are those of the emergency
        // path.
        QTRY_COMPARE_WITH_TIMEOUT(dialog.plan().transition.to, u"legacy_only"_s, 10000);
        QVERIFY(waitPlan(dialog));
        QCOMPARE(target->currentData().toString(), u"legacy_only"_s);
    }

    void failingGateNeedsOverrideAndReason()
    {
        EnvironmentSession *s = session(u"demo"_s);
        m_gates->add(u"ledger"_s, u"shadow"_s,
                     std::make_shared<StaticGate>(
                         Text::plain(u"Staging soak for 48 h"_s),
                         GateResult{GateResult::Verdict::Fail, Text::plain(u"only 12 h without errors"_s)}));
        TransitionDialog dialog(s, {u"ledger"_s, TransitionService::Direction::Advance, {}, u"legacy_only"_s},
                                m_gates);
        dialog.show();
        QVERIFY(waitPlan(dialog));
        // The checklist shows the verdict in words and the evidence.
        QCOMPARE(dialog.gateList()->topLevelItemCount(), 2);
        const QTreeWidgetItem *failing =
            dialog.gateList()->findItems(u"Staging soak for 48 h"_s, Qt::MatchExactly, 1).value(0);
        QVERIFY(failing);
        QCOMPARE(failing->text(0), u"FAIL"_s);
        QCOMPARE(failing->text(2), u"only 12 h without errors"_s);
        // Refused without Override: the button is disabled and clicking it does nothing.
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QVERIFY(dialog.blockingReason().contains(u"unless you choose Override"_s));
        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(phaseOf(u"ledger"_s), u"legacy_only"_s);
        // Override alone is not enough either.
        // Click on the indicator (the box's centre may be past its text, outside the hit area).
        QTest::mouseClick(dialog.overrideBox(), Qt::LeftButton, {},
                          QPoint(8, dialog.overrideBox()->height() / 2));
        QVERIFY(dialog.overrideBox()->isChecked());
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QVERIFY(dialog.blockingReason().contains(u"override needs a reason"_s));
        QTest::keyClicks(dialog.reasonField(), u"soak waived by CAB-118"_s);
        QVERIFY(dialog.confirmButton()->isEnabled());
        QSignalSpy done(&dialog, &TransitionDialog::executionFinished);
        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        QCOMPARE(phaseOf(u"ledger"_s), u"shadow"_s);
        auto store = ControlStore::create(s->config());
        QVERIFY(store->open().has_value());
        QCOMPARE(store->audit().entries({QString(), u"override"_s, QString(), 0}).value().size(), 1);
        QCOMPARE(store->audit().entries({QString(), u"override"_s, QString(), 0}).value().first().reason,
                 u"soak waived by CAB-118"_s);
    }

    void readOnlyDisablesActions()
    {
        EnvironmentSession *s = session(u"demo"_s);
        s->setReadOnlyOverride(true);
        PhaseStepper stepper(s, u"ledger"_s);
        stepper.setGateRegistry(m_gates);
        stepper.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(stepper.currentPhase(), u"legacy_only"_s, 10000);
        QVERIFY(!stepper.cutoverButton()->isEnabled());
        QVERIFY(stepper.cutoverButton()->toolTip().contains(u"Read-only"_s));
        s->setReadOnlyOverride(false);
        QVERIFY(stepper.cutoverButton()->isEnabled());
        QVERIFY(!stepper.rollbackButton()->isEnabled()); // nothing to roll back before the migration
        QCOMPARE(stepper.phaseTexts().first(), u"legacy_only, current phase"_s);
        QCOMPARE(stepper.phaseTexts().at(1), u"shadow, ahead"_s);
    }

    // Wide enough, Rollback and Cutover sit at the end of the phases' row; narrower, on a row of their own,
    // and the stepper can shrink below one row's width without squeezing either; back in one row when wide.
    void stepperButtonsWrapBelowWhenNarrow()
    {
        EnvironmentSession *s = session(u"demo"_s);
        PhaseStepper stepper(s, u"ledger"_s);
        stepper.setGateRegistry(m_gates);
        stepper.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(stepper.currentPhase(), u"legacy_only"_s, 10000);
        const auto buttonsBesidePhases = [&] {
            const QRect cutover = stepper.cutoverButton()->geometry().translated(
                stepper.cutoverButton()->parentWidget()->pos());
            const auto labels = stepper.findChildren<QLabel *>();
            const auto chip = std::find_if(labels.cbegin(), labels.cend(), [](const QLabel *l) {
                return l->accessibleName().endsWith(u"current phase"_s);
            });
            return chip != labels.cend() && cutover.top() < (*chip)->geometry().bottom();
        };
        stepper.resize(1400, stepper.sizeHint().height());
        stepper.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stepper));
        QTRY_VERIFY(buttonsBesidePhases());
        const int oneRowHeight = stepper.sizeHint().height();
        QVERIFY(stepper.minimumWidth() < 600);
        stepper.resize(stepper.minimumWidth(), 200);
        QTRY_VERIFY(!buttonsBesidePhases());
        QVERIFY(stepper.sizeHint().height() > oneRowHeight);
        QVERIFY(stepper.cutoverButton()->isVisible());
        stepper.resize(1400, 200);
        QTRY_VERIFY(buttonsBesidePhases());
    }

    void stepperOffersResumeAfterInterruption()
    {
        EnvironmentSession *s = session(u"demo"_s);
        auto store = ControlStore::create(s->config());
        // bob's cockpit is gone
        QVERIFY(
            beginBobsTransition(*store, u"interrupted-1"_s, QDateTime::currentDateTimeUtc().addSecs(-60)));
        PhaseStepper stepper(s, u"ledger"_s);
        stepper.setGateRegistry(m_gates);
        stepper.show();
        stepper.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(stepper.cutoverButton()->text(), u"&Resume…"_s, 10000);
        QVERIFY(stepper.rollbackButton()->isEnabled());
        // The warning reads as written, its sign and arrow intact (not decoded as Latin-1).
        const QList<QLabel *> labels = stepper.findChildren<QLabel *>();
        const auto warning = std::find_if(labels.begin(), labels.end(), [](const QLabel *l) {
            return l->text().startsWith(u"⚠ Interrupted transition"_s);
        });
        QVERIFY(warning != labels.end());
        QCOMPARE((*warning)->text(),
                 u"⚠ Interrupted transition legacy_only → shadow (started by bob on ops-2). Resume it "
                 u"or roll it back."_s);
        // Resume through the dialog finishes the interrupted transition.
        QTest::mouseClick(stepper.cutoverButton(), Qt::LeftButton);
        auto *dialog = stepper.findChild<TransitionDialog *>();
        QVERIFY(dialog);
        QVERIFY(waitPlan(*dialog));
        QCOMPARE(dialog->plan().mode, TransitionPlan::Mode::Resume);
        QVERIFY2(dialog->confirmButton()->isEnabled(), qPrintable(dialog->blockingReason()));
        QSignalSpy completed(&stepper, &PhaseStepper::transitionCompleted);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QVERIFY(completed.wait(10000));
        QCOMPARE(completed.first().at(1).toString(), u"shadow"_s);
        QTRY_COMPARE_WITH_TIMEOUT(stepper.currentPhase(), u"shadow"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(stepper.cutoverButton()->text(), u"&Cutover…"_s, 10000);
        QCOMPARE(phaseOf(u"ledger"_s), u"shadow"_s);
    }

    // A transition whose holder still renews its lease (another cockpit, a hung hook): the dialog offers
    // to take it over, which needs a reason, like the CLI's --force.
    void rollbackTakesOverARunningTransition()
    {
        EnvironmentSession *s = session(u"demo"_s);
        auto store = ControlStore::create(s->config());
        // bob's hook is still running
        QVERIFY(beginBobsTransition(*store, u"running-1"_s, QDateTime::currentDateTimeUtc()));
        TransitionDialog dialog(s, {u"ledger"_s, TransitionService::Direction::Rollback, {}, {}}, m_gates);
        dialog.show();
        QVERIFY(waitPlan(dialog));
        QVERIFY2(!dialog.plan().runningElsewhere.isEmpty(), qPrintable(errorMessage(dialog.plan().status)));
        QVERIFY(dialog.takeOverBox()->isVisible());
        QVERIFY(!dialog.confirmButton()->isEnabled());
        QVERIFY2(dialog.blockingReason().contains(u"ops-2"_s), qPrintable(dialog.blockingReason()));
        dialog.takeOverBox()->setChecked(true);
        QVERIFY(!dialog.confirmButton()->isEnabled()); // no reason yet
        QVERIFY2(dialog.blockingReason().contains(u"reason"_s), qPrintable(dialog.blockingReason()));
        QTest::keyClicks(dialog.reasonField(), u"bob hook hangs"_s);
        QVERIFY2(dialog.confirmButton()->isEnabled(), qPrintable(dialog.blockingReason()));
        if (const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR"); !shots.isEmpty())
            dialog.grab().save(shots + u"/transition-takeover.png"_s);
        QSignalSpy done(&dialog, &TransitionDialog::executionFinished);
        QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(errorMessage(dialog.outcome().result)));
        QCOMPARE(phaseOf(u"ledger"_s), u"legacy_only"_s);
        const std::optional<TransitionIntent> taken = store->intent(u"running-1"_s).value();
        QVERIFY(taken && taken->owner != u"bob-lease"_s);
        QCOMPARE(taken->status, u"rolled_back"_s);
        QStringList actions;
        const QList<AuditEntry> entries = store->audit().entries({}).value();
        for (const AuditEntry &e : entries)
            actions.append(e.action);
        QVERIFY2(actions.contains(u"takeover"_s), qPrintable(actions.join(u',')));
    }

    void auditModelAndFilter()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AuditFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<AuditEntry> entries;
        for (int i = 1; i <= 12; ++i) {
            AuditEntry e;
            e.seq = i;
            e.osUser = u"alice"_s;
            e.migration = i % 3 ? u"ledger"_s : u"rollout:sync_service"_s;
            e.action = i == 12 ? u"environment_opened"_s : i % 2 ? u"advance"_s : u"dry_run"_s;
            e.actuatorOutput = i == 7 ? u"kubectl: deployment not found"_s : QString();
            entries.append(e);
        }
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setEntries(entries);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.columnCount(), int(AuditLogModel::ColumnCount));
        proxy.setMigration(u"rollout:sync_service"_s);
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setAction(u"advance"_s);
        QCOMPARE(proxy.rowCount(), 2); // 3 and 9
        proxy.setMigration(QString());
        proxy.setAction(AuditFilterProxy::allButOpenings());
        QCOMPARE(proxy.rowCount(), 11);
        proxy.setAction(QString());
        QCOMPARE(proxy.rowCount(), 12);
        proxy.setSearchText(u"DEPLOYMENT NOT"_s); // matches the actuator output, case-insensitive
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, AuditLogModel::Seq).data().toString(), u"7"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTampered({7});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(proxy.index(0, AuditLogModel::Seq).data().toString(), u"7 (tampered)"_s);
        QVERIFY(!proxy.index(0, AuditLogModel::Seq).data(Qt::DecorationRole).isNull());
        proxy.setSearchText(QString());
        proxy.sort(AuditLogModel::Seq, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, AuditLogModel::Seq).data(AuditLogModel::SeqRole).toLongLong(),
                 12); // numeric, not "9"
        model.setEntries({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void auditPageVerifiesAndExports()
    {
        EnvironmentSession *s = session(u"demo"_s);
        {
            auto store = ControlStore::create(s->config());
            TransitionService service(s->config(), s->operatorIdentity(), false, *store, *m_gates);
            QVERIFY(service.open().has_value());
            for (const char *m : {"ledger", "state", "ledger"})
                QVERIFY(
                    service
                        .execute(service.plan(
                                     {QString::fromLatin1(m), TransitionService::Direction::Advance, {}, {}}),
                                 {u"step"_s, false, QString(), false})
                        .result.has_value());
        }
        AuditLogPage page(s);
        page.resize(1000, 600);
        QSignalSpy refreshed(&page, &AuditLogPage::refreshed);
        page.show();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(page.model()->rowCount(), 3);
        // The newest entry is shown in full before anyone selects it.
        QVERIFY2(page.detailText().contains(u"Entry 3"_s), qPrintable(page.detailText()));
        page.table()->selectRow(1);
        QVERIFY2(page.detailText().contains(u"Entry 2"_s), qPrintable(page.detailText()));
        page.table()->selectRow(0);
        QVERIFY2(page.detailText().contains(u"Entry 3"_s), qPrintable(page.detailText()));
        QVERIFY(page.detailText().contains(u"Gate evidence:"_s));
        // An entry appended meanwhile (by anyone) reloads the table; the entry being read stays selected.
        {
            auto store = ControlStore::create(s->config());
            TransitionService service(s->config(), s->operatorIdentity(), false, *store, *m_gates);
            QVERIFY(service.open().has_value());
            QVERIFY(service
                        .execute(service.plan({u"state"_s, TransitionService::Direction::Advance, {}, {}}),
                                 {u"step"_s, false, QString(), false})
                        .result.has_value());
        }
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(page.model()->rowCount(), 4);
        QVERIFY2(page.detailText().contains(u"Entry 3"_s), qPrintable(page.detailText()));
        // A window's opening is audited, but the page starts without those entries; "All" shows them.
        AuditEntry opened;
        opened.osUser = u"alice"_s;
        opened.host = u"h1"_s;
        opened.action = u"environment_opened"_s;
        opened.result = u"ok"_s;
        QVERIFY(AuditLog::record(s->config(), opened).has_value());
        page.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(page.model()->rowCount(), 5);
        QCOMPARE(page.proxy()->rowCount(), 4);
        QCOMPARE(page.shownText(), u"4 of 5 entries shown"_s);
        QComboBox *action = nullptr;
        for (QComboBox *box : page.findChildren<QComboBox *>()) {
            if (box->accessibleName() == u"Filter by action"_s)
                action = box;
        }
        QVERIFY(action);
        QCOMPARE(action->currentText(), u"All but session starts"_s);
        action->setCurrentIndex(action->findData(QString()));
        QCOMPARE(page.proxy()->rowCount(), 5);
        QCOMPARE(page.shownText(), u"5 entries"_s);
        action->setCurrentIndex(action->findData(AuditFilterProxy::allButOpenings()));
        QCOMPARE(page.model()->entry(page.proxy()->mapToSource(page.table()->currentIndex()).row())->seq, 3);
        // Filters that hide every entry say so in the table instead of leaving it blank.
        page.proxy()->setSearchText(u"no such operator"_s);
        QCOMPARE(page.proxy()->rowCount(), 0);
        QCOMPARE(page.table()->emptyText(), u"No entry matches the filters: 5 hidden by them."_s);
        page.proxy()->setSearchText(QString());
        QCOMPARE(page.proxy()->rowCount(), 4);

        QSignalSpy verified(&page, &AuditLogPage::verified);
        QTest::mouseClick(page.verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(10000));
        QCOMPARE(verified.last().first().toBool(), true);
        QVERIFY(page.verifyText().contains(u"hash chain intact"_s));

        QVERIFY(ControlTest::execSql(m_dir->filePath(u"data/control.sqlite"_s), nullptr,
                                     u"UPDATE audit_log SET reason = 'stop' WHERE seq = 2"_s)
                    .isEmpty());
        QTest::mouseClick(page.verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(10000));
        QCOMPARE(verified.last().first().toBool(), false);
        QVERIFY2(page.verifyText().contains(u"entry 2: content does not match its hash"_s),
                 qPrintable(page.verifyText()));
        QCOMPARE(page.model()->index(page.model()->rowOf(2), AuditLogModel::Seq).data().toString(),
                 u"2 (tampered)"_s);

        QTest::keyClicks(page.searchField(), u"state"_s);
        QCOMPARE(page.proxy()->rowCount(), 2);
        QSignalSpy exported(&page, &AuditLogPage::exported);
        QSignalSpy exportFailed(&page, &AuditLogPage::exportFailed);
        const QString csv = m_dir->filePath(u"export.csv"_s);
        page.exportTo(csv);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().first().toInt(), 2);
        QCOMPARE(exportFailed.size(), 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 3); // header + the two filtered rows
        // The notice says the export holds the filtered rows, not the whole log.
        QLabel *notice = nullptr;
        for (QLabel *label : page.findChildren<QLabel *>()) {
            if (label->accessibleName() == u"Export result"_s)
                notice = label;
        }
        QVERIFY(notice);
        QCOMPARE(notice->text(), u"Exported the 2 of 5 entries the filters show."_s);
        // A file that cannot be written is said with its name, and only as a failure.
        const QString unwritable = m_dir->filePath(u"no-such-folder/export.csv"_s);
        page.exportTo(unwritable);
        QVERIFY(exportFailed.wait(10000));
        QCOMPARE(exported.size(), 1);
        QVERIFY2(exportFailed.first().first().toString().contains(u"no-such-folder"_s),
                 qPrintable(exportFailed.first().first().toString()));
        QVERIFY2(notice->text().startsWith(u"Export failed: "_s), qPrintable(notice->text()));
    }

    void overviewShowsCardsAndPlansTheFirstStep()
    {
        EnvironmentSession *s = session(u"demo"_s);
        m_gates->add(u"ledger"_s, u"shadow"_s,
                     std::make_shared<StaticGate>(
                         Text::plain(u"No discrepancies for 7 days"_s),
                         GateResult{GateResult::Verdict::Fail,
                                    Text::plain(u"3 found, last at 2026-11-20 14:02 UTC"_s)}));
        OverviewPage page(s);
        page.setGateRegistry(m_gates);
        page.resize(1280, 900);
        QSignalSpy refreshed(&page, &OverviewPage::refreshed);
        page.show();
        QVERIFY(refreshed.wait(15000));
        QVERIFY2(page.statusText().contains(u"4 migration(s)"_s), qPrintable(page.statusText()));
        MigrationCard *ledger = page.card(u"ledger"_s);
        QVERIFY(ledger);
        QVERIFY2(ledger->healthText().contains(u"gated"_s), qPrintable(ledger->healthText()));
        QVERIFY2(ledger->gateSummary().contains(u"No discrepancies for 7 days: 3 found"_s),
                 qPrintable(ledger->gateSummary()));
        QVERIFY(page.card(u"state"_s)->healthText().contains(u"Healthy"_s));
        QCOMPARE(ledger->stepper()->currentPhase(), u"legacy_only"_s);

        TransitionDialog dialog(s, {u"ledger"_s, TransitionService::Direction::Advance, {}, u"legacy_only"_s},
                                m_gates);
        dialog.resize(760, 600);
        dialog.show();
        QVERIFY(waitPlan(dialog));
    }
};

QTEST_MAIN(TestControlWidgets)
#include "tst_control_widgets.moc"
