// SPDX-License-Identifier: MIT
#include "common/result.h"

namespace Cockpit {

QString kindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Failed:
        return QStringLiteral("error");
    case ErrorKind::Invalid:
        return QStringLiteral("invalid");
    case ErrorKind::Unreachable:
        return QStringLiteral("unreachable");
    case ErrorKind::NotFound:
        return QStringLiteral("notFound");
    case ErrorKind::Refused:
        return QStringLiteral("refused");
    case ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ErrorKind::NotSetUp:
        return QStringLiteral("notSetUp");
    case ErrorKind::Fenced:
        return QStringLiteral("fenced");
    }
    return QStringLiteral("error");
}

} // namespace Cockpit
