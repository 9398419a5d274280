// SPDX-License-Identifier: MIT
#pragma once

#include "cockpitctl/exit_code.h"
#include "common/result.h"
#include "config/environment_config.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace Cockpit {
class GateRegistry;
}

namespace Cockpit::Cli {

enum class Format
{
    Text,
    Json,
    Csv
};

// What a command gets: its own arguments (after the command words), and the output streams.
class Invocation
{
public:
    Invocation(QStringList arguments, QTextStream &out, QTextStream &err);

    QStringList arguments() const { return m_arguments; }
    // The command's words and synopsis as registered ("state diff (--config FILE | ...) [--all] ..."): the
    // one spelling used by --help, usage errors, `cockpitctl help --synopses`, the man page and docs/cli.md.
    QString usage() const { return m_usage; }
    void setUsage(const QString &usage) { m_usage = usage; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // Adds --format (text|json, plus csv when allowed) and, when withConfig, --config FILE.
    void addCommonOptions(QCommandLineParser &parser, bool withConfig, bool allowCsv = false);
    // Parses. Returns the exit code to stop with (0 after --help, 2 after a usage error, printed with the
    // command's usage), or nullopt to go on.
    std::optional<int> parse(QCommandLineParser &parser, const QString &usage);
    Format format() const { return m_format; }

    // Opens --config (openEnvironment: the same steps as the GUI), read-only down to every database
    // session when the command has --read-only and it was given; prints every error and returns nullopt
    // (exit 2) when the file is missing or invalid. gates() are then the environment's.
    std::optional<EnvironmentConfig> loadEnvironment(const QCommandLineParser &parser);
    std::shared_ptr<GateRegistry> gates() const { return m_gates; }

    // The JSON documents' version: 1 until a field is renamed, retyped or removed (new fields keep it).
    static constexpr int ApiVersion = 1;
    // Prints a document, with "apiVersion" added unless it has one.
    void printJson(const QJsonObject &object);
    int usageError(const QString &message);

private:
    QStringList m_arguments;
    QString m_usage;
    QTextStream &m_out;
    QTextStream &m_err;
    Format m_format = Format::Text;
    bool m_allowCsv = false;
    std::shared_ptr<GateRegistry> m_gates;
};

struct Command
{
    QStringList words; // e.g. {"config", "check"}
    QString synopsis;  // arguments after the words, e.g. "FILE [--format text|json]"
    QString summary;   // one line for --help
    std::function<int(Invocation &)> run;
};

class Registry
{
public:
    void add(Command command);
    // The COMMANDS section of cockpitctl(1), in roff, from the same synopses and summaries as --help.
    void printManCommands(QTextStream &out) const;
    // Dispatches argv (without the program name); returns the process exit code.
    int dispatch(const QStringList &argv, QTextStream &out, QTextStream &err) const;
    void printHelp(QTextStream &out) const;

private:
    QList<Command> m_commands;
};

// The rollout module configured under `id`, or nullptr.
const RolloutModuleConfig *findModule(const EnvironmentConfig &env, const QString &id);
// The configured modules, for messages: "transaction_pool, sync_engine".
QString moduleList(const EnvironmentConfig &env);
// One module argument that must name a configured module; prints the usage error itself.
std::optional<QString> moduleArgument(Invocation &inv, const QCommandLineParser &parser,
                                      const EnvironmentConfig &env, const QString &usage);

// Says on stderr that the work was done but its audit entry could not be written (the work stands, the exit
// code is the work's).
void warnUnaudited(Invocation &inv, const Result<void> &audited);

// Each command group registers itself here; main.cpp calls them all.
void registerConfigCommands(Registry &registry);
void registerReconcileCommands(Registry &registry);
void registerControlCommands(Registry &registry);
void registerRolloutCommands(Registry &registry);
void registerRolloutEvidenceCommands(Registry &registry);
void registerStateCommands(Registry &registry);
void registerLedgerCommands(Registry &registry);
void registerLedgerReadCommands(Registry &registry);
void registerGuardCommands(Registry &registry);
void registerSetupCommands(Registry &registry);
void registerWaitCommand(Registry &registry);
void registerStatusCommand(Registry &registry);

} // namespace Cockpit::Cli
