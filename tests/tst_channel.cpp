// The one hand-off between a pipeline's threads (core/channel.h): bounded, drained in order
// after finish(), and abandoned without anyone left waiting; the ordered channel hands results
// out in sequence whatever order they were made in.

#include "channel.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace rw;

class TstChannel : public QObject {
    Q_OBJECT

private slots:
    // A producer never gets more than `capacity` items ahead; every item arrives once, in order.
    void boundedChannelKeepsProducersWithinItsCapacity()
    {
        BoundedChannel<int> ch(4);
        std::atomic_int pushed{0}, refused{0}; // counted here, checked on the test's thread
        std::thread producer([&] {
            for (int i = 0; i < 1000; ++i) {
                if (!ch.push(int(i))) ++refused;
                ++pushed;
            }
            ch.finish();
        });
        QTRY_COMPARE(pushed.load(), 4); // full: the fifth push waits for the consumer
        QTest::qWait(50);
        QCOMPARE(pushed.load(), 4);
        std::vector<int> got;
        while (auto v = ch.pop())
            got.push_back(*v);
        producer.join();
        QCOMPARE(refused.load(), 0);
        QCOMPARE(got.size(), size_t(1000));
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(got[static_cast<size_t>(i)], i);
    }

    // Abandoning wakes a producer waiting for room and a consumer waiting for items.
    void abandonLeavesNobodyWaiting()
    {
        BoundedChannel<int> full(1);
        QVERIFY(full.push(1));
        std::atomic_bool refused{false};
        std::thread producer([&] { refused = !full.push(2); });
        QTest::qWait(20);
        full.abandon();
        producer.join();
        QVERIFY(refused.load());
        QVERIFY(!full.pop());

        BoundedChannel<int> empty(1);
        std::atomic_bool nothing{false};
        std::thread consumer([&] { nothing = !empty.pop().has_value(); });
        QTest::qWait(20);
        empty.abandon();
        consumer.join();
        QVERIFY(nothing.load());
    }

    // Results put by several threads in any order come out 0, 1, 2, … and end at the total.
    void orderedChannelHandsOutInSequence()
    {
        OrderedChannel<int> ch(8);
        std::atomic_int refused{0};
        std::vector<std::thread> makers;
        for (int t = 0; t < 3; ++t)
            makers.emplace_back([&ch, &refused, t] {
                for (int seq = t; seq < 300; seq += 3)
                    if (!ch.put(seq, seq * 10)) ++refused;
            });
        std::vector<int> got;
        std::thread consumer([&] {
            while (auto v = ch.take())
                got.push_back(*v);
        });
        for (std::thread& m : makers)
            m.join();
        ch.setTotal(300);
        consumer.join();
        QCOMPARE(refused.load(), 0);
        QCOMPARE(got.size(), size_t(300));
        for (int i = 0; i < 300; ++i)
            QCOMPARE(got[static_cast<size_t>(i)], i * 10);
    }

    // Shared work (the data directory's decompression): a producer claims items within the
    // window and the consumer makes what nobody claimed; while the producer holds the next item,
    // the consumer makes later ones rather than wait. Every item is made exactly once and comes out
    // in order; a producer that finds its item taken goes on to the next.
    void orderedChannelSharesTheWorkWithTheConsumer()
    {
        constexpr int kTotal = 500;
        OrderedChannel<int> ch(8);
        ch.setTotal(kTotal);
        std::vector<std::atomic_int> made(kTotal);
        std::atomic_int next{1}, byConsumer{0};
        std::atomic_bool consumerHelped{false};
        auto makeItem = [&](qint64 seq) {
            ++made[static_cast<size_t>(seq)];
            return static_cast<int>(seq) * 10;
        };
        QVERIFY(ch.claim(0)); // the producer holds the first item until the consumer has helped
        std::thread producer([&] {
            while (!consumerHelped.load())
                std::this_thread::yield();
            if (!ch.put(0, makeItem(0))) return;
            for (;;) {
                const int seq = next++;
                if (seq >= kTotal || ch.abandoned()) return;
                if (ch.claim(seq) && !ch.put(seq, makeItem(seq))) return; // else the consumer took it
            }
        });
        std::vector<int> got;
        while (auto v = ch.takeOrMake([&](qint64 seq) {
            ++byConsumer;
            consumerHelped = true;
            return makeItem(seq);
        }))
            got.push_back(*v);
        producer.join();
        QVERIFY(consumerHelped.load()); // it made later items while item 0 was held
        QCOMPARE(got.size(), size_t(kTotal));
        for (int i = 0; i < kTotal; ++i) {
            QCOMPARE(got[static_cast<size_t>(i)], i * 10);
            QCOMPARE(made[static_cast<size_t>(i)].load(), 1);
        }
        QVERIFY(made[0].load() == 1 && byConsumer.load() < kTotal);
        // Abandoned: claim() refuses, takeOrMake() returns nothing and makes nothing.
        OrderedChannel<int> gone(4);
        gone.setTotal(10);
        gone.abandon();
        QVERIFY(!gone.claim(0));
        QVERIFY(!gone.takeOrMake([](qint64) { return 1; }));
    }
};

QTEST_GUILESS_MAIN(TstChannel)
#include "tst_channel.moc"
