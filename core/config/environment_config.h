// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Cockpit {

enum class EnvironmentKind
{
    Demo,
    Staging,
    Prod
};

QString environmentKindName(EnvironmentKind kind);

// A database the cockpit talks to: an SQLite file (demo, tests) or a PostgreSQL server (staging, prod).
// The password is never stored in a config file, only the name of the environment variable holding it.
struct DatabaseConfig
{
    enum class Driver
    {
        Sqlite,
        Postgres
    };

    Driver driver = Driver::Sqlite;
    QString sqlitePath; // absolute, resolved against the config file's folder
    QString host;
    int port = 5432;
    QString dbname;
    QString user;
    QString passwordEnv; // name of the environment variable holding the password; may be empty
    QString sslMode = QStringLiteral("prefer");
    int connectTimeoutSeconds = 5;
    // The session may not write: PostgreSQL sessions run with default_transaction_read_only, so that even a
    // role that could write cannot by mistake; SQLite files open read-only.
    bool readOnly = false;
    // Whether the cockpit created this database and may create or migrate tables in it (the demo's own
    // files). False for a service's database: no DDL there, in any mode.
    bool schemaOwned = true;

    bool isSqlite() const { return driver == Driver::Sqlite; }
    // "sqlite:/abs/ledger.sqlite" or "postgresql://user@host:port/dbname"; never contains the password.
    QString describe() const;
};

// Pairing of a ledger account type with the legacy `balances` column it is compared with.
struct AccountMapping
{
    QString accountType;
    QString legacyColumn;
};

// The service's ledger tables as the ledger lane reads them when it observes a database it did not create:
// table and column names, each a plain SQL identifier, all in `schema`. The defaults are the names the
// service uses. The mapped legacy value columns come from LedgerConfig::mapping.
struct ServiceSchema
{
    QString schema; // empty: the connection's search_path
    QString usersTable = QStringLiteral("users");
    QString usersId = QStringLiteral("id");
    QString accountsTable = QStringLiteral("ledger_accounts");
    QString accountsId = QStringLiteral("id");
    QString accountsUserId = QStringLiteral("user_id");
    QString accountsType = QStringLiteral("account_type");
    QString accountsBalance = QStringLiteral("balance");
    QString transactionsTable = QStringLiteral("ledger_transactions");
    QString transactionsId = QStringLiteral("id");
    // Shown in a user's history, not needed to reconcile; empty: the history has no such column.
    QString transactionsType = QStringLiteral("transaction_type");
    QString transactionsDescription = QStringLiteral("description");
    QString entriesTable = QStringLiteral("ledger_entries");
    QString entriesId = QStringLiteral("id");
    QString entriesTransactionId = QStringLiteral("transaction_id");
    QString entriesAccountId = QStringLiteral("account_id");
    QString entriesType = QStringLiteral("entry_type");
    QString entriesAmount = QStringLiteral("amount");
    QString entriesCreatedAt = QStringLiteral("created_at"); // the history's time and order
    QString legacyTable = QStringLiteral("balances");
    QString legacyUserId = QStringLiteral("user_id");
    // Columns that grow with every write (a sequence or a timestamp): live mode's high-water marks. Empty:
    // live mode re-checks nothing between full runs on that side.
    QString entriesChangeMark;
    QString legacyChangeMark;

    // One column the lane reads, with the config key that names it (for "table x has no column y" errors).
    struct Column
    {
        QString key; // e.g. "service.accounts.userId"
        QString table;
        QString column;
    };
    QList<Column> columns() const;
    // The columns a user's history reads besides columns(): the configured ones of transactions.type,
    // transactions.description and entries.createdAt.
    QList<Column> historyColumns() const;
};

// Whether the cockpit created the ledger database (the embedded demo: it is the service and migrates the
// schema) or observes a service's database (staging, prod: read-only, no DDL, its own state elsewhere).
enum class LedgerOwnership
{
    Owned,
    Observed
};

struct LedgerConfig
{
    DatabaseConfig database;
    LedgerOwnership ownership = LedgerOwnership::Owned;
    ServiceSchema service;
    // Observed databases: the schema of the cockpit's own tables (reconciliation runs and discrepancies),
    // created only by `cockpitctl setup`.
    QString cockpitSchema = QStringLiteral("cockpit");
    QList<AccountMapping> mapping; // default: usdc_balance/pending_deposits, fiat_exposure/buying_power,
                                   // pending_investment/pending_investments
    QString tolerance = QStringLiteral("0.01"); // exact decimal string, never a double
    int liveIntervalMs = 1000;
    // Windows of the ledger migration gates and alert rules, in seconds (the demo uses minutes).
    qint64 shadowCleanWindowSeconds = 7 * 24 * 3600;
    qint64 strictCleanWindowSeconds = 48 * 3600;
    qint64 cutoverCleanWindowSeconds = 72 * 3600;
    int performanceTolerancePercent = 10;
    // Observed ledgers: a clean-window gate needs a complete full reconciliation run in every such period.
    qint64 reconcilePeriodSeconds = 24 * 3600;
    int discrepancyAlertCount = 10;
    qint64 discrepancyAlertWindowSeconds = 5 * 60;
    // The guard's automatic rollback of the ledger lane (off unless configured): while the migration is in
    // strict mode and HighDiscrepancyRate fires, it disables strict mode (strict -> ledger_reads), the action
    // that alert prescribes, through the audited transition.
    bool autoRollbackFromStrict = false;
};

