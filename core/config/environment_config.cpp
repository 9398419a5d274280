// SPDX-License-Identifier: MIT
#include "config/environment_config.h"

#include "common/logging.h"
#include "config/config_sections.h"

#include <QFile>
#include <QFileInfo>

#include <optional>

namespace Cockpit {

QString environmentKindName(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Demo:
        return QStringLiteral("demo");
    case EnvironmentKind::Staging:
        return QStringLiteral("staging");
    case EnvironmentKind::Prod:
        return QStringLiteral("prod");
    }
    return QString();
}

QString RolloutJudgeConfig::decidesName(Decides decides)
{
    switch (decides) {
    case Decides::Both:
        return QStringLiteral("both");
    case Decides::Either:
        return QStringLiteral("either");
    case Decides::Thresholds:
        break;
    }
    return QStringLiteral("thresholds");
}

QString DatabaseConfig::describe() const
{
    if (driver == Driver::Sqlite)
        return QLatin1String("sqlite:") + sqlitePath;
    return QLatin1String("postgresql://") + user + QLatin1Char('@') + host + QLatin1Char(':')
           + QString::number(port) + QLatin1Char('/') + dbname;
}

QList<ServiceSchema::Column> ServiceSchema::columns() const
{
    const auto c = [](const char *key, const QString &table, const QString &column) {
        return Column{QLatin1String("service.") + QLatin1String(key), table, column};
    };
    QList<Column> list = {
        c("users.id", usersTable, usersId),
        c("accounts.id", accountsTable, accountsId),
        c("accounts.userId", accountsTable, accountsUserId),
        c("accounts.accountType", accountsTable, accountsType),
        c("accounts.balance", accountsTable, accountsBalance),
        c("transactions.id", transactionsTable, transactionsId),
        c("entries.id", entriesTable, entriesId),
        c("entries.transactionId", entriesTable, entriesTransactionId),
        c("entries.accountId", entriesTable, entriesAccountId),
        c("entries.entryType", entriesTable, entriesType),
        c("entries.amount", entriesTable, entriesAmount),
        c("legacy.userId", legacyTable, legacyUserId),
    };
    if (!entriesChangeMark.isEmpty())
        list.append(c("entries.changeMark", entriesTable, entriesChangeMark));
    if (!legacyChangeMark.isEmpty())
        list.append(c("legacy.changeMark", legacyTable, legacyChangeMark));
    return list;
}

QList<ServiceSchema::Column> ServiceSchema::historyColumns() const
{
    QList<Column> list;
    const auto add = [&](const char *key, const QString &table, const QString &column) {
        if (!column.isEmpty())
            list.append(Column{QLatin1String("service.") + QLatin1String(key), table, column});
    };
    add("transactions.type", transactionsTable, transactionsType);
    add("transactions.description", transactionsTable, transactionsDescription);
    add("entries.createdAt", entriesTable, entriesCreatedAt);
    return list;
}

void EnvironmentConfig::setReadOnly(bool on)
{
    readOnly = on;
    ledger.database.readOnly = on;
    control.database.readOnly = on;
}

QStringList EnvironmentConfig::secretVariables() const
{
    QStringList names;
    for (const DatabaseConfig *db : {&ledger.database, &control.database}) {
        if (!db->passwordEnv.isEmpty() && !names.contains(db->passwordEnv))
            names.append(db->passwordEnv);
    }
    return names;
}

