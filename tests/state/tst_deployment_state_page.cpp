// SPDX-License-Identifier: MIT
#include "environment_dir.h"
#include "ui/shell/write_confirm_dialog.h"
#include "ui/state/deployment_state_page.h"
#include "ui/state/record_compare_view.h"
#include "ui/state/state_diff_filter_proxy.h"
#include "ui/state/state_diff_model.h"
#include "ui/state/state_sync_panel.h"
#include "wiring/environment_session.h"

#include "state_test_util.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Cockpit;

class TestDeploymentStatePage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsTheLookCoinDiff();
    void chainTreeFitsItsColumns_data();
    void chainTreeFitsItsColumns();
    void chainTreeFiltersTheTable();
    void sideBySideMarksDifferingFields();
    void refreshesWhenAFileChangesOnDisk();
    void syncPreviewThenApply();
    void syncInProdNeedsReasonAndTypedName();
    void syncWritesOnlyThePlanThatWasApproved();
    void readOnlyDisablesSync();
    void phaseStepperSlot();

private:
    QTreeWidgetItem *chainItem(qint64 chainId) const;
    StateSyncPanel *preview();
    WriteConfirmDialog *openApproval(StateSyncPanel *panel);
    std::unique_ptr<CockpitTest::EnvironmentDir> m_tmp;
    std::unique_ptr<EnvironmentSession> m_session;
    std::unique_ptr<DeploymentStatePage> m_page;
};

void TestDeploymentStatePage::init()
{
    m_tmp = std::make_unique<CockpitTest::EnvironmentDir>();
    EnvironmentConfig config;
    config.name = QStringLiteral("test");
    config.state.leveldbPath = m_tmp->filePath(QStringLiteral("leveldb"));
    config.state.jsonDir = m_tmp->filePath(QStringLiteral("deployments"));
    config.state.networks = {{56, QStringLiteral("bscmainnet")},
                             {97, QStringLiteral("bsctestnet")},
                             {84532, QStringLiteral("basesepolia")},
                             {11155420, QStringLiteral("optimismsepolia")},
                             {23295, QStringLiteral("sapphiretestnet")}};
    QVERIFY(CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/leveldb"),
                                      config.state.leveldbPath));
    QVERIFY(CockpitStateTest::copyDir(CockpitStateTest::lookcoinDir() + QLatin1String("/deployments"),
                                      config.state.jsonDir));
    m_session = std::make_unique<EnvironmentSession>(config);
    m_page = std::make_unique<DeploymentStatePage>(m_session.get());
    new QAbstractItemModelTester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_page.get());
    new QAbstractItemModelTester(m_page->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_page.get());
    QSignalSpy updated(m_page.get(), &DeploymentStatePage::diffUpdated);
    QVERIFY(updated.wait(15000));
}

void TestDeploymentStatePage::cleanup()
{
    m_page.reset();
    m_session.reset();
}

QTreeWidgetItem *TestDeploymentStatePage::chainItem(qint64 chainId) const
{
    auto *tree = m_page->findChild<QTreeWidget *>();
    QTreeWidgetItem *all = tree->topLevelItem(0);
    for (int i = 0; i < all->childCount(); ++i) {
        if (all->child(i)->data(0, Qt::UserRole).toLongLong() == chainId)
            return all->child(i);
    }
    return nullptr;
}

void TestDeploymentStatePage::showsTheLookCoinDiff()
{
    QCOMPARE(m_page->model()->rowCount(), 28);
    QCOMPARE(m_page->currentResult()->summary.onlyInLeveldb, 13);
    auto *tree = m_page->findChild<QTreeWidget *>();
    QTreeWidgetItem *all = tree->topLevelItem(0);
    QCOMPARE(all->childCount(), 6);
    QCOMPARE(all->text(1), QStringLiteral("92.9 %"));
    QTreeWidgetItem *local = chainItem(31337);
    QVERIFY(local);
    QVERIFY(local->text(0).contains(QLatin1String("no file")));
    QCOMPARE(local->text(1), QStringLiteral("0.0 %"));
    QCOMPARE(local->toolTip(1), QStringLiteral("2 of 2 records fail validation"));
    QCOMPARE(chainItem(56)->toolTip(1), QStringLiteral("All 8 records pass validation"));
}

