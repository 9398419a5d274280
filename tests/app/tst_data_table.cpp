// SPDX-License-Identifier: MIT
#include "ui/shell/data_table.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

using namespace Cockpit;

namespace {

QStandardItemModel *addresses(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Chain"), QStringLiteral("Contract"), QStringLiteral("Note")});
    model->appendRow({new QStandardItem(QStringLiteral("bsc")),
                      new QStandardItem(QStringLiteral("0x7d3a5F1b2c4e6a8B9c0d1E2f3A4b5C6d7E8f9A0b")),
                      new QStandardItem(QStringLiteral("proxy, upgraded"))});
    model->appendRow({new QStandardItem(QStringLiteral("base")),
                      new QStandardItem(QStringLiteral("0x1111111111111111111111111111111111111111")),
                      new QStandardItem(QStringLiteral("says \"hi\""))});
    return model;
}

// Runs `pick` on the next popup menu once it is open (QMenu::exec blocks).
void onNextMenu(const std::function<void(QMenu *)> &pick)
{
    QTimer::singleShot(0, [pick] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        pick(menu);
    });
}

QAction *action(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (QString(a->text()).remove(QLatin1Char('&')) == text)
            return a;
    }
    return nullptr;
}

} // namespace

class TestDataTable : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    }

    void ctrlCCopiesTheSelectedRowsAsASpreadsheetPastesThem()
    {
        DataTable table(QString(), QStringLiteral("Records"));
        table.setModel(addresses(&table));
        table.show();
        table.selectRow(0);
        QTest::keySequence(&table, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("bsc\t0x7d3a5F1b2c4e6a8B9c0d1E2f3A4b5C6d7E8f9A0b\tproxy, upgraded"));
    }

    void csvHasAHeaderAndQuotesWhatNeedsIt()
    {
        DataTable table(QString(), QStringLiteral("Records"));
        table.setModel(addresses(&table));
        QCOMPARE(table.copyText({0, 1}, true),
                 QStringLiteral("Chain,Contract,Note\n"
                                "bsc,0x7d3a5F1b2c4e6a8B9c0d1E2f3A4b5C6d7E8f9A0b,\"proxy, upgraded\"\n"
                                "base,0x1111111111111111111111111111111111111111,\"says \"\"hi\"\"\"\n"));
    }

    // The whole address, however narrow its column: copied from the context menu.
    void contextMenuCopiesTheFullCell()
    {
        DataTable table(QString(), QStringLiteral("Records"));
        table.setModel(addresses(&table));
        table.setColumnWidth(1, 60);
        table.resize(400, 200);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        const QRect cell = table.visualRect(table.model()->index(0, 1));
        onNextMenu([](QMenu *menu) {
            QAction *copy = action(menu, QStringLiteral("Copy Cell"));
            QVERIFY(copy && copy->isEnabled());
            copy->trigger();
            menu->close();
        });
        QContextMenuEvent event(QContextMenuEvent::Mouse, cell.center(),
                                table.viewport()->mapToGlobal(cell.center()));
        QApplication::sendEvent(table.viewport(), &event);
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("0x7d3a5F1b2c4e6a8B9c0d1E2f3A4b5C6d7E8f9A0b"));
    }

    void hiddenColumnsAreRememberedPerTable()
    {
        {
            DataTable table(QStringLiteral("test/records"), QStringLiteral("Records"));
            table.setModel(addresses(&table));
            table.resize(400, 200);
            table.show();
            QVERIFY(QTest::qWaitForWindowExposed(&table));
            // From the header's context menu, as a user does it.
            onNextMenu([](QMenu *menu) {
                QAction *columns = action(menu, QStringLiteral("Columns"));
                QVERIFY(columns && columns->menu());
                QAction *note = action(columns->menu(), QStringLiteral("Note"));
                QVERIFY(note && note->isChecked());
                note->trigger();
                menu->close();
            });
            emit table.horizontalHeader()->customContextMenuRequested(QPoint(5, 5));
            QVERIFY(table.isColumnHidden(2));
            // The last visible column cannot be hidden: the header would have nothing left to click.
            table.setColumnHiddenByUser(0, true);
            table.setColumnHiddenByUser(1, true);
            QVERIFY(!table.isColumnHidden(1));
            table.setColumnHiddenByUser(0, false);
            // What is hidden is not copied.
            table.selectRow(1);
            QTest::keySequence(&table, QKeySequence::Copy);
            QCOMPARE(QApplication::clipboard()->text(),
                     QStringLiteral("base\t0x1111111111111111111111111111111111111111"));
        }
        DataTable again(QStringLiteral("test/records"), QStringLiteral("Records"));
        again.setModel(addresses(&again));
        QVERIFY(again.isColumnHidden(2));
        QVERIFY(!again.isColumnHidden(0) && !again.isColumnHidden(1));
        // A release that reorders the columns hides the same column, not the one now in its place.
        auto *reordered = addresses(&again);
        reordered->setHorizontalHeaderLabels(
            {QStringLiteral("Note"), QStringLiteral("Chain"), QStringLiteral("Contract")});
        DataTable moved(QStringLiteral("test/records"), QStringLiteral("Records"));
        moved.setModel(reordered);
        QVERIFY(moved.isColumnHidden(0));
        QVERIFY(!moved.isColumnHidden(1) && !moved.isColumnHidden(2));
        DataTable other(QStringLiteral("test/other"), QStringLiteral("Other"));
        other.setModel(addresses(&other));
        QVERIFY(!other.isColumnHidden(2));
        // A table whose model has changed its columns does not apply a stale choice.
        auto *wider = addresses(&again);
        wider->insertColumn(3);
        DataTable changed(QStringLiteral("test/records"), QStringLiteral("Records"));
        changed.setModel(wider);
        QVERIFY(!changed.isColumnHidden(2));
    }

    // A table whose rows open something opens them on Enter and on a double-click; others do not.
    void enterAndDoubleClickOpenARow()
    {
        DataTable table(QString(), QStringLiteral("Records"));
        table.setModel(addresses(&table));
        table.resize(400, 200);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        QSignalSpy opened(&table, &DataTable::openRequested);
        table.setCurrentIndex(table.model()->index(1, 0));
        QTest::keyClick(&table, Qt::Key_Return);
        QCOMPARE(opened.size(), 0);
        table.setActivateText(QStringLiteral("Open"));
        QTest::keyClick(&table, Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.last().first().toModelIndex().row(), 1);
        const QRect cell = table.visualRect(table.model()->index(0, 1));
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table.viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseRelease(table.viewport(), Qt::LeftButton, {},
                            cell.center()); // Qt 6.4 leaves the button down after a double-click
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.last().first().toModelIndex().row(), 0);
    }

    // A row removed while the menu is open is not copied in its place.
    void menuCopiesTheRowsItWasOpenedFor()
    {
        DataTable table(QString(), QStringLiteral("Records"));
        auto *model = addresses(&table);
        table.setModel(model);
        table.resize(400, 200);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        table.selectRow(1);
        QApplication::clipboard()->clear();
        onNextMenu([model](QMenu *menu) {
            model->removeRow(0); // a live refresh under the open menu
            QAction *copy = action(menu, QStringLiteral("Copy Row"));
            QVERIFY(copy);
            copy->trigger();
            menu->close();
        });
        const QRect cell = table.visualRect(table.model()->index(1, 0));
        QContextMenuEvent event(QContextMenuEvent::Mouse, cell.center(),
                                table.viewport()->mapToGlobal(cell.center()));
        QApplication::sendEvent(table.viewport(), &event);
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("base\t0x1111111111111111111111111111111111111111\tsays \"hi\""));
    }

    void tabLeavesTheTable()
    {
        QWidget window;
        auto *before = new QLineEdit(&window);
        auto *table = new DataTable(QString(), QStringLiteral("Records"), &window);
        table->setModel(addresses(table));
        auto *after = new QLineEdit(&window);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(before);
        layout->addWidget(table);
        layout->addWidget(after);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(0, 0));
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Tab);
        QTRY_VERIFY(after->hasFocus());
        QTest::keyClick(after, Qt::Key_Backtab);
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Backtab);
        QTRY_VERIFY(before->hasFocus());
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestDataTable)
#include "tst_data_table.moc"
