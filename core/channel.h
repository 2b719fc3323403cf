#pragma once
// The one hand-off between threads of a pipeline (import, export, capture): BoundedChannel keeps
// at most `capacity` items between producers and consumers, so a fast side waits for a slow one
// and memory stays bounded; OrderedChannel hands results made by several threads out in sequence
// order, a producer too far ahead waiting. Either side may abandon it (an error, a cancel): from
// then on nothing waits, push()/put() refuse and pop()/take() return nothing.
// Thread contract: every member may be called from any thread.

#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>

namespace rw {

template <typename T> class BoundedChannel {
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
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_items.clear();
        m_cv.notify_all();
    }
    bool abandoned() const
    {
        std::lock_guard lock(m_mutex);
        return m_abandoned;
    }

private:
    const size_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<T> m_items;
    bool m_finished = false;
    bool m_abandoned = false;
};

template <typename T> class OrderedChannel {
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
        T v = std::move(it->second);
        m_items.erase(it);
        ++m_next;
        m_cv.notify_all();
        return v;
    }
    void abandon()
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_items.clear();
        m_cv.notify_all();
    }

private:
    const qint64 m_window;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::map<qint64, T> m_items;
    qint64 m_next = 0;
    qint64 m_total = -1;
    bool m_abandoned = false;
};

} // namespace rw
