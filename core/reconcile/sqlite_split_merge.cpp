// SPDX-License-Identifier: MIT
#include "reconcile/sqlite_split_merge.h"

#include "reconcile/discrepancy_rule.h"

#include <QScopeGuard>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>

namespace Cockpit {

namespace {

Result<void> exec(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return ok();
    const QString e = QString::fromUtf8(sql) + QLatin1String(": ")
                      + QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return fail(e);
}

// Any read starts a WAL read transaction and with it the snapshot; the schema table is the cheapest read.
Result<void> takeSnapshot(sqlite3 *db)
{
    return exec(db, "SELECT COUNT(*) FROM sqlite_schema");
}

// One user of a worker's part with at least one finding, kept for the sink.
struct PendingUser
{
    std::string id;
    bool inLedger = false;
    bool inLegacy = false;
    QVarLengthArray<std::optional<Money>, 8> ledger;
    QVarLengthArray<std::optional<Money>, 8> legacy;
};

struct PartResult
{
    std::vector<PendingUser> users;
    SqliteMergeScan::Counts counts;
    Result<void> outcome;
};

} // namespace

SqliteSplitMerge::SqliteSplitMerge(QString path, QList<AccountMapping> mapping)
    : m_path(std::move(path))
    , m_mapping(std::move(mapping))
{}

SqliteSplitMerge::~SqliteSplitMerge()
{
    end();
    for (sqlite3 *db : m_readers)
        sqlite3_close_v2(db);
    if (m_lock)
        sqlite3_close_v2(m_lock);
}

Result<void> SqliteSplitMerge::openConnection(sqlite3 **db) const
{
    // NOMUTEX: each connection is used by one thread at a time (handed to its worker after begin());
    // sqlite3_interrupt is safe from any thread regardless.
    const int rc = sqlite3_open_v2(m_path.toUtf8().constData(), db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString e = QLatin1String("open a connection for a part of the comparison: ")
                          + QString::fromUtf8(*db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
        sqlite3_close_v2(*db);
        *db = nullptr;
        return fail(e);
    }
    sqlite3_busy_timeout(*db, 5000); // as the cockpit's other connections
    return ok();
}

Result<void> SqliteSplitMerge::begin(sqlite3 *main, int parts, const QList<QByteArray> &forcedKeys)
{
    end();
    m_keys.clear();
    m_lockBusy = false;
    if (!m_lock) {
        if (Result<void> opened = openConnection(&m_lock); !opened)
            return opened;
    }
    // The keys are sampled outside the snapshot, on the lock's connection before it locks: they only
    // balance the parts, so they need not come from the snapshot, and writers are not held meanwhile.
    if (!forcedKeys.isEmpty())
        m_keys = forcedKeys;
    else if (parts > 1) {
        if (Result<void> sampled = sampleKeys(m_lock, parts); !sampled)
            return sampled;
    }
    if (m_keys.isEmpty())
        return takeSnapshot(main); // one part: nothing to line up, no lock
    while (m_readers.size() < size_t(m_keys.size())) {
        sqlite3 *db = nullptr;
        if (Result<void> opened = openConnection(&db); !opened)
            return opened;
        m_readers.push_back(db);
    }
    // A writer holding its lock longer than LockWaitMs (a long batch) is not waited for: the comparison then
    // runs in one part, which needs no lock, rather than stalling or failing the run.
    sqlite3_busy_timeout(m_lock, LockWaitMs);
    if (Result<void> locked = exec(m_lock, "BEGIN IMMEDIATE"); !locked) {
        if ((sqlite3_errcode(m_lock) & 0xff) != SQLITE_BUSY)
            return fail(QLatin1String("hold writers while the snapshot is taken: ") + locked.error().message);
        m_keys.clear();
        m_lockBusy = true;
        return takeSnapshot(main);
    }
    // Only ends the write lock the snapshots needed; nothing was written under it.
    const auto unlock = qScopeGuard([this] { (void)exec(m_lock, "ROLLBACK"); });
    if (Result<void> taken = takeSnapshot(main); !taken)
        return taken;
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        sqlite3 *db = m_readers.at(size_t(i));
        if (Result<void> begun = exec(db, "BEGIN"); !begun)
            return begun;
        ++m_reading;
        if (Result<void> taken = takeSnapshot(db); !taken)
            return taken;
    }
    return ok();
}

Result<void> SqliteSplitMerge::sampleKeys(sqlite3 *db, int parts)
{
    SqliteStatement bounds;
    // A table without rowid (a legacy variant) or with a NULL user_id is compared in one part: sampling
    // needs the rowid, and a NULL id falls outside every key range (an unsplit scan reports it).
    // Three subqueries: SQLite turns a lone MIN or MAX into one seek, not both in one SELECT.
    if (!bounds.prepare(db, QStringLiteral("SELECT (SELECT MIN(rowid) FROM balances),"
                                           " (SELECT MAX(rowid) FROM balances),"
                                           " EXISTS (SELECT 1 FROM balances WHERE user_id IS NULL)")))
        return ok();
    if (bounds.step() != SqliteStatement::Step::Row || bounds.isNull(0) || bounds.int64(2) != 0)
        return ok();
    const std::int64_t low = bounds.int64(0);
    const std::int64_t high = bounds.int64(1);
    if (high - low + 1 < MinRowsToSplit)
        return ok();
    SqliteStatement pick;
    if (!pick.prepare(db, QStringLiteral("SELECT user_id FROM balances WHERE rowid >= ? ORDER BY rowid"
                                         " LIMIT 1")))
        return fail(pick.error());
    // Rows at evenly spaced rowids: spread over the key range when ids were inserted in order, a random
    // sample otherwise; either way their quantiles approximate the table's.
    constexpr int Samples = 255;
    QList<QByteArray> sample;
    for (int i = 0; i < Samples; ++i) {
        pick.bindInt64(1, low + (high - low) * i / (Samples - 1));
        if (pick.step() == SqliteStatement::Step::Row) {
            const QByteArray view = pick.textView(0);
            sample.append(QByteArray(view.constData(), view.size()));
        }
        pick.reset();
    }
    std::sort(sample.begin(), sample.end());
    for (int p = 1; p < parts && !sample.isEmpty(); ++p) {
        const QByteArray &key = sample.at(sample.size() * p / parts);
        if (m_keys.isEmpty() || m_keys.last() < key)
            m_keys.append(key);
    }
    return ok();
}

QList<sqlite3 *> SqliteSplitMerge::connections() const
{
    return QList<sqlite3 *>(m_readers.begin(), m_readers.begin() + m_reading);
}

ReconcileSql::KeyRange SqliteSplitMerge::range(int part) const
{
    ReconcileSql::KeyRange r;
    if (part > 0)
        r.from = QString::fromUtf8(m_keys.at(part - 1));
    if (part < m_keys.size())
        r.to = QString::fromUtf8(m_keys.at(part));
    return r;
}

Result<void> SqliteSplitMerge::run(sqlite3 *main, Money tolerance, const SqliteMergeScan::UserSink &sink,
                                   const std::function<bool()> &cancelled, SqliteMergeScan::Counts *counts)
{
    const int extra = int(m_keys.size());
    std::vector<PartResult> results(static_cast<size_t>(extra));
    std::atomic<bool> stop{false};
    const std::function<bool()> stopped = [&stop, &cancelled] {
        return stop.load(std::memory_order_relaxed) || (cancelled && cancelled());
    };
    Result<void> outcome;
    {
        std::vector<std::jthread> workers;
        for (int k = 1; k <= extra; ++k) {
            workers.emplace_back([this, k, tolerance, &results, &stopped] {
                PartResult &result = results[size_t(k - 1)];
                SqliteMergeScan scan(m_mapping, std::nullopt, range(k));
                result.outcome = scan.prepare(m_readers[size_t(k - 1)]);
                if (!result.outcome)
                    return;
                DiscrepancyRule::Findings findings;
                result.outcome = scan.run(
                    [&](std::string_view user, bool inLedger, bool inLegacy,
                        std::span<const std::optional<Money>> ledger,
                        std::span<const std::optional<Money>> legacy) {
                        if (!findings.isEmpty())
                            findings.clear();
                        qsizetype overflow = 0;
                        // Most users have nothing to report; an overflow is kept for the sink to report.
                        if (DiscrepancyRule::evaluate(ledger, legacy, tolerance, &findings, &overflow)
                            && findings.isEmpty())
                            return ok();
                        PendingUser u{std::string(user), inLedger, inLegacy, {}, {}};
                        u.ledger.append(ledger.data(), qsizetype(ledger.size()));
                        u.legacy.append(legacy.data(), qsizetype(legacy.size()));
                        result.users.push_back(std::move(u));
                        return ok();
                    },
                    stopped, &result.counts);
            });
        }
        SqliteMergeScan scan(m_mapping, std::nullopt, range(0));
        outcome = scan.prepare(main);
        if (outcome)
            outcome = scan.run(sink, stopped, counts);
        if (!outcome) {
            // Stop the other parts now rather than let them finish a comparison nobody reads.
            stop.store(true);
            for (sqlite3 *db : connections())
                sqlite3_interrupt(db);
        }
    } // joins the workers
    if (!outcome)
        return outcome;
    for (PartResult &result : results) {
        if (!result.outcome)
            return result.outcome;
        counts->legacyUsers += result.counts.legacyUsers;
        counts->ledgerOnlyUsers += result.counts.ledgerOnlyUsers;
        for (const PendingUser &u : result.users) {
            if (Result<void> taken = sink(u.id, u.inLedger, u.inLegacy, u.ledger, u.legacy); !taken)
                return taken;
        }
    }
    return ok();
}

void SqliteSplitMerge::end()
{
    // A read transaction: ending it cannot lose anything, and a failure leaves nothing to undo.
    for (int i = 0; i < m_reading; ++i)
        (void)exec(m_readers.at(size_t(i)), "COMMIT");
    m_reading = 0;
}

} // namespace Cockpit
