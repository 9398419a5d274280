// SPDX-License-Identifier: MIT
// Deployment-state benchmark: 100,000 generated records in LevelDB and JSON files.
// Prints figures and ratios against baselines measured in the same process; never passes or fails on time.
// Figures are recorded in docs/performance.md ("Deployment state").
#include "state/json_state_backend.h"
#include "state/leveldb_state_backend.h"
#include "state/state_diff_engine.h"
#include "state/state_sync_job.h"
#include "json/json_value.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <leveldb/db.h>
#include <leveldb/write_batch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Cockpit;

namespace {

constexpr int Records = 100000;
constexpr int Chains = 10;

std::string hex(quint64 seed, int digits)
{
    static const char h[] = "0123456789abcdef";
    std::string out = "0x";
    quint64 x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (int i = 0; i < digits; ++i) {
        x ^= x >> 13;
        x *= 0xff51afd7ed558ccdull;
        out += h[(x >> 60) & 0xF];
    }
    return out;
}

// A record shaped like the LookCoin ones, with a BigInt decimal string and, every 50th record, an integer
// beyond 64 bits in deploymentArgs.
std::string makeValue(int i, qint64 chainId, const std::string &name)
{
    std::string v = R"({"contractName":")" + name + R"(","chainId":)" + std::to_string(chainId)
                    + R"(,"networkName":"net)" + std::to_string(chainId) + R"(","address":")" + hex(i, 40)
                    + R"(","factoryByteCodeHash":")" + hex(i + 7, 64) + R"(","implementationHash":")"
                    + hex(i + 7, 64) + R"(","proxyAddress":")" + hex(i + 3, 40) + R"(","deploymentArgs":[")"
                    + hex(i + 5, 40) + R"(","20000000000000000000000000")";
    if (i % 50 == 0)
        v += ",115792089237316195423570985008687907853269984665640564039457584007913129639935";
    v += R"(],"timestamp":)" + std::to_string(1753432614554LL + i) + "}";
    return v;
}

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

// Processor time of the whole process (all threads) since `start`: the scan and the diff use a second
// thread, and on a machine shared with other work the wall time alone does not show how much was done.
double cpuSeconds(std::clock_t start)
{
    return double(std::clock() - start) / CLOCKS_PER_SEC;
}

