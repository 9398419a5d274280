// SPDX-License-Identifier: MIT
#pragma once

#include "control/transition_service.h"

#include <QObject>

#include <atomic>

namespace Cockpit {

// Plans or executes one transition off the GUI thread. Move it to a worker QThread and invoke run(); it opens
// its own control store there (Qt SQL connections are per thread) and reports through queued signals.
// The generation number is echoed back so that the caller can drop results of a request it no longer shows.
//
// cancel() stops a plan between gates, and an execution before its intent is recorded; once the intent is
// written the transition runs to its end (half-stopping it would leave the migrated system in between).
//
// Threading: construct in any thread, run() in the worker thread, cancel() from any thread.
class TransitionJob : public QObject
{
    Q_OBJECT

public:
    // Plan `request`.
    TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                  const GateRegistry &gates, TransitionService::Request request, quint64 generation,
                  QObject *parent = nullptr);
    // Execute `plan` (made by an earlier planning job) with `options`.
    TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                  const GateRegistry &gates, TransitionPlan plan, TransitionService::Options options,
                  quint64 generation, QObject *parent = nullptr);

    quint64 generation() const { return m_generation; }

public slots:
    void run();
    void cancel() { m_cancelled = true; }

signals:
    void progress(int percent);
    void progressMessage(const QString &message);
    void planned(quint64 generation, const Cockpit::TransitionPlan &plan);
    void executed(quint64 generation, const Cockpit::TransitionService::Outcome &outcome);
    void finished();
    void failed(const QString &message);

private:
    EnvironmentConfig m_config;
    OperatorIdentity m_identity;
    bool m_readOnly = false;
    const GateRegistry &m_gates;
    bool m_execute = false;
    TransitionService::Request m_request;
    TransitionPlan m_plan;
    TransitionService::Options m_options;
    quint64 m_generation = 0;
    std::atomic_bool m_cancelled = false;
};

} // namespace Cockpit

Q_DECLARE_METATYPE(Cockpit::TransitionPlan)
Q_DECLARE_METATYPE(Cockpit::TransitionService::Outcome)
