// SPDX-License-Identifier: MIT
#include "control/transition_job.h"

namespace Cockpit {

TransitionJob::TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                             const GateRegistry &gates, TransitionService::Request request,
                             quint64 generation, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_identity(std::move(identity))
    , m_readOnly(readOnly)
    , m_gates(gates)
    , m_request(std::move(request))
    , m_generation(generation)
{}

TransitionJob::TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                             const GateRegistry &gates, TransitionPlan plan,
                             TransitionService::Options options, quint64 generation, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_identity(std::move(identity))
    , m_readOnly(readOnly)
    , m_gates(gates)
    , m_execute(true)
    , m_plan(std::move(plan))
    , m_options(std::move(options))
    , m_generation(generation)
{}

void TransitionJob::run()
{
    std::unique_ptr<ControlStore> store = ControlStore::create(m_config);
    TransitionService service(m_config, m_identity, m_readOnly, *store, m_gates);
    emit progressMessage(tr("Opening the control database…"));
    emit progress(5);
    const Result<void> opened = service.open();
    if (!opened) {
        emit failed(errorMessage(opened));
        return;
    }
    if (m_cancelled) {
        emit failed(tr("Cancelled"));
        return;
    }
    if (!m_execute) {
        emit progressMessage(tr("Evaluating gates…"));
        emit progress(30);
        const TransitionPlan plan = service.plan(m_request);
        emit progress(100);
        emit planned(m_generation, plan);
        emit finished();
        return;
    }
    emit progressMessage(m_options.dryRun ? tr("Preparing the dry run…") : tr("Running the transition…"));
    emit progress(30);
    const TransitionService::Outcome outcome = service.execute(m_plan, m_options);
    emit progress(100);
    emit executed(m_generation, outcome);
    emit finished();
}

} // namespace Cockpit
