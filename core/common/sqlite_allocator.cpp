// SPDX-License-Identifier: MIT
#include "common/sqlite_allocator.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace Cockpit::SqliteAllocator {

namespace {

// 16-byte classes up to 1 KiB: SQLite's cursors, records and statement buffers; bigger blocks (pages,
// prepared statements) are rare on the hot path and go straight to malloc().
constexpr int Granule = 16;
constexpr int ClassCount = 64;
constexpr int LargestSmall = Granule * ClassCount;
constexpr int BytesKeptPerClass = 64 * 1024;
// Each block starts with its usable size; 16 bytes keep the payload as aligned as malloc()'s.
constexpr int HeaderBytes = 16;

struct FreeBlock
{
    FreeBlock *next;
};

// Trivially destructible, so it stays usable while the thread's other thread_local objects (Qt's, which may
// close SQLite connections) are destroyed; the guard below empties it and then sends frees to free().
struct Lists
{
    FreeBlock *head[ClassCount];
    std::uint32_t count[ClassCount];
    bool guarded;
    bool ended;
};

// Initial-exec: the core is linked into executables only, so the lists are one offset from the thread
// pointer instead of a call to __tls_get_addr on every allocation.
thread_local Lists t_lists __attribute__((tls_model("initial-exec")));

void drain(Lists &lists)
{
    for (int c = 0; c < ClassCount; ++c) {
        while (FreeBlock *b = lists.head[c]) {
            lists.head[c] = b->next;
            std::free(reinterpret_cast<char *>(b) - HeaderBytes);
        }
        lists.count[c] = 0;
    }
}

struct Guard
{
    ~Guard()
    {
        drain(t_lists);
        t_lists.ended = true;
    }
};

[[gnu::noinline]] void guard(Lists &l)
{
    l.guarded = true;
    thread_local Guard g;
    (void)g;
}

inline Lists &lists()
{
    Lists &l = t_lists;
    if (!l.guarded) [[unlikely]]
        guard(l);
    return l;
}

int &usableOf(void *block)
{
    return *reinterpret_cast<int *>(static_cast<char *>(block) - HeaderBytes);
}

} // namespace

int roundUp(int bytes)
{
    if (bytes <= 0)
        return Granule;
    if (bytes > LargestSmall)
        return (bytes + 7) & ~7;
    return (bytes + Granule - 1) / Granule * Granule;
}

void *allocate(int bytes)
{
    if (bytes > 0 && bytes <= LargestSmall) [[likely]] {
        Lists &l = lists();
        const int c = (bytes - 1) / Granule;
        if (FreeBlock *b = l.head[c]) [[likely]] {
            l.head[c] = b->next;
            --l.count[c];
            return b;
        }
    }
    const int usable = roundUp(bytes);
    char *raw = static_cast<char *>(std::malloc(size_t(usable) + HeaderBytes));
    if (!raw)
        return nullptr;
    void *block = raw + HeaderBytes;
    usableOf(block) = usable;
    return block;
}

void release(void *block)
{
    if (!block)
        return;
    const int usable = usableOf(block);
    if (usable <= LargestSmall) {
        Lists &l = lists();
        const int c = usable / Granule - 1;
        if (l.count[c] * std::uint32_t(usable) < std::uint32_t(BytesKeptPerClass) && !l.ended) [[likely]] {
            FreeBlock *b = static_cast<FreeBlock *>(block);
            b->next = l.head[c];
            l.head[c] = b;
            ++l.count[c];
            return;
        }
    }
    std::free(static_cast<char *>(block) - HeaderBytes);
}

int size(void *block)
{
    return block ? usableOf(block) : 0;
}

void *reallocate(void *block, int bytes)
{
    if (!block)
        return allocate(bytes);
    const int usable = usableOf(block);
    if (roundUp(bytes) <= usable && (usable <= LargestSmall || roundUp(bytes) > LargestSmall))
        return block;
    void *grown = allocate(bytes);
    if (!grown)
        return nullptr; // SQLite keeps the old block, as with realloc()
    std::memcpy(grown, block, size_t(usable < bytes ? usable : bytes));
    release(block);
    return grown;
}

std::size_t cachedBlocks()
{
    const Lists &l = lists();
    std::size_t n = 0;
    for (int c = 0; c < ClassCount; ++c)
        n += l.count[c];
    return n;
}

} // namespace Cockpit::SqliteAllocator
