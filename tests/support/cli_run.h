// SPDX-License-Identifier: MIT
// cockpitctl as a user runs it: a real process, its exit code and both outputs.
#pragma once

#include "test_paths.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace CockpitTest {

struct CliRun
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

inline QProcess *start(const QStringList &args,
                       const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    auto *p = new QProcess;
    p->setProcessEnvironment(env);
    p->start(CockpitTest::cockpitctl(), args);
    return p;
}

inline CliRun finish(QProcess *p)
{
    CliRun r;
    if (!p->waitForFinished(30000))
        p->kill();
    p->waitForFinished(5000);
    r.crashed = p->exitStatus() == QProcess::CrashExit;
    r.exitCode = p->exitCode();
    r.out = QString::fromUtf8(p->readAllStandardOutput());
    r.err = QString::fromUtf8(p->readAllStandardError());
    delete p;
    return r;
}

inline CliRun run(const QStringList &args,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return finish(start(args, env));
}

} // namespace CockpitTest
