// SPDX-License-Identifier: MIT
#include "rollout/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace Cockpit {

namespace {

// Sum over groups of equal values of t^3 - t, the ties' share of the rank-sum variance.
double tieTerm(std::vector<double> sorted)
{
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j < sorted.size() && sorted[j] == sorted[i])
            ++j;
        const double t = double(j - i);
        sum += t * t * t - t;
        i = j;
    }
    return sum;
}

// Size of the group of values equal to `value` in a sorted vector.
double groupSize(const std::vector<double> &sorted, double value)
{
    const auto range = std::equal_range(sorted.begin(), sorted.end(), value);
    return double(range.second - range.first);
}

double cube(double t)
{
    return t * t * t - t;
}

} // namespace

QString MannWhitney::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return QStringLiteral("pass");
    case Verdict::High:
        return QStringLiteral("high");
    case Verdict::Low:
        return QStringLiteral("low");
    case Verdict::NoData:
        break;
    }
    return QStringLiteral("nodata");
}

double MannWhitney::normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double MannWhitney::normalQuantile(double p)
{
    if (p <= 0)
        return -INFINITY;
    if (p >= 1)
        return INFINITY;
    // A rational approximation (Acklam's coefficients, relative error below 1.2e-9), then one Halley step
    // on the exact CDF, which brings it to double precision.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    double x = 0;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const double e = normalCdf(x) - p;
    const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

Cockpit::Result<MannWhitney::Result>
MannWhitney::judge(const QList<double> &control, const QList<double> &experiment, const Options &options)
{
    if (!(options.confidence > 0 && options.confidence < 1))
        return fail(
            QStringLiteral("confidence must be between 0 and 1 (exclusive), got %1").arg(options.confidence),
            ErrorKind::Invalid);
    if (!(options.effectFraction >= 0 && std::isfinite(options.effectFraction)))
        return fail(
            QStringLiteral("the effect fraction must be 0 or more, got %1").arg(options.effectFraction),
            ErrorKind::Invalid);
    for (const QList<double> *side : {&control, &experiment}) {
        for (qsizetype i = 0; i < side->size(); ++i) {
            if (!std::isfinite(side->at(i)))
                return fail(
                    QStringLiteral("%1 sample %2 is not a finite number")
                        .arg(side == &control ? QStringLiteral("control") : QStringLiteral("experiment"))
                        .arg(i + 1),
                    ErrorKind::Invalid);
        }
    }
    if (qint64(control.size()) * qint64(experiment.size()) > maxPairs)
        return fail(QStringLiteral("%1 x %2 samples are more than %3 pairs; downsample them first")
                        .arg(control.size())
                        .arg(experiment.size())
                        .arg(maxPairs),
                    ErrorKind::Invalid);

    Result r;
    r.controlCount = int(control.size());
    r.experimentCount = int(experiment.size());
    r.confidence = options.confidence;
    if (control.isEmpty() || experiment.isEmpty()) {
        r.note = control.isEmpty() ? QStringLiteral("no control (V1) samples")
                                   : QStringLiteral("no experiment (V2) samples");
        return r;
    }
    const double n1 = experiment.size();
    const double n2 = control.size();
    const double n = n1 + n2;

    std::vector<double> x(experiment.cbegin(), experiment.cend());
    std::vector<double> y(control.cbegin(), control.cend());
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());

    // Every pairwise difference experiment - control, sorted: the estimate is their median, U counts the
    // positive ones, and the interval's bounds are among them.
    std::vector<double> diffs;
    diffs.reserve(size_t(n1 * n2));
    for (double xi : x) {
        for (double yj : y)
            diffs.push_back(xi - yj);
    }
    std::sort(diffs.begin(), diffs.end());
    const size_t pairs = diffs.size();
    r.estimate = pairs % 2 == 1 ? diffs[pairs / 2] : (diffs[pairs / 2 - 1] + diffs[pairs / 2]) / 2;

    // W(d): pairs with experiment - d above control, ties counting one half.
    const auto w = [&diffs](double d) {
        const auto range = std::equal_range(diffs.begin(), diffs.end(), d);
        return double(diffs.end() - range.second) + double(range.second - range.first) / 2;
    };
    const auto sigma = [n1, n2, n](double ties) {
        return std::sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))));
    };
    const auto corrected = [n1, n2](double wValue, double s) {
        const double dz = wValue - n1 * n2 / 2;
        const double correction = dz > 0 ? 0.5 : dz < 0 ? -0.5 : 0;
        return (dz - correction) / s;
    };

    std::vector<double> combined = x;
    combined.insert(combined.end(), y.begin(), y.end());
    const double sigma0 = sigma(tieTerm(combined));
    r.u = w(0);
    if (sigma0 == 0 || !std::isfinite(sigma0)) {
        // Every value is the same: nothing shifted.
        r.note = QStringLiteral("every sample has the same value");
        r.z = 0;
        r.p = 1;
        r.hasInterval = false;
        r.verdict = Verdict::Pass;
        return r;
    }
    r.z = corrected(r.u, sigma0);
    r.p = std::min(1.0, std::erfc(std::abs(r.z) / std::numbers::sqrt2));

    // The interval. Between two consecutive distinct differences no experiment value minus d ties with a
    // control value, so the ties are those within each sample; at the smallest (largest) difference the
    // lowest (highest) experiment values tie with the highest (lowest) control values.
    std::vector<double> distinct = diffs;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const double withinTies = tieTerm(x) + tieTerm(y);
    const double sigmaBetween = sigma(withinTies);
    const auto sigmaAtEnd = [&](bool lowEnd) {
        const double a = groupSize(x, lowEnd ? x.front() : x.back());
        const double b = groupSize(y, lowEnd ? y.back() : y.front());
        return sigma(withinTies - cube(a) - cube(b) + cube(a + b));
    };
    const double sigmaLowEnd = sigmaAtEnd(true);
    const double sigmaHighEnd = sigmaAtEnd(false);
    if (!(sigmaLowEnd > 0) || !(sigmaHighEnd > 0)) {
        // Shifted to either end, every value ties with another: R refuses the interval ("all observations
        // are tied"), and without one there is no verdict.
        r.note = QStringLiteral("too few distinct samples for a confidence interval");
        r.verdict = Verdict::NoData;
        r.hasInterval = false;
        return r;
    }
    const double lowEndZ = corrected(w(distinct.front()), sigmaLowEnd);
    const double highEndZ = corrected(w(distinct.back()), sigmaHighEnd);
    const auto bound = [&](double zq) {
        if (lowEndZ - zq <= 0)
            return distinct.front();
        if (highEndZ - zq >= 0)
            return distinct.back();
        // The value on each open interval between neighbours does not increase with d: find the first
        // interval at or below zero.
        // On the open interval (distinct[k], distinct[k + 1]) W counts the differences above distinct[k],
        // exactly, without a midpoint that could round onto a neighbour.
        const auto between = [&](size_t k) {
            const double above =
                double(diffs.end() - std::upper_bound(diffs.begin(), diffs.end(), distinct[k]));
            return corrected(above, sigmaBetween) - zq;
        };
        size_t lo = 0;
        size_t hi = distinct.size() - 1; // intervals 0 .. size-2; hi: none found
        while (lo < hi) {
            const size_t mid = lo + (hi - lo) / 2;
            if (between(mid) <= 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo == distinct.size() - 1)
            return distinct.back();
        if (between(lo) == 0) // flat at zero over a whole interval: its middle
            return distinct[lo] + (distinct[lo + 1] - distinct[lo]) / 2;
        return distinct[lo];
    };
    const double alpha = 1 - options.confidence;
    r.ciLow = bound(normalQuantile(1 - alpha / 2));
    r.ciHigh = bound(normalQuantile(alpha / 2));
    r.hasInterval = true;

    // With very few samples the interval cannot reach the confidence asked for and shrinks to the range of
    // the differences, which may exclude zero for two samples a side; the test must be significant too.
    // Too few samples can never be significant at this level (the largest z, every V2 sample above every
    // V1 sample, still has p above 1 - confidence): no verdict rather than a pass that means nothing.
    const double zMax = (n1 * n2 / 2 - 0.5) / std::sqrt(n1 * n2 * (n + 1) / 12);
    if (std::erfc(zMax / std::numbers::sqrt2) >= alpha) {
        r.note = QStringLiteral("%1 and %2 samples cannot reach %3 % confidence")
                     .arg(r.controlCount)
                     .arg(r.experimentCount)
                     .arg(options.confidence * 100, 0, 'g', 4);
        r.verdict = Verdict::NoData;
        return r;
    }
    const double critical = options.effectFraction * std::abs(r.estimate);
    const bool significant = r.p < alpha;
    if (significant && r.ciLow > critical)
        r.verdict = Verdict::High;
    else if (significant && r.ciHigh < -critical)
        r.verdict = Verdict::Low;
    else
        r.verdict = Verdict::Pass;
    return r;
}

