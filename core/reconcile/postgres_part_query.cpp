// SPDX-License-Identifier: MIT
#include "reconcile/postgres_part_query.h"

#include "db/postgres_connection.h"
#include "db/sql_error_text.h"

#include <QByteArrayList>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <vector>

namespace Cockpit {

PostgresPartQuery::PostgresPartQuery(DatabaseConfig config)
    : m_config(std::move(config))
{}

PostgresPartQuery::~PostgresPartQuery()
{
    abort();
    if (m_conn)
        PQfinish(m_conn);
}

QString PostgresPartQuery::connectionError(const QString &step)
{
    const QString e = step + QLatin1String(": ") + QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    if (PQstatus(m_conn) != CONNECTION_OK) {
        PQfinish(m_conn);
        m_conn = nullptr;
        m_inTransaction = false;
        m_sent = false;
    }
    return e;
}

Result<void> PostgresPartQuery::command(const char *sql)
{
    PGresult *r = PQexec(m_conn, sql);
    const bool done = PQresultStatus(r) == PGRES_COMMAND_OK;
    const QString message = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
    PQclear(r);
    if (done)
        return ok();
    return fail(message.isEmpty() ? connectionError(QString::fromUtf8(sql))
                                  : QString::fromUtf8(sql) + QLatin1String(": ") + message);
}

Result<void> PostgresPartQuery::connect()
{
    // The same parameters as PostgresConnection gives the QtSql connections.
    const QByteArray host = m_config.host.toUtf8();
    const QByteArray port = QByteArray::number(m_config.port);
    const QByteArray dbname = m_config.dbname.toUtf8();
    const QByteArray user = m_config.user.toUtf8();
    const QByteArray password =
        m_config.passwordEnv.isEmpty()
            ? QByteArray()
            : QProcessEnvironment::systemEnvironment().value(m_config.passwordEnv).toUtf8();
    const QByteArray timeout = QByteArray::number(m_config.connectTimeoutSeconds);
    const QByteArray sslmode = m_config.sslMode.toUtf8();
    std::vector<const char *> keys = {"host", "port", "dbname", "user", "connect_timeout", "sslmode"};
    std::vector<const char *> values = {host.constData(), port.constData(),    dbname.constData(),
                                        user.constData(), timeout.constData(), sslmode.constData()};
    if (!password.isEmpty()) {
        keys.push_back("password");
        values.push_back(password.constData());
    }
    const QByteArray options = PostgresConnection::readOnlyOptions().toUtf8();
    if (m_config.readOnly) {
        keys.push_back("options");
        values.push_back(options.constData());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    m_conn = PQconnectdbParams(keys.data(), values.data(), 0);
    if (PQstatus(m_conn) != CONNECTION_OK)
        return fail(connectionError(QStringLiteral("cannot connect a part of the comparison")),
                    ErrorKind::Unreachable);
    return ok();
}

Result<void> PostgresPartQuery::begin(const QString &snapshotId)
{
    // The id comes from pg_export_snapshot ("00000003-0000001B-1"); checked before it is spliced into
    // SET TRANSACTION SNAPSHOT, which takes no parameter.
    static const QRegularExpression idFormat(QStringLiteral("^[0-9A-F-]{1,64}$"));
    if (!idFormat.match(snapshotId).hasMatch())
        return fail(QLatin1String("unexpected snapshot id \"") + snapshotId + QLatin1Char('"'));
    // A connection kept from an earlier run may have died meanwhile (server restart, terminated backend);
    // libpq only notices on use: then once more on a fresh connection.
    for (int attempt = 0;; ++attempt) {
        if (m_conn && PQstatus(m_conn) != CONNECTION_OK) {
            PQfinish(m_conn);
            m_conn = nullptr;
        }
        if (!m_conn) {
            if (Result<void> connected = connect(); !connected)
                return connected;
        }
        Result<void> begun = command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        if (begun)
            break;
        if (attempt > 0 || (m_conn && PQstatus(m_conn) == CONNECTION_OK))
            return begun;
    }
    m_inTransaction = true;
    const QByteArray set = "SET TRANSACTION SNAPSHOT '" + snapshotId.toLatin1() + '\'';
    return command(set.constData());
}

Result<void> PostgresPartQuery::send(const ReconcileSql::Statement &statement)
{
    // QtSql's positional `?` become libpq's $n; the reconciler's SQL has no `?` inside a literal.
    QByteArray sql;
    int n = 0;
    for (const QChar c : statement.sql) {
        if (c == QLatin1Char('?'))
            sql += '$' + QByteArray::number(++n);
        else
            sql += QString(c).toUtf8();
    }
    QByteArrayList texts;
    std::vector<const char *> values;
    for (const QVariant &v : statement.binds)
        texts.append(v.toString().toUtf8());
    for (qsizetype i = 0; i < texts.size(); ++i)
        values.push_back(statement.binds.at(i).isNull() ? nullptr : texts.at(i).constData());
    if (!PQsendQueryParams(m_conn, sql.constData(), int(values.size()), nullptr, values.data(), nullptr,
                           nullptr, 0))
        return fail(connectionError(QStringLiteral("send the comparison of a part")));
    m_sent = true;
    return ok();
}

Result<void> PostgresPartQuery::finish(const std::function<Result<void>(const ColumnReader &)> &row)
{
    Result<void> outcome;
    // Every result must be read before the connection takes another command, even after an error.
    while (PGresult *r = PQgetResult(m_conn)) {
        if (outcome && PQresultStatus(r) == PGRES_TUPLES_OK) {
            const int rows = PQntuples(r);
            for (int i = 0; i < rows && outcome; ++i) {
                outcome = row([r, i](int column) {
                    if (PQgetisnull(r, i, column))
                        return QVariant();
                    return QVariant(QString::fromUtf8(PQgetvalue(r, i, column), PQgetlength(r, i, column)));
                });
            }
        } else if (outcome) {
            QString error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
            if (error.isEmpty())
                error = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
            outcome = fail(error);
        }
        PQclear(r);
    }
    m_sent = false;
    if (outcome && PQstatus(m_conn) != CONNECTION_OK)
        outcome = fail(connectionError(QStringLiteral("read the comparison of a part")));
    if (!outcome) {
        abort();
        return outcome;
    }
    m_inTransaction = false;
    return command("COMMIT");
}

Result<QStringList> PostgresPartQuery::estimateSplitKeys(const QSqlDatabase &db, int parts, qint64 minRows,
                                                         const ReconcileSql::Names &names)
{
    QStringList keys;
    const ReconcileSql::Statement split = ReconcileSql::splitKeys(parts, names);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!split.exec(q))
        return fail(sqlErrorText(q.lastError()));
    while (q.next()) {
        if (q.value(0).toLongLong() < minRows || q.value(1).isNull()) {
            keys.clear(); // small, or never analysed: one part
            break;
        }
        if (keys.isEmpty() || keys.last() != q.value(1).toString())
            keys.append(q.value(1).toString());
    }
    if (q.lastError().isValid())
        return fail(sqlErrorText(q.lastError()));
    return keys;
}

void PostgresPartQuery::abort()
{
    if (!m_conn)
        return;
    if (m_sent) {
        // Stop the statement instead of waiting for a result nobody reads, then drain the connection.
        if (PGcancel *cancel = PQgetCancel(m_conn)) {
            char message[256];
            PQcancel(cancel, message, sizeof message);
            PQfreeCancel(cancel);
        }
        while (PGresult *r = PQgetResult(m_conn))
            PQclear(r);
        m_sent = false;
    }
    if (m_inTransaction) {
        m_inTransaction = false;
        PGresult *r = PQexec(m_conn, "ROLLBACK");
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) {
            PQfinish(m_conn);
            m_conn = nullptr;
        }
    }
}

} // namespace Cockpit
