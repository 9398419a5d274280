// SPDX-License-Identifier: MIT
#include "reconcile/reconciler.h"

#include "common/logging.h"
#include "db/sql_error_text.h"
#include "ledger/ledger_store.h"
#include "reconcile/discrepancy_rule.h"
#include "reconcile/discrepancy_store.h"
#include "reconcile/postgres_part_query.h"
#include "reconcile/reconcile_schema.h"
#include "reconcile/service_schema_check.h"
#include "reconcile/sqlite_merge_scan.h"
#include "reconcile/sqlite_split_merge.h"

#include <QDateTime>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>

namespace Cockpit {

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString queryError(const QString &describe, const QString &step, const QSqlQuery &q)
{
    return describe + QLatin1String(": ") + step + QLatin1String(": ") + sqlErrorText(q.lastError());
}

} // namespace

Reconciler::Reconciler(DatabaseConfig database, QList<AccountMapping> mapping)
    : Reconciler(ReconcileStorage::owned(std::move(database)), std::move(mapping))
{}

Reconciler::Reconciler(ReconcileStorage storage, QList<AccountMapping> mapping)
    : m_connection(std::move(storage))
    , m_mapping(std::move(mapping))
{
    m_names.service = m_connection.storage().service;
    m_names.observed = m_connection.storage().observed;
}

bool Reconciler::canRecord() const
{
    return !m_connection.config().readOnly && m_store != nullptr;
}

Reconciler::~Reconciler()
{
    disarmInterrupt();
    m_postgresParts.clear();
    m_sqliteSplit.reset();
    m_store.reset(); // its connection handle must go before the connection is removed
}

bool Reconciler::isOpen() const
{
    return m_opened && m_connection.isOpen();
}

DiscrepancyStore &Reconciler::store()
{
    return *m_store;
}

Result<void> Reconciler::open()
{
    if (const Result<void> valid = ReconcileSql::validateMapping(m_mapping); !valid)
        return fail(describe() + QLatin1String(": ") + valid.error().message, ErrorKind::Invalid);
    m_store.reset();
    m_opened = false;
    const bool readOnly = m_connection.config().readOnly;
    if (!isObserved() && !readOnly) {
        // The ledger lane's store creates or migrates the ledger schema and checks the mapped columns.
        std::unique_ptr<LedgerStore> ledger = LedgerStore::create(m_connection.config(), m_mapping);
        if (Result<void> opened = ledger->open(); !opened)
            return opened;
    }
    if (Result<void> opened = m_connection.open(); !opened)
        return opened;
    if (isObserved()) {
        Result<ReconcileSql::Names> names =
            ServiceSchemaCheck::run(database(), m_connection.storage(), m_mapping);
        if (!names)
            return fail(names.error());
        m_names = std::move(*names);
    }
    const Result<bool> tablesPresent = m_connection.prepareTables();
    if (!tablesPresent)
        return fail(tablesPresent.error());
    if (!*tablesPresent) {
        m_opened = true; // a read-only session before any setup: runs are compared and reported, not stored
        return ok();
    }
    m_store = std::make_unique<DiscrepancyStore>(database(), dialect(), describe());
    if (readOnly) {
        m_opened = true;
        return ok();
    }
    if (isSqlite()) {
        // The covering index of the legacy side of the merge, for the configured mapping (a no-op once it
        // exists; a mapping change adds one).
        QSqlQuery q(database());
        if (!q.exec(SqliteMergeScan::legacyIndexSql(m_mapping)))
            return fail(queryError(describe(), QStringLiteral("index balances for reconciliation"), q));
    }
    if (Result<void> marked = m_store->markInterruptedRuns(); !marked)
        return marked;
    while (!m_unrecorded.isEmpty()) {
        if (Result<void> recorded = m_store->finishRun(m_unrecorded.first(), 0); !recorded)
            return recorded;
        m_unrecorded.removeFirst();
    }
    m_opened = true;
    return ok();
}