constexpr int Rounds = 3;

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    const QString dbPath = tmp.filePath(QStringLiteral("leveldb"));
    const QString jsonDir = tmp.filePath(QStringLiteral("deployments"));
    QDir().mkpath(jsonDir);
    QMap<qint64, QString> networks;
    for (int c = 0; c < Chains; ++c)
        networks.insert(1000 + c, QStringLiteral("net%1").arg(1000 + c));

    // Generate: every record in LevelDB; 90 % of them in the JSON files, 1 % of those with a different
    // implementation, so the diff has all kinds of work.
    std::vector<std::string> values;
    values.reserve(Records);
    qint64 bytes = 0;
    {
        leveldb::Options options;
        options.create_if_missing = true;
        leveldb::DB *raw = nullptr;
        if (!leveldb::DB::Open(options, dbPath.toStdString(), &raw).ok())
            return 1;
        std::unique_ptr<leveldb::DB> db(raw);
        std::vector<JsonDeploymentFile> files;
        for (int c = 0; c < Chains; ++c)
            files.push_back(JsonDeploymentFile::create(jsonDir + QStringLiteral("/net%1.json").arg(1000 + c),
                                                       "net" + std::to_string(1000 + c), 1000 + c));
        leveldb::WriteBatch batch;
        for (int i = 0; i < Records; ++i) {
            const qint64 chainId = 1000 + i % Chains;
            const std::string name = "Contract" + std::to_string(i);
            values.push_back(makeValue(i, chainId, name));
            bytes += qint64(values.back().size());
            batch.Put(std::to_string(chainId) + "-" + name, values.back());
            if (i % 10 != 0) {
                JsonDeploymentFile::Entry e{hex(i + 3, 40), i % 100 == 1 ? hex(i + 1, 40) : hex(i, 40),
                                            hex(i + 7, 64)};
                files[i % Chains].setEntry(name, e);
            }
            if (i % 10000 == 9999) {
                db->Write(leveldb::WriteOptions(), &batch);
                batch.Clear();
            }
        }
        db->Write(leveldb::WriteOptions(), &batch);
        for (const JsonDeploymentFile &f : files) {
            QFile out(f.path());
            out.open(QIODevice::WriteOnly);
            const std::string text = f.serialize();
            out.write(text.data(), qint64(text.size()));
        }
        db->CompactRange(nullptr, nullptr);
    }
    std::printf("records: %d LevelDB (%.1f MB of values), %d chains\n", Records, double(bytes) / 1e6, Chains);

    // 1. Parsers on the same values: nlohmann::json (baseline) and the lossless JsonValue.
    QElapsedTimer t;
    t.start();
    std::size_t sink = 0;
    for (const std::string &v : values)
        sink += nlohmann::json::parse(v).size();
    const double nlohmannSeconds = seconds(t);
    t.restart();
    for (const std::string &v : values)
        sink += JsonValue::parse(v, nullptr).members().size();
    const double losslessSeconds = seconds(t);
    t.restart();
    for (const std::string &v : values)
        sink += JsonValue::parse(v, nullptr).serialize().size();
    const double losslessRoundTrip = seconds(t);
    t.restart();
    for (const std::string &v : values)
        sink += ContractRecord::fromBytes(v, nullptr)->address().size();
    const double recordSeconds = seconds(t);
    std::printf("ContractRecord::fromBytes (validate + index the known fields, keep the bytes): %.0f MB/s "
                "(%.3f s), %.2fx nlohmann\n",
                double(bytes) / 1e6 / recordSeconds, recordSeconds, nlohmannSeconds / recordSeconds);
    const std::string big = values.front();
    const bool nlohmannExact = nlohmann::json::parse(big).dump() == big;
    const bool losslessExact = JsonValue::parse(big, nullptr).serialize() == big;
    std::printf("parse nlohmann::json: %.0f MB/s (%.3f s); JsonValue: %.0f MB/s (%.3f s), ratio %.2fx; "
                "parse+serialize %.3f s\n",
                double(bytes) / 1e6 / nlohmannSeconds, nlohmannSeconds, double(bytes) / 1e6 / losslessSeconds,
                losslessSeconds, nlohmannSeconds / losslessSeconds, losslessRoundTrip);
    std::printf("byte-exact round trip of a record with a 78-digit integer: nlohmann %s, JsonValue %s\n",
                nlohmannExact ? "yes" : "NO", losslessExact ? "yes" : "NO");

    // 2. LevelDB: bare iteration (baseline) vs the backend's full scan (iterate + parse + key split), three
    //    rounds alternating, best of each: a single pair's ratio swings between runs on a noisy machine.
    double bare = 0;
    double scanSeconds = 0;
    double scanCpu = 0;
    std::size_t scanned = 0;
    QStringList bareRounds;
    QStringList scanRounds;
    for (int round = 0; round < Rounds; ++round) {
        {
            leveldb::DB *raw = nullptr;
            leveldb::DB::Open(leveldb::Options(), dbPath.toStdString(), &raw);
            std::unique_ptr<leveldb::DB> db(raw);
            t.restart();
            leveldb::ReadOptions ro;
            ro.fill_cache = false;
            std::unique_ptr<leveldb::Iterator> it(db->NewIterator(ro));
            std::size_t n = 0;
            for (it->SeekToFirst(); it->Valid(); it->Next())
                n += it->key().size() + it->value().size();
            sink += n;
        }
        const double b = seconds(t);
        bare = round == 0 ? b : std::min(bare, b);
        bareRounds.append(QString::number(b, 'f', 3));
        LevelDbStateBackend backend(dbPath);
        if (const StateResult<void> opened = backend.open(); !opened)
            qFatal("%s", qPrintable(opened.error().describe()));
        t.restart();
        const std::clock_t cpu = std::clock();
        const ScanResult scan = backend.scanAll();
        const double sc = seconds(t);
        if (round == 0 || sc < scanSeconds) {
            scanSeconds = sc;
            scanCpu = cpuSeconds(cpu);
        }
        scanRounds.append(QString::number(sc, 'f', 3));
        scanned = scan.records.size();
    }
    std::printf("LevelDB bare iteration %.3f s (rounds %s); full scan (parse every value) %.3f s (rounds %s; "
                "%zu records, %.3f s processor time on 2 threads): ratio %.2fx (best of %d each)\n",
                bare, qPrintable(bareRounds.join(QLatin1Char('/'))), scanSeconds,
                qPrintable(scanRounds.join(QLatin1Char('/'))), scanned, scanCpu, scanSeconds / bare, Rounds);

    // 3a. The diff's parts: JSON files loaded and parsed, comparison.
    {
        auto opened = LevelDbStateBackend::openSnapshot(dbPath);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().describe()));
        LevelDbStateBackend *snapshot = opened->get();
        t.restart();
        ScanResult leveldbScan = snapshot->scanAll();
        const double snapScan = seconds(t);
        JsonStateBackend::Options jsonOptions;
        jsonOptions.networks = networks;
        JsonStateBackend json(jsonDir, jsonOptions);
        t.restart();
        if (const StateResult<void> jsonOpened = json.open(); !jsonOpened)
            qFatal("%s", qPrintable(jsonOpened.error().describe()));
        const JsonStateBackend::FileSet files = json.loadFiles();
        const double loadJson = seconds(t);
        t.restart();
        const StateDiffResult r = StateDiffEngine::compute(std::move(leveldbScan), files, networks);
        const double compare = seconds(t);
        std::printf("diff parts: LevelDB scan %.3f s, JSON files load+parse %.3f s, compare+health %.3f s\n",
                    snapScan, loadJson, compare);
        sink += std::size_t(r.summary.equal);
    }

    // 3b. The JSON side: the 10 files parsed into trees (baseline, what a change needs) vs indexed without a
    //     tree (JsonDeploymentFile::parse, what a diff reads), from the same bytes in memory.
    {
        std::vector<std::string> texts;
        qint64 jsonBytes = 0;
        for (const QString &name : QDir(jsonDir).entryList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile f(QDir(jsonDir).filePath(name));
            f.open(QIODevice::ReadOnly);
            texts.push_back(f.readAll().toStdString());
            jsonBytes += qint64(texts.back().size());
        }
        t.restart();
        for (const std::string &text : texts)
            sink += JsonValue::parse(text, nullptr).members().size();
        const double treeSeconds = seconds(t);
        t.restart();
        for (const std::string &text : texts)
            sink += std::size_t(JsonDeploymentFile::parse(text, QString())->contractCount());
        const double indexSeconds = seconds(t);
        std::printf("JSON files (%.1f MB): tree %.3f s, index %.3f s, ratio %.2fx\n", double(jsonBytes) / 1e6,
                    treeSeconds, indexSeconds, treeSeconds / indexSeconds);
    }

    // 3. Full diff: read both stores, parse, compare, health; as `cockpitctl state diff` runs it. Three
    //    rounds of each way, alternating, best of each.
    double diffInPlaceSeconds = 0;
    double diffInPlaceCpu = 0;
    double diffSnapshotSeconds = 0;
    double diffSnapshotCpu = 0;
    QStringList inPlaceRounds;
    QStringList snapshotRounds;
    DiffSummary summary;
    for (int round = 0; round < Rounds; ++round) {
        for (const bool snapshot : {false, true}) {
            t.restart();
            const std::clock_t cpu = std::clock();
            const StateDiffResult diff = StateDiffEngine::run(dbPath, jsonDir, networks, snapshot);
            const double wall = seconds(t);
            double &best = snapshot ? diffSnapshotSeconds : diffInPlaceSeconds;
            if (round == 0 || wall < best) {
                best = wall;
                (snapshot ? diffSnapshotCpu : diffInPlaceCpu) = cpuSeconds(cpu);
            }
            (snapshot ? snapshotRounds : inPlaceRounds).append(QString::number(wall, 'f', 3));
            summary = diff.summary;
        }
    }
    std::printf("full diff: %d equal, %d mismatched, %d only in LevelDB; best of %d: in place %.3f s = %.0f "
                "records/s (%.3f s processor time; rounds %s); from a snapshot copy %.3f s = %.0f records/s "
                "(%.3f s processor time; rounds %s)\n",
                summary.equal, summary.mismatched, summary.onlyInLeveldb, Rounds, diffInPlaceSeconds,
                Records / diffInPlaceSeconds, diffInPlaceCpu,
                qPrintable(inPlaceRounds.join(QLatin1Char('/'))), diffSnapshotSeconds,
                Records / diffSnapshotSeconds, diffSnapshotCpu,
                qPrintable(snapshotRounds.join(QLatin1Char('/'))));
    sink += std::size_t(summary.equal);

    // 4. Bulk sync of all 100,000 records into an empty JSON folder (atomic per-network writes), then an
    //    idempotent re-run.
    const QString syncDir = tmp.filePath(QStringLiteral("sync"));
    QDir().mkpath(syncDir);
    StateSyncJob::Options options;
    options.leveldbPath = dbPath;
    options.jsonDir = syncDir;
    options.networks = networks;
    StateSyncJob job(options);
    t.restart();
    job.run();
    const double syncSeconds = seconds(t);
    StateSyncJob again(options);
    t.restart();
    again.run();
    const double resyncSeconds = seconds(t);
    std::printf(
        "bulk sync: %d records added, %d files written in %.3f s (%.0f records/s); re-run: %d written, "
        "%.3f s\n",
        job.report().added, job.report().filesWritten, syncSeconds, job.report().added / syncSeconds,
        again.report().filesWritten, resyncSeconds);
    std::printf("(checksum %zu)\n", sink);
    return 0;
}
