// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <tl/expected.hpp>

#include <optional>
#include <utility>

namespace Cockpit {

// What went wrong, in the terms a caller decides on: whether to retry, to report bad input (exit 2), an
// unreachable backend (exit 3), a refusal or a lost race.
enum class ErrorKind
{
    Failed,      // the step failed (a statement, a write, a file); the message says which
    Invalid,     // bad input: a value that does not parse, an unknown name, phase or transition
    Unreachable, // the backend cannot be reached or opened
    NotFound,    // the thing asked for does not exist
    Refused,     // a rule or a permission says no: a gate, a confirmation, read-only, a failed hook
    Conflict,    // a compare-and-set lost: someone else changed the state since it was read
    NotSetUp,    // the cockpit's own schema does not exist yet: `cockpitctl setup` creates it
    Fenced, // another execution took over the transition this one held; what this one did no longer counts
};

// One problem: its kind and one message naming the database, file, key or row it concerns.
struct Error
{
    ErrorKind kind = ErrorKind::Failed;
    QString message;
};

// A value or the Error saying why there is none. Discarding one is a compile warning (an error in CI): a
// failure must be handled or passed on. Result<void> is success or an Error.
//     Result<Money> balance = store.balance(user);
//     if (!balance)
//         return fail(balance.error());
//     use(*balance);
// A part whose callers decide on more than the kind names its own error value as E (the deployment-state
// stores: their wire codes, the file and the record key; see StateResult).
template<typename T, typename E = Error>
class [[nodiscard]] Result : public tl::expected<T, E>
{
    using Base = tl::expected<T, E>;

public:
    using Base::Base;
    Result(Base base) // NOLINT(google-explicit-constructor): and_then()/map() give the base type
        : Base(std::move(base))
    {}
};

// The failure a function returns: `return fail(QStringLiteral("…"));` or `return fail(other.error());`.
inline tl::unexpected<Error> fail(QString message, ErrorKind kind = ErrorKind::Failed)
{
    return tl::unexpected<Error>(Error{kind, std::move(message)});
}

inline tl::unexpected<Error> fail(Error error)
{
    return tl::unexpected<Error>(std::move(error));
}

// The message of a failed result, empty on success: for a test's failure text and for callers that pass
// an error on as text.
template<typename T, typename E>
QString errorMessage(const Result<T, E> &result)
{
    return result ? QString() : result.error().message;
}

// The kind's name in documents and tests: "conflict", "notSetUp", "error" (Failed)...
QString kindName(ErrorKind kind);

// "ok", or the name of the kind it failed with.
template<typename T>
QString outcomeName(const Result<T> &result)
{
    return result ? QStringLiteral("ok") : kindName(result.error().kind);
}

// Whether a result failed with this kind: `if (failedWith(begun, ErrorKind::Conflict))`.
template<typename T>
bool failedWith(const Result<T> &result, ErrorKind kind)
{
    return !result && result.error().kind == kind;
}

// The value of a result where only whether there is one matters (a lenient read of a column).
template<typename T>
std::optional<T> valueOf(Result<T> result)
{
    return result ? std::optional<T>(std::move(*result)) : std::nullopt;
}

// Success of a Result<void>.
inline Result<void> ok()
{
    return {};
}

} // namespace Cockpit
