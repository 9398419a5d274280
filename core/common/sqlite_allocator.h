// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace Cockpit {

// The allocator the cockpit gives SQLite (SQLITE_CONFIG_MALLOC, installed by
// SqliteStatement::configureProcess()). Debian's SQLite is built without its lookaside allocator, so every
// cursor and record buffer of every statement step is a malloc() and a free() of a few hundred bytes, about
// 33 per ledger operation; a burst of same-sized frees at the end of each statement overflows glibc's
// per-thread cache (7 blocks per size) into its slower path. This allocator keeps freed small blocks on
// per-thread lists by size class and hands them out again; everything else goes to malloc().
//
// Blocks may be freed on another thread than the one that allocated them (a block then joins that
// thread's lists). Each thread keeps at most 64 KiB per size class; a thread's lists go back to malloc()
// when it ends. Thread-safe without locks.
namespace SqliteAllocator {

void *allocate(int bytes);
void release(void *block);
void *reallocate(void *block, int bytes);
// Usable size of a block from allocate(): at least what was asked for.
int size(void *block);
// What allocate(bytes) really reserves.
int roundUp(int bytes);
// The blocks this thread keeps for reuse (tests).
std::size_t cachedBlocks();

} // namespace SqliteAllocator
} // namespace Cockpit
