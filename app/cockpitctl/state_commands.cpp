// SPDX-License-Identifier: MIT
// cockpitctl state diff | sync | export | import | validate: the deployment-state lane (docs/state.md).
#include "cli_command.h"

#include "wiring/audit_events.h"

#include "common/atomic_file.h"
#include "config/write_policy.h"
#include "state/json_state_backend.h"
#include "state/leveldb_state_backend.h"
#include "state/migration_state_manager.h"
#include "state/state_diff_engine.h"
#include "state/state_diff_report.h"
#include "state/state_sync_job.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace Cockpit::Cli {

namespace {

struct Stores
{
    QString leveldb;
    QString jsonDir;
    QMap<qint64, QString> networks;
    std::optional<EnvironmentConfig> environment; // when the folders came from --config: audit there
    QSet<qint64> knownChains() const
    {
        QSet<qint64> out;
        for (auto it = networks.begin(); it != networks.end(); ++it)
            out.insert(it.key());
        return out;
    }
};

void addStoreOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("leveldb"),
                      QStringLiteral("LevelDB folder (default: state.leveldb of --config)."),
                      QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("json-dir"),
         QStringLiteral("Folder of the per-network JSON files (default: state.jsonDir of --config)."),
         QStringLiteral("dir")});
}

// Folders from --leveldb/--json-dir, else from the environment file's `state` section.
std::optional<Stores> resolveStores(Invocation &inv, const QCommandLineParser &parser, bool needLeveldb,
                                    bool needJson, const QString &usage)
{
    Stores stores;
    if (parser.isSet(QStringLiteral("config"))) {
        auto env = inv.loadEnvironment(parser);
        if (!env)
            return std::nullopt;
        stores.leveldb = env->state.leveldbPath;
        stores.jsonDir = env->state.jsonDir;
        stores.networks = env->state.networks;
        stores.environment = env;
    }
    if (parser.isSet(QStringLiteral("leveldb")))
        stores.leveldb = parser.value(QStringLiteral("leveldb"));
    if (parser.isSet(QStringLiteral("json-dir")))
        stores.jsonDir = parser.value(QStringLiteral("json-dir"));
    if ((needLeveldb && stores.leveldb.isEmpty()) || (needJson && stores.jsonDir.isEmpty())) {
        inv.usageError(QStringLiteral("give --config FILE, or %1\nusage: cockpitctl %2")
                           .arg(needLeveldb && needJson ? QStringLiteral("--leveldb DIR and --json-dir DIR")
                                                        : QStringLiteral("the store folder"))
                           .arg(usage));
        return std::nullopt;
    }
    return stores;
}

void addApprovalOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("reason"),
         QStringLiteral("Why the files are written; kept in the audit log (required with --config)."),
         QStringLiteral("text")});
    parser.addOption({QStringLiteral("confirm"), QStringLiteral("The environment's name, required in prod."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("read-only"), QStringLiteral("Write nothing (a dry run still works).")});
}

// A write follows the environment's rules (WritePolicy), as in the GUI: not in a read-only session, with a
// reason, and in prod with the name typed. Folders given directly belong to no environment and have no
// audit log to answer to; --read-only still holds for them. A refusal is exit 1, like a refused transition,
// and writes nothing. Returns the exit code of a refusal.
std::optional<int> refuseWrite(Invocation &inv, const QCommandLineParser &parser, const Stores &stores)
{
    QString refusal;
    if (stores.environment) {
        const WriteApproval approval{parser.value(QStringLiteral("reason")),
                                     parser.value(QStringLiteral("confirm"))};
        refusal =
            errorMessage(WritePolicy::check(*stores.environment, parser.isSet(QStringLiteral("read-only")),
                                            approval, WritePolicy::Reason::Required));
    } else if (parser.isSet(QStringLiteral("read-only"))) {
        refusal = QStringLiteral("--read-only: nothing is written");
    }
    if (refusal.isEmpty())
        return std::nullopt;
    inv.err() << "cockpitctl: " << refusal << " (nothing written)\n";
    inv.err().flush();
    return ExitFindings;
}

void printErrors(Invocation &inv, const QList<StateError> &errors)
{
    for (const StateError &e : errors)
        inv.err() << "cockpitctl: " << e.describe() << '\n';
    inv.err().flush();
}

