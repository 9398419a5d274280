// SPDX-License-Identifier: MIT
#include "ui/shell/cockpit_settings.h"

#include <QFileInfo>
#include <QSettings>

namespace Cockpit {

namespace Key {
constexpr auto RecentEnvironments = "environments/recent";
constexpr auto LastEnvironment = "environments/last";
constexpr auto WindowGeometry = "window/geometry";
constexpr auto WindowState = "window/state";
constexpr auto WindowStateVersion = "window/stateVersion";
constexpr auto LastPage = "window/lastPage";
constexpr auto OperatorDisplayName = "operator/displayName";
constexpr auto Language = "ui/language";
constexpr auto ColorScheme = "ui/colorScheme";
constexpr auto Tables = "tables/"; // + table + "/hidden", "/columns"
} // namespace Key

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

QStringList CockpitSettings::recentEnvironments()
{
    return QSettings().value(key(Key::RecentEnvironments)).toStringList();
}

void CockpitSettings::addRecentEnvironment(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentEnvironments();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecentEnvironments)
        recent.removeLast();
    QSettings().setValue(key(Key::RecentEnvironments), recent);
}

void CockpitSettings::removeRecentEnvironment(const QString &path)
{
    QStringList recent = recentEnvironments();
    recent.removeAll(path);
    QSettings().setValue(key(Key::RecentEnvironments), recent);
}

QString CockpitSettings::lastEnvironment()
{
    return QSettings().value(key(Key::LastEnvironment)).toString();
}

void CockpitSettings::setLastEnvironment(const QString &path)
{
    QSettings().setValue(key(Key::LastEnvironment), QFileInfo(path).absoluteFilePath());
}

QByteArray CockpitSettings::windowGeometry()
{
    return QSettings().value(key(Key::WindowGeometry)).toByteArray();
}

void CockpitSettings::setWindowGeometry(const QByteArray &geometry)
{
    QSettings().setValue(key(Key::WindowGeometry), geometry);
}

QByteArray CockpitSettings::windowState()
{
    QSettings settings;
    if (settings.value(key(Key::WindowStateVersion)).toInt() != WindowStateVersion)
        return QByteArray();
    return settings.value(key(Key::WindowState)).toByteArray();
}

void CockpitSettings::setWindowState(const QByteArray &state)
{
    QSettings settings;
    settings.setValue(key(Key::WindowState), state);
    settings.setValue(key(Key::WindowStateVersion), WindowStateVersion);
}

int CockpitSettings::lastPage()
{
    return QSettings().value(key(Key::LastPage), 0).toInt();
}

void CockpitSettings::setLastPage(int index)
{
    QSettings().setValue(key(Key::LastPage), index);
}

QString CockpitSettings::operatorDisplayName()
{
    return QSettings().value(key(Key::OperatorDisplayName)).toString();
}

void CockpitSettings::setOperatorDisplayName(const QString &name)
{
    QSettings().setValue(key(Key::OperatorDisplayName), name);
}

QString CockpitSettings::language()
{
    return QSettings().value(key(Key::Language)).toString();
}

void CockpitSettings::setLanguage(const QString &language)
{
    QSettings().setValue(key(Key::Language), language);
}

QString CockpitSettings::colorScheme()
{
    return QSettings().value(key(Key::ColorScheme), QStringLiteral("system")).toString();
}

void CockpitSettings::setColorScheme(const QString &scheme)
{
    QSettings().setValue(key(Key::ColorScheme), scheme);
}

QStringList CockpitSettings::hiddenColumns(const QString &table, int columnCount)
{
    const QSettings settings;
    const QString group = key(Key::Tables) + table;
    if (settings.value(group + QLatin1String("/columns")).toInt() != columnCount)
        return {};
    // Earlier releases kept positions under "hidden"; those are not read, so a reordered table shows all.
    return settings.value(group + QLatin1String("/hiddenTitles")).toStringList();
}

void CockpitSettings::setHiddenColumns(const QString &table, int columnCount, const QStringList &hiddenTitles)
{
    QSettings settings;
    const QString group = key(Key::Tables) + table;
    settings.setValue(group + QLatin1String("/columns"), columnCount);
    settings.setValue(group + QLatin1String("/hiddenTitles"), hiddenTitles);
    settings.remove(group + QLatin1String("/hidden"));
}

} // namespace Cockpit
