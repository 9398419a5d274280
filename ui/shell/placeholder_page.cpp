// SPDX-License-Identifier: MIT
#include "shell/placeholder_page.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Cockpit {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &willShow, const QStringList &meanwhile,
                                 QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 32, 28);
    layout->setSpacing(14);
    auto *heading = new QLabel(title, this);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    heading->setFont(f);
    layout->addWidget(heading);

    auto *badge = new QLabel(tr("Not available in this build yet"), this);
    badge->setStyleSheet(QStringLiteral("QLabel { background: #eef1f5; border: 1px solid #c5ccd6; "
                                        "border-radius: 3px; padding: 4px 8px; }"));
    badge->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    layout->addWidget(badge);

    auto *body = new QLabel(willShow, this);
    body->setWordWrap(true);
    body->setTextFormat(Qt::RichText);
    layout->addWidget(body);
    if (!meanwhile.isEmpty()) {
        auto *cli = new QLabel(tr("<b>Meanwhile, from the command line:</b><br><code>%1</code>")
                                   .arg(meanwhile.join(QStringLiteral("</code><br><code>"))),
                               this);
        cli->setTextInteractionFlags(Qt::TextSelectableByMouse);
        cli->setWordWrap(true);
        layout->addWidget(cli);
    }
    layout->addStretch(1);
}

} // namespace Cockpit
