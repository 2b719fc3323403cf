#pragma once
// The one hand-off between threads of a pipeline (import, capture, the decoding stage, a data
// directory's decompression): BoundedChannel keeps at most `capacity` items between producers and
// consumers, so a fast side waits for a slow one and memory stays bounded; OrderedChannel hands
// results made by several threads out in sequence order, a producer too far ahead waiting, and
// lets the consumer make an item itself that no producer has begun (claim/takeOrMake) rather than
// wait for one. Either side may abandon it (an error, a cancel): from then on nothing waits,
// push()/put()/claim() refuse and pop()/take()/takeOrMake() return nothing.
// Thread contract: every member may be called from any thread.

#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace rw {

namespace detail {
// What both channels keep: the lock, the waiters and whether either side gave up.
class ChannelBase {
public:
    bool abandoned() const
    {
        std::lock_guard lock(m_mutex);
        return m_abandoned;
    }

protected:
    // Gives up: `drop` (the items) runs under the lock, and every waiter wakes.
    template <typename Drop> void abandonWith(const Drop& drop)
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        drop();
        m_cv.notify_all();
    }
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_abandoned = false;
};
} // namespace detail

template <typename T> class BoundedChannel : public detail::ChannelBase {
public:
    explicit BoundedChannel(size_t capacity) : m_capacity(capacity) {}
    // Waits for room; false once abandoned (the item is dropped).
    bool push(T&& v)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_abandoned || m_items.size() < m_capacity; });
        if (m_abandoned) return false;
        m_items.push_back(std::move(v));
        m_cv.notify_all();
        return true;
    }
    // The next item; empty once finished and drained, or abandoned.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_abandoned || m_finished || !m_items.empty(); });
        if (m_abandoned || m_items.empty()) return std::nullopt;
        T v = std::move(m_items.front());
        m_items.pop_front();
        m_cv.notify_all();
        return v;
    }
    void finish() // no more items will come
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_cv.notify_all();
    }
    void abandon()
    {
        abandonWith([this] { m_items.clear(); });
    }

private:
    const size_t m_capacity;
    std::deque<T> m_items;
    bool m_finished = false;
};

template <typename T> class OrderedChannel : public detail::ChannelBase {
public:
    explicit OrderedChannel(qint64 window) : m_window(window) {}
    // Item `seq` (0, 1, 2, …); waits while it is `window` or more ahead of the consumer.
    bool put(qint64 seq, T&& v)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_abandoned || seq < m_next + m_window; });
        if (m_abandoned) return false;
        m_items.emplace(seq, std::move(v));
        m_cv.notify_all();
        return true;
    }
    void setTotal(qint64 total) // how many there will be; set once all were handed out
    {
        std::lock_guard lock(m_mutex);
        m_total = total;
        m_cv.notify_all();
    }
    // The next in sequence; empty after the last one, or when abandoned.
    std::optional<T> take()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_abandoned || m_items.count(m_next) || m_next == m_total; });
        auto it = m_items.find(m_next);
        if (m_abandoned || it == m_items.end()) return std::nullopt;
        return handOut(it);
    }
    // Who makes item `seq` when producers and the consumer share the work: true for exactly one
    // caller. A producer claims within the window (waiting for it), then makes the item and
    // put()s it; false: the consumer has made it or passed it, or the channel was abandoned.
    bool claim(qint64 seq)
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_abandoned || seq < m_next + m_window; });
        if (m_abandoned || seq < m_next) return false;
        return m_claimed.insert(seq).second;
    }
    // The next in sequence, as take(); but the consumer shares the work rather than wait idle:
    // when no producer has claimed the next item it makes it here (make(seq)), and while a
    // producer is making it, it makes a later one nobody has claimed (within the window and the
    // total, which must be set) and puts it for itself.
    template <typename Make> std::optional<T> takeOrMake(const Make& make)
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_abandoned || m_next == m_total) return std::nullopt;
            if (auto it = m_items.find(m_next); it != m_items.end()) return handOut(it);
            if (m_claimed.insert(m_next).second) {
                const qint64 seq = m_next;
                lock.unlock();
                T v = make(seq);
                lock.lock();
                m_claimed.erase(seq);
                ++m_next;
                m_cv.notify_all();
                return v;
            }
            qint64 spare = -1;
            for (qint64 s = m_next + 1; s < m_next + m_window && s < m_total; ++s)
                if (!m_claimed.count(s) && !m_items.count(s)) {
                    spare = s;
                    break;
                }
            if (spare < 0) {
                m_cv.wait(lock);
                continue;
            }
            m_claimed.insert(spare);
            lock.unlock();
            T v = make(spare);
            lock.lock();
            m_items.emplace(spare, std::move(v));
            m_cv.notify_all();
        }
    }
    void abandon()
    {
        abandonWith([this] { m_items.clear(); });
    }

private:
    // The next item, out of the channel (the lock held).
    T handOut(typename std::map<qint64, T>::iterator it)
    {
        T v = std::move(it->second);
        m_items.erase(it);
        m_claimed.erase(m_next);
        ++m_next;
        m_cv.notify_all();
        return v;
    }
    const qint64 m_window;
    std::map<qint64, T> m_items;
    std::set<qint64> m_claimed; // being made, not yet taken
    qint64 m_next = 0;
    qint64 m_total = -1;
};

} // namespace rw
