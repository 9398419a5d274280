// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_diff_result.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace Cockpit {

// One record side by side: LevelDB on the left, the JSON file's entry (converted by RecordConverter) on the
// right, one row per field. Rows that differ are marked with "≠" in their first column and highlighted, so
// the difference does not rely on colour alone. Threading: GUI thread only.
class RecordCompareView : public QWidget
{
    Q_OBJECT

public:
    explicit RecordCompareView(QWidget *parent = nullptr);

    void showEntry(const DiffEntry *entry);
    // Rows marked as differing (for tests and accessibility).
    QStringList differingFields() const;

private:
    QLabel *m_title;
    QTableWidget *m_table;
};

} // namespace Cockpit
