// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Cockpit {

class ActivityModel;

// The Activity panel: the background events with time, severity and source, filtered by severity and by
// text. Shown in a dock of the main window (View > Activity).
class ActivityPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityPanel(ActivityModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    // 0: everything, 1: warnings and worse, 2: critical only.
    void setMinimumSeverity(int level);

private:
    QComboBox *m_severity = nullptr;
    QLineEdit *m_search = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace Cockpit
