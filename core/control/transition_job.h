// SPDX-License-Identifier: MIT
#pragma once

#include "common/job_tracker.h"
#include "control/transition_service.h"

#include <QObject>

#include <memory>
#include <optional>

namespace Cockpit {

// Plans or executes one transition off the GUI thread: the context of a JobThread, whose job calls run(). It
// opens its own control store there (Qt SQL connections are per thread), reports its progress through queued
// signals and returns its answer, which the JobThread hands back while it is still wanted. It owns what it
// uses (the configuration, the gates), so that its owner may go while it runs.
//
// A cancelled token stops a plan between gates, and an execution before its intent is recorded; once the
// intent is written the transition runs to its end (half-stopping it would leave the migrated system in
// between).
//
// Threading: construct in any thread, run() in the worker thread.
class TransitionJob : public QObject
{
    Q_OBJECT

public:
    // What a run ends with: the plan (planning), the outcome (execution), or why neither.
    struct Answer
    {
        std::optional<TransitionPlan> plan;
        std::optional<TransitionService::Outcome> outcome;
        QString failure;
    };

    // Plan `request`.
    TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                  std::shared_ptr<const GateRegistry> gates, TransitionService::Request request,
                  QObject *parent = nullptr);
    // Execute `plan` (made by an earlier planning job) with `options`.
    TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                  std::shared_ptr<const GateRegistry> gates, TransitionPlan plan,
                  TransitionService::Options options, QObject *parent = nullptr);

    Answer run(const JobToken &token);

signals:
    void progress(int percent);
    void progressMessage(const QString &message);

private:
    EnvironmentConfig m_config;
    OperatorIdentity m_identity;
    bool m_readOnly = false;
    std::shared_ptr<const GateRegistry> m_gates;
    bool m_execute = false;
    TransitionService::Request m_request;
    TransitionPlan m_plan;
    TransitionService::Options m_options;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::TransitionPlan)
Q_DECLARE_METATYPE(Cockpit::TransitionService::Outcome)
