// SPDX-License-Identifier: MIT
#include "control/actuator.h"

#include "common/atomic_file.h"
#include "common/logging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <sys/prctl.h>
#include <sys/types.h>

#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace Cockpit {

namespace {

constexpr qsizetype kMaxOutput = 64 * 1024; // keep audit entries bounded

// Runs the hook ("$@") in the background of its process group and waits for it; a signal (the parent-death
// signal, or a timeout's kill of the group) ends every process of the group. 127: the program was not found.
constexpr const char *kHookSupervisor = "trap 'kill -KILL 0' HUP INT TERM; \"$@\" & wait $!";

QString quoteArg(const QString &arg)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (plain.match(arg).hasMatch())
        return arg;
    QString quoted = arg;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QString ActuatorStep::describe() const
{
    switch (kind) {
    case Kind::ControlStore:
        return QStringLiteral("record the new phase in the control database (services read it from there)");
    case Kind::WriteEnvFile: {
        QStringList lines;
        for (auto it = flags.cbegin(); it != flags.cend(); ++it)
            lines.append(it.key() + QLatin1Char('=') + it.value());
        return QLatin1String("write ") + path + QLatin1String(" atomically: ") + lines.join(QLatin1Char(' '));
    }
    case Kind::RunCommand: {
        QStringList quoted;
        for (const QString &a : argv)
            quoted.append(quoteArg(a));
        return QLatin1String("run (no shell, timeout ") + QString::number(timeoutSeconds)
               + QLatin1String(" s): ") + quoted.join(QLatin1Char(' '));
    }
    }
    return QString();
}

QStringList ActuatorPlan::describe() const
{
    QStringList lines;
    if (!error.isEmpty())
        lines.append(QLatin1String("cannot plan: ") + error);
    for (const ActuatorStep &s : steps)
        lines.append(s.describe());
    return lines;
}

QString Actuator::substitute(const QString &text, const QMap<QString, QString> &values, QStringList *unknown)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)\\}"));
    QString result;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        result += text.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        if (values.contains(name)) {
            result += values.value(name);
        } else {
            result += m.captured(0);
            if (unknown && !unknown->contains(name))
                unknown->append(name);
        }
        last = m.capturedEnd();
    }
    result += text.mid(last);
    return result;
}

QByteArray Actuator::mergeEnvFile(const QByteArray &existing, const QMap<QString, QString> &flags)
{
    QList<QByteArray> lines = existing.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    QMap<QString, QString> missing = flags;
    for (QByteArray &line : lines) {
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0 || line.trimmed().startsWith('#'))
            continue;
        const QString key = QString::fromUtf8(line.left(eq).trimmed());
        if (flags.contains(key)) {
            line = (key + QLatin1Char('=') + flags.value(key)).toUtf8();
            missing.remove(key);
        }
    }
    for (auto it = missing.cbegin(); it != missing.cend(); ++it)
        lines.append((it.key() + QLatin1Char('=') + it.value()).toUtf8());
    return lines.join('\n') + '\n';
}

ActuatorPlan Actuator::plan(const EnvironmentConfig &config, const MigrationDefinition &migration,
                            const QString &targetPhase)
{
    ActuatorPlan plan;
    const std::optional<MigrationPhase> phase = migration.phase(targetPhase);
    if (!phase) {
        plan.error = migration.id() + QLatin1String(" has no phase \"") + targetPhase + QLatin1Char('"');
        return plan;
    }
    plan.steps.append(ActuatorStep{});
    const ActuatorConfig actuator = config.actuatorFor(migration.lane());
    switch (actuator.kind) {
    case ActuatorConfig::Kind::ControlStore:
        break;
    case ActuatorConfig::Kind::EnvFile: {
        ActuatorStep step;
        step.kind = ActuatorStep::Kind::WriteEnvFile;
        step.path = actuator.envFile;
        step.flags = phase->flags;
        QFile file(actuator.envFile);
        QByteArray existing;
        if (file.exists()) {
            if (!file.open(QIODevice::ReadOnly)) {
                plan.error = actuator.envFile + QLatin1String(": cannot read: ") + file.errorString();
                return plan;
            }
            existing = file.readAll();
        }
        step.preview = QString::fromUtf8(mergeEnvFile(existing, phase->flags));
        plan.steps.prepend(step);
        break;
    }
    case ActuatorConfig::Kind::Command: {
        QMap<QString, QString> values = phase->placeholders;
        values.insert(QStringLiteral("migration"), migration.id());
        values.insert(QStringLiteral("phase"), phase->id);
        values.insert(QStringLiteral("environment"), config.name);
        QStringList unknown;
        ActuatorStep step;
        step.kind = ActuatorStep::Kind::RunCommand;
        step.timeoutSeconds = actuator.timeoutSeconds;
        step.hiddenVariables = config.secretVariables();
        for (const QString &arg : actuator.command)
            step.argv.append(substitute(arg, values, &unknown));
        if (!unknown.isEmpty()) {
            plan.error = QLatin1String("actuators/") + migration.lane()
                         + QLatin1String("/command: unknown placeholder(s) {")
                         + unknown.join(QLatin1String("}, {")) + QLatin1String("} for ") + migration.id()
                         + QLatin1String("; known: {")
                         + QStringList(values.keys()).join(QLatin1String("}, {")) + QLatin1Char('}');
            return plan;
        }
        plan.steps.prepend(step);
        break;
    }
    }
    return plan;
}

