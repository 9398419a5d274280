// SPDX-License-Identifier: MIT
#include "control/audit_anchor.h"

#include "common/atomic_file.h"
#include "config/environment_config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Cockpit {

QString AuditAnchor::defaultPath(const EnvironmentConfig &config)
{
    if (!config.control.auditAnchor.isEmpty())
        return config.control.auditAnchor;
    if (config.isDemo() && !config.dataDir.isEmpty())
        return config.dataDir + QLatin1String("/audit-anchor.log");
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString state = env.value(QStringLiteral("XDG_STATE_HOME"));
    if (state.isEmpty())
        state = QDir::homePath() + QLatin1String("/.local/state");
    // One journal per environment; the name is reduced to characters safe in a file name.
    QString name = config.name;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return state + QLatin1String("/migration-cockpit/") + name + QLatin1String(".audit-anchor");
}

Result<void> AuditAnchor::append(qint64 seq, const QString &hash) const
{
    if (m_path.isEmpty())
        return ok();
    if (Result<void> created = AtomicFile::createPrivateFolder(QFileInfo(m_path).absolutePath()); !created)
        return created;
    const QByteArray line = QByteArray::number(seq) + ' ' + hash.toLatin1() + ' '
                            + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1() + '\n';
    const int fd =
        ::open(QFile::encodeName(m_path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(m_path + QLatin1String(": cannot open the audit anchor: ") + qt_error_string(errno));
    // One write of one short line: O_APPEND keeps concurrent appenders' lines whole.
    const bool written =
        ::write(fd, line.constData(), size_t(line.size())) == line.size() && ::fsync(fd) == 0;
    const QString error = written ? QString() : qt_error_string(errno);
    ::close(fd);
    if (!written)
        return fail(m_path + QLatin1String(": cannot write the audit anchor: ") + error);
    return ok();
}

Result<QList<AuditAnchor::Record>> AuditAnchor::read() const
{
    QList<Record> records;
    QFile file(m_path);
    if (m_path.isEmpty() || !file.exists())
        return records;
    if (!file.open(QIODevice::ReadOnly))
        return fail(m_path + QLatin1String(": cannot read the audit anchor: ") + file.errorString());
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,18}) ([0-9a-f]{64}) (\\S+)$"));
    int number = 0;
    while (!file.atEnd()) {
        const QString text = QString::fromLatin1(file.readLine()).trimmed();
        ++number;
        if (text.isEmpty())
            continue;
        const QRegularExpressionMatch m = shape.match(text);
        const QDateTime time =
            m.hasMatch() ? QDateTime::fromString(m.captured(3), Qt::ISODateWithMs) : QDateTime();
        if (!m.hasMatch() || !time.isValid())
            return fail(m_path + QLatin1String(": line ") + QString::number(number)
                        + QLatin1String(": not an audit anchor record (expected \"SEQ HASH TIME\")"));
        records.append({m.captured(1).toLongLong(), m.captured(2), time.toUTC(), number});
    }
    return records;
}

QStringList AuditAnchor::check(const QList<Record> &records, const QMap<qint64, QString> &hashes,
                               qint64 lastSeq, const QString &where, qint64 *firstBad)
{
    QStringList problems;
    const auto bad = [&](qint64 seq, const QString &text) {
        problems.append(QLatin1String("entry ") + QString::number(seq) + QLatin1String(": ") + text);
        if (*firstBad == 0 || seq < *firstBad)
            *firstBad = seq;
    };
    qint64 more = 0;
    for (const Record &r : records) {
        if (problems.size() >= kMaxListed) { // a rewrite from entry 3 of 10,000 is one finding, not 9,998
            const bool differs = r.seq > lastSeq || hashes.value(r.seq) != r.hash;
            more += differs ? 1 : 0;
            continue;
        }
        const QString recorded = QLatin1String(" (recorded in ") + where + QLatin1String(" at ")
                                 + r.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                 + QLatin1String(" UTC)");
        if (r.seq > lastSeq)
            bad(r.seq, QLatin1String("missing, but the audit anchor has it") + recorded
                           + QLatin1String(": the log was cut off after entry ") + QString::number(lastSeq));
        else if (!hashes.contains(r.seq))
            bad(r.seq, QLatin1String("missing, but the audit anchor has it") + recorded);
        else if (hashes.value(r.seq) != r.hash)
            bad(r.seq, QLatin1String("does not match the audit anchor") + recorded
                           + QLatin1String(": rewritten, and the chain re-hashed from here"));
    }
    if (more > 0)
        problems.append(QStringLiteral("… and %1 more entries that do not match the audit anchor").arg(more));
    return problems;
}

} // namespace Cockpit