QJsonArray errorsJson(const QList<StateError> &errors)
{
    QJsonArray out;
    for (const StateError &e : errors)
        out.append(QJsonObject{{QStringLiteral("code"), StateError::codeName(e.code)},
                               {QStringLiteral("file"), e.file},
                               {QStringLiteral("key"), e.key},
                               {QStringLiteral("message"), e.message}});
    return out;
}

int stateDiff(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addStoreOptions(parser);
    parser.addOption({QStringLiteral("all"), QStringLiteral("Also list equal records in text output.")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    auto stores = resolveStores(inv, parser, true, true, usage);
    if (!stores)
        return ExitUsage;
    const StateDiffResult result = StateDiffEngine::run(stores->leveldb, stores->jsonDir, stores->networks);
    if (inv.format() == Format::Json) {
        inv.printJson(StateDiffReport::toJson(result));
    } else {
        // The diff of what could be read on stdout; the problems on stderr only.
        StateDiffResult readable = result;
        readable.errors.clear();
        inv.out() << StateDiffReport::toText(readable, parser.isSet(QStringLiteral("all")));
        inv.out().flush();
    }
    if (!result.errors.isEmpty()) {
        printErrors(inv, result.errors);
        // A folder that is not there or cannot be opened is a store that cannot be reached; a file that
        // cannot be parsed is bad input.
        const bool unreachable =
            std::any_of(result.errors.begin(), result.errors.end(),
                        [](const StateError &e) { return e.code == StateErrorCode::BackendUnavailable; });
        return unreachable ? ExitBackendUnreachable : ExitUsage;
    }
    return result.summary.storesAgree() ? ExitOk : ExitFindings;
}

int stateSync(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addStoreOptions(parser);
    addApprovalOptions(parser);
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Show what would change; write nothing.")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    auto stores = resolveStores(inv, parser, true, true, usage);
    if (!stores)
        return ExitUsage;
    if (!parser.isSet(QStringLiteral("dry-run"))) {
        if (const auto refused = refuseWrite(inv, parser, *stores))
            return *refused;
    }
    StateSyncJob::Options options;
    options.leveldbPath = stores->leveldb;
    options.jsonDir = stores->jsonDir;
    options.networks = stores->networks;
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));
    StateSyncJob job(options);
    job.run();
    const StateSyncJob::Report r = job.report();
    // A read-only session writes nothing, not even the audit entry of its dry run.
    if (stores->environment && !stores->environment->readOnly) {
        warnUnaudited(
            inv, AuditEvents::record(*stores->environment,
                                     options.dryRun ? QStringLiteral("sync_dry_run") : QStringLiteral("sync"),
                                     QStringLiteral("state"),
                                     QStringLiteral("%1 added, %2 updated, %3 unchanged, %4 files written")
                                         .arg(r.added)
                                         .arg(r.updated)
                                         .arg(r.unchanged)
                                         .arg(r.filesWritten),
                                     QString(), QString(),
                                     options.dryRun ? QString() : parser.value(QStringLiteral("reason"))));
    }
    if (inv.format() == Format::Json) {
        QJsonArray chains;
        for (const StateSyncJob::ChainPlan &c : r.chains)
            chains.append(
                QJsonObject{{QStringLiteral("chainId"), c.chainId},
                            {QStringLiteral("file"), c.file},
                            {QStringLiteral("added"), QJsonArray::fromStringList(c.added)},
                            {QStringLiteral("updated"), QJsonArray::fromStringList(c.updated)},
                            {QStringLiteral("unchanged"), c.unchanged},
                            {QStringLiteral("skippedInvalid"), QJsonArray::fromStringList(c.skippedInvalid)},
                            {QStringLiteral("skippedReason"), c.skippedReason},
                            {QStringLiteral("written"), c.written}});
        inv.printJson(QJsonObject{{QStringLiteral("dryRun"), r.dryRun},
                                  {QStringLiteral("interruptedBefore"), r.interruptedBefore},
                                  {QStringLiteral("added"), r.added},
                                  {QStringLiteral("updated"), r.updated},
                                  {QStringLiteral("unchanged"), r.unchanged},
                                  {QStringLiteral("skipped"), r.skipped},
                                  {QStringLiteral("filesWritten"), r.filesWritten},
                                  {QStringLiteral("chains"), chains},
                                  {QStringLiteral("errors"), errorsJson(r.errors)}});
    } else {
        QTextStream &out = inv.out();
        if (r.interruptedBefore)
            out << "note: a previous sync was interrupted; this run completes it\n";
        for (const StateSyncJob::ChainPlan &c : r.chains) {
            out << "chain " << c.chainId << " -> "
                << (c.file.isEmpty() ? QStringLiteral("(no file)") : c.file) << ": ";
            if (!c.skippedReason.isEmpty())
                out << "skipped: " << c.skippedReason;
            else
                out << c.added.size() << " to add, " << c.updated.size() << " to update, " << c.unchanged
                    << " unchanged" << (c.written ? ", written" : "");
            if (!c.skippedInvalid.isEmpty())
                out << "; invalid records not copied: " << c.skippedInvalid.join(QLatin1String(", "));
            out << '\n';
            for (const QString &n : c.added)
                out << "  + " << n << '\n';
            for (const QString &n : c.updated)
                out << "  ~ " << n << '\n';
        }
        out << (r.dryRun ? "dry run: " : "") << r.added << " added, " << r.updated << " updated, "
            << r.unchanged << " unchanged, " << r.skipped << " skipped, " << r.filesWritten
            << " files written\n";
        out.flush();
    }
    printErrors(inv, r.errors);
    return r.errors.isEmpty() ? ExitOk : ExitUsage;
}