void Reconciler::armInterrupt(const QList<void *> &partConnections)
{
    QMutexLocker lock(&m_interruptMutex);
    const QVariant handle = database().driver()->handle();
    QList<void *> connections;
    if (isSqlite() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        connections.append(*static_cast<sqlite3 *const *>(handle.constData()));
    else if (!isSqlite() && qstrcmp(handle.typeName(), "PGconn*") == 0)
        connections.append(*static_cast<PGconn *const *>(handle.constData()));
    connections += partConnections;
    for (void *c : std::as_const(connections))
        m_interruptHandles.append(isSqlite() ? c : PQgetCancel(static_cast<PGconn *>(c)));
}

void Reconciler::disarmInterrupt()
{
    QMutexLocker lock(&m_interruptMutex);
    if (!isSqlite()) {
        for (void *h : std::as_const(m_interruptHandles))
            PQfreeCancel(static_cast<PGcancel *>(h));
    }
    m_interruptHandles.clear();
}

void Reconciler::cancel()
{
    m_cancel.store(true);
    QMutexLocker lock(&m_interruptMutex);
    for (void *h : std::as_const(m_interruptHandles)) {
        if (isSqlite()) {
            sqlite3_interrupt(static_cast<sqlite3 *>(h));
        } else if (h) {
            char message[256];
            PQcancel(static_cast<PGcancel *>(h), message, sizeof message);
        }
    }
}

int Reconciler::partsFor(const Options &options) const
{
    if (options.users || options.kind != RunKind::Full)
        return 1;
    if (!options.splitKeys.isEmpty())
        return int(options.splitKeys.size()) + 1;
    if (options.parts > 0)
        return options.parts;
    // Two: a second part pays off when a core is idle (more on SQLite than on PostgreSQL) and costs a
    // little on SQLite when other processes keep both cores busy (see docs/performance.md).
    return std::min(2, std::max(1, QThread::idealThreadCount()));
}

std::optional<qint64> Reconciler::expectedDurationMs(RunKind kind)
{
    return m_store ? m_store->lastDurationMs(kind) : std::nullopt;
}

RunSummary Reconciler::run(const Options &requested, const RowSink &sink, const StageSink &stage)
{
    RunSummary summary;
    summary.kind = requested.kind;
    summary.startedMs = now();
    for (const AccountMapping &m : m_mapping)
        summary.byAccountType.insert(m.accountType, 0);
    const auto report = [&](int percent, const QString &message) {
        if (stage)
            stage(percent, message);
    };

    if (!isOpen()) {
        if (const Result<void> opened = open(); !opened) {
            finishFailed(summary, opened.error().message);
            return summary;
        }
    }
    // A read-only session compares and reports; it stores nothing.
    Options options = requested;
    options.record = requested.record && canRecord();
    if (options.record) {
        const Result<qint64> id = m_store->startRun(options.kind, options.tolerance, summary.startedMs);
        if (!id) {
            finishFailed(summary, id.error().message);
            return summary;
        }
        summary.runId = *id;
    }
    QList<DiscrepancyRecord> rows;
    Result<void> done = compare(options, summary, rows, sink, report);
    if (done && cancelled())
        done = fail(QStringLiteral("cancelled by the operator"));
    if (done && options.record) {
        report(90, QStringLiteral("recording %1 discrepancies").arg(rows.size()));
        done = persist(options, summary, rows);
    }
    if (!done) {
        finishFailed(summary, done.error().message);
        m_cancel.store(false); // a cancel ends one run, the next one starts afresh
        return summary;
    }
    summary.status = RunStatus::Complete;
    summary.finishedMs = now();
    m_cancel.store(false);
    report(
        100,
        QStringLiteral("%1 discrepancies in %2 accounts").arg(summary.discrepancies).arg(summary.accounts));
    return summary;
}

// What a run collects, shared by the SQLite merge and the PostgreSQL query: one rule decides, this counts,
// streams and (when the run is recorded) keeps the rows.
struct Reconciler::Collector
{
    const QList<AccountMapping> &mapping;
    const Options &options;
    RunSummary &summary;
    QList<DiscrepancyRecord> &rows;
    const RowSink &sink;
    QString describe;
    DiscrepancyRule::Findings findings;

    // makeId builds the user's id only when there is something to report (most users have nothing).
    template<typename MakeId, typename Amount>
    Result<void> add(const MakeId &makeId, std::span<const std::optional<Amount>> ledger,
                     std::span<const std::optional<Amount>> legacy)
    {
        if (!findings.isEmpty())
            findings.clear(); // clear() on an empty QVarLengthArray still reallocates (seen in callgrind)
        qsizetype overflow = 0;
        if (!DiscrepancyRule::evaluate(ledger, legacy, Amount(options.tolerance), &findings, &overflow)) {
            return fail(describe + QLatin1String(": user ") + makeId() + QLatin1String(", ")
                        + mapping.at(overflow).accountType
                        + QLatin1String(": the difference exceeds the amount range"));
        }
        if (findings.isEmpty())
            return ok();
        const QString userId = makeId();
        for (const DiscrepancyRule::Finding &f : std::as_const(findings)) {
            const AccountMapping &m = mapping.at(f.pair);
            DiscrepancyRecord r{
                userId,      m.accountType, m.legacyColumn, ledger[size_t(f.pair)], legacy[size_t(f.pair)],
                f.difference};
            ++summary.discrepancies;
            ++summary.byAccountType[r.accountType];
            if (sink)
                sink(r);
            if (options.record)
                rows.append(std::move(r));
        }
        return ok();
    }
};

Result<void> Reconciler::compare(const Options &options, RunSummary &summary, QList<DiscrepancyRecord> &rows,
                                 const RowSink &sink, const StageSink &stage)
{
    const ReconcileSql::Dialect d = dialect();
    QSqlQuery q(database());
    // One snapshot for the count, the comparison and the invariants.
    const QString begin = d == ReconcileSql::Dialect::Sqlite
                              ? QStringLiteral("BEGIN")
                              : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!q.exec(begin))
        return fail(queryError(describe(), QStringLiteral("begin the read snapshot"), q));
    const auto abandon = [this](Result<void> failed) {
        disarmInterrupt();
        QSqlQuery(database()).exec(QStringLiteral("ROLLBACK"));
        return failed;
    };

    Collector collector{m_mapping, options, summary, rows, sink, describe(), {}};
    Result<void> compared = d == ReconcileSql::Dialect::Sqlite ? compareSqlite(collector, stage)
                                                               : comparePostgres(collector, stage);
    if (!compared)
        return abandon(std::move(compared));

    if (options.kind == RunKind::Full && options.checkInvariants) {
        stage(70, QStringLiteral("checking the ledger's invariants"));
        if (Result<void> checked = checkInvariants(summary); !checked)
            return abandon(std::move(checked));
    }
    disarmInterrupt();
    if (!q.exec(QStringLiteral("COMMIT")))
        return abandon(fail(queryError(describe(), QStringLiteral("end the read snapshot"), q)));
    return ok();
}