void TestDeploymentStatePage::chainTreeFitsItsColumns_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("namesWhole");
    QTest::addRow("wide window") << QSize(1400, 800) << true;
    // On a small window the numbers stay whole and nothing is cut at the right edge; the chain names give
    // way (elided), and their tooltip starts with the full name.
    QTest::addRow("small window") << QSize(800, 600) << false;
}

void TestDeploymentStatePage::chainTreeFitsItsColumns()
{
    QFETCH(QSize, size);
    QFETCH(bool, namesWhole);
    m_page->resize(size);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    auto *tree = m_page->findChild<QTreeWidget *>();
    const auto *view = static_cast<const QAbstractItemView *>(tree); // sizeHintForColumn is public there
    int columns = 0;
    for (int column = 0; column < tree->columnCount(); ++column) {
        columns += tree->header()->sectionSize(column);
        if (column > 0 || namesWhole)
            QVERIFY2(tree->header()->sectionSize(column) >= view->sizeHintForColumn(column),
                     qPrintable(QStringLiteral("column %1 is cut").arg(column)));
    }
    QVERIFY2(
        tree->viewport()->width() >= columns,
        qPrintable(QStringLiteral("viewport %1 < columns %2").arg(tree->viewport()->width()).arg(columns)));
    QTreeWidgetItem *drift = chainItem(11155420);
    QVERIFY(drift);
    QVERIFY(drift->toolTip(0).startsWith(drift->text(0) + QLatin1Char('\n')));
}

void TestDeploymentStatePage::chainTreeFiltersTheTable()
{
    auto *tree = m_page->findChild<QTreeWidget *>();
    tree->setCurrentItem(chainItem(56));
    QCOMPARE(m_page->proxy()->rowCount(), 8);
    tree->setCurrentItem(tree->topLevelItem(0));
    QCOMPARE(m_page->proxy()->rowCount(), 28);
    auto *differences = m_page->findChild<QCheckBox *>();
    QTest::mouseClick(differences, Qt::LeftButton);
    QVERIFY(differences->isChecked());
    QCOMPARE(m_page->proxy()->rowCount(), 15); // 13 + the two 31337 records
}

void TestDeploymentStatePage::sideBySideMarksDifferingFields()
{
    // Make one mismatch on disk; the watcher picks it up.
    const QString path = m_session->config().state.jsonDir + QLatin1String("/bscmainnet.json");
    QByteArray bytes = CockpitStateTest::readFile(path);
    bytes.replace("0xF978A855042D39a81cF620B9dB6730a41Ba36270", "0x0000000000000000000000000000000000000bad");
    QSignalSpy updated(m_page.get(), &DeploymentStatePage::diffUpdated);
    QVERIFY(CockpitStateTest::writeFile(path, bytes));
    QVERIFY(updated.wait(15000));
    QCOMPARE(m_page->currentResult()->summary.mismatched, 1);

    auto *table = m_page->findChild<QTableView *>();
    int row = -1;
    for (int r = 0; r < m_page->proxy()->rowCount(); ++r) {
        const QModelIndex i = m_page->proxy()->index(r, StateDiffModel::ContractColumn);
        if (i.data().toString() == QLatin1String("LookCoin")
            && i.data(StateDiffModel::ChainIdRole).toLongLong() == 56)
            row = r;
    }
    QVERIFY(row >= 0);
    table->setCurrentIndex(m_page->proxy()->index(row, 0));
    auto *compare = m_page->findChild<RecordCompareView *>();
    QCOMPARE(compare->differingFields(), QStringList{QStringLiteral("implementation")});
    QCOMPARE(m_page->proxy()->index(row, StateDiffModel::StatusColumn).data().toString(),
             QStringLiteral("Mismatch"));
}

