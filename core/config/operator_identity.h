// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Cockpit {

// Who acts: recorded in the audit log and in "changed by" messages.
struct OperatorIdentity
{
    QString osUser;
    QString displayName; // optional, from settings
    QString host;

    // "alice (Alice Doe)" or "alice"
    QString label() const;
    static OperatorIdentity current(const QString &displayName = QString());
};

} // namespace Cockpit
