// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

class QSystemTrayIcon;

namespace Cockpit {

// Tells the operator's desktop when something needs them while they look elsewhere (a guard rolled back, an
// alert started firing, a transition was interrupted): a freedesktop notification over the session D-Bus
// (org.freedesktop.Notifications), or, without one, a message from a tray icon. Without either the event
// is only in the Activity panel. Never blocks: the D-Bus call is asynchronous and its answer only counted.
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    enum class Channel
    {
        None,
        DBus,
        Tray,
    };

    explicit DesktopNotifier(QObject *parent = nullptr);
    ~DesktopNotifier() override;

    Channel channel() const { return m_channel; }
    // `critical` asks the notification server to keep it until the operator dismisses it.
    void notify(const QString &summary, const QString &body, bool critical);
    // Notifications the server acknowledged (for tests).
    int delivered() const { return m_delivered; }

signals:
    void deliveredChanged(int count);

private:
    void useTray();

    Channel m_channel = Channel::None;
    QSystemTrayIcon *m_tray = nullptr;
    int m_delivered = 0;
};

} // namespace Cockpit