void TestDeploymentStatePage::refreshesWhenAFileChangesOnDisk()
{
    QSignalSpy updated(m_page.get(), &DeploymentStatePage::diffUpdated);
    // A deploy script adds a contract to a JSON file beside the cockpit.
    const QString path = m_session->config().state.jsonDir + QLatin1String("/basesepolia.json");
    QByteArray bytes = CockpitStateTest::readFile(path);
    bytes.replace(
        "\"contracts\": {",
        "\"contracts\": {\n    \"NewVault\": {\n      \"proxy\": \"0x1111111111111111111111111111111111111111\",\n      \"implementation\": \"0x2222222222222222222222222222222222222222\"\n    },");
    QVERIFY(CockpitStateTest::writeFile(path, bytes));
    QVERIFY(updated.wait(15000));
    QCOMPARE(m_page->currentResult()->summary.onlyInJson, 1);
    QCOMPARE(m_page->model()->rowCount(), 29);
}

// Clicks Sync and waits for the dry run's plan; nothing is written by it.
StateSyncPanel *TestDeploymentStatePage::preview()
{
    StateSyncPanel *panel = m_page->syncPanel();
    QSignalSpy ready(panel, &StateSyncPanel::previewReady);
    QPushButton *syncButton = nullptr;
    for (auto *b : m_page->findChildren<QPushButton *>()) {
        if (b->accessibleName() == QLatin1String("Sync LevelDB to JSON"))
            syncButton = b;
    }
    if (!syncButton)
        return nullptr;
    const QByteArray before = CockpitStateTest::treeDigest(m_session->config().state.jsonDir);
    QTest::mouseClick(syncButton, Qt::LeftButton);
    if (!ready.wait(15000) || CockpitStateTest::treeDigest(m_session->config().state.jsonDir) != before)
        return nullptr;
    return panel;
}

// Clicks Apply sync…: the approval dialog opens with the plan; nothing is written yet.
WriteConfirmDialog *TestDeploymentStatePage::openApproval(StateSyncPanel *panel)
{
    QPushButton *apply = nullptr;
    for (auto *b : panel->findChildren<QPushButton *>()) {
        if (b->accessibleName() == QLatin1String("Apply sync"))
            apply = b;
    }
    if (!apply || !apply->isEnabled())
        return nullptr;
    QTest::mouseClick(apply, Qt::LeftButton);
    return panel->findChild<WriteConfirmDialog *>();
}

