// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// One category per subsystem; enable with QT_LOGGING_RULES="cockpit.ledger.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcControl)
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
Q_DECLARE_LOGGING_CATEGORY(lcLedger)
Q_DECLARE_LOGGING_CATEGORY(lcReconcile)
Q_DECLARE_LOGGING_CATEGORY(lcState)
Q_DECLARE_LOGGING_CATEGORY(lcRollout)
Q_DECLARE_LOGGING_CATEGORY(lcMetrics)
Q_DECLARE_LOGGING_CATEGORY(lcEnvironment)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
