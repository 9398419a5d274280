// SPDX-License-Identifier: MIT
#include "cli_command.h"

#include "wiring/environment_opener.h"

#include <QJsonDocument>

#include <algorithm>

namespace Cockpit::Cli {

Invocation::Invocation(QStringList arguments, QTextStream &out, QTextStream &err)
    : m_arguments(std::move(arguments))
    , m_out(out)
    , m_err(err)
{}

void Invocation::addCommonOptions(QCommandLineParser &parser, bool withConfig, bool allowCsv)
{
    m_allowCsv = allowCsv;
    parser.addOption({QStringLiteral("format"),
                      allowCsv ? QStringLiteral("Output format: text, json or csv.")
                               : QStringLiteral("Output format: text or json."),
                      QStringLiteral("format"), QStringLiteral("text")});
    if (withConfig)
        parser.addOption(
            {QStringLiteral("config"), QStringLiteral("Environment file."), QStringLiteral("file")});
    parser.addHelpOption();
}

std::optional<int> Invocation::parse(QCommandLineParser &parser, const QString &usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{QStringLiteral("cockpitctl")} + m_arguments)) {
        // Qt's "Unknown option 'x'." written as this tool's other messages are: lower case, no full stop.
        QString text = parser.errorText();
        if (!text.isEmpty())
            text[0] = text.at(0).toLower();
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        m_err << "cockpitctl: " << text << "\nusage: cockpitctl " << usage << '\n';
        m_err.flush();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << "usage: cockpitctl " << usage << "\n\n" << parser.helpText().section(QLatin1Char('\n'), 2);
        m_out.flush();
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("format"))) {
        const QString format = parser.value(QStringLiteral("format"));
        if (format == QLatin1String("json")) {
            m_format = Format::Json;
        } else if (format == QLatin1String("csv") && m_allowCsv) {
            m_format = Format::Csv;
        } else if (format != QLatin1String("text")) {
            m_err << "cockpitctl: --format: unknown format \"" << format << "\"\nusage: cockpitctl " << usage
                  << '\n';
            m_err.flush();
            return ExitUsage;
        }
    }
    return std::nullopt;
}

std::optional<EnvironmentConfig> Invocation::loadEnvironment(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("config"));
    if (path.isEmpty()) {
        m_err << "cockpitctl: --config FILE is required\n";
        m_err.flush();
        return std::nullopt;
    }
    OpenOptions options;
    options.readOnly = parser.optionNames().contains(QStringLiteral("read-only"));
    options.demoDatabases = DemoBootstrap::Databases::LeaveToLanes;
    OpenedEnvironment opened = openEnvironment(path, options);
    if (!opened.ok()) {
        for (const QString &error : std::as_const(opened.errors))
            m_err << error << '\n';
        m_err.flush();
        return std::nullopt;
    }
    m_gates = std::move(opened.gates);
    return std::move(opened.config);
}

void Invocation::printJson(const QJsonObject &object)
{
    // Every document says which shape it has, so that a pipeline can tell a future change from a bug.
    QJsonObject document = object;
    if (!document.contains(QLatin1String("apiVersion")))
        document.insert(QStringLiteral("apiVersion"), ApiVersion);
    m_out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
    m_out.flush();
}

int Invocation::usageError(const QString &message)
{
    m_err << "cockpitctl: " << message << '\n';
    m_err.flush();
    return ExitUsage;
}

void Registry::add(Command command)
{
    m_commands.append(std::move(command));
}

void Registry::printHelp(QTextStream &out) const
{
    out << "usage: cockpitctl [--version] [--help] <command> [options]\n\n"
           "Runs and checks the migrations of one environment from the command line.\n\n"
           "Commands:\n";
    int width = 0;
    for (const Command &c : m_commands)
        width = std::max<int>(width, static_cast<int>(c.words.join(QLatin1Char(' ')).size()));
    for (const Command &c : m_commands)
        out << "  " << c.words.join(QLatin1Char(' ')).leftJustified(width + 2) << c.summary << '\n';
    out << "\nRun 'cockpitctl <command> --help' for the options of a command.\n"
           "Exit codes: 0 ok, 1 findings (differences, discrepancies, failed gates), 2 usage or input "
           "error,\n"
           "3 backend unreachable.\n";
    out.flush();
}

void Registry::printManCommands(QTextStream &out) const
{
    // roff: a hyphen is \-, and a line must not begin with a control character.
    const auto roff = [](QString text) -> QString {
        text.replace(QLatin1Char('\\'), QLatin1String("\\e")).replace(QLatin1Char('-'), QLatin1String("\\-"));
        return text.startsWith(QLatin1Char('.')) || text.startsWith(QLatin1Char('\''))
                   ? QLatin1String("\\&") + text
                   : text;
    };
    for (const Command &c : m_commands) {
        out << ".TP\n.BI \"" << roff(c.words.join(QLatin1Char(' '))) << " \" \"" << roff(c.synopsis) << "\"\n"
            << roff(c.summary) << '\n';
    }
    out.flush();
}

