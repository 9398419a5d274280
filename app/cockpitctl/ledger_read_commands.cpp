// SPDX-License-Identifier: MIT
// `ledger balance` and `ledger check`: reads of an environment's ledger, the cockpit's own (demo) or a
// service's database (observed), through LedgerReader, which never writes to an observed database.
#include "cli_command.h"

#include "ledger/ledger_store.h"
#include "reconcile/ledger_reader.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace Cockpit::Cli {

namespace {

QString opt(const char *name)
{
    return QString::fromLatin1(name);
}

int fail(Invocation &inv, const QString &message, int code)
{
    inv.err() << "cockpitctl: " << message << '\n';
    inv.err().flush();
    return code;
}

// A table, column or mapping the config names that the database does not have is the config's problem.
int openFailure(Invocation &inv, const QString &message)
{
    const bool config = message.contains(QLatin1String("schema mismatch"))
                        || message.contains(QLatin1String("ledger.mapping"));
    return fail(inv, message, config ? ExitUsage : ExitBackendUnreachable);
}

// Loads the environment (read-only with --read-only) and opens its ledger for reading.
std::unique_ptr<LedgerReader> openReader(Invocation &inv, const QCommandLineParser &parser,
                                         std::optional<EnvironmentConfig> *env, int *exit)
{
    *env = inv.loadEnvironment(parser);
    if (!*env) {
        *exit = ExitUsage;
        return nullptr;
    }
    auto reader = std::make_unique<LedgerReader>((*env)->ledger, (*env)->filePath);
    if (const Result<void> opened = reader->open(); !opened) {
        *exit = openFailure(inv, opened.error().message);
        return nullptr;
    }
    return reader;
}

QString timeText(const UserHistoryLine &h)
{
    return h.atMs ? QDateTime::fromMSecsSinceEpoch(*h.atMs, Qt::UTC).toString(Qt::ISODateWithMs) : h.atText;
}

void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows)
{
    QList<int> widths;
    for (qsizetype c = 0; c < header.size(); ++c) {
        int w = static_cast<int>(header.at(c).size());
        for (const QStringList &r : rows)
            w = std::max(w, static_cast<int>(r.at(c).size()));
        widths.append(w);
    }
    const auto line = [&](const QStringList &cells) {
        for (qsizetype c = 0; c < cells.size(); ++c) {
            // Amounts right-aligned so the decimal points line up.
            const bool amount = c >= 2 && c <= 4;
            const bool last = c + 1 == cells.size();
            out << (amount ? cells.at(c).rightJustified(widths.at(c))
                    : last ? cells.at(c)
                           : cells.at(c).leftJustified(widths.at(c)))
                << (last ? "\n" : "  ");
        }
    };
    line(header);
    for (const QStringList &r : rows)
        line(r);
}

