// SPDX-License-Identifier: MIT
#include "ui/shell/desktop_notifier.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>
#include <QSystemTrayIcon>
#include <QVariantMap>

namespace Cockpit {

namespace {

const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
    // Whether a notification server runs is learnt from the first call's answer, not asked (a blocking call).
    if (QDBusConnection::sessionBus().isConnected())
        m_channel = Channel::DBus;
    else
        useTray();
}

void DesktopNotifier::useTray()
{
    m_channel = Channel::None;
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QGuiApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Migration Cockpit"));
    }
    m_tray->show();
    m_channel = Channel::Tray;
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::notify(const QString &summary, const QString &body, bool critical)
{
    if (m_channel == Channel::Tray) {
        m_tray->showMessage(summary, body, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
        ++m_delivered;
        emit deliveredChanged(m_delivered);
        return;
    }
    if (m_channel != Channel::DBus)
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Service, QStringLiteral("Notify"));
    // The specification's urgency hint: 2 is critical (kept until dismissed), 1 normal.
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue<uchar>(critical ? 2 : 1)},
                            {QStringLiteral("desktop-entry"), QStringLiteral("migration-cockpit")}};
    call << QStringLiteral("Migration Cockpit") << uint(0) << QStringLiteral("migration-cockpit") << summary
         << body << QStringList() << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, summary, body, critical](QDBusPendingCallWatcher *w) {
                const QDBusPendingReply<uint> reply = *w;
                w->deleteLater();
                if (!reply.isError()) {
                    ++m_delivered;
                    emit deliveredChanged(m_delivered);
                    return;
                }
                // No notification server on this bus: a tray icon, if the desktop has a tray, from now on.
                // Any other error (a slow or failing server) loses this one only.
                const QDBusError error = reply.error();
                if (error.type() != QDBusError::ServiceUnknown
                    && error.name() != QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner"))
                    return;
                useTray();
                if (m_channel == Channel::Tray)
                    notify(summary, body, critical);
            });
}

} // namespace Cockpit