Result<void> Reconciler::compareSqlite(Collector &collector, const StageSink &stage)
{
    const Options &options = collector.options;
    stage(10, QStringLiteral("comparing ledger and legacy balances"));
    sqlite3 *db = SqliteStatement::handle(database());
    const SqliteMergeScan::UserSink sink = [&collector](std::string_view user, bool, bool,
                                                        std::span<const std::optional<Money>> ledger,
                                                        std::span<const std::optional<Money>> legacy) {
        return collector.add([user] { return QString::fromUtf8(user.data(), qsizetype(user.size())); },
                             ledger, legacy);
    };
    const std::function<bool()> isCancelled = [this] {
        return cancelled();
    };
    SqliteMergeScan::Counts counts;
    Result<void> scanned;
    if (options.users) {
        // A subset: index seeks in user order on one connection; a split would cost more than it saves.
        SqliteMergeScan scan(m_mapping, options.users);
        if (Result<void> prepared = scan.prepare(db); !prepared)
            return fail(describe() + QLatin1String(": prepare the reconciliation scans: ")
                        + prepared.error().message);
        if (options.snapshotTaken)
            options.snapshotTaken();
        armInterrupt();
        if (cancelled())
            return fail(QStringLiteral("cancelled by the operator"));
        scanned = scan.run(sink, isCancelled, &counts);
    } else {
        if (!m_sqliteSplit)
            m_sqliteSplit = std::make_unique<SqliteSplitMerge>(m_connection.config().sqlitePath, m_mapping);
        QList<QByteArray> forced;
        for (const QString &key : options.splitKeys)
            forced.append(key.toUtf8());
        std::sort(forced.begin(), forced.end()); // the merge's byte order; duplicates make an empty part
        const auto end = qScopeGuard([this] { m_sqliteSplit->end(); });
        if (Result<void> begun = m_sqliteSplit->begin(db, partsFor(options), forced); !begun)
            return fail(describe() + QLatin1String(": ") + begun.error().message);
        if (options.snapshotTaken)
            options.snapshotTaken();
        const QList<sqlite3 *> parts = m_sqliteSplit->connections();
        armInterrupt(QList<void *>(parts.begin(), parts.end()));
        if (cancelled())
            return fail(QStringLiteral("cancelled by the operator"));
        if (m_sqliteSplit->parts() > 1)
            stage(10, QStringLiteral("comparing ledger and legacy balances in %1 parts at once")
                          .arg(m_sqliteSplit->parts()));
        else if (m_sqliteSplit->fellBackToOnePart())
            stage(10, QStringLiteral("comparing in one part: a writer held the database's write lock"));
        scanned = m_sqliteSplit->run(db, options.tolerance, sink, isCancelled, &counts);
    }
    if (!scanned)
        return cancelled() ? scanned : fail(describe() + QLatin1String(": ") + scanned.error().message);
    collector.summary.accounts = (counts.legacyUsers + counts.ledgerOnlyUsers) * m_mapping.size();
    return ok();
}

