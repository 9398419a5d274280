// SPDX-License-Identifier: MIT
#include "cli_command.h"

#include "common/csv.h"
#include "reconcile/reconcile_sql.h"
#include "reconcile/reconciler.h"
#include "wiring/audit_events.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

namespace Cockpit::Cli {

namespace {

QJsonValue amount(const std::optional<Decimal> &m)
{
    return m ? QJsonValue(m->toString()) : QJsonValue(QJsonValue::Null);
}

QString text(const std::optional<Decimal> &m)
{
    return m ? m->toString() : QStringLiteral("-");
}

QJsonObject summaryJson(const RunSummary &s)
{
    QJsonObject byType;
    for (auto it = s.byAccountType.cbegin(); it != s.byAccountType.cend(); ++it)
        byType.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("accounts"), s.accounts},
                  {QStringLiteral("discrepancies"), s.discrepancies},
                  {QStringLiteral("byAccountType"), byType},
                  {QStringLiteral("run"), s.runId},
                  {QStringLiteral("status"), runStatusName(s.status)},
                  {QStringLiteral("newDiscrepancies"), s.newDiscrepancies},
                  {QStringLiteral("resolvedDiscrepancies"), s.resolvedDiscrepancies},
                  {QStringLiteral("invariantViolations"), s.invariantViolationCount}};
    if (!s.error.isEmpty())
        o.insert(QStringLiteral("error"), s.error);
    return o;
}

// One run, printed as the rows stream in (text, csv) or as one document at the end (json).
int runOnce(Invocation &inv, Reconciler &reconciler, const Reconciler::Options &options, bool watching,
            RunSummary *summary)
{
    QJsonArray rows;
    const bool csv = inv.format() == Format::Csv;
    const bool json = inv.format() == Format::Json;
    if (csv) {
        inv.out() << "user_id,account_type,legacy_column,ledger,legacy,difference\n";
    } else if (!json) {
        // The rows stream in, so the user column is as wide as a uuid, the widest usual id.
        inv.out() << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                         .arg(QStringLiteral("USER"), -36)
                         .arg(QStringLiteral("ACCOUNT TYPE"), -20)
                         .arg(QStringLiteral("LEGACY COLUMN"), -20)
                         .arg(QStringLiteral("LEDGER"), 20)
                         .arg(QStringLiteral("LEGACY"), 20)
                         .arg(QStringLiteral("DIFFERENCE"), 20);
    }
    inv.out().flush();
    const RunSummary s = reconciler.run(options, [&](const DiscrepancyRecord &r) {
        if (json) {
            rows.append(QJsonObject{{QStringLiteral("userId"), r.userId},
                                    {QStringLiteral("accountType"), r.accountType},
                                    {QStringLiteral("legacyColumn"), r.legacyColumn},
                                    {QStringLiteral("ledger"), amount(r.ledger)},
                                    {QStringLiteral("legacy"), amount(r.legacy)},
                                    {QStringLiteral("difference"), r.difference.toString()}});
        } else if (csv) {
            inv.out() << Csv::field(r.userId) << ',' << r.accountType << ',' << r.legacyColumn << ','
                      << (r.ledger ? r.ledger->toString() : QString()) << ','
                      << (r.legacy ? r.legacy->toString() : QString()) << ',' << r.difference.toString()
                      << '\n';
        } else {
            inv.out() << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                             .arg(r.userId, -36)
                             .arg(r.accountType, -20)
                             .arg(r.legacyColumn, -20)
                             .arg(text(r.ledger), 20)
                             .arg(text(r.legacy), 20)
                             .arg(r.difference.toString(), 20);
        }
    });

    if (json) {
        QJsonObject doc{{QStringLiteral("apiVersion"), Invocation::ApiVersion},
                        {QStringLiteral("summary"), summaryJson(s)},
                        {QStringLiteral("discrepancies"), rows},
                        {QStringLiteral("invariants"), QJsonArray::fromStringList(s.invariantViolations)}};
        if (watching) {
            inv.out() << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)) << '\n';
            inv.out().flush();
        } else {
            inv.printJson(doc);
        }
    } else if (!csv) {
        inv.out() << "\nrun " << s.runId << " (" << runStatusName(s.status) << ") of "
                  << reconciler.describe() << ": " << s.accounts << " accounts checked, " << s.discrepancies
                  << " discrepancies (" << s.newDiscrepancies << " new, " << s.resolvedDiscrepancies
                  << " resolved)\n";
        for (auto it = s.byAccountType.cbegin(); it != s.byAccountType.cend(); ++it)
            inv.out() << "  " << it.key().leftJustified(22) << it.value() << '\n';
        if (s.invariantsChecked) {
            inv.out() << "ledger invariants: " << s.invariantViolationCount << " violations\n";
            for (const QString &v : s.invariantViolations)
                inv.out() << "  " << v << '\n';
        }
    }
    inv.out().flush();
    *summary = s;
    if (!s.isComplete()) {
        inv.err() << "cockpitctl: reconcile: run " << s.runId << ' ' << runStatusName(s.status)
                  << ", its results are incomplete: " << s.error << '\n';
        inv.err().flush();
        return ExitBackendUnreachable;
    }
    return s.discrepancies > 0 || s.invariantViolationCount > 0 ? ExitFindings : ExitOk;
}

