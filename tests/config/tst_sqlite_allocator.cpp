// SPDX-License-Identifier: MIT
// The allocator the cockpit gives SQLite: sizes, reuse, the per-class cap, reallocation keeping contents,
// blocks freed on another thread, and that SQLite really runs on it once configureProcess() is called
// first thing in main(), as the cockpit's programs do.
#include "common/sqlite_allocator.h"
#include "common/sqlite_statement.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstring>
#include <vector>

using namespace Cockpit;

class TestSqliteAllocator : public QObject
{
    Q_OBJECT

private slots:
    void sizesCoverTheRequest();
    void freedSmallBlocksAreReused();
    void eachClassKeepsBoundedMemory();
    void reallocateKeepsContents();
    void blockFreedOnAnotherThread();
    void sqliteAllocatesThroughIt();
};

void TestSqliteAllocator::sizesCoverTheRequest()
{
    for (int bytes : {1, 7, 8, 15, 16, 17, 100, 1023, 1024, 1025, 4096, 70000}) {
        void *block = SqliteAllocator::allocate(bytes);
        QVERIFY(block);
        QVERIFY(reinterpret_cast<quintptr>(block) % 16 == 0);
        QVERIFY2(SqliteAllocator::size(block) >= bytes, qPrintable(QString::number(bytes)));
        QCOMPARE(SqliteAllocator::size(block), SqliteAllocator::roundUp(bytes));
        std::memset(block, 0xab, size_t(SqliteAllocator::size(block)));
        SqliteAllocator::release(block);
    }
    QCOMPARE(SqliteAllocator::size(nullptr), 0);
    SqliteAllocator::release(nullptr);
}

void TestSqliteAllocator::freedSmallBlocksAreReused()
{
    void *first = SqliteAllocator::allocate(200);
    const std::size_t before = SqliteAllocator::cachedBlocks();
    SqliteAllocator::release(first);
    QCOMPARE(SqliteAllocator::cachedBlocks(), before + 1);
    void *again = SqliteAllocator::allocate(193); // same 16-byte class
    QCOMPARE(again, first);
    QCOMPARE(SqliteAllocator::cachedBlocks(), before);
    SqliteAllocator::release(again);

    void *large = SqliteAllocator::allocate(5000); // not kept: straight back to free()
    const std::size_t kept = SqliteAllocator::cachedBlocks();
    SqliteAllocator::release(large);
    QCOMPARE(SqliteAllocator::cachedBlocks(), kept);
}

void TestSqliteAllocator::eachClassKeepsBoundedMemory()
{
    std::vector<void *> blocks;
    for (int i = 0; i < 5000; ++i)
        blocks.push_back(SqliteAllocator::allocate(64));
    const std::size_t before = SqliteAllocator::cachedBlocks();
    for (void *b : blocks)
        SqliteAllocator::release(b);
    const std::size_t added = SqliteAllocator::cachedBlocks() - before;
    QVERIFY(added > 0);
    QVERIFY2(added <= 64 * 1024 / 64, qPrintable(QString::number(added)));
}

void TestSqliteAllocator::reallocateKeepsContents()
{
    char *block = static_cast<char *>(SqliteAllocator::allocate(10));
    std::memcpy(block, "0123456789", 10);
    char *same = static_cast<char *>(SqliteAllocator::reallocate(block, 14)); // fits its class
    QCOMPARE(static_cast<void *>(same), static_cast<void *>(block));          // pointers, not C strings
    char *grown = static_cast<char *>(SqliteAllocator::reallocate(same, 5000));
    QVERIFY(grown);
    QCOMPARE(QByteArray(grown, 10), QByteArray("0123456789"));
    std::memset(grown + 10, 'x', 4990);
    char *shrunk = static_cast<char *>(SqliteAllocator::reallocate(grown, 12));
    QVERIFY(shrunk);
    QCOMPARE(QByteArray(shrunk, 12), QByteArray("0123456789xx"));
    QCOMPARE(SqliteAllocator::size(shrunk), 16);
    SqliteAllocator::release(shrunk);
    void *fresh = SqliteAllocator::reallocate(nullptr, 40);
    QVERIFY(SqliteAllocator::size(fresh) >= 40);
    SqliteAllocator::release(fresh);
}

void TestSqliteAllocator::blockFreedOnAnotherThread()
{
    std::vector<void *> blocks;
    for (int i = 0; i < 100; ++i) {
        blocks.push_back(SqliteAllocator::allocate(48));
        std::memset(blocks.back(), i, 48);
    }
    std::size_t keptThere = 0;
    std::size_t reusedThere = 0;
    QThread *thread = QThread::create([&] {
        for (void *b : blocks)
            SqliteAllocator::release(b);
        keptThere = SqliteAllocator::cachedBlocks();
        void *b = SqliteAllocator::allocate(40);
        reusedThere = b == blocks.back() ? 1 : 0;
        SqliteAllocator::release(b);
    }); // the thread's lists go back to free() when it ends
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QCOMPARE(keptThere, std::size_t(100));
    QCOMPARE(reusedThere, std::size_t(1));
}

void TestSqliteAllocator::sqliteAllocatesThroughIt()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("under AddressSanitizer SQLite keeps malloc() (see SqliteStatement::configureProcess)");
#else
    QTemporaryDir dir;
    const std::size_t before = SqliteAllocator::cachedBlocks();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("alloc"));
        db.setDatabaseName(dir.filePath(QStringLiteral("t.db")));
        QVERIFY(db.open());
        SqliteStatement st;
        QVERIFY(st.prepare(SqliteStatement::handle(db), QStringLiteral("SELECT ?1 || 'x'")));
        for (int i = 0; i < 100; ++i) {
            st.bindText(1, QString::number(i));
            QCOMPARE(st.step(), SqliteStatement::Step::Row);
            QCOMPARE(st.text(0), QString::number(i) + QLatin1Char('x'));
            st.reset();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("alloc"));
    // Closing the connection freed SQLite's cursors, statements and caches onto this thread's lists.
    QVERIFY2(SqliteAllocator::cachedBlocks() > before + 10,
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(SqliteAllocator::cachedBlocks())));
#endif
}

int main(int argc, char **argv)
{
    SqliteStatement::configureProcess(); // before anything touches SQLite, as in the cockpit's main()s
    QCoreApplication app(argc, argv);
    TestSqliteAllocator test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sqlite_allocator.moc"
