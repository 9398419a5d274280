// SPDX-License-Identifier: MIT
#include "ui/shell/activity_panel.h"

#include "ui/shell/activity_model.h"
#include "ui/shell/data_table.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Cockpit {

namespace {

// Keeps the rows at or above a severity whose source or text contains the search text.
class ActivityFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setMinimumSeverity(int level)
    {
        m_minimum = level;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex first = sourceModel()->index(row, 0, parent);
        if (first.data(ActivityModel::SeverityRole).toInt() < m_minimum)
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    int m_minimum = 0;
};

} // namespace

ActivityPanel::ActivityPanel(ActivityModel *model, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    auto *showLabel = new QLabel(tr("Sho&w:"));
    m_severity = new QComboBox;
    m_severity->addItem(tr("Everything"));
    m_severity->addItem(tr("Warnings and worse"));
    m_severity->addItem(tr("Critical only"));
    showLabel->setBuddy(m_severity);
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Filter by source or text"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter the activity"));
    bar->addWidget(showLabel);
    bar->addWidget(m_severity);
    bar->addWidget(m_search, 1);
    layout->addLayout(bar);

    auto *filter = new ActivityFilter(this);
    filter->setSourceModel(model);
    filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    filter->setFilterKeyColumn(-1); // source or event text
    m_proxy = filter;
    m_view = new DataTable(QStringLiteral("activity"), tr("Activity"));
    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setModel(m_proxy);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);

    connect(m_severity, &QComboBox::currentIndexChanged, this, &ActivityPanel::setMinimumSeverity);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void ActivityPanel::setMinimumSeverity(int level)
{
    if (m_severity->currentIndex() != level)
        m_severity->setCurrentIndex(level);
    static_cast<ActivityFilter *>(m_proxy)->setMinimumSeverity(level);
}

} // namespace Cockpit