int ledgerBalance(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addOption({opt("user"), QStringLiteral("User id."), opt("ID")});
    parser.addOption({opt("history"), QStringLiteral("Ledger entries to list (default 10)."), opt("N")});
    parser.addOption({opt("read-only"), QStringLiteral("Open every store read-only.")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    const QString user = parser.value(opt("user"));
    if (user.isEmpty())
        return inv.usageError(QLatin1String("--user ID is required\nusage: cockpitctl ") + usage);
    int historyLimit = 10;
    if (parser.isSet(opt("history"))) {
        bool ok = false;
        historyLimit = parser.value(opt("history")).toInt(&ok);
        if (!ok || historyLimit < 0 || historyLimit > 100000)
            return inv.usageError(QLatin1String("--history: expected an integer from 0 to 100000, got \"")
                                  + parser.value(opt("history")) + QLatin1Char('"'));
    }
    std::optional<EnvironmentConfig> env;
    int exit = ExitOk;
    const std::unique_ptr<LedgerReader> reader = openReader(inv, parser, &env, &exit);
    if (!reader)
        return exit;
    const Result<UserLedgerReport> report = reader->user(user, historyLimit);
    if (!report)
        return fail(inv, report.error().message,
                    report.error().kind == ErrorKind::Invalid ? ExitUsage : ExitBackendUnreachable);
    if (report->isUnknown()) {
        return fail(inv,
                    QLatin1String("user \"") + user
                        + QLatin1String("\" has no ledger accounts and no legacy balances in ")
                        + reader->describe(),
                    ExitUsage);
    }
    const auto amount = [](const std::optional<Decimal> &d) {
        return d ? d->toString() : QStringLiteral("-");
    };
    const auto difference = [](const UserAccountLine &a) {
        return a.difference ? a.difference->toString() : QStringLiteral("overflow");
    };
    if (inv.format() == Format::Json) {
        QJsonArray accounts;
        for (const UserAccountLine &a : report->accounts) {
            accounts.append(
                QJsonObject{{QStringLiteral("accountType"), a.accountType},
                            {QStringLiteral("legacyColumn"), a.legacyColumn},
                            {QStringLiteral("ledger"), a.ledger ? a.ledger->toString() : QJsonValue()},
                            {QStringLiteral("legacy"), a.legacy ? a.legacy->toString() : QJsonValue()},
                            {QStringLiteral("difference"), difference(a)},
                            {QStringLiteral("discrepancy"), a.discrepancy}});
        }
        QJsonArray entries;
        for (const UserHistoryLine &h : report->history) {
            entries.append(QJsonObject{
                {QStringLiteral("transactionId"), h.transactionId},
                {QStringLiteral("at"), timeText(h)},
                {QStringLiteral("kind"), h.kind},
                {QStringLiteral("accountType"), h.accountType},
                {QStringLiteral("entryType"), h.debit ? QStringLiteral("debit") : QStringLiteral("credit")},
                {QStringLiteral("amount"), h.amount.toString()},
                {QStringLiteral("description"), h.description}});
        }
        inv.printJson(QJsonObject{{QStringLiteral("userId"), user},
                                  {QStringLiteral("ledger"), reader->describe()},
                                  {QStringLiteral("tolerance"), env->ledger.tolerance},
                                  {QStringLiteral("accounts"), accounts},
                                  {QStringLiteral("discrepancy"), report->anyDiscrepancy()},
                                  {QStringLiteral("history"), entries}});
    } else {
        QTextStream &out = inv.out();
        out << "user " << user << " (" << reader->describe() << ", tolerance " << env->ledger.tolerance
            << ")\n";
        QList<QStringList> rows;
        for (const UserAccountLine &a : report->accounts) {
            rows.append({a.accountType, a.legacyColumn, amount(a.ledger), amount(a.legacy), difference(a),
                         a.discrepancy ? QStringLiteral("DISCREPANCY") : QStringLiteral("ok")});
        }
        printTable(out,
                   {QStringLiteral("ACCOUNT TYPE"), QStringLiteral("LEGACY COLUMN"), QStringLiteral("LEDGER"),
                    QStringLiteral("LEGACY"), QStringLiteral("DIFFERENCE"), QStringLiteral("STATUS")},
                   rows);
        if (!report->history.isEmpty()) {
            out << "\nlast " << report->history.size() << " ledger entries:\n";
            qsizetype typeWidth = 0;
            for (const UserHistoryLine &h : report->history)
                typeWidth = std::max(typeWidth, h.accountType.size());
            for (const UserHistoryLine &h : report->history) {
                out << "  " << timeText(h) << "  " << (h.debit ? "debit " : "credit") << "  "
                    << h.amount.toString().rightJustified(18) << "  "
                    << h.accountType.leftJustified(typeWidth) << "  " << h.kind << "  " << h.transactionId
                    << '\n';
            }
        }
        out.flush();
    }
    return report->anyDiscrepancy() ? ExitFindings : ExitOk;
}

int ledgerCheck(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true);
    parser.addOption({opt("read-only"), QStringLiteral("Open every store read-only.")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    std::optional<EnvironmentConfig> env;
    int exit = ExitOk;
    const std::unique_ptr<LedgerReader> reader = openReader(inv, parser, &env, &exit);
    if (!reader)
        return exit;
    constexpr int MaxListed = 100;
    const Result<InvariantFindings> findings = reader->invariants(MaxListed);
    if (!findings)
        return fail(inv, findings.error().message, ExitBackendUnreachable);
    // Shadow-write failures are rows of the cockpit's own ledger (the demo records each one); a service's
    // database has no such table, its failures show in its telemetry (`ledger alerts`).
    LedgerStore *store = reader->store();
    std::optional<QList<ShadowFailure>> failures;
    std::optional<qint64> failureCount;
    if (store) {
        Result<QList<ShadowFailure>> recent = store->shadowFailures(20);
        if (!recent)
            return fail(inv, recent.error().message, ExitBackendUnreachable);
        const Result<qint64> count = store->shadowFailureCount();
        if (!count)
            return fail(inv, count.error().message, ExitBackendUnreachable);
        failures = std::move(*recent);
        failureCount = *count;
    }
    const QString notRecorded = QStringLiteral(
        "not recorded in the service's database; its ledger_write_success_rate is in `cockpitctl ledger alerts`");
    if (inv.format() == Format::Json) {
        QJsonArray recent;
        for (const ShadowFailure &f : failures.value_or(QList<ShadowFailure>())) {
            recent.append(QJsonObject{
                {QStringLiteral("at"),
                 QDateTime::fromMSecsSinceEpoch(f.atMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                {QStringLiteral("userId"), f.userId},
                {QStringLiteral("operation"), f.operation},
                {QStringLiteral("reference"), QString(f.referenceType + QLatin1Char('/') + f.referenceId)},
                {QStringLiteral("error"), f.error}});
        }
        QJsonObject o{
            {QStringLiteral("ledger"), reader->describe()},
            {QStringLiteral("observed"), reader->isObserved()},
            {QStringLiteral("violationCount"), findings->count},
            {QStringLiteral("violations"), QJsonArray::fromStringList(findings->listed)},
            {QStringLiteral("shadowWriteFailures"), failureCount ? QJsonValue(*failureCount) : QJsonValue()},
            {QStringLiteral("recentShadowWriteFailures"), recent}};
        if (store) {
            o.insert(QStringLiteral("schemaVersion"), store->schemaVersion());
            o.insert(QStringLiteral("writable"), store->isWritable());
        } else {
            o.insert(QStringLiteral("shadowWriteFailuresNote"), notRecorded);
        }
        inv.printJson(o);
    } else {
        QTextStream &out = inv.out();
        out << "ledger " << reader->describe();
        if (store) {
            out << ", schema version " << store->schemaVersion()
                << (store->isWritable()
                        ? QString()
                        : QLatin1String(" (read-only: ") + store->readOnlyReason() + QLatin1Char(')'));
        } else {
            out << " (the service's tables, read only)";
        }
        out << '\n';
        if (findings->count == 0)
            out << "invariants: ok (every transaction balanced, every balance equals its entries)\n";
        else
            out << "invariants: " << findings->count << " violations\n";
        for (const QString &v : findings->listed)
            out << "VIOLATION: " << v << '\n';
        if (findings->count > findings->listed.size())
            out << "  ... and " << findings->count - findings->listed.size() << " more\n";
        if (failureCount) {
            out << "shadow-write failures recorded: " << *failureCount << '\n';
            for (const ShadowFailure &f : *failures) {
                out << "  " << QDateTime::fromMSecsSinceEpoch(f.atMs, Qt::UTC).toString(Qt::ISODate) << "  "
                    << f.userId << "  " << f.operation << "  " << f.referenceType << '/' << f.referenceId
                    << "  " << f.error << '\n';
            }
        } else {
            out << "shadow-write failures: " << notRecorded << '\n';
        }
        out.flush();
    }
    return findings->count == 0 ? ExitOk : ExitFindings;
}

} // namespace

void registerLedgerReadCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("ledger"), QStringLiteral("balance")},
         QStringLiteral("--config FILE --user ID [--history N] [--read-only] [--format text|json]"),
         QStringLiteral("A user's ledger and legacy balances side by side; exit 1 on a discrepancy."),
         ledgerBalance});
    registry.add({{QStringLiteral("ledger"), QStringLiteral("check")},
                  QStringLiteral("--config FILE [--read-only] [--format text|json]"),
                  QStringLiteral(
                      "Check the ledger's invariants and list shadow-write failures; exit 1 on a violation."),
                  ledgerCheck});
}

} // namespace Cockpit::Cli
