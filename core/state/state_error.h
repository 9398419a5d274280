// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

namespace Cockpit {

// The deployment-state stores' error codes; codeName() gives their wire names.
enum class StateErrorCode
{
    None,
    NotFound,           // STATE_NOT_FOUND
    WriteFailed,        // STATE_WRITE_FAILED
    BackendUnavailable, // BACKEND_UNAVAILABLE: folder missing, database locked or unreadable
    ValidationFailed,   // VALIDATION_FAILED: a value is not JSON, a record breaks a rule
    MigrationFailed,    // MIGRATION_FAILED: both stores of a dual write failed, or a sync step failed
};

// One problem, naming the file and the record key it concerns so that an operator can find it.
struct StateError
{
    StateErrorCode code = StateErrorCode::None;
    QString message;
    QString file; // file or folder, may be empty
    QString key;  // record key "chainId-contractName", may be empty

    bool isError() const { return code != StateErrorCode::None; }
    // "STATE_WRITE_FAILED: deployments/bsc.json: key 56-LookCoin: rename failed"
    QString describe() const;
    static QString codeName(StateErrorCode code);

    static StateError make(StateErrorCode code, const QString &message, const QString &file = QString(),
                           const QString &key = QString())
    {
        return StateError{code, message, file, key};
    }
};

// What a deployment-state store's operation gives: the value, or the StateError saying why there is none.
template<typename T>
using StateResult = Result<T, StateError>;

inline tl::unexpected<StateError> fail(StateError error)
{
    return tl::unexpected<StateError>(std::move(error));
}

inline tl::unexpected<StateError> fail(StateErrorCode code, QString message, QString file = {},
                                       QString key = {})
{
    return tl::unexpected<StateError>(StateError{code, std::move(message), std::move(file), std::move(key)});
}

} // namespace Cockpit
