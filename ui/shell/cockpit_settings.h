// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Cockpit {

// The one registry of persistent settings: every key is here, with a typed accessor. Window state carries a
// version so that a layout change does not restore a stale state.
class CockpitSettings
{
public:
    static constexpr int WindowStateVersion = 1;
    static constexpr int MaxRecentEnvironments = 8;

    static QStringList recentEnvironments();
    static void addRecentEnvironment(const QString &path);
    static void removeRecentEnvironment(const QString &path);

    static QString lastEnvironment();
    static void setLastEnvironment(const QString &path);

    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &geometry);
    static QByteArray windowState();
    static void setWindowState(const QByteArray &state);

    static int lastPage();
    static void setLastPage(int index);

    static QString operatorDisplayName();
    static void setOperatorDisplayName(const QString &name);

    // The columns a table's user has hidden, by their titles, so that a release that reorders the columns
    // still hides the same ones; empty when the model no longer has `columnCount` columns (a release changed
    // the table). A title that no longer matches (another language) hides nothing: a stale choice never
    // hides the wrong column.
    static QStringList hiddenColumns(const QString &table, int columnCount);
    static void setHiddenColumns(const QString &table, int columnCount, const QStringList &hiddenTitles);

    // "system" (the default), "light" or "dark".
    static QString colorScheme();
    static void setColorScheme(const QString &scheme);

    // "" = follow the system locale; otherwise a locale name such as "de" or "en".
    static QString language();
    static void setLanguage(const QString &language);
};

} // namespace Cockpit
