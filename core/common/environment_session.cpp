// SPDX-License-Identifier: MIT
#include "common/environment_session.h"

#include <QDateTime>
#include <QProcessEnvironment>
#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace Cockpit {

QString OperatorIdentity::label() const
{
    if (displayName.isEmpty() || displayName == osUser)
        return osUser;
    return osUser + QLatin1String(" (") + displayName + QLatin1Char(')');
}

OperatorIdentity OperatorIdentity::current(const QString &displayName)
{
    OperatorIdentity identity;
    if (const passwd *pw = ::getpwuid(::geteuid()))
        identity.osUser = QString::fromLocal8Bit(pw->pw_name);
    if (identity.osUser.isEmpty())
        identity.osUser =
            QProcessEnvironment::systemEnvironment().value(QStringLiteral("USER"), QStringLiteral("unknown"));
    identity.displayName = displayName;
    identity.host = QSysInfo::machineHostName();
    return identity;
}

EnvironmentSession::EnvironmentSession(EnvironmentConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_operator(OperatorIdentity::current())
{}

void EnvironmentSession::setReadOnlyOverride(bool readOnly)
{
    const bool before = isReadOnly();
    m_readOnlyOverride = readOnly;
    if (before != isReadOnly())
        emit readOnlyChanged(isReadOnly());
}

void EnvironmentSession::setOperatorDisplayName(const QString &name)
{
    m_operator.displayName = name;
}

void EnvironmentSession::report(ActivityEvent event)
{
    if (event.atMs == 0)
        event.atMs = QDateTime::currentMSecsSinceEpoch();
    emit activity(event);
}

void EnvironmentSession::setAttention(const QString &page, int count, const QString &summary)
{
    const std::pair<int, QString> value{std::max(0, count), summary};
    if (m_attention.value(page) == value)
        return;
    m_attention.insert(page, value);
    emit attentionChanged(page, value.first, value.second);
}

} // namespace Cockpit
