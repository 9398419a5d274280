// SPDX-License-Identifier: MIT
#include "control/transition_job.h"

namespace Cockpit {

TransitionJob::TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                             std::shared_ptr<const GateRegistry> gates, TransitionService::Request request,
                             QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_identity(std::move(identity))
    , m_readOnly(readOnly)
    , m_gates(std::move(gates))
    , m_request(std::move(request))
{}

TransitionJob::TransitionJob(EnvironmentConfig config, OperatorIdentity identity, bool readOnly,
                             std::shared_ptr<const GateRegistry> gates, TransitionPlan plan,
                             TransitionService::Options options, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_identity(std::move(identity))
    , m_readOnly(readOnly)
    , m_gates(std::move(gates))
    , m_execute(true)
    , m_plan(std::move(plan))
    , m_options(std::move(options))
{}

TransitionJob::Answer TransitionJob::run(const JobToken &token)
{
    Answer answer;
    std::unique_ptr<ControlStore> store = ControlStore::create(m_config);
    TransitionService service(m_config, m_identity, m_readOnly, *store, *m_gates);
    emit progressMessage(tr("Opening the control database…"));
    emit progress(5);
    if (const Result<void> opened = service.open(); !opened) {
        answer.failure = errorMessage(opened);
        return answer;
    }
    if (token.isCancelled()) {
        answer.failure = tr("Cancelled");
        return answer;
    }
    if (!m_execute) {
        emit progressMessage(tr("Evaluating gates…"));
        emit progress(30);
        answer.plan = service.plan(m_request);
    } else {
        emit progressMessage(m_options.dryRun ? tr("Preparing the dry run…") : tr("Running the transition…"));
        emit progress(30);
        answer.outcome = service.execute(m_plan, m_options);
    }
    emit progress(100);
    return answer;
}

} // namespace Cockpit
