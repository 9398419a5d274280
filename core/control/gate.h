// SPDX-License-Identifier: MIT
#pragma once

#include "common/text.h"

#include <QMetaType>
#include <QString>

namespace Cockpit {

struct GateResult
{
    enum class Verdict
    {
        Pass,
        Fail,
        Inconclusive
    };

    Verdict verdict = Verdict::Inconclusive;
    // What the verdict rests on, for the operator (shown) and the audit log (English), e.g.
    // "3 discrepancies in the last 7d (0 allowed), last at 2026-11-20 14:02:00 UTC".
    Text evidence;

    bool passed() const { return verdict == Verdict::Pass; }
    static GateResult make(Verdict verdict, const Text &evidence)
    {
        GateResult r;
        r.verdict = verdict;
        r.evidence = evidence;
        return r;
    }
};

QString gateVerdictName(GateResult::Verdict verdict); // "pass", "fail", "inconclusive"

// A named check a transition must pass. Lanes (ledger, state, rollout) implement gates and register them
// in a GateRegistry for the transitions they guard.
//
// Threading: evaluate() is called from a worker thread, never the GUI thread, and may block on a database
// or the network (keep it under a few seconds). One Gate object may be evaluated from several threads at
// once (two plans at the same time), so evaluate() must be thread-safe: open per-call connections rather
// than sharing one. An exception or a backend that cannot be reached is reported as Inconclusive with the
// reason as evidence, never thrown.
class Gate
{
public:
    virtual ~Gate();
    virtual Text name() const = 0; // short, human: "No discrepancies for 7 days"
    virtual GateResult evaluate() = 0;
    // Whether an operator may override a failing verdict with a reason. Gates that weigh evidence (metrics,
    // reconciliation) may be overridden when the evidence is missing or wrong; gates that state a rule of
    // the plan (a pause, a minimum dwell time) may not: lifting them is its own audited action.
    virtual bool overridable() const { return true; }
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::GateResult)
