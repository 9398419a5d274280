// SPDX-License-Identifier: MIT
#pragma once

#include <QTableView>

namespace Cockpit {

// The one table of every page, so that all of them are worked the same way:
// - Ctrl+C copies the selected rows (tab-separated, as a spreadsheet pastes them);
// - the context menu copies the cell, the row, the column or the selection as CSV with a header, and fits
//   the columns to their contents, so that a long address is readable without hovering;
// - the header's context menu (and the cell menu's Columns submenu) hides and shows columns, remembered per
//   table across sessions;
// - Tab and Shift+Tab leave the table instead of walking its cells;
// - a long value ends in "…"; a table of addresses or hashes sets Qt::ElideMiddle to keep both ends.
// A table whose rows open something (setActivateText) emits openRequested on a double-click, on Enter and
// from its context menu's first entry. UI thread only.
class DataTable : public QTableView
{
    Q_OBJECT

public:
    // settingsKey names the table in the settings ("ledger/history"); empty: the choice is not remembered.
    explicit DataTable(const QString &settingsKey, const QString &accessibleName, QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    // What opening a row does on this table ("Look Up User"), as the context menu's first entry says it.
    void setActivateText(const QString &text) { m_activateText = text; }
    // Shown in the middle of the table while it has no rows ("No entry matches the filters"), so an empty
    // table says why instead of looking broken.
    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }

    // The text a copy gives for these rows and visible columns; with a header line and CSV quoting if csv.
    QString copyText(const QList<int> &rows, bool csv) const;
    QList<int> selectedRowNumbers() const; // view rows, in view order
    void setColumnHiddenByUser(int column, bool hidden);

signals:
    void openRequested(const QModelIndex &index);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void restoreHiddenColumns();
    void addColumnActions(QMenu *menu);
    QString cellText(int row, int column) const;
    QString columnTitle(int column) const;
    QList<int> visibleColumns() const;

    QString m_settingsKey;
    QString m_activateText;
    QString m_emptyText;
};

} // namespace Cockpit