struct ControlConfig
{
    DatabaseConfig database; // SQLite file (demo) or PostgreSQL with a `cockpit_control` schema
    QString schema = QStringLiteral("cockpit_control");
    QString auditAnchor; // the audit chain's journal outside the database; empty: AuditAnchor::defaultPath
};

struct StateConfig
{
    QString leveldbPath;
    QString jsonDir;
    QMap<qint64, QString> networks; // chainId -> network name of its JSON file
    int cacheSize = 1024;
};

struct MetricsConfig
{
    enum class Source
    {
        Simulator,
        Prometheus
    };

    Source source = Source::Simulator;
    QUrl prometheusUrl;
    int timeoutMs = 5000;
    // PromQL templates keyed "module/metric"; `{version}` is replaced by v1 or v2.
    QMap<QString, QString> queries;
    quint64 simulatorSeed = 1;
};

// One alert threshold of a module's rollout, e.g. transaction_pool/throughput_drop = 20 (percent).
struct Threshold
{
    QString metric;
    double percent = 0;
};

struct RolloutModuleConfig
{
    QString id;         // e.g. transaction_pool
    QString versionVar; // e.g. TRANSACTION_POOL_VERSION
    QList<Threshold> thresholds;
};

// The statistical judge beside the thresholds (a Mann-Whitney test of V2's samples against V1's per interval)
// and which of the two decides whether an interval fails.
struct RolloutJudgeConfig
{
    enum class Decides
    {
        Thresholds, // the judge is shown, the thresholds decide (the default)
        Both,       // an interval fails only when the thresholds and the judge both say so
        Either      // an interval fails when either says so
    };
    Decides decides = Decides::Thresholds;
    double confidence = 0.98;
    // "thresholds", "both", "either": the config's words, also in stored evidence.
    static QString decidesName(Decides decides);
    static constexpr Decides allDecides[] = {Decides::Thresholds, Decides::Both, Decides::Either};
    double effectFraction = 0.25; // an effect counts only beyond this fraction of |shift|
};

struct RolloutConfig
{
    QList<RolloutModuleConfig> modules;
    QList<int> steps = {10, 25, 50, 75, 100};
    QList<qint64> dwellSeconds; // one per step
    int intervalSeconds = 60;
    int consecutiveBreaches = 3;
    bool autoRollback = true;
    // The completion targets V2 must meet against V1: gates of the v1_removed transition (percent).
    double targetThroughputGainPercent = 20;
    double targetSyncSpeedGainPercent = 15;
    double maxMemoryIncreasePercent = 10;
    double maxLatencyIncreasePercent = 5;
    RolloutJudgeConfig judge;
    // How long the guard's evidence of analysed intervals stays in the control store.
    qint64 evidenceRetentionSeconds = 30 * 86400;
};

// How a transition reaches the system being migrated.
struct ActuatorConfig
{
    enum class Kind
    {
        ControlStore,
        EnvFile,
        Command
    };

    Kind kind = Kind::ControlStore;
    QString envFile;     // Kind::EnvFile: absolute path
    QStringList command; // Kind::Command: argv with {placeholders}, run without a shell
    int timeoutSeconds = 60;
};

struct EnvironmentConfig
{
    QString filePath; // absolute path of the file this was loaded from
    QString name;
    EnvironmentKind kind = EnvironmentKind::Demo;
    bool readOnly = false;
    QString dataDir; // demo only: where the embedded data lives (created on first use)

    LedgerConfig ledger;
    ControlConfig control;
    StateConfig state;
    MetricsConfig metrics;
    RolloutConfig rollout;
    QMap<QString, ActuatorConfig> actuators; // keyed by lane: ledger, state, rollout

    bool isDemo() const { return kind == EnvironmentKind::Demo; }
    // Read-only all the way down: every database session of the environment refuses writes.
    void setReadOnly(bool on);
    // The names of the environment variables that hold the environment's passwords (every passwordEnv),
    // which no program the cockpit starts may inherit.
    QStringList secretVariables() const;
    ActuatorConfig actuatorFor(const QString &lane) const { return actuators.value(lane); }
};

// Loads and validates an environment file. Every problem is one line naming the file, the JSON pointer of
// the key and what was expected; unknown keys are errors. Relative paths resolve against the file's folder.
class ConfigLoader
{
public:
    struct Result
    {
        std::optional<EnvironmentConfig> config;
        QStringList errors;
        bool ok() const { return config.has_value() && errors.isEmpty(); }
    };

    static Result load(const QString &path);
    static Result parse(const QByteArray &bytes, const QString &displayName, const QString &baseDir);
};

} // namespace Cockpit