namespace {

// Far beyond any environment file, far below what the recursive parser's stack allows.
constexpr int MaxConfigDepth = 64;

// The offset of the first '[' or '{' nested deeper than `limit`, outside strings; nullopt when none is.
std::optional<std::size_t> tooDeep(const QByteArray &bytes, int limit)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return std::size_t(i);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

// Line and column (1-based) of a byte offset, for syntax error messages.
QString position(const QByteArray &bytes, std::size_t offset)
{
    int line = 1;
    int column = 1;
    const auto end = std::min<std::size_t>(offset, static_cast<std::size_t>(bytes.size()));
    for (std::size_t i = 0; i + 1 < end; ++i) {
        if (bytes.at(static_cast<qsizetype>(i)) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QLatin1String("line ") + QString::number(line) + QLatin1String(", column ")
           + QString::number(column);
}

} // namespace

ConfigLoader::Result ConfigLoader::load(const QString &path)
{
    Result result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors.append(path + QLatin1String(": cannot read: ") + file.errorString());
        return result;
    }
    const QByteArray bytes = file.readAll();
    result = parse(bytes, path, QFileInfo(path).absolutePath());
    if (result.config)
        result.config->filePath = QFileInfo(path).absoluteFilePath();
    return result;
}

ConfigLoader::Result ConfigLoader::parse(const QByteArray &bytes, const QString &displayName,
                                         const QString &baseDir)
{
    Result result;
    // nlohmann parses nested values recursively: a hostile file nested deep enough would overflow the
    // stack, so the depth is checked first.
    if (const std::optional<std::size_t> deep = tooDeep(bytes, MaxConfigDepth)) {
        result.errors.append(displayName + QLatin1String(": ") + position(bytes, *deep + 1)
                             + QStringLiteral(": nested deeper than %1 levels").arg(MaxConfigDepth));
        return result;
    }
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const nlohmann::json::out_of_range &e) {
        // A number beyond what a double holds (1e400): nlohmann names the number but not its position.
        QString what = QString::fromUtf8(e.what());
        what = what.mid(what.indexOf(QLatin1Char(']')) + 1).trimmed();
        result.errors.append(displayName + QLatin1String(": ") + what);
        return result;
    } catch (const nlohmann::json::parse_error &e) {
        QString what = QString::fromUtf8(e.what());
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 3, column 5: syntax ...";
        // keep the part after the position, which says what was wrong.
        const int colon = what.indexOf(QLatin1String(": "), what.indexOf(QLatin1String("column")));
        if (colon > 0)
            what = what.mid(colon + 2);
        result.errors.append(displayName + QLatin1String(": ") + position(bytes, e.byte) + QLatin1String(": ")
                             + what);
        return result;
    }

    ConfigReader reader(displayName, QDir(baseDir));
    const ConfigReader::Node root = reader.root(document);
    if (!reader.expectObject(
            root, {"environment", "ledger", "control", "state", "metrics", "rollout", "actuators"})) {
        result.errors = reader.errors();
        return result;
    }

    EnvironmentConfig env;
    const ConfigReader::Node environment = reader.child(root, "environment");
    if (!environment.isValid()) {
        reader.error(environment,
                     QStringLiteral("required key is missing (expected an object with \"name\" and "
                                    "\"kind\")"));
        result.errors = reader.errors();
        return result;
    }
    if (reader.expectObject(environment, {"name", "kind", "readOnly", "dataDir"})) {
        if (auto name = reader.nonEmptyString(environment, "name", true))
            env.name = *name;
        if (auto kind = reader.oneOf(
                environment, "kind",
                {QStringLiteral("demo"), QStringLiteral("staging"), QStringLiteral("prod")}, true)) {
            env.kind = *kind == QLatin1String("prod")      ? EnvironmentKind::Prod
                       : *kind == QLatin1String("staging") ? EnvironmentKind::Staging
                                                           : EnvironmentKind::Demo;
        }
        if (auto readOnly = reader.boolean(environment, "readOnly", false, false))
            env.readOnly = *readOnly;
        if (reader.has(environment, "dataDir") && !env.isDemo()) {
            reader.error(
                reader.child(environment, "dataDir"),
                QStringLiteral("only allowed in a demo environment (staging and prod name each store)"));
        }
        if (auto dataDir = reader.path(environment, "dataDir", false, QStringLiteral("demo-data")))
            env.dataDir = *dataDir;
    }

    ConfigSections::ledger(reader, reader.child(root, "ledger"), env);
    ConfigSections::control(reader, reader.child(root, "control"), env);
    ConfigSections::state(reader, reader.child(root, "state"), env);
    ConfigSections::metrics(reader, reader.child(root, "metrics"), env);
    ConfigSections::rollout(reader, reader.child(root, "rollout"), env);
    ConfigSections::actuators(reader, reader.child(root, "actuators"), env);

    result.errors = reader.errors();
    env.setReadOnly(env.readOnly);
    if (result.errors.isEmpty())
        result.config = env;
    else
        qCDebug(lcConfig) << "config" << displayName << "has" << result.errors.size() << "errors";
    return result;
}

} // namespace Cockpit
