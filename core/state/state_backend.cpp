// SPDX-License-Identifier: MIT
#include "state/state_backend.h"

#include "state/record_validator.h"

#include <QElapsedTimer>

namespace Cockpit {

StateBackend::~StateBackend() = default;

StateResult<void> StateBackend::putContract(qint64 chainId, const ContractRecord &record)
{
    if (record.chainId() != chainId)
        return fail(StateErrorCode::ValidationFailed,
                    QStringLiteral("record chainId %1 differs from %2").arg(record.chainId()).arg(chainId),
                    location(), QString::fromStdString(record.key()));
    return putContracts({record});
}

StateResult<std::vector<ContractRecord>> StateBackend::getAllContracts(qint64 chainId)
{
    StateQuery query;
    query.chainIds = {chainId};
    return queryContracts(query);
}

StateResult<bool> StateBackend::hasContract(qint64 chainId, const QString &contractName)
{
    return getContract(chainId, contractName).map([](const std::optional<ContractRecord> &r) {
        return r.has_value();
    });
}

StateResult<std::vector<ContractRecord>> StateBackend::queryContracts(const StateQuery &query)
{
    QElapsedTimer timer;
    timer.start();
    ScanResult scan = scanAll();
    m_metrics.record(MetricsRecorder::Kind::Query, timer.nsecsElapsed(), !scan.errors.isEmpty());
    if (!scan.errors.isEmpty())
        return fail(scan.errors.first());
    // '*' and '?' match any character, '/' included: contract names can be source paths.
    QString regex;
    for (const QChar c : query.namePattern) {
        if (c == QLatin1Char('*'))
            regex += QLatin1String(".*");
        else if (c == QLatin1Char('?'))
            regex += QLatin1Char('.');
        else
            regex += QRegularExpression::escape(QString(c));
    }
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(regex));
    std::vector<ContractRecord> out;
    for (ContractRecord &r : scan.records) {
        if (!query.chainIds.isEmpty() && !query.chainIds.contains(r.chainId()))
            continue;
        if (query.hasProxy && r.hasProxy() != *query.hasProxy)
            continue;
        if (query.fromTimestampMs && r.timestampMs() < *query.fromTimestampMs)
            continue;
        if (query.toTimestampMs && r.timestampMs() > *query.toTimestampMs)
            continue;
        if (!query.namePattern.isEmpty() && !pattern.match(toQString(r.contractName())).hasMatch())
            continue;
        out.push_back(std::move(r));
    }
    return out;
}

StateResult<QByteArray> StateBackend::exportAll(const ExportOptions &options)
{
    ScanResult scan = scanAll();
    if (!scan.errors.isEmpty())
        return fail(scan.errors.first());
    JsonValue records = JsonValue::array();
    for (ContractRecord &r : scan.records) {
        if (options.chainIds.isEmpty() || options.chainIds.contains(r.chainId()))
            records.append(r.json());
    }
    JsonValue doc = JsonValue::object();
    doc.set("format", JsonValue::string("cockpit-state-export"));
    doc.set("version", JsonValue::number(1));
    doc.set("backend", JsonValue::string(backendType().toStdString()));
    doc.set("records", std::move(records));
    const std::string text =
        doc.serialize(options.indented ? JsonValue::Style::Indented : JsonValue::Style::Compact);
    return QByteArray(text.data(), qsizetype(text.size()));
}

StateResult<std::vector<ContractRecord>> StateBackend::parseExport(const QByteArray &data)
{
    auto invalid = [](const QString &message) {
        return fail(StateErrorCode::ValidationFailed, message);
    };
    JsonValue::ParseError parseError;
    const JsonValue doc =
        JsonValue::parse(std::string_view(data.constData(), std::size_t(data.size())), &parseError);
    if (parseError.isError())
        return invalid(QLatin1String("export document is not JSON: ")
                       + QString::fromStdString(parseError.describe()));
    if (!doc.isObject() || doc.stringMember("format") != "cockpit-state-export")
        return invalid(
            QStringLiteral("not a cockpit state export (expected \"format\": \"cockpit-state-export\")"));
    const JsonValue *records = doc.find("records");
    if (!records || !records->isArray())
        return invalid(QStringLiteral("/records: expected an array of records"));
    std::vector<ContractRecord> out;
    out.reserve(records->elements().size());
    for (std::size_t i = 0; i < records->elements().size(); ++i) {
        const JsonValue &value = records->elements()[i];
        ContractRecord record(value);
        if (!value.isObject() || record.contractName().empty() || record.chainId() <= 0)
            return invalid(
                QStringLiteral("/records/%1: expected an object with contractName and a positive chainId")
                    .arg(i));
        out.push_back(std::move(record));
    }
    return out;
}

StateResult<ImportReport> StateBackend::importAll(const QByteArray &data, bool overwrite)
{
    StateResult<std::vector<ContractRecord>> records = parseExport(data);
    if (!records)
        return fail(records.error());
    std::vector<ContractRecord> toWrite;
    ImportReport report;
    for (ContractRecord &r : *records) {
        const StateResult<bool> exists = hasContract(r.chainId(), toQString(r.contractName()));
        if (!exists)
            return fail(exists.error());
        if (*exists && !overwrite) {
            ++report.skippedExisting;
            continue;
        }
        toWrite.push_back(std::move(r));
    }
    if (!toWrite.empty()) {
        if (StateResult<void> written = putContracts(toWrite); !written)
            return fail(written.error());
    }
    report.imported = int(toWrite.size());
    return report;
}

ValidationResult StateBackend::validateIntegrity(const QSet<qint64> &knownChains)
{
    ScanResult scan = scanAll();
    RecordValidator validator(knownChains);
    ValidationResult result;
    result.errors = scan.errors;
    for (const ContractRecord &r : scan.records) {
        ++result.checked;
        // Judged against the chain of its key, as the diff and the sync judge it: one verdict per record.
        const QStringList problems = validator.problems(r, r.keyChainId());
        if (problems.isEmpty())
            ++result.valid;
        else
            result.issues.append({toQString(r.storageKey()), problems}); // the key it is stored under
    }
    return result;
}

} // namespace Cockpit
