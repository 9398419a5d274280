// SPDX-License-Identifier: MIT
#include "ui/shell/sidebar_badge_delegate.h"

#include "ui/shell/theme.h"

#include <QPainter>

namespace Cockpit {

void SidebarBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const int count = index.data(BadgeRole).toInt();
    if (count <= 0)
        return;
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    QFont font = option.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2;
    const int width = std::max(height, metrics.horizontalAdvance(text) + 10);
    const QRect badge(option.rect.right() - width - 10, option.rect.center().y() - height / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(Theme::text(Theme::Tone::Bad, option.palette));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(option.palette.color(QPalette::Window));
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

} // namespace Cockpit
