// SPDX-License-Identifier: MIT
// The `ledger` section of an environment file: the database, the mapping, the gates and alerts, and for a
// service's database (observed) the names of its tables and columns.
#include "config/config_sections.h"

#include <QRegularExpression>

namespace Cockpit::ConfigSections {

using Node = ConfigReader::Node;

QMap<QString, QString> defaultLedgerQueries()
{
    // {window} becomes the evaluated window ("300s"); each is an instant query at the evaluation time.
    return {
        {QStringLiteral("ledger/discrepancies"),
         QStringLiteral("sum(increase(ledger_shadow_discrepancy_count[{window}]))")},
        {QStringLiteral("ledger/write_success_rate"), QStringLiteral("min(ledger_write_success_rate)")},
        {QStringLiteral("ledger/write_success_rate_min"),
         QStringLiteral("min_over_time(min(ledger_write_success_rate)[{window}:1m])")},
        {QStringLiteral("ledger/query_p95_ledger"),
         QStringLiteral(
             "histogram_quantile(0.95, sum by (le) (rate(balance_query_duration_ms_bucket{source=\"ledger\"}[{window}])))")},
        {QStringLiteral("ledger/query_p95_legacy"),
         QStringLiteral(
             "histogram_quantile(0.95, sum by (le) (rate(balance_query_duration_ms_bucket{source=\"legacy\"}[{window}])))")},
        {QStringLiteral("ledger/write_lag_p95"),
         QStringLiteral(
             "histogram_quantile(0.95, sum by (le) (rate(shadow_mode_write_lag_ms_bucket[{window}])))")},
    };
}

namespace {

// An SQL identifier the cockpit splices into a query: letters, digits and _, not starting with a digit.
bool isSqlIdentifier(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return pattern.match(name).hasMatch();
}

void identifier(ConfigReader &reader, const Node &parent, const char *key, QString *field, bool allowEmpty)
{
    const auto value = reader.string(parent, key, false, *field);
    if (!value)
        return;
    if ((value->isEmpty() && allowEmpty) || isSqlIdentifier(*value)) {
        *field = *value;
        return;
    }
    reader.error(
        reader.child(parent, key),
        QLatin1String("expected an SQL identifier (letters, digits and _, not starting with a digit, "
                      "at most 63 characters), got \"")
            + *value + QLatin1Char('"'));
}

// ledger.service: where the service keeps its tables, each name checked as an SQL identifier.
void serviceSchema(ConfigReader &reader, const Node &node, ServiceSchema &service)
{
    if (!node.isValid()
        || !reader.expectObject(node, {"schema", "users", "accounts", "transactions", "entries", "legacy"}))
        return;
    identifier(reader, node, "schema", &service.schema, true);
    struct Field
    {
        const char *key;
        QString *value;
        bool optional;
    };
    const auto table = [&](const char *name, std::initializer_list<Field> fields) {
        const Node t = reader.child(node, name);
        if (!t.isValid())
            return;
        QStringList allowed;
        for (const Field &f : fields)
            allowed.append(QString::fromLatin1(f.key));
        if (!reader.expectObject(t, allowed))
            return;
        for (const Field &f : fields)
            identifier(reader, t, f.key, f.value, f.optional);
    };
    table("users", {{"table", &service.usersTable, false}, {"id", &service.usersId, false}});
    table("accounts", {{"table", &service.accountsTable, false},
                       {"id", &service.accountsId, false},
                       {"userId", &service.accountsUserId, false},
                       {"accountType", &service.accountsType, false},
                       {"balance", &service.accountsBalance, false}});
    table("transactions", {{"table", &service.transactionsTable, false},
                           {"id", &service.transactionsId, false},
                           {"type", &service.transactionsType, true},
                           {"description", &service.transactionsDescription, true}});
    table("entries", {{"table", &service.entriesTable, false},
                      {"id", &service.entriesId, false},
                      {"transactionId", &service.entriesTransactionId, false},
                      {"accountId", &service.entriesAccountId, false},
                      {"entryType", &service.entriesType, false},
                      {"amount", &service.entriesAmount, false},
                      {"createdAt", &service.entriesCreatedAt, true},
                      {"changeMark", &service.entriesChangeMark, true}});
    table("legacy", {{"table", &service.legacyTable, false},
                     {"userId", &service.legacyUserId, false},
                     {"changeMark", &service.legacyChangeMark, true}});
}

void ownership(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    LedgerConfig &ledger = env.ledger;
    // An SQLite ledger is a file of the cockpit's own (the demo, tests); a PostgreSQL ledger outside the
    // demo is a service's database, observed.
    const bool observedByDefault = !env.isDemo() && !ledger.database.isSqlite();
    const auto mode =
        reader.oneOf(node, "ownership", {QStringLiteral("owned"), QStringLiteral("observed")}, false,
                     observedByDefault ? QStringLiteral("observed") : QStringLiteral("owned"));
    if (mode)
        ledger.ownership =
            *mode == QLatin1String("observed") ? LedgerOwnership::Observed : LedgerOwnership::Owned;
    if (ledger.ownership == LedgerOwnership::Observed && ledger.database.isSqlite()) {
        reader.error(
            reader.child(node, "ownership"),
            QStringLiteral("an observed ledger must be a PostgreSQL database (an SQLite ledger is the "
                           "cockpit's own: use \"owned\")"));
    }
    const bool owned = ledger.ownership == LedgerOwnership::Owned;
    ledger.database.schemaOwned = owned;
    if (owned && reader.has(node, "service")) {
        reader.error(
            reader.child(node, "service"),
            QStringLiteral("only for an observed ledger (an owned ledger has the cockpit's own names)"));
    }
    serviceSchema(reader, reader.child(node, "service"), ledger.service);
    identifier(reader, node, "cockpitSchema", &ledger.cockpitSchema, false);
}

} // namespace

void ledger(ConfigReader &reader, const Node &node, EnvironmentConfig &env)
{
    LedgerConfig &ledger = env.ledger;
    const QString demoDefault = env.isDemo() ? env.dataDir + QLatin1String("/ledger.sqlite") : QString();
    ledger.mapping = defaultMapping();
    if (!node.isValid()) {
        if (auto db = database(reader, node, demoDefault))
            ledger.database = *db;
        return;
    }
    if (!reader.expectObject(node, {"database", "mapping", "tolerance", "liveIntervalMs", "gates", "alerts",
                                    "ownership", "service", "cockpitSchema", "autoRollbackFromStrict"}))
        return;
    if (auto db = database(reader, reader.child(node, "database"), demoDefault))
        ledger.database = *db;
    ownership(reader, node, env);

    const Node mapping = reader.child(node, "mapping");
    if (mapping.isValid()) {
        if (!mapping.value->is_object() || mapping.value->empty()) {
            reader.error(mapping,
                         QLatin1String("expected an object mapping account types to legacy columns, got ")
                             + ConfigReader::describe(*mapping.value));
        } else {
            ledger.mapping.clear();
            for (auto it = mapping.value->begin(); it != mapping.value->end(); ++it) {
                const QString type = QString::fromStdString(it.key());
                const Node item = reader.child(mapping, it.key().c_str());
                if (!identifierPattern().match(type).hasMatch()) {
                    reader.error(item, QStringLiteral("account type must be a lower_snake_case identifier"));
                    continue;
                }
                if (!it.value().is_string()
                    || !identifierPattern()
                            .match(QString::fromStdString(it.value().get<std::string>()))
                            .hasMatch()) {
                    reader.error(item, QLatin1String("expected a legacy column name (lower_snake_case), got ")
                                           + ConfigReader::describe(it.value()));
                    continue;
                }
                ledger.mapping.append({type, QString::fromStdString(it.value().get<std::string>())});
            }
        }
    }

    if (auto tolerance = reader.decimalString(node, "tolerance", false, QStringLiteral("0.01")))
        ledger.tolerance = *tolerance;
    if (auto interval = reader.integer(node, "liveIntervalMs", 100, 3600000, false, 1000))
        ledger.liveIntervalMs = static_cast<int>(*interval);
    if (auto v = reader.boolean(node, "autoRollbackFromStrict", false, false))
        ledger.autoRollbackFromStrict = *v;

    const bool demo = env.isDemo();
    const Node gates = reader.child(node, "gates");
    if (gates.isValid()) {
        reader.expectObject(gates, {"shadowCleanWindow", "strictCleanWindow", "cutoverCleanWindow",
                                    "performanceTolerancePercent", "reconcilePeriod"});
    }
    if (auto v =
            reader.duration(gates, "shadowCleanWindow", 1, 365 * 86400, false, demo ? 7 * 60 : 7 * 86400))
        ledger.shadowCleanWindowSeconds = *v;
    if (auto v =
            reader.duration(gates, "strictCleanWindow", 1, 365 * 86400, false, demo ? 2 * 60 : 48 * 3600))
        ledger.strictCleanWindowSeconds = *v;
    if (auto v =
            reader.duration(gates, "cutoverCleanWindow", 1, 365 * 86400, false, demo ? 3 * 60 : 72 * 3600))
        ledger.cutoverCleanWindowSeconds = *v;
    if (auto v = reader.integer(gates, "performanceTolerancePercent", 0, 1000, false, 10))
        ledger.performanceTolerancePercent = static_cast<int>(*v);
    if (auto v = reader.duration(gates, "reconcilePeriod", 1, 365 * 86400, false, demo ? 60 : 24 * 3600))
        ledger.reconcilePeriodSeconds = *v;

    const Node alerts = reader.child(node, "alerts");
    if (alerts.isValid())
        reader.expectObject(alerts, {"discrepancyCount", "discrepancyWindow"});
    if (auto v = reader.integer(alerts, "discrepancyCount", 0, 1000000000, false, 10))
        ledger.discrepancyAlertCount = static_cast<int>(*v);
    if (auto v = reader.duration(alerts, "discrepancyWindow", 1, 30 * 86400, false, 5 * 60))
        ledger.discrepancyAlertWindowSeconds = *v;
}

} // namespace Cockpit::ConfigSections
