// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace Cockpit {

// Stands in for a lane page that is not built yet: says plainly what the page will show, so nobody mistakes
// it for a working screen.
class PlaceholderPage : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QString &title, const QString &willShow, const QStringList &meanwhile,
                    QWidget *parent = nullptr);
};

} // namespace Cockpit
