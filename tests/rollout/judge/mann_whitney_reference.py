#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An independent reference for the rollout judge (core/rollout/mann_whitney.h), used by tst_mann_whitney.

For each case of a JSON file ({"cases": [{"name", "control": [...], "experiment": [...], "confidence"}]}) it
prints, as JSON, what other implementations say:
  - u, z, p: SciPy's mannwhitneyu(experiment, control, method="asymptotic", use_continuity=True,
    alternative="two-sided"); z is recovered from p with the sign of U - n1 n2 / 2;
  - estimate: the median of all pairwise differences experiment[i] - control[j], by brute force;
  - ciLow, ciHigh: R's wilcox.test(experiment, control, conf.int=TRUE, correct=TRUE, exact=FALSE) algorithm
    written out from its documentation (ranks of c(x - d, y), tie-corrected sigma, continuity correction,
    roots of the corrected z minus the normal quantiles), solved with brentq to 1e-12 instead of R's
    uniroot tolerance of 1e-4.
"""
import json
import sys

import numpy as np
from scipy import optimize, stats


def r_wdiff(x, y, d, zq):
    nx, ny = len(x), len(y)
    dr = stats.rankdata(np.concatenate([x - d, y]))
    _, counts = np.unique(dr, return_counts=True)
    dz = dr[:nx].sum() - nx * (nx + 1) / 2 - nx * ny / 2
    correction = np.sign(dz) * 0.5
    sigma = np.sqrt((nx * ny / 12) * ((nx + ny + 1) - (counts ** 3 - counts).sum() / ((nx + ny) * (nx + ny - 1))))
    if not sigma > 0:
        # R: "cannot compute confidence interval when all observations are tied"
        raise ValueError("all observations tied")
    return (dz - correction) / sigma - zq


def r_root(x, y, zq):
    mumin, mumax = x.min() - y.max(), x.max() - y.min()
    f_lower, f_upper = r_wdiff(x, y, mumin, zq), r_wdiff(x, y, mumax, zq)
    if f_lower <= 0:
        return mumin
    if f_upper >= 0:
        return mumax
    return optimize.brentq(lambda d: r_wdiff(x, y, d, zq), mumin, mumax, xtol=1e-12, rtol=1e-15, maxiter=1000)


def reference(case):
    x = np.asarray(case["experiment"], dtype=float)
    y = np.asarray(case["control"], dtype=float)
    out = {"name": case["name"]}
    if len(x) == 0 or len(y) == 0:
        out["verdict"] = "nodata"
        return out
    res = stats.mannwhitneyu(x, y, method="asymptotic", use_continuity=True, alternative="two-sided")
    u = float(res.statistic)
    p = float(res.pvalue)
    sign = np.sign(u - len(x) * len(y) / 2)
    out["u"] = u
    out["p"] = p
    out["z"] = float(sign * stats.norm.isf(p / 2)) if p < 1 else 0.0
    out["estimate"] = float(np.median(np.subtract.outer(x, y).ravel()))
    alpha = 1 - case.get("confidence", 0.98)
    try:
        out["ciLow"] = float(r_root(x, y, stats.norm.isf(alpha / 2)))
        out["ciHigh"] = float(r_root(x, y, stats.norm.ppf(alpha / 2)))
    except ValueError:
        out["ciLow"] = out["ciHigh"] = None  # no interval, as in R
    return out


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    json.dump({"scipy": __import__("scipy").__version__, "results": [reference(c) for c in cases]}, sys.stdout,
              indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