Actuator::Outcome Actuator::run(const ActuatorPlan &plan, const Tick &tick)
{
    Outcome outcome;
    if (!plan.isValid()) {
        outcome.output = plan.error;
        return outcome;
    }
    QStringList log;
    for (const ActuatorStep &step : plan.steps) {
        if (step.kind == ActuatorStep::Kind::WriteEnvFile) {
            // Re-read now: another lane may share the file and have written since the plan was made.
            QByteArray existing;
            QFile file(step.path);
            if (file.exists()) {
                if (!file.open(QIODevice::ReadOnly)) {
                    log.append(step.path + QLatin1String(": cannot read: ") + file.errorString());
                    outcome.output = log.join(QLatin1Char('\n'));
                    return outcome;
                }
                existing = file.readAll();
            }
            const Result<void> written = AtomicFile::write(step.path, mergeEnvFile(existing, step.flags));
            if (!written) {
                log.append(written.error().message);
                outcome.output = log.join(QLatin1Char('\n'));
                return outcome;
            }
            log.append(QLatin1String("wrote ") + step.describe().mid(6));
        } else if (step.kind == ActuatorStep::Kind::RunCommand) {
            log.append(QLatin1String("$ ") + step.argv.join(QLatin1Char(' ')));
            // The shell below would start even when the hook cannot: ask first, as QProcess did.
            const QString program = step.argv.first().contains(QLatin1Char('/'))
                                        ? step.argv.first()
                                        : QStandardPaths::findExecutable(step.argv.first());
            if (program.isEmpty() || !QFileInfo(program).isExecutable() || QFileInfo(program).isDir()) {
                log.append(QLatin1String("cannot start ") + step.argv.first()
                           + QLatin1String(": no such executable program"));
                outcome.output = log.join(QLatin1Char('\n'));
                return outcome;
            }
            QProcess process;
            process.setProcessChannelMode(QProcess::MergedChannels);
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            for (const QString &name : step.hiddenVariables)
                environment.remove(name);
            process.setProcessEnvironment(environment);
            // The hook runs under a small shell in a process group of its own, which gets SIGTERM when the
            // thread that started it dies (kill -9 of the cockpit included) and then kills the whole group:
            // no hook, nor anything it started, goes on applying flags for a cockpit that is gone.
            process.setChildProcessModifier([] {
                setpgid(0, 0);
                prctl(PR_SET_PDEATHSIG, SIGTERM);
            });
            process.start(QStringLiteral("/bin/sh"),
                          QStringList{QStringLiteral("-c"), QLatin1String(kHookSupervisor),
                                      QStringLiteral("cockpit-hook")}
                              + step.argv);
            if (!process.waitForStarted(10000)) {
                log.append(QLatin1String("cannot start ") + step.argv.first() + QLatin1String(": ")
                           + process.errorString());
                outcome.output = log.join(QLatin1Char('\n'));
                return outcome;
            }
            QElapsedTimer clock;
            clock.start();
            bool finished = false;
            bool stopped = false;
            while (!finished && !stopped && clock.elapsed() < step.timeoutSeconds * 1000LL) {
                finished = process.waitForFinished(
                    int(std::min<qint64>(1000, step.timeoutSeconds * 1000LL - clock.elapsed())));
                if (!finished && process.state() == QProcess::NotRunning)
                    finished = true; // ended between two waits
                if (!finished && tick)
                    stopped = !tick();
            }
            if (!finished) {
                if (process.processId() > 0)
                    ::kill(-pid_t(process.processId()), SIGKILL);
                process.kill();
                process.waitForFinished(5000);
            }
            QString output = QString::fromUtf8(process.readAll());
            if (output.size() > kMaxOutput)
                output = output.left(kMaxOutput) + QLatin1String("\n[output truncated]");
            if (!output.isEmpty())
                log.append(output.trimmed());
            if (stopped) {
                log.append(QStringLiteral("stopped: the transition was taken over; killed"));
                outcome.output = log.join(QLatin1Char('\n'));
                return outcome;
            }
            if (!finished) {
                log.append(QLatin1String("timed out after ") + QString::number(step.timeoutSeconds)
                           + QLatin1String(" s; killed"));
                outcome.output = log.join(QLatin1Char('\n'));
                return outcome;
            }
            if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
                log.append(process.exitStatus() != QProcess::NormalExit
                               ? QStringLiteral("command crashed")
                               : QLatin1String("command exited with code ")
                                     + QString::number(process.exitCode()));
                outcome.output = log.join(QLatin1Char('\n'));
                return outcome;
            }
            log.append(QStringLiteral("command exited with code 0"));
        }
    }
    outcome.ok = true;
    outcome.output = log.join(QLatin1Char('\n'));
    qCDebug(lcControl) << "actuators ran:" << outcome.output;
    return outcome;
}

} // namespace Cockpit
