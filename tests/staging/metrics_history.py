#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Days of the ledger service's metrics, as its Prometheus would hold them, for backfilling.

Writes OpenMetrics text (the input of `promtool tsdb create-blocks-from openmetrics`) with the seed's metric
names, the same series the staging world's service writer exports (tests/staging/service_writer.py): the
discrepancy counter by account type, the balance query duration histogram by source, the write success rate
gauge and the shadow write lag histogram; one sample every --step seconds for --days days, ending at --end
(default: now). Deterministic for a given --seed. A quiet service: no discrepancy, a success rate near 1,
ledger reads a little slower than legacy reads.

    metrics_history.py --out FILE [--days 7] [--step 15] [--end UNIX_SECONDS] [--seed 1]
"""

import argparse
import random
import sys
import time

ACCOUNT_TYPES = ("usdc_balance", "fiat_exposure", "pending_investment")
BOUNDS = ("0.5", "1", "2", "5", "10", "25", "50", "100", "250", "+Inf")


def histogram_series(rng, steps, per_step, scale):
    """Cumulative bucket counts, sum and count at each step, for observations ~ exponential(scale)."""
    limits = [float(b) for b in BOUNDS[:-1]] + [float("inf")]
    counts = [0] * len(limits)
    total = 0.0
    points = []
    for _ in range(steps):
        for _ in range(per_step):
            value = rng.expovariate(1.0 / scale)
            total += value
            for i, limit in enumerate(limits):
                if value <= limit:
                    counts[i] += 1
        points.append((list(counts), total, counts[-1]))
    return points


def write_histogram(out, name, labels, times, points):
    prefix = labels + "," if labels else ""
    suffix = "{%s}" % labels if labels else ""
    for t, (counts, total, count) in zip(times, points):
        for bound, n in zip(BOUNDS, counts):
            out.write('%s_bucket{%sle="%s"} %d %d\n' % (name, prefix, bound, n, t))
        out.write("%s_sum%s %.6f %d\n" % (name, suffix, total, t))
        out.write("%s_count%s %d %d\n" % (name, suffix, count, t))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--days", type=float, default=7)
    parser.add_argument("--step", type=int, default=15)
    parser.add_argument("--end", type=int, default=int(time.time()))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.days <= 0 or args.step <= 0:
        sys.stderr.write("metrics_history: --days and --step must be positive\n")
        return 2
    rng = random.Random(args.seed)
    steps = int(args.days * 86400 // args.step)
    # Whole steps ending at --end; promtool refuses samples in the future, so --end is clamped to now.
    end = min(args.end, int(time.time())) // args.step * args.step
    times = [end - (steps - 1 - i) * args.step for i in range(steps)]
    with open(args.out, "w", encoding="ascii") as out:
        # The seed's counter has no _total suffix, which OpenMetrics requires of a counter; declared
        # "unknown" its samples keep the name the service exports (the TSDB stores no type anyway).
        out.write("# TYPE ledger_shadow_discrepancy_count unknown\n")
        for account_type in ACCOUNT_TYPES:
            for t in times:
                out.write('ledger_shadow_discrepancy_count{account_type="%s"} 0 %d\n' % (account_type, t))
        out.write("# TYPE balance_query_duration_ms histogram\n")
        for source, scale in (("ledger", 6.0), ("legacy", 5.0)):
            write_histogram(out, "balance_query_duration_ms", 'source="%s"' % source, times,
                            histogram_series(rng, steps, 3, scale))
        out.write("# TYPE ledger_write_success_rate gauge\n")
        for t in times:
            out.write("ledger_write_success_rate %.4f %d\n" % (1.0 - rng.random() * 0.002, t))
        out.write("# TYPE shadow_mode_write_lag_ms histogram\n")
        write_histogram(out, "shadow_mode_write_lag_ms", "", times, histogram_series(rng, steps, 2, 3.0))
        out.write("# EOF\n")
    print("metrics_history: %d samples per series, %s to %s" % (steps, times[0], times[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
