#pragma once
// The cases of the source the window shows (core/case_file.h, connectors/case_store.h): which
// there are, the one open, and every change to it. Edits change the case in memory at once and
// are saved on a worker shortly after (the newest state wins; saveNow() flushes). Opening a case
// reads it on a worker, then looks its pins up in the source on another: each pin is found (with
// its time and key now) or missing with the reason, and the rest of the case opens regardless.
// Pins, ranges and views keep the order they were added in.
// Thread contract: GUI thread; the jobs touch only what they captured.

#include "case_store.h"
#include "evidence.h"
#include "workspace_store.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace rw {

class CaseBook;
class JobRunner;

// What the Case tab warns about: pins and ranges retention may delete within a day.
inline constexpr qint64 kExpiryWarnMs = 24 * 3'600'000LL;
class RecordSource;

// The open case's pins as a table: status, time, topic, partition, offset, key, note (editable).
class CasePinModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StatusCol,
        ExpiresCol,
        TimeCol,
        TopicCol,
        PartitionCol,
        OffsetCol,
        KeyCol,
        NoteCol,
        ColumnCount
    };
    // ExpiresRole: when retention may delete the record (ms since the epoch), else invalid.
    enum Role {
        TopicRole = Qt::UserRole + 1,
        PartitionRole,
        OffsetRole,
        FoundRole,
        TimestampRole,
        ExpiresRole
    };
    explicit CasePinModel(CaseBook* book);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    void setUtc(bool utc);

private:
    friend class CaseBook;
    void reset();
    void statesChanged();
    void expiryChanged();
    QVariant expiryData(const Expiry* e, int role) const;
    CaseBook* m_book;
    bool m_utc = true;
};

class CaseBook : public QObject {
    Q_OBJECT
public:
    // casesDir: where cases of sources that do not keep their own go (case_store.h).
    explicit CaseBook(const QString& casesDir, QObject* parent = nullptr);
    ~CaseBook() override;

    // The source shown changed: its cases are listed; the case open is saved and closed.
    void setSource(std::shared_ptr<RecordSource> source);
    QString home() const { return m_home; }
    const std::vector<WorkspaceStore::CaseEntry>& list() const { return m_list; }

    bool hasCase() const { return m_open; }
    const Case& current() const { return m_case; }
    // Per pin: nullopt while it is being looked up.
    const std::vector<std::optional<PinState>>& states() const { return m_states; }
    int missingPins() const;
    CasePinModel* pinModel() const { return m_pins; }
    // When retention will delete the pins and ranges (evidence.h), looked up after the pins; empty
    // until then, and `applies` false for a source that keeps its records.
    const std::optional<CaseExpiry>& expiry() const { return m_expiry; }
    // The records the case pins, copied into the case workspace (evidence.h) on a worker; one at a
    // time (a second is refused while one runs). evidenceKept or failed says how it went.
    void keepEvidence();
    // "in 3 h 20 min", "never", "gone", "kept; in 3 h" as the window says them.
    static QString expiryLabel(const Expiry& e, TimestampMs now);
    bool keepingEvidence() const { return m_keeping; }
    void cancelKeeping();

    void open(const QString& name);
    // Opens the case once this source's cases are listed, if it is among them (the case open when
    // the window last closed on this source); nothing otherwise.
    void openWhenListed(const QString& name);
    void create(const QString& name); // a new case, opened (refused when the name is taken)
    void rename(const QString& to);   // the case open
    void removeCurrent();             // deletes the case open
    // Pins (repeats of a pinned address are left out); opens a new case named for now when none
    // is open. Returns how many were added.
    int addPins(const std::vector<CasePin>& pins);
    void removePins(std::vector<int> rows);
    void setPinNote(int row, const QString& note);
    void addRange(const CaseRange& range);
    void removeRange(int index);
    void setRangeNote(int index, const QString& note);
    void addView(const CaseView& view);
    void removeView(int index);
    void setSummary(const QString& summary);
    // The trace the report tells; a trace the window ran keeps its rules and event count.
    void setTrace(const CaseTrace& trace);
    void saveNow();

signals:
    void listChanged();
    void opened(const QString& name, qint64 elapsedMs); // the case is loaded (its pins still being looked up)
    void closed();
    void pinsResolved(int missing);
    void pinsChanged();
    void rangesChanged();
    void viewsChanged();
    void traceChanged();
    void failed(const QString& message);
    void saved();
    void expiryChanged();
    void evidenceProgress(qint64 records);
    void evidenceKept(const EvidenceReport& report);

private:
    friend class CasePinModel;
    struct Holder;
    void ensureCase();
    void begin(const QString& name); // a new case by that name, opened and saved
    void changed();
    void refreshList();
    void resolve();
    void lookUpExpiry();
    void showCase(Case c, qint64 elapsedMs);

    QString m_casesDir, m_home;
    std::shared_ptr<RecordSource> m_source;
    std::shared_ptr<Holder> m_holder;
    std::vector<WorkspaceStore::CaseEntry> m_list;
    bool m_open = false;
    bool m_listed = false;
    QString m_openWhenListed; // the saved cases have been read (a new name can be checked)
    Case m_case;
    std::vector<std::optional<PinState>> m_states;
    CasePinModel* m_pins;
    JobRunner* m_loads;    // listing and opening: newest wins
    JobRunner* m_resolve;  // pin lookups
    JobRunner* m_saves;    // one thread, in order
    JobRunner* m_expiries; // expiry lookups: newest wins
    JobRunner* m_keeps;    // keeping the evidence
    std::optional<CaseExpiry> m_expiry;
    bool m_keeping = false;
    QTimer m_expiryTimer; // "in 58 s" counts down; the lookup is made again every 10 min
    QTimer m_saveTimer;
    bool m_dirty = false;
};

} // namespace rw