StateResult<std::unique_ptr<StateBackend>> openStore(const Stores &stores, const QString &which, bool write)
{
    if (which == QLatin1String("json")) {
        JsonStateBackend::Options options;
        options.networks = stores.networks;
        options.readOnly = !write;
        auto b = std::make_unique<JsonStateBackend>(stores.jsonDir, options);
        if (StateResult<void> opened = b->open(); !opened)
            return fail(opened.error());
        return b;
    }
    if (!write)
        return LevelDbStateBackend::openSnapshot(stores.leveldb)
            .map([](std::unique_ptr<LevelDbStateBackend> b) -> std::unique_ptr<StateBackend> { return b; });
    // Importing may start a new database, but only in a missing or empty folder, never inside a folder that
    // holds something else.
    LevelDbStateBackend::Options options;
    const QDir dir(stores.leveldb);
    options.createIfMissing = !dir.exists() || dir.isEmpty();
    auto b = std::make_unique<LevelDbStateBackend>(stores.leveldb, options);
    if (StateResult<void> opened = b->open(); !opened)
        return fail(opened.error());
    return b;
}

QString storeChoice(const QCommandLineParser &parser, const QString &option, const Stores &stores)
{
    if (parser.isSet(option))
        return parser.value(option);
    if (parser.isSet(QStringLiteral("json-dir")) && !parser.isSet(QStringLiteral("leveldb")))
        return QStringLiteral("json");
    Q_UNUSED(stores);
    return QStringLiteral("leveldb");
}

