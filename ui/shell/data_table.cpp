// SPDX-License-Identifier: MIT
#include "ui/shell/data_table.h"

#include "common/csv.h"
#include "ui/shell/cockpit_settings.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>

#include <algorithm>

namespace Cockpit {

DataTable::DataTable(const QString &settingsKey, const QString &accessibleName, QWidget *parent)
    : QTableView(parent)
    , m_settingsKey(settingsKey)
{
    setAccessibleName(accessibleName);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTabKeyNavigation(false);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    // A double-click opens the row, also where the desktop activates items with a single click.
    connect(this, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!m_activateText.isEmpty())
            emit openRequested(index);
    });
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        addColumnActions(&menu);
        menu.exec(horizontalHeader()->viewport()->mapToGlobal(pos));
    });
}

void DataTable::setEmptyText(const QString &text)
{
    if (text == m_emptyText)
        return;
    m_emptyText = text;
    viewport()->update();
}

void DataTable::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (m_emptyText.isEmpty() || !model() || model()->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int margin = fontMetrics().height();
    painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin),
                     Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}

void DataTable::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    if (model) {
        // A model that learns its columns late (a reset) gets the remembered choice then.
        connect(model, &QAbstractItemModel::modelReset, this, &DataTable::restoreHiddenColumns,
                Qt::UniqueConnection);
        connect(model, &QAbstractItemModel::columnsInserted, this, &DataTable::restoreHiddenColumns,
                Qt::UniqueConnection);
    }
    restoreHiddenColumns();
}

void DataTable::restoreHiddenColumns()
{
    if (!model() || m_settingsKey.isEmpty())
        return;
    const int columns = model()->columnCount();
    const QStringList hidden = CockpitSettings::hiddenColumns(m_settingsKey, columns);
    for (int c = 0; c < columns; ++c)
        setColumnHidden(c, hidden.contains(columnTitle(c)));
}

void DataTable::setColumnHiddenByUser(int column, bool hidden)
{
    if (!model())
        return;
    // The last visible column stays: a table without columns could not bring them back from its header.
    if (hidden && visibleColumns().size() <= 1)
        return;
    setColumnHidden(column, hidden);
    if (m_settingsKey.isEmpty())
        return;
    QStringList titles;
    for (int c = 0; c < model()->columnCount(); ++c) {
        if (isColumnHidden(c))
            titles.append(columnTitle(c));
    }
    CockpitSettings::setHiddenColumns(m_settingsKey, model()->columnCount(), titles);
}

void DataTable::addColumnActions(QMenu *menu)
{
    if (!model())
        return;
    QMenu *columns = menu->addMenu(tr("&Columns"));
    for (int c = 0; c < model()->columnCount(); ++c) {
        const QString title = columnTitle(c);
        QAction *show = columns->addAction(title.isEmpty() ? tr("Column %1").arg(c + 1) : title);
        show->setCheckable(true);
        show->setChecked(!isColumnHidden(c));
        show->setEnabled(isColumnHidden(c) || visibleColumns().size() > 1);
        connect(show, &QAction::toggled, this, [this, c](bool on) { setColumnHiddenByUser(c, !on); });
    }
    menu->addAction(tr("&Fit Columns to Contents"), this, [this] { resizeColumnsToContents(); });
}

QList<int> DataTable::visibleColumns() const
{
    QList<int> columns;
    if (!model())
        return columns;
    for (int visual = 0; visual < horizontalHeader()->count(); ++visual) {
        const int logical = horizontalHeader()->logicalIndex(visual);
        if (!isColumnHidden(logical))
            columns.append(logical);
    }
    return columns;
}