int reconcile(Invocation &inv)
{
    const QString usage = inv.usage();
    QCommandLineParser parser;
    inv.addCommonOptions(parser, true, true);
    parser.addOption({QStringLiteral("tolerance"),
                      QStringLiteral("Largest difference that is not a discrepancy (default: the config's)."),
                      QStringLiteral("amount")});
    parser.addOption(
        {QStringLiteral("read-only"),
         QStringLiteral("Compare and report only: no run is recorded, no audit entry written, and "
                        "the database sessions refuse every write.")});
    parser.addOption({QStringLiteral("watch"), QStringLiteral("Run again every SECONDS, recording each run."),
                      QStringLiteral("seconds")});
    parser.addOption({QStringLiteral("runs"),
                      QStringLiteral("With --watch: stop after N runs (default: never)."),
                      QStringLiteral("n")});
    if (auto exit = inv.parse(parser, usage))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return inv.usageError(QLatin1String("reconcile takes no arguments\nusage: cockpitctl ") + usage);
    std::optional<EnvironmentConfig> env = inv.loadEnvironment(parser);
    if (!env)
        return ExitUsage;

    Reconciler::Options options;
    const QString toleranceText = parser.isSet(QStringLiteral("tolerance"))
                                      ? parser.value(QStringLiteral("tolerance"))
                                      : env->ledger.tolerance;
    const Result<Money> tolerance = Money::parse(toleranceText);
    if (!tolerance || tolerance->isNegative())
        return inv.usageError(
            QLatin1String("--tolerance: \"") + toleranceText
            + QLatin1String("\" is not a non-negative exact amount")
            + (tolerance ? QString() : QString(QLatin1String(": ") + tolerance.error().message)));
    options.tolerance = *tolerance;

    int watchSeconds = 0;
    if (parser.isSet(QStringLiteral("watch"))) {
        bool ok = false;
        watchSeconds = parser.value(QStringLiteral("watch")).toInt(&ok);
        if (!ok || watchSeconds < 1)
            return inv.usageError(QStringLiteral("--watch: expected a number of seconds >= 1"));
    }
    int maxRuns = watchSeconds > 0 ? 0 : 1;
    if (parser.isSet(QStringLiteral("runs"))) {
        bool ok = false;
        maxRuns = parser.value(QStringLiteral("runs")).toInt(&ok);
        if (!ok || maxRuns < 1)
            return inv.usageError(QStringLiteral("--runs: expected a number >= 1"));
    }
    if (const Result<void> valid = ReconcileSql::validateMapping(env->ledger.mapping); !valid)
        return inv.usageError(env->filePath + QLatin1String(": ") + valid.error().message);

    Reconciler reconciler(ReconcileStorage::of(env->ledger, env->filePath), env->ledger.mapping);
    if (const Result<void> opened = reconciler.open(); !opened) {
        inv.err() << "cockpitctl: reconcile: " << opened.error().message << '\n';
        inv.err().flush();
        // A table or column the file names that the database does not have is the file's error, as for
        // `ledger check`; anything else kept the database from being read.
        return opened.error().kind == ErrorKind::Invalid ? ExitUsage : ExitBackendUnreachable;
    }
    int exit = ExitOk;
    for (int run = 1; maxRuns == 0 || run <= maxRuns; ++run) {
        RunSummary summary;
        exit = runOnce(inv, reconciler, options, watchSeconds > 0, &summary);
        // Nothing of a read-only session is written, not even its audit entry.
        if (!env->readOnly) {
            const AuditEvents::Text text = AuditEvents::reconciliationRun(summary);
            warnUnaudited(inv, AuditEvents::record(*env, QStringLiteral("reconciliation_run"),
                                                   QStringLiteral("ledger"), text.result, text.detail));
        }
        if (maxRuns != 0 && run == maxRuns)
            break;
        QThread::sleep(static_cast<unsigned long>(watchSeconds));
    }
    return exit;
}

} // namespace

void registerReconcileCommands(Registry &registry)
{
    registry.add(
        {{QStringLiteral("reconcile")},
         QStringLiteral("--config FILE [--format text|json|csv] [--tolerance X] [--watch SECONDS] [--runs N] "
                        "[--read-only]"),
         QStringLiteral("Compare every ledger balance with the legacy table; exit 1 on any discrepancy."),
         reconcile});
}

} // namespace Cockpit::Cli
