// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Cockpit {

// Paints a sidebar entry as usual and, when it has one, a red badge with a count at its right edge: how
// many things on that page need the operator (firing alerts, confirmed breaches, interrupted transitions).
class SidebarBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // The item's count (int; 0 or none: no badge).
    static constexpr int BadgeRole = Qt::UserRole + 40;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace Cockpit
