// SPDX-License-Identifier: MIT
#include "state/state_diff_report.h"

#include <QJsonArray>

namespace Cockpit {

namespace {

QString chainList(const QList<qint64> &chains)
{
    QStringList parts;
    for (qint64 c : chains)
        parts.append(QString::number(c));
    return parts.join(QLatin1String(", "));
}

} // namespace

QList<Text> StateDiffReport::findings(const StateDiffResult &result)
{
    const DiffSummary &s = result.summary;
    QList<Text> out;
    if (s.onlyInLeveldb > 0) {
        Text line = Text::translate("StateDiff", "%1 contracts in LevelDB are missing from the JSON files")
                        .arg(s.onlyInLeveldb);
        if (s.mentionedByProxy > 0)
            line = line
                   + Text::translate("StateDiff", " (%1 of them are named by proxy address in "
                                                  "infrastructureContracts or protocolContracts)")
                         .arg(s.mentionedByProxy);
        out.append(line);
    }
    if (s.onlyInLeveldbNoJsonFile > 0)
        out.append(Text::translate("StateDiff",
                                   "%1 LevelDB records are on chains without any JSON file (%2), reported on "
                                   "their own")
                       .arg(s.onlyInLeveldbNoJsonFile, chainList(s.chainsWithoutJsonFile)));
    if (s.onlyInJson > 0)
        out.append(Text::translate("StateDiff", "%1 contracts in the JSON files are missing from LevelDB")
                       .arg(s.onlyInJson));
    if (s.mismatched > 0)
        out.append(Text::translate("StateDiff", "%1 contracts differ between the stores").arg(s.mismatched));
    if (s.networkNameDrifts > 0)
        out.append(
            Text::translate("StateDiff",
                            "%1 LevelDB records carry a networkName different from their chain's JSON file")
                .arg(s.networkNameDrifts));
    out.append(Text::translate("StateDiff", "Data health %1 % (%2 of %3 records pass validation)")
                   .arg(Text::decimal(s.dataHealthPercent(), 1), s.healthy, s.checked));
    if (!result.errors.isEmpty())
        out.append(
            Text::translate("StateDiff", "%1 values or files could not be read; the diff covers the rest")
                .arg(result.errors.size()));
    return out;
}

namespace {

QStringList english(const QList<Text> &texts)
{
    QStringList out;
    for (const Text &t : texts)
        out.append(t.english());
    return out;
}

} // namespace

QJsonObject StateDiffReport::toJson(const StateDiffResult &result, bool includeEqual)
{
    const DiffSummary &s = result.summary;
    QJsonArray noFile;
    for (qint64 c : s.chainsWithoutJsonFile)
        noFile.append(c);
    const QJsonObject summary{
        {QStringLiteral("leveldbRecords"), s.leveldbRecords},
        {QStringLiteral("jsonRecords"), s.jsonRecords},
        {QStringLiteral("equal"), s.equal},
        {QStringLiteral("onlyInLeveldb"), s.onlyInLeveldb},
        {QStringLiteral("onlyInLeveldbNoJsonFile"), s.onlyInLeveldbNoJsonFile},
        {QStringLiteral("chainsWithoutJsonFile"), noFile},
        {QStringLiteral("onlyInJson"), s.onlyInJson},
        {QStringLiteral("mismatched"), s.mismatched},
        {QStringLiteral("mentionedByProxy"), s.mentionedByProxy},
        {QStringLiteral("networkNameDrifts"), s.networkNameDrifts},
        {QStringLiteral("healthChecked"), s.checked},
        {QStringLiteral("healthy"), s.healthy},
        {QStringLiteral("dataHealthPercent"), s.dataHealthPercent()},
        {QStringLiteral("errors"), int(result.errors.size())},
    };
    QJsonArray entries;
    for (const DiffEntry &e : result.entries) {
        if (!includeEqual && e.status == DiffStatus::Equal && e.healthProblems.isEmpty()
            && !e.networkNameDrift)
            continue;
        QJsonObject o{{QStringLiteral("chainId"), e.chainId},
                      {QStringLiteral("contractName"), toQString(e.contractName)},
                      {QStringLiteral("status"), diffStatusName(e.status)},
                      {QStringLiteral("fields"), QJsonArray::fromStringList(e.fields)}};
        if (!e.chainHasJsonFile)
            o.insert(QStringLiteral("chainHasJsonFile"), false);
        if (!e.mentionedAs.isEmpty())
            o.insert(QStringLiteral("mentionedAs"), e.mentionedAs);
        if (e.networkNameDrift)
            o.insert(QStringLiteral("networkNameDrift"),
                     QJsonObject{{QStringLiteral("leveldb"), e.leveldbNetwork},
                                 {QStringLiteral("json"), e.jsonNetwork}});
        if (!e.healthProblems.isEmpty())
            o.insert(QStringLiteral("healthProblems"), QJsonArray::fromStringList(e.healthProblems));
        entries.append(o);
    }
    QJsonArray chains;
    for (const ChainSummary &c : result.chains) {
        chains.append(QJsonObject{
            {QStringLiteral("chainId"), c.chainId},
            {QStringLiteral("network"), c.network},
            {QStringLiteral("hasJsonFile"), c.hasJsonFile},
            {QStringLiteral("leveldbRecords"), c.leveldbRecords},
            {QStringLiteral("jsonRecords"), c.jsonRecords},
            {QStringLiteral("equal"), c.equal},
            {QStringLiteral("onlyInLeveldb"), c.onlyInLeveldb},
            {QStringLiteral("onlyInJson"), c.onlyInJson},
            {QStringLiteral("mismatched"), c.mismatched},
            {QStringLiteral("healthy"), c.healthy},
            {QStringLiteral("healthChecked"), c.checked},
            {QStringLiteral("leveldbNetworkNames"), QJsonArray::fromStringList(c.leveldbNetworkNames)}});
    }
    QJsonArray errors;
    for (const StateError &e : result.errors)
        errors.append(QJsonObject{{QStringLiteral("code"), StateError::codeName(e.code)},
                                  {QStringLiteral("file"), e.file},
                                  {QStringLiteral("key"), e.key},
                                  {QStringLiteral("message"), e.message}});
    return QJsonObject{{QStringLiteral("summary"), summary},
                       {QStringLiteral("entries"), entries},
                       {QStringLiteral("chains"), chains},
                       {QStringLiteral("findings"), QJsonArray::fromStringList(english(findings(result)))},
                       {QStringLiteral("notes"), QJsonArray::fromStringList(result.notes)},
                       {QStringLiteral("errors"), errors}};
}

QString StateDiffReport::toText(const StateDiffResult &result, bool includeEqual)
{
    QString out;
    const DiffSummary &s = result.summary;
    out += QStringLiteral(
               "LevelDB %1 records, JSON %2 records: %3 equal, %4 only in LevelDB (+%5 on chains without "
               "a JSON file), %6 only in JSON, %7 mismatched\n")
               .arg(s.leveldbRecords)
               .arg(s.jsonRecords)
               .arg(s.equal)
               .arg(s.onlyInLeveldb)
               .arg(s.onlyInLeveldbNoJsonFile)
               .arg(s.onlyInJson)
               .arg(s.mismatched);
    for (const ChainSummary &c : result.chains) {
        out += QStringLiteral("\nchain %1 %2 (%3): %4 LevelDB, %5 JSON, health %6/%7")
                   .arg(c.chainId)
                   .arg(c.network.isEmpty() ? QStringLiteral("?") : c.network)
                   .arg(c.hasJsonFile ? c.jsonFile.section(QLatin1Char('/'), -1)
                                      : QStringLiteral("no JSON file"))
                   .arg(c.leveldbRecords)
                   .arg(c.jsonRecords)
                   .arg(c.healthy)
                   .arg(c.checked);
        if (c.networkNameDrift)
            out += QLatin1String(", LevelDB networkName: ") + c.leveldbNetworkNames.join(QLatin1String(", "));
        out += QLatin1Char('\n');
        for (const DiffEntry &e : result.entries) {
            if (e.chainId != c.chainId)
                continue;
            if (!includeEqual && e.status == DiffStatus::Equal && e.healthProblems.isEmpty())
                continue;
            out +=
                QLatin1String("  ") + diffStatusName(e.status).leftJustified(16) + toQString(e.contractName);
            if (!e.fields.isEmpty())
                out += QLatin1String("  fields: ") + e.fields.join(QLatin1String(", "));
            if (!e.mentionedAs.isEmpty())
                out += QLatin1String("  (named by proxy in ") + e.mentionedAs + QLatin1Char(')');
            if (!e.healthProblems.isEmpty())
                out += QLatin1String("  invalid: ") + e.healthProblems.join(QLatin1String("; "));
            out += QLatin1Char('\n');
        }
    }
    if (!result.errors.isEmpty()) {
        out += QLatin1String("\nerrors:\n");
        for (const StateError &e : result.errors)
            out += QLatin1String("  ") + e.describe() + QLatin1Char('\n');
    }
    for (const QString &n : result.notes)
        out += QLatin1String("\nnote: ") + n + QLatin1Char('\n');
    out += QLatin1String("\nfindings:\n");
    for (const Text &f : findings(result))
        out += QLatin1String("  - ") + f.english() + QLatin1Char('\n');
    return out;
}

} // namespace Cockpit
