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

QString exec(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return {};
    const QString e = QString::fromUtf8(sql) + QLatin1String(": ")
                      + QString::fromUtf8(message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return e;
}

// Any read starts a WAL read transaction and with it the snapshot; the schema table is the cheapest read.
QString takeSnapshot(sqlite3 *db)
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
    QString error;
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

QString SqliteSplitMerge::openConnection(sqlite3 **db) const
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
        return e;
    }
    sqlite3_busy_timeout(*db, 5000); // as the cockpit's other connections
    return {};
}

QString SqliteSplitMerge::begin(sqlite3 *main, int parts, const QList<QByteArray> &forcedKeys)
{
    end();
    m_keys.clear();
    m_lockBusy = false;
    if (!m_lock) {
        if (QString e = openConnection(&m_lock); !e.isEmpty())
            return e;
    }
    // The keys are sampled outside the snapshot, on the lock's connection before it locks: they only
    // balance the parts, so they need not come from the snapshot, and writers are not held meanwhile.
    if (!forcedKeys.isEmpty())
        m_keys = forcedKeys;
    else if (parts > 1) {
        if (QString e = sampleKeys(m_lock, parts); !e.isEmpty())
            return e;
    }
    if (m_keys.isEmpty())
        return takeSnapshot(main); // one part: nothing to line up, no lock
    while (m_readers.size() < size_t(m_keys.size())) {
        sqlite3 *db = nullptr;
        if (QString e = openConnection(&db); !e.isEmpty())
            return e;
        m_readers.push_back(db);
    }
    // A writer holding its lock longer than LockWaitMs (a long batch) is not waited for: the comparison then
    // runs in one part, which needs no lock, rather than stalling or failing the run.
    sqlite3_busy_timeout(m_lock, LockWaitMs);
    if (QString e = exec(m_lock, "BEGIN IMMEDIATE"); !e.isEmpty()) {
        if ((sqlite3_errcode(m_lock) & 0xff) != SQLITE_BUSY)
            return QLatin1String("hold writers while the snapshot is taken: ") + e;
        m_keys.clear();
        m_lockBusy = true;
        return takeSnapshot(main);
    }
    const auto unlock = qScopeGuard([this] { exec(m_lock, "ROLLBACK"); });
    if (QString e = takeSnapshot(main); !e.isEmpty())
        return e;
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        sqlite3 *db = m_readers.at(size_t(i));
        if (QString e = exec(db, "BEGIN"); !e.isEmpty())
            return e;
        ++m_reading;
        if (QString e = takeSnapshot(db); !e.isEmpty())
            return e;
    }
    return {};
}

QString SqliteSplitMerge::sampleKeys(sqlite3 *db, int parts)
{
    SqliteStatement bounds;
    // A table without rowid (a legacy variant) or with a NULL user_id is compared in one part: sampling
    // needs the rowid, and a NULL id falls outside every key range (an unsplit scan reports it).
    // Three subqueries: SQLite turns a lone MIN or MAX into one seek, not both in one SELECT.
    if (!bounds.prepare(db, QStringLiteral("SELECT (SELECT MIN(rowid) FROM balances),"
                                           " (SELECT MAX(rowid) FROM balances),"
                                           " EXISTS (SELECT 1 FROM balances WHERE user_id IS NULL)")))
        return {};
    if (bounds.step() != SqliteStatement::Step::Row || bounds.isNull(0) || bounds.int64(2) != 0)
        return {};
    const std::int64_t low = bounds.int64(0);
    const std::int64_t high = bounds.int64(1);
    if (high - low + 1 < MinRowsToSplit)
        return {};
    SqliteStatement pick;
    if (!pick.prepare(db, QStringLiteral("SELECT user_id FROM balances WHERE rowid >= ? ORDER BY rowid"
                                         " LIMIT 1")))
        return pick.error();
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
    return {};
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

QString SqliteSplitMerge::run(sqlite3 *main, Money tolerance, const SqliteMergeScan::UserSink &sink,
                              const std::function<bool()> &cancelled, SqliteMergeScan::Counts *counts)
{
    const int extra = int(m_keys.size());
    std::vector<PartResult> results(static_cast<size_t>(extra));
    std::atomic<bool> stop{false};
    const std::function<bool()> stopped = [&stop, &cancelled] {
        return stop.load(std::memory_order_relaxed) || (cancelled && cancelled());
    };
    QString error;
    {
        std::vector<std::jthread> workers;
        for (int k = 1; k <= extra; ++k) {
            workers.emplace_back([this, k, tolerance, &results, &stopped] {
                PartResult &result = results[size_t(k - 1)];
                SqliteMergeScan scan(m_mapping, std::nullopt, range(k));
                if (QString e = scan.prepare(m_readers[size_t(k - 1)]); !e.isEmpty()) {
                    result.error = e;
                    return;
                }
                DiscrepancyRule::Findings findings;
                result.error = scan.run(
                    [&](std::string_view user, bool inLedger, bool inLegacy,
                        std::span<const std::optional<Money>> ledger,
                        std::span<const std::optional<Money>> legacy) {
                        if (!findings.isEmpty())
                            findings.clear();
                        qsizetype overflow = 0;
                        // Most users have nothing to report; an overflow is kept for the sink to report.
                        if (DiscrepancyRule::evaluate(ledger, legacy, tolerance, &findings, &overflow)
                            && findings.isEmpty())
                            return QString();
                        PendingUser u{std::string(user), inLedger, inLegacy, {}, {}};
                        u.ledger.append(ledger.data(), qsizetype(ledger.size()));
                        u.legacy.append(legacy.data(), qsizetype(legacy.size()));
                        result.users.push_back(std::move(u));
                        return QString();
                    },
                    stopped, &result.counts);
            });
        }
        SqliteMergeScan scan(m_mapping, std::nullopt, range(0));
        error = scan.prepare(main);
        if (error.isEmpty())
            error = scan.run(sink, stopped, counts);
        if (!error.isEmpty()) {
            // Stop the other parts now rather than let them finish a comparison nobody reads.
            stop.store(true);
            for (sqlite3 *db : connections())
                sqlite3_interrupt(db);
        }
    } // joins the workers
    if (!error.isEmpty())
        return error;
    for (PartResult &result : results) {
        if (!result.error.isEmpty())
            return result.error;
        counts->legacyUsers += result.counts.legacyUsers;
        counts->ledgerOnlyUsers += result.counts.ledgerOnlyUsers;
        for (const PendingUser &u : result.users) {
            if (QString e = sink(u.id, u.inLedger, u.inLegacy, u.ledger, u.legacy); !e.isEmpty())
                return e;
        }
    }
    return {};
}

void SqliteSplitMerge::end()
{
    for (int i = 0; i < m_reading; ++i)
        exec(m_readers.at(size_t(i)), "COMMIT");
    m_reading = 0;
}

} // namespace Cockpit
