// SPDX-License-Identifier: MIT
#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace CockpitTest {

inline QString sourceDir()
{
    return QStringLiteral(COCKPIT_SOURCE_DIR);
}

inline QString fixturesDir()
{
    return QStringLiteral(COCKPIT_TEST_FIXTURES);
}

// Path of the built cockpitctl, for tests that run the CLI as a user would.
inline QString cockpitctl()
{
    const QString fromEnv = QProcessEnvironment::systemEnvironment().value(QStringLiteral("COCKPITCTL"));
    return fromEnv.isEmpty() ? QStringLiteral(COCKPIT_BINARY_DIR "/bin/cockpitctl") : fromEnv;
}

} // namespace CockpitTest
