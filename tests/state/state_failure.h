// SPDX-License-Identifier: MIT
#pragma once

#include "state/state_error.h"

namespace CockpitStateTest {

// Why a state result failed ("" when it did not), for QVERIFY2: qPrintable(failure(r)).
template<typename T>
QString failure(const Cockpit::StateResult<T> &result)
{
    return result ? QString() : result.error().describe();
}

} // namespace CockpitStateTest
