// SPDX-License-Identifier: MIT
#include "control/static_gate.h"

namespace Cockpit {

StaticGate::StaticGate(Text name, GateResult result)
    : m_name(std::move(name))
    , m_check([result] { return result; })
{}

StaticGate::StaticGate(Text name, std::function<GateResult()> check)
    : m_name(std::move(name))
    , m_check(std::move(check))
{}

GateResult StaticGate::evaluate()
{
    return m_check
               ? m_check()
               : GateResult{GateResult::Verdict::Inconclusive, Text::translate("Gates", "no check defined")};
}

} // namespace Cockpit
