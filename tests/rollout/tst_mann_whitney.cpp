// SPDX-License-Identifier: MIT
// The rollout judge against an independent implementation: SciPy's mannwhitneyu for U, z and p, a
// brute-force median of pairwise differences for the shift, and R's wilcox.test interval algorithm written
// out in Python (tests/rollout/judge/mann_whitney_reference.py). On the recorded cases (checked in with the
// reference's answers) and, where Debian's python3-scipy is installed, live on those and on random cases.
#include "cli_run.h"
#include "cockpitctl/exit_code.h"
#include "rollout/mann_whitney.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Cockpit;

namespace {

const QString judgeDir = QStringLiteral(COCKPIT_SOURCE_DIR "/tests/rollout/judge");

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QList<double> numbers(const QJsonValue &array)
{
    QList<double> list;
    for (const QJsonValue &v : array.toArray())
        list.append(v.toDouble());
    return list;
}

// Agreement to 1e-6: absolute for values below 1, relative above.
bool close(double ours, double theirs)
{
    return std::abs(ours - theirs) <= 1e-6 * std::max(1.0, std::abs(theirs));
}

// Compares our judge on every case with the reference's answers; returns the first disagreement.
QString compare(const QJsonArray &cases, const QJsonArray &results)
{
    if (cases.size() != results.size())
        return QStringLiteral("%1 cases, %2 answers").arg(cases.size()).arg(results.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QJsonObject c = cases.at(i).toObject();
        const QJsonObject ref = results.at(i).toObject();
        MannWhitney::Options options;
        options.confidence = c.value(QStringLiteral("confidence")).toDouble(0.98);
        const auto r = MannWhitney::judge(numbers(c.value(QStringLiteral("control"))),
                                          numbers(c.value(QStringLiteral("experiment"))), options);
        const QString name = c.value(QStringLiteral("name")).toString();
        if (!r)
            return name + QLatin1String(": ") + r.error().message;
        if (!ref.contains(QStringLiteral("z"))) {
            if (r->verdict != MannWhitney::Verdict::NoData)
                return name + QLatin1String(": the reference has no test, ours says ") + r->describe();
            continue;
        }
        const auto check = [&](const char *key, double ours) -> QString {
            const double theirs = ref.value(QLatin1String(key)).toDouble();
            if (close(ours, theirs))
                return {};
            return QStringLiteral("%1: %2 is %3, the reference says %4")
                .arg(name, QLatin1String(key))
                .arg(ours, 0, 'g', 17)
                .arg(theirs, 0, 'g', 17);
        };
        for (const QString &problem :
             {check("u", r->u), check("z", r->z), check("p", r->p), check("estimate", r->estimate)}) {
            if (!problem.isEmpty())
                return problem;
        }
        if (ref.value(QStringLiteral("ciLow")).isNull()) {
            if (r->hasInterval)
                return name + QLatin1String(": R has no interval, ours is ") + r->describe();
            continue;
        }
        if (!r->hasInterval)
            return name + QLatin1String(": no interval, the reference has one");
        for (const QString &problem : {check("ciLow", r->ciLow), check("ciHigh", r->ciHigh)}) {
            if (!problem.isEmpty())
                return problem;
        }
    }
    return {};
}

// Runs the reference on a cases file with Debian's Python; an empty object when SciPy is not installed.
QJsonObject runReference(const QString &casesPath, QString *error)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"),
            {judgeDir + QStringLiteral("/mann_whitney_reference.py"), casesPath});
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError()).right(400);
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