int stateExport(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addStoreOptions(parser);
    parser.addOption({QStringLiteral("from"), QStringLiteral("Store to export: leveldb (default) or json."),
                      QStringLiteral("store")});
    parser.addOption(
        {QStringLiteral("chain"), QStringLiteral("Only this chain id (repeatable)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("Write to FILE (atomically, 0600) instead of stdout."),
                      QStringLiteral("file")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    auto stores = resolveStores(inv, parser, false, false, usage);
    if (!stores)
        return ExitUsage;
    const QString from = storeChoice(parser, QStringLiteral("from"), *stores);
    if (from != QLatin1String("leveldb") && from != QLatin1String("json"))
        return inv.usageError(QStringLiteral("--from: expected leveldb or json, got \"%1\"").arg(from));
    if ((from == QLatin1String("json") ? stores->jsonDir : stores->leveldb).isEmpty())
        return inv.usageError(QStringLiteral("no %1 folder given\nusage: cockpitctl %2").arg(from, usage));
    ExportOptions options;
    for (const QString &c : parser.values(QStringLiteral("chain"))) {
        bool ok = false;
        const qint64 id = c.toLongLong(&ok);
        if (!ok || id <= 0)
            return inv.usageError(QStringLiteral("--chain: expected a positive chain id, got \"%1\"").arg(c));
        options.chainIds.append(id);
    }
    const auto store = openStore(*stores, from, false);
    if (!store) {
        printErrors(inv, {store.error()});
        return ExitUsage;
    }
    const StateResult<QByteArray> exported = (*store)->exportAll(options);
    if (!exported) {
        printErrors(inv, {exported.error()});
        return ExitUsage;
    }
    const QByteArray &data = *exported;
    if (parser.isSet(QStringLiteral("output"))) {
        if (const Result<void> written =
                AtomicFile::write(parser.value(QStringLiteral("output")), data + '\n');
            !written)
            return inv.usageError(written.error().message);
    } else {
        inv.out() << QString::fromUtf8(data) << '\n';
        inv.out().flush();
    }
    return ExitOk;
}

int stateImport(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addStoreOptions(parser);
    addApprovalOptions(parser);
    parser.addOption({QStringLiteral("to"),
                      QStringLiteral("Store to import into: leveldb (default) or json."),
                      QStringLiteral("store")});
    parser.addOption({QStringLiteral("overwrite"), QStringLiteral("Replace records that exist already.")});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Export document (cockpitctl state export)."));
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return inv.usageError(QStringLiteral("state import takes exactly one FILE\nusage: cockpitctl ")
                              + usage);
    auto stores = resolveStores(inv, parser, false, false, usage);
    if (!stores)
        return ExitUsage;
    if (const auto refused = refuseWrite(inv, parser, *stores))
        return *refused;
    const QString to = storeChoice(parser, QStringLiteral("to"), *stores);
    if (to != QLatin1String("leveldb") && to != QLatin1String("json"))
        return inv.usageError(QStringLiteral("--to: expected leveldb or json, got \"%1\"").arg(to));
    const QString path = parser.positionalArguments().first();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return inv.usageError(path + QLatin1String(": ") + file.errorString());
    const QByteArray data = file.readAll();
    // Validate the document before opening the store, so bad input never touches it.
    if (const auto parsed = StateBackend::parseExport(data); !parsed) {
        StateError error = parsed.error();
        error.file = path;
        printErrors(inv, {error});
        return ExitUsage;
    }
    const auto store = openStore(*stores, to, true);
    if (!store) {
        printErrors(inv, {store.error()});
        return ExitUsage;
    }
    const StateResult<ImportReport> imported =
        (*store)->importAll(data, parser.isSet(QStringLiteral("overwrite")));
    if (!imported) {
        const StateError &error = imported.error();
        // An approved write that failed is kept too: it may have written part of the records.
        if (stores->environment)
            warnUnaudited(inv, AuditEvents::record(
                                   *stores->environment, QStringLiteral("import"), QStringLiteral("state"),
                                   QStringLiteral("failed into %1: %2").arg(to, error.describe()), path,
                                   QString(), parser.value(QStringLiteral("reason"))));
        printErrors(inv, {error});
        return ExitUsage;
    }
    const ImportReport &report = *imported;
    if (stores->environment) {
        warnUnaudited(inv, AuditEvents::record(*stores->environment, QStringLiteral("import"),
                                               QStringLiteral("state"),
                                               QStringLiteral("%1 records imported into %2, %3 skipped")
                                                   .arg(report.imported)
                                                   .arg(to)
                                                   .arg(report.skippedExisting),
                                               path, QString(), parser.value(QStringLiteral("reason"))));
    }
    if (inv.format() == Format::Json) {
        inv.printJson(QJsonObject{{QStringLiteral("imported"), report.imported},
                                  {QStringLiteral("skippedExisting"), report.skippedExisting},
                                  {QStringLiteral("store"), to}});
    } else {
        inv.out() << report.imported << " records imported into " << to << ", " << report.skippedExisting
                  << " skipped (present already; --overwrite replaces them)\n";
        inv.out().flush();
    }
    return ExitOk;
}

int stateValidate(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    addStoreOptions(parser);
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    auto stores = resolveStores(inv, parser, true, true, usage);
    if (!stores)
        return ExitUsage;
    const auto snapshot = LevelDbStateBackend::openSnapshot(stores->leveldb);
    if (!snapshot) {
        printErrors(inv, {snapshot.error()});
        return ExitUsage;
    }
    LevelDbStateBackend *leveldb = snapshot->get();
    JsonStateBackend::Options options;
    options.networks = stores->networks;
    options.readOnly = true;
    JsonStateBackend json(stores->jsonDir, options);
    if (const StateResult<void> opened = json.open(); !opened) {
        printErrors(inv, {opened.error()});
        return ExitUsage;
    }
    QSet<qint64> known = stores->knownChains();
    for (const auto &f : json.loadFiles().files)
        known.insert(f->chainId());
    const ValidationResult health = leveldb->validateIntegrity(known);
    MigrationStateManager manager(leveldb, &json, MigrationStateManager::Mode::DualWrite);
    const CrossStoreIntegrity integrity = manager.validateAcrossStores();
    const QList<StateError> errors = health.errors + integrity.errors;
    if (inv.format() == Format::Json) {
        QJsonArray issues;
        for (const RecordIssue &i : health.issues)
            issues.append(QJsonObject{{QStringLiteral("key"), i.key},
                                      {QStringLiteral("problems"), QJsonArray::fromStringList(i.problems)}});
        inv.printJson(QJsonObject{
            {QStringLiteral("health"),
             QJsonObject{{QStringLiteral("checked"), health.checked},
                         {QStringLiteral("valid"), health.valid},
                         {QStringLiteral("percent"),
                          health.checked ? std::round(1000.0 * health.valid / health.checked) / 10.0 : 100.0},
                         {QStringLiteral("issues"), issues}}},
            {QStringLiteral("integrity"),
             QJsonObject{
                 {QStringLiteral("matched"), integrity.matched},
                 {QStringLiteral("differing"), QJsonArray::fromStringList(integrity.differing)},
                 {QStringLiteral("missingInJson"), QJsonArray::fromStringList(integrity.missingInTarget)},
                 {QStringLiteral("missingInLeveldb"),
                  QJsonArray::fromStringList(integrity.missingInSource)}}},
            {QStringLiteral("errors"), errorsJson(errors)}});
    } else {
        QTextStream &out = inv.out();
        out << "data health (LevelDB): " << health.valid << " of " << health.checked << " records pass\n";
        for (const RecordIssue &i : health.issues)
            out << "  " << i.key << ": " << i.problems.join(QLatin1String("; ")) << '\n';
        out << "integrity (SHA-256 of each record's canonical JSON): " << integrity.matched << " match, "
            << integrity.differing.size() << " differ, " << integrity.missingInTarget.size()
            << " missing in JSON, " << integrity.missingInSource.size() << " missing in LevelDB\n";
        for (const QString &k : integrity.differing)
            out << "  differs: " << k << '\n';
        out.flush();
    }
    printErrors(inv, errors);
    if (!errors.isEmpty())
        return ExitUsage;
    return health.issues.isEmpty() && integrity.ok() ? ExitOk : ExitFindings;
}

} // namespace

void registerStateCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("state"), QStringLiteral("diff")},
         QStringLiteral("(--config FILE | --leveldb DIR --json-dir DIR) [--all] [--format text|json]"),
         QStringLiteral("Compare the LevelDB and JSON deployment stores; exit 1 when they differ."),
         stateDiff});
    registry.add(
        {{QStringLiteral("state"), QStringLiteral("sync")},
         QStringLiteral(
             "(--config FILE | --leveldb DIR --json-dir DIR) [--dry-run] [--reason TEXT] [--confirm "
             "NAME] [--read-only] [--format text|json]"),
         QStringLiteral("Copy LevelDB records missing or different in the JSON files (atomic per file)."),
         stateSync});
    registry.add(
        {{QStringLiteral("state"), QStringLiteral("export")},
         QStringLiteral(
             "(--config FILE | --leveldb DIR | --json-dir DIR) [--from leveldb|json] [--chain ID]... "
             "[--output FILE]"),
         QStringLiteral("Write every record of one store as a lossless export document."),
         stateExport});
    registry.add(
        {{QStringLiteral("state"), QStringLiteral("import")},
         QStringLiteral(
             "FILE (--config FILE | --leveldb DIR | --json-dir DIR) [--to leveldb|json] [--overwrite] "
             "[--reason TEXT] [--confirm NAME] [--read-only] [--format text|json]"),
         QStringLiteral("Load an export document into a store; existing records kept unless --overwrite."),
         stateImport});
    registry.add({{QStringLiteral("state"), QStringLiteral("validate")},
                  QStringLiteral("(--config FILE | --leveldb DIR --json-dir DIR) [--format text|json]"),
                  QStringLiteral("Check data health and the per-record integrity hashes across both stores."),
                  stateValidate});
}

} // namespace Cockpit::Cli
