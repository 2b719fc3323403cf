#pragma once
// The Consumer group page: one group's lag per partition (table), its lag over time (chart, with
// live samples), a headline, and the offset reset. It loads the group on its own JobRunner (the
// newest request wins). The main window tells it the source and which group to show, and feeds
// it the lag sampler's samples. GUI thread only.

#include "workspace_overview.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QTableView;

namespace rw {

struct GroupDetails;
struct LagSample;
class GroupLagModel;
class JobRunner;
class LagChart;
class ResetDialog;

class GroupPage : public QWidget {
    Q_OBJECT
public:
    explicit GroupPage(QWidget* parent = nullptr);

    // The open source, its topics (the reset dialog offers their partitions) and whether writes
    // are refused.
    void setSource(const WorkspaceOverview& overview);
    void showGroup(const QString& group); // loads it; groupLoaded() when it is on screen
    QString shownGroup() const { return m_group; }
    void setShownGroup(const QString& group) { m_group = group; }  // remembered, not loaded yet
    void addSample(const QString& group, const LagSample& sample); // live, for the group shown
    void setUtc(bool utc);
    ResetDialog* resetOffsets(); // the dialog for the group shown (nullptr: none loaded)

    GroupLagModel* model() const { return m_model; }
    LagChart* lagChart() const { return m_chart; }
    static QString headline(const GroupDetails& d);
    QString titleText() const;
    QStringList memberLines() const; // what the members list shows, as shown

signals:
    void groupLoaded(const QString& group);
    void failed(const QString& message);            // for the window's banner
    void offsetsReset(const QString& group);        // the window reloads the source
    void administerRequested(const QString& group); // "Delete or copy…"

private:
    void showEmpty(const QString& group, const QString& note); // no rows, no chart, the note
    void showMembers(const GroupDetails& d);                   // a live cluster's members
    GroupLagModel* m_model;
    JobRunner* m_jobs;
    QLabel* m_title;
    QTableView* m_table;
    QLabel* m_membersTitle;
    QListWidget* m_members;
    LagChart* m_chart;
    QString m_group;
    QString m_sourceNote; // what the chart says for a group without history on this source
    std::shared_ptr<RecordSource> m_source;
    std::vector<TopicInfo> m_topics;
    bool m_readOnly = false;
};

} // namespace rw
