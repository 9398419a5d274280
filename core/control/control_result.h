// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Cockpit {

// Outcome of a control operation. Conflict is the compare-and-set losing (someone else changed the migration
// since it was read); Refused is a safety rule saying no (gate, confirmation, read-only, failed hook);
// Invalid is bad input (unknown migration, phase or transition); Unreachable maps to cockpitctl exit code 3.
// Fenced: this execution's lease on a transition was taken over; what it did no longer counts.
struct ControlResult
{
    enum class Status
    {
        Ok,
        Conflict,
        Refused,
        Invalid,
        Unreachable,
        NotSetUp, // the store's schema does not exist yet: `cockpitctl setup` creates it
        Fenced,   // another execution took over the transition this one held
        Error
    };

    Status status = Status::Ok;
    QString message;

    bool ok() const { return status == Status::Ok; }
    static ControlResult success() { return {}; }
    static ControlResult failure(Status status, QString message) { return {status, std::move(message)}; }
};

} // namespace Cockpit
