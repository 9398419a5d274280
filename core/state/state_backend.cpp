// SPDX-License-Identifier: MIT
#include "state/state_backend.h"

#include "state/record_validator.h"

#include <QElapsedTimer>

namespace Cockpit {

StateBackend::~StateBackend() = default;

std::vector<ContractRecord> StateBackend::getAllContracts(qint64 chainId, StateError *error)
{
    StateQuery query;
    query.chainIds = {chainId};
    return queryContracts(query, error);
}

bool StateBackend::hasContract(qint64 chainId, const QString &contractName, StateError *error)
{
    StateError local;
    const bool found = getContract(chainId, contractName, &local).has_value();
    if (error)
        *error = local;
    return found;
}

std::vector<ContractRecord> StateBackend::queryContracts(const StateQuery &query, StateError *error)
{
    QElapsedTimer timer;
    timer.start();
    ScanResult scan = scanAll();
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
    if (error)
        *error = scan.errors.isEmpty() ? StateError{} : scan.errors.first();
    m_metrics.record(MetricsRecorder::Kind::Query, timer.nsecsElapsed(), !scan.errors.isEmpty());
    return out;
}

QByteArray StateBackend::exportAll(const ExportOptions &options, StateError *error)
{
    ScanResult scan = scanAll();
    if (!scan.errors.isEmpty()) {
        if (error)
            *error = scan.errors.first();
        return {};
    }
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
    if (error)
        *error = {};
    const std::string text =
        doc.serialize(options.indented ? JsonValue::Style::Indented : JsonValue::Style::Compact);
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::optional<std::vector<ContractRecord>> StateBackend::parseExport(const QByteArray &data,
                                                                     StateError *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = StateError::make(StateErrorCode::ValidationFailed, message);
        return std::nullopt;
    };
    JsonValue::ParseError parseError;
    const JsonValue doc =
        JsonValue::parse(std::string_view(data.constData(), std::size_t(data.size())), &parseError);
    if (parseError.isError())
        return fail(QLatin1String("export document is not JSON: ")
                    + QString::fromStdString(parseError.describe()));
    if (!doc.isObject() || doc.stringMember("format") != "cockpit-state-export")
        return fail(
            QStringLiteral("not a cockpit state export (expected \"format\": \"cockpit-state-export\")"));
    const JsonValue *records = doc.find("records");
    if (!records || !records->isArray())
        return fail(QStringLiteral("/records: expected an array of records"));
    std::vector<ContractRecord> out;
    out.reserve(records->elements().size());
    for (std::size_t i = 0; i < records->elements().size(); ++i) {
        const JsonValue &value = records->elements()[i];
        ContractRecord record(value);
        if (!value.isObject() || record.contractName().empty() || record.chainId() <= 0)
            return fail(
                QStringLiteral("/records/%1: expected an object with contractName and a positive chainId")
                    .arg(i));
        out.push_back(std::move(record));
    }
    return out;
}

bool StateBackend::importAll(const QByteArray &data, bool overwrite, ImportReport *report, StateError *error)
{
    auto records = parseExport(data, error);
    if (!records)
        return false;
    std::vector<ContractRecord> toWrite;
    ImportReport local;
    for (ContractRecord &r : *records) {
        StateError getError;
        const bool exists = getContract(r.chainId(), toQString(r.contractName()), &getError).has_value();
        if (getError.isError()) {
            if (error)
                *error = getError;
            return false;
        }
        if (exists && !overwrite) {
            ++local.skippedExisting;
            continue;
        }
        toWrite.push_back(std::move(r));
    }
    if (!toWrite.empty() && !putContracts(toWrite, error))
        return false;
    local.imported = int(toWrite.size());
    if (report)
        *report = local;
    if (error)
        *error = {};
    return true;
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
