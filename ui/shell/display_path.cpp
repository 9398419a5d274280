// SPDX-License-Identifier: MIT
#include "ui/shell/display_path.h"

#include <QDir>

namespace Cockpit {

QString DisplayPath::shorten(const QString &pathOrText)
{
    QString text = pathOrText;
    const QString home = QDir::homePath();
    // Only a whole folder name: "/home/ana" must not shorten "/home/anabel".
    if (!home.isEmpty() && home != QLatin1String("/")) {
        const QString prefix = home + QLatin1Char('/');
        text.replace(prefix, QStringLiteral("~/"));
        if (text.endsWith(home))
            text = text.left(text.size() - home.size()) + QLatin1Char('~');
    }
    return QDir::toNativeSeparators(text);
}

} // namespace Cockpit