Result<void> Reconciler::comparePostgres(Collector &collector, const StageSink &stage)
{
    const ReconcileSql::Dialect d = dialect();
    const Options &options = collector.options;
    const qsizetype n = m_mapping.size();
    QSqlQuery q(database());

    // Split keys: forced (tests) or from the planner's statistics (the snapshot's first statement then).
    QStringList keys = options.splitKeys;
    if (keys.isEmpty() && partsFor(options) > 1) {
        Result<QStringList> estimated =
            PostgresPartQuery::estimateSplitKeys(database(), partsFor(options), SplitMinUsers, m_names);
        if (!estimated)
            return fail(describe() + QLatin1String(": estimate split keys: ") + estimated.error().message);
        keys = std::move(*estimated);
    }
    const auto range = [&keys](qsizetype part) {
        ReconcileSql::KeyRange r;
        if (part > 0)
            r.from = keys.at(part - 1);
        if (part < keys.size())
            r.to = keys.at(part);
        return r;
    };
    const auto abortParts = qScopeGuard([this] {
        for (const std::unique_ptr<PostgresPartQuery> &part : m_postgresParts)
            part->abort();
    });
    if (!keys.isEmpty()) {
        // The other parts import this transaction's snapshot and start their queries now; part 0 runs on
        // this connection meanwhile, and their rows are read after its own.
        stage(5, QStringLiteral("starting %1 parts of the comparison").arg(keys.size() + 1));
        if (!q.exec(QStringLiteral("SELECT pg_export_snapshot()")) || !q.next())
            return fail(queryError(describe(), QStringLiteral("export the snapshot"), q));
        const QString snapshot = q.value(0).toString();
        q.finish();
        while (m_postgresParts.size() < size_t(keys.size()))
            m_postgresParts.push_back(std::make_unique<PostgresPartQuery>(m_connection.config()));
        QList<void *> connections;
        for (qsizetype k = 1; k <= keys.size(); ++k) {
            PostgresPartQuery &part = *m_postgresParts.at(size_t(k - 1));
            if (Result<void> begun = part.begin(snapshot); !begun)
                return fail(describe() + QLatin1String(": part ") + QString::number(k + 1)
                            + QLatin1String(": ") + begun.error().message);
            connections.append(part.connection());
        }
        if (options.snapshotTaken)
            options.snapshotTaken();
        for (qsizetype k = 1; k <= keys.size(); ++k) {
            const ReconcileSql::Statement st = ReconcileSql::discrepancyQuery(
                d, m_mapping, options.tolerance, std::nullopt, range(k), m_names);
            if (Result<void> sent = m_postgresParts.at(size_t(k - 1))->send(st); !sent)
                return fail(describe() + QLatin1String(": part ") + QString::number(k + 1)
                            + QLatin1String(": ") + sent.error().message);
        }
        armInterrupt(connections);
    }

    stage(5, QStringLiteral("counting users"));
    const ReconcileSql::Statement count = ReconcileSql::legacyUserCount(d, options.users, m_names);
    if (!count.exec(q) || !q.next())
        return fail(queryError(describe(), QStringLiteral("count legacy users"), q));
    const qint64 legacyUsers = q.value(0).toLongLong();
    q.finish();
    if (keys.isEmpty()) {
        if (options.snapshotTaken)
            options.snapshotTaken();
        armInterrupt();
    }

    // One row of a part's result: only users with a discrepancy (or on one side only) come back.
    qint64 ledgerOnlyUsers = 0;
    QVarLengthArray<std::optional<Decimal>, 8> ledger(n);
    QVarLengthArray<std::optional<Decimal>, 8> legacy(n);
    const auto addRow = [&](const PostgresPartQuery::ColumnReader &value) -> Result<void> {
        if (cancelled())
            return fail(QStringLiteral("cancelled by the operator"));
        const QString userId = value(0).toString();
        const bool inLedger = value(1).toInt() != 0;
        const bool inLegacy = value(2).toInt() != 0;
        if (inLedger && !inLegacy)
            ++ledgerOnlyUsers;
        for (qsizetype i = 0; i < n; ++i) {
            const QVariant lv = value(int(3 + i));
            const QVariant gv = value(int(3 + n + i));
            ledger[i] = ReconcileSql::readDecimal(lv);
            legacy[i] = ReconcileSql::readDecimal(gv);
            if ((!lv.isNull() && !ledger[i]) || (!gv.isNull() && !legacy[i])) {
                return fail(describe() + QLatin1String(": user ") + userId + QLatin1String(", ")
                            + m_mapping.at(i).accountType + QLatin1String(": \"")
                            + (ledger[i] ? gv : lv).toString()
                            + QLatin1String("\" is not a decimal of at most 38 digits"));
            }
        }
        return collector.add([&userId] { return userId; }, std::span<const std::optional<Decimal>>(ledger),
                             std::span<const std::optional<Decimal>>(legacy));
    };

    stage(10, QStringLiteral("comparing ledger and legacy balances"));
    const ReconcileSql::Statement st =
        ReconcileSql::discrepancyQuery(d, m_mapping, options.tolerance, options.users, range(0), m_names);
    QSqlQuery rq(database());
    rq.setForwardOnly(true);
    if (!st.prepare(rq))
        return fail(queryError(describe(), QStringLiteral("prepare the reconciliation query"), rq));
    if (cancelled())
        return fail(QStringLiteral("cancelled by the operator"));
    if (!rq.exec())
        return fail(queryError(describe(), QStringLiteral("run the reconciliation query"), rq));
    while (rq.next()) {
        if (Result<void> added = addRow([&rq](int column) { return rq.value(column); }); !added)
            return added;
    }
    if (rq.lastError().isValid())
        return fail(queryError(describe(), QStringLiteral("read the reconciliation results"), rq));
    rq.finish();
    for (qsizetype k = 1; k <= keys.size(); ++k) {
        stage(int(10 + 50 * k / (keys.size() + 1)),
              QStringLiteral("comparing ledger and legacy balances: part %1 of %2")
                  .arg(k + 1)
                  .arg(keys.size() + 1));
        if (Result<void> read = m_postgresParts.at(size_t(k - 1))->finish(addRow); !read) {
            if (cancelled() || read.error().message.startsWith(describe()))
                return read;
            return fail(describe() + QLatin1String(": part ") + QString::number(k + 1) + QLatin1String(": ")
                        + read.error().message);
        }
    }
    collector.summary.accounts = (legacyUsers + ledgerOnlyUsers) * n;
    return ok();
}

