// SPDX-License-Identifier: MIT
#pragma once

#include <QTemporaryDir>
#include <QThreadPool>

namespace CockpitTest {

// The temporary folder of an environment that pages or windows open. Their jobs run on in the global pool
// after the widgets are gone (nothing waits for them), so the folder is removed only once every job has
// ended: SQLite can crash when a control database's folder is deleted while a job still opens it.
class EnvironmentDir : public QTemporaryDir
{
public:
    EnvironmentDir() = default;
    ~EnvironmentDir() { QThreadPool::globalInstance()->waitForDone(); }

    Q_DISABLE_COPY_MOVE(EnvironmentDir)
};

} // namespace CockpitTest
