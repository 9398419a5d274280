// SPDX-License-Identifier: MIT
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Cockpit {

// One thing a transition does to the outside world.
struct ActuatorStep
{
    enum class Kind
    {
        ControlStore,
        WriteEnvFile,
        RunCommand
    };

    Kind kind = Kind::ControlStore;
    QString path;                 // WriteEnvFile
    QMap<QString, QString> flags; // WriteEnvFile: the KEY=value lines to set (others in the file are kept)
    QString preview;              // WriteEnvFile: the whole new file content as planned
    QStringList argv;             // RunCommand: program first, placeholders already substituted
    int timeoutSeconds = 60;      // RunCommand
    QStringList hiddenVariables;  // RunCommand: removed from the command's environment (the passwords)

    QString describe() const; // one line for the dry run
};

// Exactly what executing a transition would write and run; the dry run prints it.
struct ActuatorPlan
{
    QList<ActuatorStep> steps;
    QString error; // planning failed (unknown placeholder, unreadable env file...); nothing may run

    bool isValid() const { return error.isEmpty(); }
    QStringList describe() const;
};

} // namespace Cockpit