QList<int> DataTable::selectedRowNumbers() const
{
    QList<int> rows;
    if (!selectionModel())
        return rows;
    const QModelIndexList selected = selectionModel()->selectedIndexes();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

QString DataTable::columnTitle(int column) const
{
    return model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
}

QString DataTable::cellText(int row, int column) const
{
    return model()->data(model()->index(row, column), Qt::DisplayRole).toString();
}

QString DataTable::copyText(const QList<int> &rows, bool csv) const
{
    if (!model())
        return {};
    const QList<int> columns = visibleColumns();
    const QChar separator = csv ? QLatin1Char(',') : QLatin1Char('\t');
    auto field = [csv](QString value) {
        if (csv)
            return Csv::field(value);
        // A tab or a line break inside a value would split it into two cells on paste.
        for (const QChar splitter : {QLatin1Char('\t'), QLatin1Char('\n'), QLatin1Char('\r')})
            value.replace(splitter, QLatin1Char(' '));
        return value;
    };
    QStringList lines;
    if (csv) {
        QStringList header;
        for (int c : columns)
            header.append(field(columnTitle(c)));
        lines.append(header.join(separator));
    }
    for (int row : rows) {
        QStringList cells;
        for (int c : columns)
            cells.append(field(cellText(row, c)));
        lines.append(cells.join(separator));
    }
    return lines.join(QLatin1Char('\n')) + (csv ? QStringLiteral("\n") : QString());
}

void DataTable::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()
        && !m_activateText.isEmpty()) {
        emit openRequested(currentIndex());
        event->accept();
        return;
    }
    if (event == QKeySequence::Copy) {
        const QList<int> rows = selectedRowNumbers();
        if (!rows.isEmpty())
            QApplication::clipboard()->setText(copyText(rows, false));
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void DataTable::contextMenuEvent(QContextMenuEvent *event)
{
    if (!model())
        return;
    // Persistent: a live table may change under the open menu. A row gone by then is left out.
    const QPersistentModelIndex at =
        event->reason() == QContextMenuEvent::Mouse ? indexAt(event->pos()) : currentIndex();
    if (at.isValid() && selectionModel() && !selectionModel()->isSelected(at))
        setCurrentIndex(at);
    QList<QPersistentModelIndex> selected;
    for (int row : selectedRowNumbers())
        selected.append(QPersistentModelIndex(model()->index(row, 0)));
    auto rowsNow = [selected] {
        QList<int> rows;
        for (const QPersistentModelIndex &index : selected) {
            if (index.isValid())
                rows.append(index.row());
        }
        std::sort(rows.begin(), rows.end()); // view order, also after a re-sort under the menu
        return rows;
    };
    QMenu menu(this);
    if (!m_activateText.isEmpty() && at.isValid()) {
        QAction *open = menu.addAction(m_activateText, this, [this, at] {
            if (at.isValid())
                emit openRequested(at);
        });
        open->setShortcut(QKeySequence(Qt::Key_Return));
        menu.setDefaultAction(open);
        menu.addSeparator();
    }
    QAction *cell = menu.addAction(tr("Copy &Cell"), this, [this, at] {
        if (at.isValid())
            QApplication::clipboard()->setText(cellText(at.row(), at.column()));
    });
    cell->setEnabled(at.isValid());
    QAction *row = menu.addAction(tr("Copy &Row"), this, [this, rowsNow] {
        // Every row gone under the menu: the clipboard keeps what it had.
        if (const QList<int> rows = rowsNow(); !rows.isEmpty())
            QApplication::clipboard()->setText(copyText(rows, false));
    });
    row->setEnabled(!selected.isEmpty());
    row->setShortcut(QKeySequence::Copy);
    QAction *column = menu.addAction(tr("Copy Co&lumn"), this, [this, at] {
        if (!at.isValid())
            return;
        QStringList values;
        for (int r = 0; r < model()->rowCount(); ++r)
            values.append(cellText(r, at.column()));
        QApplication::clipboard()->setText(values.join(QLatin1Char('\n')));
    });
    column->setEnabled(at.isValid());
    const bool whole = selected.isEmpty();
    menu.addAction(whole ? tr("Copy Table as C&SV") : tr("Copy Selection as C&SV"), this,
                   [this, whole, rowsNow] {
                       QList<int> rows = rowsNow();
                       if (whole) {
                           for (int r = 0; r < model()->rowCount(); ++r)
                               rows.append(r);
                       }
                       QApplication::clipboard()->setText(copyText(rows, true));
                   });
    menu.addSeparator();
    addColumnActions(&menu);
    menu.exec(event->globalPos());
}

} // namespace Cockpit
