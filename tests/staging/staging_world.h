// SPDX-License-Identifier: MIT
#pragma once

#include "pg_test_database.h"

#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace CockpitTest {

// A staging world for one test: a PostgreSQL database the cockpit did not create (tests/staging/
// service_schema.sql, owned by the service's role), written by an independent service process
// (service_writer.py), read by the cockpit's roles (staging_cockpit: SELECT on the service's tables and owner
// of schema "cockpit"; staging_cockpit_ro: SELECT only). Created by tests/staging/staging-world.sh on the
// loopback server of tests/scripts/ensure-postgres.sh, dropped when the object goes away.
class StagingWorld
{
public:
    StagingWorld();
    ~StagingWorld();
    StagingWorld(const StagingWorld &) = delete;
    StagingWorld &operator=(const StagingWorld &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString dbname() const { return m_dbname; }
    QString folder() const { return m_dir.path(); }

    // Runs the service writer to its end with `arguments` (its --ops, --users...), as the service's role.
    // Returns the final ground truth, or an empty object with *error set.
    QJsonObject runWriter(const QStringList &arguments, QString *error);
    // Starts the writer in the background (stop it with stopWriter(), which returns its ground truth).
    QString startWriter(const QStringList &arguments);
    QJsonObject stopWriter(QString *error);
    bool writerFinished() const { return m_writer && m_writer->state() == QProcess::NotRunning; }

    // An environment file (kind staging, ledger observed as `role`, control store an SQLite file in the
    // test's folder), with `ledgerExtra` merged into the ledger section.
    QString writeConfig(const QString &role, const QJsonObject &ledgerExtra = {}, bool readOnly = false,
                        const QString &fileName = QStringLiteral("staging.json"));
    // The same with the control store in the world's database too, in the cockpit's schema, as `role`.
    QString writeSharedConfig(const QString &role, const QString &fileName);

    // writeSharedConfig plus a rollout actuator that runs `kubectl --context staging set env
    // deployment/mana ...` as the cockpit would run the real one (the stand-in of KubectlStandIn), with the
    // cockpit's schema set up (`cockpitctl setup`). Returns the path, or empty with *error.
    QString setUpRolloutEnvironment(const QString &role, const QString &fileName, QString *error);

    // `pg_dump --schema-only` of one schema (comments and the dump's timestamps stripped), and the row
    // count of every table of the database, as the administrator sees them.
    QString schemaDump(const QString &schema, QString *error);
    QMap<QString, qint64> rowCounts(QString *error);
    // Both schemas' dumps and every table's row count, for "left as it was" comparisons.
    struct Snapshot
    {
        QString publicSchema;
        QString cockpitSchema;
        QMap<QString, qint64> rows;
    };
    Snapshot snapshot(QString *error);
    // The cockpit's owner lets a read-only operator role read the cockpit's own schema.
    QString grantCockpitRead(const QString &role);

    // Runs a statement as the administrator on the world's database.
    QString adminSql(const QString &sql, QString *output = nullptr);
    // The same as the service's role, which owns its tables (a change behind the service's back).
    QString serviceSql(const QString &sql, QString *output = nullptr);

    // A real Prometheus (Debian's /usr/bin/prometheus) scraping the service writer's exporter on
    // 127.0.0.1:exporterPort every second, with the migration plan's HighDiscrepancyRate rule loaded, so that
    // the service's own alerting can be asked. Returns its URL, or an empty URL with *error. With `tsdb`,
    // Prometheus opens that storage folder (e.g. blocks backfilled with promtool); with an exporterPort of 0
    // it scrapes nothing and is ready as soon as it serves queries.
    QUrl startPrometheus(int exporterPort, QString *error, const QString &tsdb = QString());
    // The service writer (startWriter) with its exporter on a free port, and a Prometheus scraping it: the
    // usual telemetry world. Returns Prometheus' URL, or an empty URL with *error.
    QUrl startServiceWithPrometheus(const QStringList &writerArguments, QString *error);
    // `days` of the service's metrics up to now at `stepSeconds` resolution
    // (tests/staging/metrics_history.py), backfilled with promtool into a storage folder of the world for
    // startPrometheus(0, error, folder). Returns the folder, or empty with *error.
    QString backfillMetrics(double days, int stepSeconds, QString *error);
    // Whether Prometheus itself has the alert firing.
    bool prometheusAlertFiring(const QString &alert, QString *error);
    static int freePort();

    struct Cli
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Cli cockpitctl(const QStringList &arguments, int timeoutMs = 120000);

private:
    QString psql(const QString &user, const QString &password, const QString &sql, QString *output);
    QString groundTruthPath() const;
    QString serviceDsn() const;

    QTemporaryDir m_dir;
    QString m_dbname;
    QString m_error;
    std::unique_ptr<QProcess> m_writer;
    std::unique_ptr<QProcess> m_prometheus;
    QUrl m_prometheusUrl;
};

// While it lives, `kubectl` is the stand-in of tests/staging/bin, first on PATH, logging each call as a JSON
// line to log() and keeping its cluster state in the world's folder.
class KubectlStandIn
{
public:
    explicit KubectlStandIn(const StagingWorld &world);
    ~KubectlStandIn();
    KubectlStandIn(const KubectlStandIn &) = delete;
    KubectlStandIn &operator=(const KubectlStandIn &) = delete;

    QString log() const { return m_log; }

private:
    QByteArray m_path;
    QString m_log;
};

} // namespace CockpitTest

// At the top of a staging test: skips visibly when the world cannot be built, fails when CI requires it.
#define COCKPIT_REQUIRE_STAGING(world)                                                                       \
    do {                                                                                                     \
        if (!(world).isValid()) {                                                                            \
            if (CockpitTest::PgTestDatabase::required())                                                     \
                QFAIL(qPrintable(QStringLiteral("staging world required but unavailable: ")                  \
                                 + (world).error()));                                                        \
            QSKIP(                                                                                           \
                qPrintable(QStringLiteral("staging world unavailable, test skipped: ") + (world).error()));  \
        }                                                                                                    \
    } while (false)