bool scipyInstalled()
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import scipy")});
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TstMannWhitney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalQuantileInvertsTheCdf()
    {
        QVERIFY(std::abs(MannWhitney::normalQuantile(0.99) - 2.3263478740408408) < 1e-13);
        QVERIFY(std::abs(MannWhitney::normalQuantile(0.01) + 2.3263478740408408) < 1e-13);
        QVERIFY(std::abs(MannWhitney::normalQuantile(0.5)) < 1e-15);
        for (double p : {1e-12, 1e-6, 0.001, 0.02425, 0.3, 0.97575, 0.999999})
            QVERIFY2(std::abs(MannWhitney::normalCdf(MannWhitney::normalQuantile(p)) - p)
                         < 1e-14 * std::max(1.0, p / 1e-3),
                     qPrintable(QString::number(p)));
    }

    // The checked-in cases against the reference's checked-in answers: holds without SciPy.
    void recordedCasesAgreeWithTheReference()
    {
        const QJsonObject cases = readJson(judgeDir + QStringLiteral("/cases.json"));
        const QJsonObject expected = readJson(judgeDir + QStringLiteral("/expected.json"));
        QVERIFY(!cases.value(QStringLiteral("cases")).toArray().isEmpty());
        const QString problem = compare(cases.value(QStringLiteral("cases")).toArray(),
                                        expected.value(QStringLiteral("results")).toArray());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The reference run now, on the recorded cases and on random ones of every shape: small and large
    // samples, heavy ties, shifts up, down and none.
    void randomCasesAgreeWithScipyAndR()
    {
        if (!scipyInstalled()) {
            if (qEnvironmentVariableIntValue("COCKPIT_REQUIRE_SCIPY"))
                QFAIL(
                    "COCKPIT_REQUIRE_SCIPY is set but /usr/bin/python3 cannot import scipy (python3-scipy)");
            QSKIP("Debian's python3-scipy is not installed");
        }
        QJsonArray cases =
            readJson(judgeDir + QStringLiteral("/cases.json")).value(QStringLiteral("cases")).toArray();
        QRandomGenerator rng(20261205);
        for (int i = 0; i < 150; ++i) {
            const int n1 = 1 + int(rng.bounded(i % 3 == 0 ? 8 : 80));
            const int n2 = 1 + int(rng.bounded(i % 3 == 0 ? 8 : 80));
            const double shift = (int(rng.bounded(5)) - 2) * 0.5;
            const int decimals = int(rng.bounded(3)); // 0: many ties
            const double scale = std::pow(10.0, decimals);
            QJsonArray control;
            QJsonArray experiment;
            for (int k = 0; k < n1; ++k)
                control.append(std::round(rng.generateDouble() * 3 * scale) / scale);
            for (int k = 0; k < n2; ++k)
                experiment.append(std::round((rng.generateDouble() * 3 + shift) * scale) / scale);
            cases.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("random %1").arg(i)},
                                     {QStringLiteral("control"), control},
                                     {QStringLiteral("experiment"), experiment},
                                     {QStringLiteral("confidence"), i % 2 ? 0.98 : 0.95}});
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cases.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("cases"), cases}}).toJson());
        f.close();
        QString error;
        const QJsonObject reference = runReference(path, &error);
        QVERIFY2(!reference.isEmpty(), qPrintable(error));
        const QString problem = compare(cases, reference.value(QStringLiteral("results")).toArray());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void verdictFollowsTheIntervalAndTheEffectFraction()
    {
        const QList<double> v1 = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 101, 100};
        QList<double> slower;
        QList<double> faster;
        for (double v : v1) {
            slower.append(v + 20);
            faster.append(v - 20);
        }
        QCOMPARE(MannWhitney::judge(v1, slower, {})->verdict, MannWhitney::Verdict::High);
        QCOMPARE(MannWhitney::judge(v1, faster, {})->verdict, MannWhitney::Verdict::Low);
        QCOMPARE(MannWhitney::judge(v1, v1, {})->verdict, MannWhitney::Verdict::Pass);
        // A significant but tiny shift does not count when the interval reaches inside the effect band.
        MannWhitney::Options wide;
        wide.effectFraction = 5;
        QCOMPARE(MannWhitney::judge(v1, slower, wide)->verdict, MannWhitney::Verdict::Pass);
        const auto none = MannWhitney::judge(v1, {}, {});
        QCOMPARE(none->verdict, MannWhitney::Verdict::NoData);
        QVERIFY(none->describe().contains(QLatin1String("no experiment (V2) samples")));
        const auto equal = MannWhitney::judge({3, 3, 3}, {3, 3}, {});
        QCOMPARE(equal->verdict, MannWhitney::Verdict::Pass);
        QVERIFY(!equal->hasInterval);
        QCOMPARE(MannWhitney::judge({5}, {6}, {})->verdict, MannWhitney::Verdict::NoData);
        // Four a side, wholly apart, can never be significant at 98 % (p >= 0.03): no verdict, not a pass.
        const auto four = MannWhitney::judge({1, 2, 3, 4}, {11, 12, 13, 14}, {});
        QCOMPARE(four->verdict, MannWhitney::Verdict::NoData);
        QVERIFY2(four->note.contains(QLatin1String("cannot reach 98 % confidence")), qPrintable(four->note));
        MannWhitney::Options lower;
        lower.confidence = 0.95;
        QCOMPARE(MannWhitney::judge({1, 2, 3, 4}, {11, 12, 13, 14}, lower)->verdict,
                 MannWhitney::Verdict::High);
    }

    void invalidInputIsAnError()
    {
        MannWhitney::Options bad;
        bad.confidence = 1;
        const auto confidence = MannWhitney::judge({1}, {2}, bad);
        QVERIFY(!confidence);
        QCOMPARE(confidence.error().kind, ErrorKind::Invalid);
        QVERIFY2(confidence.error().message.contains(QLatin1String("confidence")),
                 qPrintable(confidence.error().message));
        const auto notANumber = MannWhitney::judge({1, NAN}, {2}, {});
        QVERIFY(!notANumber);
        QVERIFY2(notANumber.error().message.contains(QLatin1String("control sample 2")),
                 qPrintable(notANumber.error().message));
        QList<double> many(2001, 1.0);
        const auto tooMany = MannWhitney::judge(many, many, {});
        QVERIFY(!tooMany);
        QVERIFY2(tooMany.error().message.contains(QLatin1String("downsample")),
                 qPrintable(tooMany.error().message));
    }

    // cockpitctl rollout judge re-checks a verdict offline from sample files; its JSON carries the numbers.
    void cliJudgesSampleFiles()
    {
        const QJsonObject c = readJson(judgeDir + QStringLiteral("/cases.json"))
                                  .value(QStringLiteral("cases"))
                                  .toArray()
                                  .first()
                                  .toObject();
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QJsonValue &values) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::WriteOnly))
                return QString();
            f.write("# samples, one per line\n");
            for (const QJsonValue &v : values.toArray())
                f.write(QByteArray::number(v.toDouble(), 'g', 17) + '\n');
            return f.fileName();
        };
        const QString control = write(QStringLiteral("v1.txt"), c.value(QStringLiteral("control")));
        const QString experiment = write(QStringLiteral("v2.txt"), c.value(QStringLiteral("experiment")));
        const CockpitTest::CliRun r = CockpitTest::run(
            {QStringLiteral("rollout"), QStringLiteral("judge"), QStringLiteral("--control"), control,
             QStringLiteral("--experiment"), experiment, QStringLiteral("--direction"),
             QStringLiteral("increase"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, int(ExitFindings)); // V2 is slower: a bad change for latency
        const QJsonObject json = r.json();
        const QJsonObject ref = readJson(judgeDir + QStringLiteral("/expected.json"))
                                    .value(QStringLiteral("results"))
                                    .toArray()
                                    .first()
                                    .toObject();
        QCOMPARE(json.value(QStringLiteral("verdict")).toString(), QStringLiteral("high"));
        QVERIFY(json.value(QStringLiteral("failing")).toBool());
        for (const char *key : {"z", "p", "estimate", "ciLow", "ciHigh"})
            QVERIFY2(
                close(json.value(QLatin1String(key)).toDouble(), ref.value(QLatin1String(key)).toDouble()),
                key);
        // The same shift is no harm where only a decrease is bad.
        QCOMPARE(CockpitTest::run({QStringLiteral("rollout"), QStringLiteral("judge"),
                                   QStringLiteral("--control"), control, QStringLiteral("--experiment"),
                                   experiment, QStringLiteral("--direction"), QStringLiteral("decrease")})
                     .exitCode,
                 int(ExitOk));

        // A bad line: exit 2 and one message naming the file and line.
        QFile broken(dir.filePath(QStringLiteral("broken.txt")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("1.5\n2,5\n");
        broken.close();
        const CockpitTest::CliRun bad =
            CockpitTest::run({QStringLiteral("rollout"), QStringLiteral("judge"), QStringLiteral("--control"),
                              control, QStringLiteral("--experiment"), broken.fileName()});
        QCOMPARE(bad.exitCode, int(ExitUsage));
        QVERIFY2(bad.err.contains(broken.fileName() + QLatin1String(":2: \"2,5\"")), qPrintable(bad.err));
        QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
    }
};

QTEST_GUILESS_MAIN(TstMannWhitney)
#include "tst_mann_whitney.moc"
