// SPDX-License-Identifier: MIT
#include "config/write_policy.h"

#include <QCoreApplication>

namespace Cockpit {

Result<void> WritePolicy::check(const EnvironmentConfig &config, bool readOnly, const WriteApproval &approval,
                                Reason reason)
{
    if (readOnly || config.readOnly)
        return fail(readOnlyRefusal(config), ErrorKind::Refused);
    if (reason == Reason::Required && approval.reason.trimmed().isEmpty())
        return fail(missingReason(), ErrorKind::Invalid);
    if (needsTypedName(config) && approval.confirmedName != config.name)
        return fail(typedNameRefusal(config), ErrorKind::Refused);
    return ok();
}

QString WritePolicy::readOnlyRefusal(const EnvironmentConfig &config)
{
    return QCoreApplication::translate(
               "WritePolicy", "%1 is read-only (--read-only or environment.readOnly): nothing is written")
        .arg(config.name);
}

QString WritePolicy::missingReason()
{
    return QCoreApplication::translate("WritePolicy",
                                       "A reason is required: this write is kept in the audit log.");
}

QString WritePolicy::typedNameRefusal(const EnvironmentConfig &config)
{
    return QCoreApplication::translate("WritePolicy",
                                       "\"%1\" is a prod environment: type its name to confirm.")
        .arg(config.name);
}

} // namespace Cockpit
