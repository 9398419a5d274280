// SPDX-License-Identifier: MIT
#pragma once

#include "control/gate.h"

#include <functional>

namespace Cockpit {

// A gate whose result comes from a function (or a fixed value): for simple checks a lane can write as a
// lambda, and for tests. Thread-safe as long as the function is.
class StaticGate : public Gate
{
public:
    StaticGate(Text name, GateResult result);
    StaticGate(Text name, std::function<GateResult()> check);

    Text name() const override { return m_name; }
    GateResult evaluate() override;
    bool overridable() const override { return m_overridable; }
    // A rule of the plan rather than evidence: a failing verdict blocks even an override.
    StaticGate &notOverridable()
    {
        m_overridable = false;
        return *this;
    }

private:
    Text m_name;
    std::function<GateResult()> m_check;
    bool m_overridable = true;
};

} // namespace Cockpit