int Registry::dispatch(const QStringList &argv, QTextStream &out, QTextStream &err) const
{
    if (argv.isEmpty()) {
        // No command is a usage error: the help goes where errors go, so a pipeline's output stays empty.
        printHelp(err);
        return ExitUsage;
    }
    if (argv.first() == QLatin1String("--help") || argv.first() == QLatin1String("-h")
        || argv == QStringList{QStringLiteral("help")}) {
        printHelp(out);
        return ExitOk;
    }
    if (argv == QStringList{QStringLiteral("help"), QStringLiteral("--man")}) {
        printManCommands(out);
        return ExitOk;
    }
    if (argv == QStringList{QStringLiteral("help"), QStringLiteral("--synopses")}) {
        // One line per command, for the man page and the check of docs/cli.md.
        for (const Command &c : m_commands)
            out << "cockpitctl " << c.words.join(QLatin1Char(' ')) << ' ' << c.synopsis << '\n';
        out.flush();
        return ExitOk;
    }
    if (argv.first() == QLatin1String("--version") || argv.first() == QLatin1String("-v")) {
        out << "cockpitctl " << COCKPIT_VERSION << '\n';
        out.flush();
        return ExitOk;
    }
    // "help rollout status" is "rollout status --help".
    if (argv.first() == QLatin1String("help"))
        return dispatch(argv.mid(1) << QStringLiteral("--help"), out, err);
    // The longest run of leading words that names a command wins ("state diff" before "state").
    const Command *best = nullptr;
    for (const Command &c : m_commands) {
        if (c.words.size() <= argv.size() && argv.mid(0, c.words.size()) == c.words
            && (!best || c.words.size() > best->words.size()))
            best = &c;
    }
    if (!best) {
        QStringList groups;
        for (const Command &c : m_commands) {
            if (c.words.first() == argv.first())
                groups.append(QLatin1String("cockpitctl ") + c.words.join(QLatin1Char(' ')) + QLatin1Char(' ')
                              + c.synopsis);
        }
        // "rollout --help": the group's commands, asked for, so on stdout and exit 0.
        if (!groups.isEmpty()
            && (argv.contains(QLatin1String("--help")) || argv.contains(QLatin1String("-h")))) {
            out << "commands of cockpitctl " << argv.first() << ":\n  " << groups.join(QLatin1String("\n  "))
                << "\n\nRun 'cockpitctl <command> --help' for the options of a command.\n";
            out.flush();
            return ExitOk;
        }
        QStringList named;
        for (const QString &word : argv.mid(0, 2)) {
            if (word.startsWith(QLatin1Char('-')))
                break;
            named.append(word);
        }
        err << "cockpitctl: unknown command \"" << named.join(QLatin1Char(' ')) << "\"\n";
        if (!groups.isEmpty())
            err << "did you mean:\n  " << groups.join(QLatin1String("\n  ")) << '\n';
        else
            err << "run 'cockpitctl --help' for the list of commands\n";
        err.flush();
        return ExitUsage;
    }
    Invocation invocation(argv.mid(best->words.size()), out, err);
    invocation.setUsage(best->words.join(QLatin1Char(' ')) + QLatin1Char(' ') + best->synopsis);
    return best->run(invocation);
}

const RolloutModuleConfig *findModule(const EnvironmentConfig &env, const QString &id)
{
    for (const RolloutModuleConfig &m : env.rollout.modules) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

QString moduleList(const EnvironmentConfig &env)
{
    QStringList ids;
    for (const RolloutModuleConfig &m : env.rollout.modules)
        ids << m.id;
    return ids.join(QLatin1String(", "));
}

std::optional<QString> moduleArgument(Invocation &inv, const QCommandLineParser &parser,
                                      const EnvironmentConfig &env, const QString &usage)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        inv.usageError(QLatin1String("expected exactly one MODULE\nusage: cockpitctl ") + usage);
        return std::nullopt;
    }
    if (!findModule(env, args.first())) {
        inv.usageError(QLatin1String("unknown module \"") + args.first() + QLatin1String("\" (configured: ")
                       + moduleList(env) + QLatin1Char(')'));
        return std::nullopt;
    }
    return args.first();
}

void warnUnaudited(Invocation &inv, const Result<void> &audited)
{
    if (audited)
        return;
    inv.err() << "cockpitctl: warning: done, but not in the audit log: " << audited.error().message << '\n';
    inv.err().flush();
}

} // namespace Cockpit::Cli
