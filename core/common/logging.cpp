// SPDX-License-Identifier: MIT
#include "common/logging.h"

Q_LOGGING_CATEGORY(lcConfig, "cockpit.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcControl, "cockpit.control", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudit, "cockpit.audit", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLedger, "cockpit.ledger", QtInfoMsg)
Q_LOGGING_CATEGORY(lcReconcile, "cockpit.reconcile", QtInfoMsg)
Q_LOGGING_CATEGORY(lcState, "cockpit.state", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRollout, "cockpit.rollout", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMetrics, "cockpit.metrics", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEnvironment, "cockpit.environment", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "cockpit.ui", QtInfoMsg)