Result<void> Reconciler::persist(const Options &options, RunSummary &summary,
                                 const QList<DiscrepancyRecord> &rows)
{
    QSqlQuery q(database());
    if (!q.exec(isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
        return fail(queryError(describe(), QStringLiteral("begin recording the run"), q));
    const auto rollBack = [this](Error error) {
        QSqlQuery(database()).exec(QStringLiteral("ROLLBACK"));
        return fail(std::move(error));
    };
    const qint64 at = now();
    if (Result<void> recorded = m_store->record(summary.runId, rows, options.users, at,
                                                &summary.newDiscrepancies, &summary.resolvedDiscrepancies);
        !recorded)
        return rollBack(recorded.error());
    const Result<qint64> open = m_store->openCount();
    if (!open)
        return rollBack(open.error());
    summary.status = RunStatus::Complete;
    summary.finishedMs = now();
    if (Result<void> finished = m_store->finishRun(summary, *open); !finished) {
        summary.status = RunStatus::Running;
        return rollBack(finished.error());
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        summary.status = RunStatus::Running;
        return rollBack(
            Error{ErrorKind::Failed, queryError(describe(), QStringLiteral("commit the run"), q)});
    }
    return ok();
}

void Reconciler::finishFailed(RunSummary &summary, const QString &error)
{
    disarmInterrupt();
    summary.status = cancelled() ? RunStatus::Cancelled : RunStatus::Failed;
    summary.error = error;
    summary.finishedMs = now();
    qCWarning(lcReconcile).noquote() << "reconciliation run" << summary.runId << runStatusName(summary.status)
                                     << error;
    if (summary.runId == 0)
        return;
    if (m_store && m_store->finishRun(summary, 0))
        return;
    // The connection may be what failed: reconnect once to record why, else keep it for the next open().
    m_unrecorded.append(summary);
    if (open()) // recorded it
        return;
    m_store.reset();
    m_connection.close();
}

} // namespace Cockpit
