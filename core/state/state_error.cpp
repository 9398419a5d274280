// SPDX-License-Identifier: MIT
#include "state/state_error.h"

namespace Cockpit {

QString StateError::codeName(StateErrorCode code)
{
    switch (code) {
    case StateErrorCode::None:
        return QStringLiteral("OK");
    case StateErrorCode::NotFound:
        return QStringLiteral("STATE_NOT_FOUND");
    case StateErrorCode::WriteFailed:
        return QStringLiteral("STATE_WRITE_FAILED");
    case StateErrorCode::BackendUnavailable:
        return QStringLiteral("BACKEND_UNAVAILABLE");
    case StateErrorCode::ValidationFailed:
        return QStringLiteral("VALIDATION_FAILED");
    case StateErrorCode::MigrationFailed:
        return QStringLiteral("MIGRATION_FAILED");
    }
    return QString();
}

QString StateError::describe() const
{
    QString text = codeName(code) + QLatin1String(": ");
    if (!file.isEmpty())
        text += file + QLatin1String(": ");
    if (!key.isEmpty())
        text += QLatin1String("key ") + key + QLatin1String(": ");
    return text + message;
}

} // namespace Cockpit