QString MannWhitney::Result::describe() const
{
    if (verdict == Verdict::NoData && (controlCount * experimentCount == 0 || !hasInterval))
        return QStringLiteral("no data (%1)").arg(note);
    if (!hasInterval)
        return QStringLiteral("%1 (%2): shift %3, z %4, p %5 (V1 n=%6, V2 n=%7)")
            .arg(verdictName(verdict), note)
            .arg(estimate, 0, 'g', 6)
            .arg(z, 0, 'g', 6)
            .arg(p, 0, 'g', 4)
            .arg(controlCount)
            .arg(experimentCount);
    return QStringLiteral("%1: shift %2 [%3, %4] at %5 %, z %6, p %7 (V1 n=%8, V2 n=%9)")
        .arg(note.isEmpty() ? verdictName(verdict)
                            : verdictName(verdict) + QLatin1String(" (") + note + QLatin1Char(')'))
        .arg(estimate, 0, 'g', 6)
        .arg(ciLow, 0, 'g', 6)
        .arg(ciHigh, 0, 'g', 6)
        .arg(confidence * 100, 0, 'g', 4)
        .arg(z, 0, 'g', 6)
        .arg(p, 0, 'g', 4)
        .arg(controlCount)
        .arg(experimentCount);
}

QJsonObject MannWhitney::Result::toJson() const
{
    QJsonObject o{{QStringLiteral("verdict"), verdictName(verdict)},
                  {QStringLiteral("controlCount"), controlCount},
                  {QStringLiteral("experimentCount"), experimentCount},
                  {QStringLiteral("confidence"), confidence}};
    if (controlCount > 0 && experimentCount > 0) {
        o.insert(QStringLiteral("u"), u);
        o.insert(QStringLiteral("z"), z);
        o.insert(QStringLiteral("p"), p);
        o.insert(QStringLiteral("estimate"), estimate);
        // No interval: null, as the reference's "cannot compute".
        o.insert(QStringLiteral("ciLow"), hasInterval ? QJsonValue(ciLow) : QJsonValue());
        o.insert(QStringLiteral("ciHigh"), hasInterval ? QJsonValue(ciHigh) : QJsonValue());
    }
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    return o;
}

std::optional<MannWhitney::Result> MannWhitney::Result::fromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    const QString name = o.value(QLatin1String("verdict")).toString();
    Result r;
    bool known = false;
    for (Verdict v : {Verdict::Pass, Verdict::High, Verdict::Low, Verdict::NoData}) {
        if (verdictName(v) == name) {
            r.verdict = v;
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    r.controlCount = o.value(QLatin1String("controlCount")).toInt();
    r.experimentCount = o.value(QLatin1String("experimentCount")).toInt();
    r.confidence = o.value(QLatin1String("confidence")).toDouble();
    r.u = o.value(QLatin1String("u")).toDouble();
    r.z = o.value(QLatin1String("z")).toDouble();
    r.p = o.value(QLatin1String("p")).toDouble(1);
    r.estimate = o.value(QLatin1String("estimate")).toDouble();
    r.hasInterval = o.value(QLatin1String("ciLow")).isDouble() && o.value(QLatin1String("ciHigh")).isDouble();
    r.ciLow = o.value(QLatin1String("ciLow")).toDouble();
    r.ciHigh = o.value(QLatin1String("ciHigh")).toDouble();
    r.note = o.value(QLatin1String("note")).toString();
    return r;
}

} // namespace Cockpit
