// SPDX-License-Identifier: MIT
#include "config/operator_identity.h"

#include <QProcessEnvironment>
#include <QSysInfo>

#include <array>

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
    // getpwuid_r: any thread may ask (a worker records an audit entry).
    passwd entry{};
    passwd *found = nullptr;
    std::array<char, 4096> buffer{};
    if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found)
        identity.osUser = QString::fromLocal8Bit(found->pw_name);
    if (identity.osUser.isEmpty())
        identity.osUser =
            QProcessEnvironment::systemEnvironment().value(QStringLiteral("USER"), QStringLiteral("unknown"));
    identity.displayName = displayName;
    identity.host = QSysInfo::machineHostName();
    return identity;
}

} // namespace Cockpit
