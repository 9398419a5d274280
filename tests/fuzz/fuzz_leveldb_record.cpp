// SPDX-License-Identifier: MIT
// A LevelDB value as the deploy scripts store it, decoded and judged: never crashes; a decoded record
// serializes back to the same record (to the very bytes when JSON.stringify wrote them), its fields as the
// lazy reader finds them agree with its tree, and the one data-health judge gives a verdict.
#include "state/contract_record.h"
#include "state/record_validator.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace Cockpit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    std::string error;
    const std::optional<ContractRecord> record = ContractRecord::fromBytes(bytes, &error);
    if (!record) {
        if (error.empty())
            std::abort(); // refused without saying why
        return 0;
    }
    // Written back, it reads as the same record; bytes that JSON.stringify wrote come back byte for byte.
    const JsonValue tree = record->json();
    JsonValue::ParseError again;
    if (!(JsonValue::parse(record->serialize(), &again) == tree) || again.isError())
        std::abort();
    if (tree.serialize() == bytes && record->serialize() != bytes)
        std::abort();
    // The fields the scan reads lazily are the ones the tree holds.
    if (tree.stringMember("contractName") != record->contractName())
        std::abort();
    ContractRecord copy(tree);
    if (copy.serialize() != tree.serialize() || copy.chainId() != record->chainId())
        std::abort();
    static const RecordValidator validator(QSet<qint64>{1, 56, 8453});
    (void)validator.problems(*record, record->chainId());
    return 0;
}
