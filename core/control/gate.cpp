// SPDX-License-Identifier: MIT
#include "control/gate.h"

namespace Cockpit {

Gate::~Gate() = default;

QString gateVerdictName(GateResult::Verdict verdict)
{
    switch (verdict) {
    case GateResult::Verdict::Pass:
        return QStringLiteral("pass");
    case GateResult::Verdict::Fail:
        return QStringLiteral("fail");
    case GateResult::Verdict::Inconclusive:
        return QStringLiteral("inconclusive");
    }
    return QString();
}

} // namespace Cockpit