void TestDeploymentStatePage::syncPreviewThenApply()
{
    StateSyncPanel *panel = preview();
    QVERIFY(panel);
    QVERIFY(panel->isVisible() || !m_page->isVisible());
    QVERIFY2(panel->previewText().contains(QLatin1String("Dry run total: 13 added")),
             qPrintable(panel->previewText()));
    const QByteArray before = CockpitStateTest::treeDigest(m_session->config().state.jsonDir);

    WriteConfirmDialog *dialog = openApproval(panel);
    QVERIFY(dialog);
    auto *plan = dialog->findChild<QPlainTextEdit *>();
    QVERIFY(plan && plan->toPlainText() == panel->previewText()); // the approver sees what will change
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY2(dialog->blockingReason().contains(QLatin1String("reason")),
             qPrintable(dialog->blockingReason()));
    QVERIFY(!dialog->nameField()->isVisible()); // not prod
    QTest::keyClicks(dialog->reasonField(), QStringLiteral("bring JSON up to date"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    // Enter at the end of the reason does not write.
    QTest::keyClick(dialog->reasonField(), Qt::Key_Return);
    QTest::qWait(200);
    QVERIFY(dialog->isVisible());
    QCOMPARE(CockpitStateTest::treeDigest(m_session->config().state.jsonDir), before);

    QSignalSpy finished(panel, &StateSyncPanel::syncFinished);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(panel->lastApproval().reason, QStringLiteral("bring JSON up to date"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->currentResult()->summary.onlyInLeveldb == 0, 15000);
    QCOMPARE(m_page->currentResult()->summary.equal, 26);
}

void TestDeploymentStatePage::syncInProdNeedsReasonAndTypedName()
{
    EnvironmentConfig config = m_session->config();
    config.name = QStringLiteral("lookcoin-prod");
    config.kind = EnvironmentKind::Prod;
    m_page.reset();
    m_session = std::make_unique<EnvironmentSession>(config);
    m_page = std::make_unique<DeploymentStatePage>(m_session.get());
    m_page->show();
    StateSyncPanel *panel = preview();
    QVERIFY(panel);
    const QByteArray before = CockpitStateTest::treeDigest(config.state.jsonDir);
    WriteConfirmDialog *dialog = openApproval(panel);
    QVERIFY(dialog);
    QVERIFY(dialog->nameField()->isVisible());
    QTest::keyClicks(dialog->reasonField(), QStringLiteral("hotfix deploy recorded only in LevelDB"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY2(dialog->blockingReason().contains(QLatin1String("\"lookcoin-prod\" is a prod environment")),
             qPrintable(dialog->blockingReason()));
    QTest::keyClicks(dialog->nameField(), QStringLiteral("lookcoin-pro"));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QTest::keyClick(dialog->nameField(), Qt::Key_Return);
    QTest::keyClicks(dialog->nameField(), QStringLiteral("d"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QTest::keyClick(dialog->nameField(), Qt::Key_Return); // still no write on Enter
    QTest::qWait(200);
    QVERIFY(dialog->isVisible());
    QCOMPARE(CockpitStateTest::treeDigest(config.state.jsonDir), before);
    if (const QString shots = qEnvironmentVariable("COCKPIT_SCREENSHOT_DIR"); !shots.isEmpty())
        dialog->grab().save(shots + QStringLiteral("/sync-approval-prod.png"));

    // Cancelled: nothing is written.
    dialog->reject();
    QTest::qWait(200);
    QCOMPARE(CockpitStateTest::treeDigest(config.state.jsonDir), before);
    QVERIFY(!panel->findChild<WriteConfirmDialog *>());

    dialog = openApproval(panel);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->reasonField(), QStringLiteral("hotfix"));
    QTest::keyClicks(dialog->nameField(), QStringLiteral("lookcoin-prod"));
    QSignalSpy finished(panel, &StateSyncPanel::syncFinished);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QCOMPARE(panel->lastApproval().confirmedName, QStringLiteral("lookcoin-prod"));
    QVERIFY(CockpitStateTest::treeDigest(config.state.jsonDir) != before);
}

// A deploy script changes the files while the approval dialog is open: the approved plan is no longer what
// a sync would write, so nothing is written and the new plan is shown.
void TestDeploymentStatePage::syncWritesOnlyThePlanThatWasApproved()
{
    StateSyncPanel *panel = preview();
    QVERIFY(panel);
    WriteConfirmDialog *dialog = openApproval(panel);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->reasonField(), QStringLiteral("catch up"));
    const QString jsonDir = m_session->config().state.jsonDir;
    QVERIFY(QFile::remove(jsonDir + QLatin1String("/bscmainnet.json")));
    const QByteArray changed = CockpitStateTest::treeDigest(jsonDir);
    QSignalSpy finished(panel, &StateSyncPanel::syncFinished);
    QSignalSpy replanned(panel, &StateSyncPanel::previewReady);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(replanned.wait(15000));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(CockpitStateTest::treeDigest(jsonDir), changed);
    QVERIFY(!panel->previewText().contains(QLatin1String("Dry run total: 13 added")));

    // Read-only switched on while the dialog is open: its confirm button goes grey.
    dialog = openApproval(panel);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->reasonField(), QStringLiteral("catch up"));
    QVERIFY(dialog->confirmButton()->isEnabled());
    m_session->setReadOnlyOverride(true);
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY2(dialog->blockingReason().contains(QLatin1String("read-only")),
             qPrintable(dialog->blockingReason()));
}

void TestDeploymentStatePage::readOnlyDisablesSync()
{
    QPushButton *syncButton = nullptr;
    for (auto *b : m_page->findChildren<QPushButton *>()) {
        if (b->accessibleName() == QLatin1String("Sync LevelDB to JSON"))
            syncButton = b;
    }
    QVERIFY(syncButton->isEnabled());
    m_session->setReadOnlyOverride(true);
    QVERIFY(!syncButton->isEnabled());
}

void TestDeploymentStatePage::phaseStepperSlot()
{
    auto *stepper = new QWidget;
    stepper->setObjectName(QStringLiteral("stepper"));
    m_page->setPhaseStepper(stepper);
    QCOMPARE(stepper->parentWidget(), m_page->phaseSlot());
}

QTEST_MAIN(TestDeploymentStatePage)
#include "tst_deployment_state_page.moc"
