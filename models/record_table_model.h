#pragma once
// The message table for one partition of a workspace. rowCount() is the partition's true size,
// so the scrollbar means the whole range; rows are read in pages of 256 by a worker thread (its
// own read-only connection) into a bounded LRU cache, and a row whose page is not there yet
// shows a placeholder until the page arrives. Thread contract: the model lives on the GUI thread
// and never does I/O there; RecordPageLoader runs on the model's worker thread.

#include "workspace_store.h"

#include <QAbstractTableModel>
#include <QThread>

#include <list>
#include <map>
#include <set>

namespace rw {

struct RecordRow {
    Offset offset = 0;
    TimestampMs timestamp = 0;
    QString key; // plain-text previews, bounded in length
    QString value;
    QString headers;
    qint64 size = 0; // bytes of key, value, header names and header values
    bool keyNull = true;
    bool valueNull = true;
};

// Worker side: reads pages of rows. Lives on RecordTableModel's thread.
class RecordPageLoader : public QObject {
    Q_OBJECT
public:
    void open(const QString& path);
public slots:
    void load(int generation, const QString& topic, int partition, qint64 firstOffset, int count,
              qint64 page);
    void fetch(int generation, const QString& topic, int partition, qint64 offset);
    void seekTime(int generation, const QString& topic, int partition, qint64 timestamp);
signals:
    void timeFound(int generation, qint64 offset); // -1: no record at or after the time
    void loaded(int generation, qint64 page, const std::vector<rw::RecordRow>& rows);
    void fetched(int generation, const rw::Record& record);
    void failed(int generation, const QString& message);

private:
    bool ensureStore(int generation); // opens the workspace on first use; reports failure
    QString m_path;
    std::unique_ptr<WorkspaceStore> m_store;
};

class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { OffsetCol, TimestampCol, KeyCol, ValueCol, HeadersCol, SizeCol, ColumnCount };
    static constexpr int kPageSize = 256;
    static constexpr int kMaxPages = 64; // 16k rows cached

    explicit RecordTableModel(QObject* parent = nullptr);
    ~RecordTableModel() override;

    // Shows one partition (offsets low..high; the partition must be dense, as appended ones are).
    void setPartition(const QString& workspacePath, const QString& topic, PartitionId partition, Offset low,
                      Offset high);
    void clear();
    void setUtc(bool utc);

    Offset offsetAt(int row) const { return m_low + row; }
    int rowForOffset(Offset o) const;
    QString workspacePath() const { return m_path; }
    // Reads the whole record at a row on the worker; recordReady() delivers it.
    void requestRecord(int row);
    // Finds the first row at or after a time on the worker; rowForTime() delivers it (-1: none).
    void requestRowForTime(TimestampMs timestamp);
    bool utc() const { return m_utc; }
    QString topic() const { return m_topic; }
    PartitionId partition() const { return m_partition; }
    int cachedPages() const { return static_cast<int>(m_pages.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadError(const QString& message);
    void recordReady(const rw::Record& record);
    void requestFetch(int generation, const QString& topic, int partition, qint64 offset);
    void requestSeek(int generation, const QString& topic, int partition, qint64 timestamp);
    void rowForTime(int row);
    void requestPage(int generation, const QString& topic, int partition, qint64 firstOffset, int count,
                     qint64 page);

private:
    void onLoaded(int generation, qint64 page, const std::vector<RecordRow>& rows);
    const RecordRow* row(int r) const;

    QThread m_thread;
    RecordPageLoader* m_loader = nullptr;
    int m_generation = 0;
    QString m_path, m_topic;
    PartitionId m_partition = 0;
    Offset m_low = 0, m_high = 0;
    bool m_utc = true;
    // page -> rows; LRU order in m_lru (front = most recent). Mutable: data() touches the LRU.
    mutable std::map<qint64, std::pair<std::vector<RecordRow>, std::list<qint64>::iterator>> m_pages;
    mutable std::list<qint64> m_lru;
    mutable std::set<qint64> m_requested;
};

} // namespace rw

Q_DECLARE_METATYPE(std::vector<rw::RecordRow>)
Q_DECLARE_METATYPE(rw::Record)
