// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Cockpit {

// A statistical judge of V2 against V1 beside the thresholds, as Kayenta's canary judge does it: a
// Mann-Whitney U test (Wilcoxon rank-sum) of the experiment's samples (V2) against the control's (V1), with
// the Hodges-Lehmann estimate of the shift (experiment minus control) and its confidence interval.
//
// The numbers follow R's wilcox.test(experiment, control, conf.int = TRUE, correct = TRUE, exact = FALSE):
//  - z uses the tie-corrected variance and a continuity correction of 0.5 towards zero; p is two-sided;
//  - the estimate is the median of all pairwise differences experiment[i] - control[j];
//  - the interval's bounds are the shifts d at which the corrected z of (experiment - d) against the control
//    crosses the normal quantiles of the confidence level. That function is a step function of d, jumping
//    only at pairwise differences, so the bounds are found exactly among them (R's uniroot gets within 1e-4
//    of the same points).
// The verdict: High when the whole interval lies above fraction * |estimate|, Low when it lies below
// -fraction * |estimate|, in both cases only when the test is significant at the confidence level (p below
// 1 - confidence: with two samples a side the interval cannot reach 98 % and shrinks to the range of the
// differences, which alone would call a shift); Pass otherwise (also when every sample has the same value);
// NoData without samples on either side, with too few distinct ones for an interval (R refuses one then), or
// with too few to ever be significant at the confidence level (at 98 %, four a side are not enough).
// Ties are counted exactly; R subtracts the shift in floating point and may split a tie that rounding breaks.
// Whether High or Low is bad is the metric's direction (latency up, throughput down).
//
// Pure and exact to double precision; no Qt beyond containers. Samples per side are bounded (maxPairs) so
// that the pairwise differences fit in memory.
class MannWhitney
{
public:
    enum class Verdict
    {
        Pass,
        High,
        Low,
        NoData
    };
    static QString verdictName(Verdict verdict); // "pass", "high", "low", "nodata"

    struct Options
    {
        double confidence = 0.98;
        double effectFraction = 0.25; // an effect counts only beyond this fraction of |estimate|
    };

    struct Result
    {
        Verdict verdict = Verdict::NoData;
        int controlCount = 0;
        int experimentCount = 0;
        double u = 0; // U of the experiment: pairs where experiment > control, ties counting one half
        double z = 0;
        double p = 1;
        double estimate = 0;
        double ciLow = 0;
        double ciHigh = 0;
        bool hasInterval = false; // false with no samples, all values equal, or too few distinct ones
        double confidence = 0;
        QString note; // why there is no test (no samples, every value tied)

        QString describe() const; // one line for evidence and the CLI
        QJsonObject toJson() const;
        // A result as toJson() wrote it (stored evidence); nullopt for a value of another shape.
        static std::optional<Result> fromJson(const QJsonValue &value);
    };

    static constexpr qint64 maxPairs = 4'000'000;

    // Fails (Invalid) for invalid options, non-finite samples or more than maxPairs pairs.
    static Cockpit::Result<Result> judge(const QList<double> &control, const QList<double> &experiment,
                                         const Options &options);

    // The standard normal distribution, to double precision (exposed for the tests).
    static double normalCdf(double z);
    static double normalQuantile(double p);
};

} // namespace Cockpit
