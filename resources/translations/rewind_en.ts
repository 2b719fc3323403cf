<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>Connected: %n broker(s), </source>
        <translation>
            <numerusform>Connected: %n broker, </numerusform>
            <numerusform>Connected: %n brokers, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n topic</numerusform>
            <numerusform>%n topics</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::CasePage</name>
    <message numerus="yes">
        <source>%Ln pinned record(s)</source>
        <translation>
            <numerusform>%Ln pinned record</numerusform>
            <numerusform>%Ln pinned records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln time range(s) · %1</source>
        <translation>
            <numerusform> · %Ln time range · %1</numerusform>
            <numerusform> · %Ln time ranges · %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln saved view(s)</source>
        <translation>
            <numerusform>%Ln saved view</numerusform>
            <numerusform>%Ln saved views</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the case &apos;%1&apos; with its %Ln pin(s)? The records themselves stay.</source>
        <translation>
            <numerusform>Delete the case &apos;%1&apos; with its %Ln pin? The records themselves stay.</numerusform>
            <numerusform>Delete the case &apos;%1&apos; with its %Ln pins? The records themselves stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Case %1: %Ln pinned record(s) missing (the Case tab says why); the rest of the case is there.</source>
        <translation>
            <numerusform>Case %1: %Ln pinned record missing (the Case tab says why); the rest of the case is there.</numerusform>
            <numerusform>Case %1: %Ln pinned records missing (the Case tab says why); the rest of the case is there.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pinned %Ln record(s) to “%1” (Case tab)</source>
        <translation>
            <numerusform>Pinned %Ln record to “%1” (Case tab)</numerusform>
            <numerusform>Pinned %Ln records to “%1” (Case tab)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The case “%1” keeps this trace (%Ln record(s)) for its report.</source>
        <translation>
            <numerusform>The case “%1” keeps this trace (%Ln record) for its report.</numerusform>
            <numerusform>The case “%1” keeps this trace (%Ln records) for its report.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %Ln pinned record(s)</source>
        <translation>
            <numerusform>Kept %Ln pinned record</numerusform>
            <numerusform>Kept %Ln pinned records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %Ln time range(s)</source>
        <translation>
            <numerusform> and %Ln time range</numerusform>
            <numerusform> and %Ln time ranges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · gone already: %Ln pinned record(s)</source>
        <translation>
            <numerusform> · gone already: %Ln pinned record</numerusform>
            <numerusform> · gone already: %Ln pinned records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln schema(s)</source>
        <translation>
            <numerusform> · %Ln schema</numerusform>
            <numerusform> · %Ln schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pin(s) will be deleted within 24 h</source>
        <translation>
            <numerusform>%Ln pin will be deleted within 24 h</numerusform>
            <numerusform>%Ln pins will be deleted within 24 h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln time range(s) will be deleted within 24 h</source>
        <translation>
            <numerusform>%Ln time range will be deleted within 24 h</numerusform>
            <numerusform>%Ln time ranges will be deleted within 24 h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, and %Ln time range(s)</source>
        <translation>
            <numerusform>, and %Ln time range</numerusform>
            <numerusform>, and %Ln time ranges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pinned record(s) gone already</source>
        <translation>
            <numerusform>%Ln pinned record gone already</numerusform>
            <numerusform>%Ln pinned records gone already</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept in the case workspace %1: %Ln pinned record(s)</source>
        <translation>
            <numerusform>Kept in the case workspace %1: %Ln pinned record</numerusform>
            <numerusform>Kept in the case workspace %1: %Ln pinned records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln of them go from the cluster within 24 h</source>
        <translation>
            <numerusform>; %Ln of them goes from the cluster within 24 h</numerusform>
            <numerusform>; %Ln of them go from the cluster within 24 h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::CaseReportWriter</name>
    <message numerus="yes">
        <source> · %Ln pinned record(s) missing, said so in the report</source>
        <translation>
            <numerusform> · %Ln pinned record missing, said so in the report</numerusform>
            <numerusform> · %Ln pinned records missing, said so in the report</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::ClusterPage</name>
    <message numerus="yes">
        <source>Replication: all %Ln partition(s) have a leader and every replica in sync.</source>
        <translation>
            <numerusform>Replication: %Ln partition, with a leader and every replica in sync.</numerusform>
            <numerusform>Replication: all %Ln partitions have a leader and every replica in sync.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asking %Ln broker(s) …</source>
        <translation>
            <numerusform>Asking %Ln broker …</numerusform>
            <numerusform>Asking %Ln brokers …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cluster %1 · %Ln broker(s)</source>
        <translation>
            <numerusform>Cluster %1 · %Ln broker</numerusform>
            <numerusform>Cluster %1 · %Ln brokers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln not answering</source>
        <translation>
            <numerusform>%Ln not answering</numerusform>
            <numerusform>%Ln not answering</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Settings of %1 · %Ln set on the topic (bold), the rest the cluster&apos;s defaults</source>
        <translation>
            <numerusform>Settings of %1 · %Ln set on the topic (bold), the rest the cluster&apos;s defaults</numerusform>
            <numerusform>Settings of %1 · %Ln set on the topic (bold), the rest the cluster&apos;s defaults</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::ExportController</name>
    <message numerus="yes">
        <source>Exported %Ln record(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln record to %1</numerusform>
            <numerusform>Exported %Ln records to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln schema(s)</source>
        <translation>
            <numerusform> · %Ln schema</numerusform>
            <numerusform> · %Ln schemas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::FilterBar</name>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ The filter could not be evaluated on %1 of %n record(s) read: %2</source>
        <translation>
            <numerusform>⚠ The filter could not be evaluated on %1 of %n record read: %2</numerusform>
            <numerusform>⚠ The filter could not be evaluated on %1 of %n records read: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No match in the scanned range (%Ln record(s) read)</source>
        <translation>
            <numerusform>No match in the scanned range (%Ln record read)</numerusform>
            <numerusform>No match in the scanned range (%Ln records read)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %Ln record(s) read</source>
        <translation>
            <numerusform> in %Ln record read</numerusform>
            <numerusform> in %Ln records read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · stopped: %1 of %n partition(s) complete</source>
        <translation>
            <numerusform> · stopped: %1 of %n partition complete</numerusform>
            <numerusform> · stopped: %1 of %n partitions complete</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::GroupAdminDialog</name>
    <message numerus="yes">
        <source>Delete group %1 (state %2) with its committed offsets on %n partition(s).</source>
        <translation>
            <numerusform>Delete group %1 (state %2) with its committed offsets on %n partition.</numerusform>
            <numerusform>Delete group %1 (state %2) with its committed offsets on %n partitions.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the committed offsets of %1 for %2 (%n partition(s)); the group starts that topic again from its auto.offset.reset.</source>
        <translation>
            <numerusform>Delete the committed offsets of %1 for %2 (%n partition); the group starts that topic again from its auto.offset.reset.</numerusform>
            <numerusform>Delete the committed offsets of %1 for %2 (%n partitions); the group starts that topic again from its auto.offset.reset.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give %1 the offsets of %2 on %n partition(s), as listed.</source>
        <translation>
            <numerusform>Give %1 the offsets of %2 on %n partition, as listed.</numerusform>
            <numerusform>Give %1 the offsets of %2 on %n partitions, as listed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused: the group has %n member(s) (state %1); stop its consumers first.</source>
        <translation>
            <numerusform>Refused: the group has %n member (state %1); stop its consumers first.</numerusform>
            <numerusform>Refused: the group has %n members (state %1); stop its consumers first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::GroupPage</name>
    <message numerus="yes">
        <source>total lag %1 over %n partition(s)</source>
        <translation>
            <numerusform>total lag %1 over %n partition</numerusform>
            <numerusform>total lag %1 over %n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>never committed on %n partition(s): %1 records to read from the earliest offset (auto.offset.reset=earliest), none from the latest</source>
        <translation>
            <numerusform>never committed on %n partition: %1 records to read from the earliest offset (auto.offset.reset=earliest), none from the latest</numerusform>
            <numerusform>never committed on %n partitions: %1 records to read from the earliest offset (auto.offset.reset=earliest), none from the latest</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s): client id @ host: assigned partitions</source>
        <translation>
            <numerusform>%n member: client id @ host: assigned partitions</numerusform>
            <numerusform>%n members: client id @ host: assigned partitions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::LagChart</name>
    <message numerus="yes">
        <source>%1 · lag %Ln record(s)</source>
        <translation>
            <numerusform>%1 · lag %Ln record</numerusform>
            <numerusform>%1 · lag %Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::MainWindow</name>
    <message numerus="yes">
        <source>%Ln topic(s)</source>
        <translation>
            <numerusform>%Ln topic</numerusform>
            <numerusform>%Ln topics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the segments; everything else reads normally. First: %1. rewind-cli verify lists them all.</source>
        <translation>
            <numerusform>%n problem in the segments; everything else reads normally. First: %1. rewind-cli verify lists them all.</numerusform>
            <numerusform>%n problems in the segments; everything else reads normally. First: %1. rewind-cli verify lists them all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected record(s)</source>
        <translation>
            <numerusform>%Ln selected record</numerusform>
            <numerusform>%Ln selected records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln record(s) of the trace</source>
        <translation>
            <numerusform>The %Ln record of the trace</numerusform>
            <numerusform>The %Ln records of the trace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %Ln pinned record(s) of case %1</source>
        <translation>
            <numerusform>The %Ln pinned record of case %1</numerusform>
            <numerusform>The %Ln pinned records of case %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Produced %n record(s) to %1.</source>
        <translation>
            <numerusform>Produced %n record to %1.</numerusform>
            <numerusform>Produced %n records to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n record(s) again to %1.</source>
        <translation>
            <numerusform>Sent %n record again to %1.</numerusform>
            <numerusform>Sent %n records again to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::ProduceDialog</name>
    <message numerus="yes">
        <source>Send %n record(s) again</source>
        <translation>
            <numerusform>Send %n record again</numerusform>
            <numerusform>Send %n records again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n picked record(s) no longer held by the source.</source>
        <translation>
            <numerusform>%n picked record no longer held by the source.</numerusform>
            <numerusform>%n picked records no longer held by the source.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n record(s) delivered before Stop; the rest not sent.</source>
        <translation>
            <numerusform>Stopped: %n record delivered before Stop; the rest not sent.</numerusform>
            <numerusform>Stopped: %n records delivered before Stop; the rest not sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delivered %n record(s)</source>
        <translation>
            <numerusform>Delivered %n record</numerusform>
            <numerusform>Delivered %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::RecordInspector</name>
    <message numerus="yes">
        <source>✓ Copied %1 (%n character(s))</source>
        <translation>
            <numerusform>✓ Copied %1 (%n character)</numerusform>
            <numerusform>✓ Copied %1 (%n characters)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::RecordsPage</name>
    <message numerus="yes">
        <source>Records are missing here: %n damaged batch(es) could not be read. %1</source>
        <translation>
            <numerusform>Records are missing here: %n damaged batch could not be read. %1</numerusform>
            <numerusform>Records are missing here: %n damaged batches could not be read. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Filter results · %Ln record(s)%1</source>
        <translation>
            <numerusform>Filter results · %Ln record%1</numerusform>
            <numerusform>Filter results · %Ln records%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n partition(s) merged by time · %2 records%3</source>
        <translation>
            <numerusform>%1 · %n partition merged by time · %2 records%3</numerusform>
            <numerusform>%1 · %n partitions merged by time · %2 records%3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copy %Ln record(s) as NDJSON</source>
        <translation>
            <numerusform>Copy %Ln record as NDJSON</numerusform>
            <numerusform>Copy %Ln records as NDJSON</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copying %Ln record(s) …</source>
        <translation>
            <numerusform>Copying %Ln record …</numerusform>
            <numerusform>Copying %Ln records …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln record(s) as NDJSON</source>
        <translation>
            <numerusform>Copied %Ln record as NDJSON</numerusform>
            <numerusform>Copied %Ln records as NDJSON</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pin %Ln record(s) to the case</source>
        <translation>
            <numerusform>Pin %Ln record to the case</numerusform>
            <numerusform>Pin %Ln records to the case</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %Ln record(s)…</source>
        <translation>
            <numerusform>Export %Ln record…</numerusform>
            <numerusform>Export %Ln records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n partition(s) merged by time · %2 records, %3%4</source>
        <translation>
            <numerusform>%1 · %n partition merged by time · %2 records, %3%4</numerusform>
            <numerusform>%1 · %n partitions merged by time · %2 records, %3%4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %Ln record(s) again…</source>
        <translation>
            <numerusform>Send %Ln record again…</numerusform>
            <numerusform>Send %Ln records again…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::RegistryDialog</name>
    <message numerus="yes">
        <source>%n subject(s).</source>
        <translation>
            <numerusform>%n subject.</numerusform>
            <numerusform>%n subjects.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::ReplayConsole</name>
    <message numerus="yes">
        <source>%Ln record(s) written to %1%2 in %3 s%4%5</source>
        <translation>
            <numerusform>%Ln record written to %1%2 in %3 s%4%5</numerusform>
            <numerusform>%Ln records written to %1%2 in %3 s%4%5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::ResetDialog</name>
    <message numerus="yes">
        <source>Plan: %1 of %n partition(s) would move. This source is read-only, so it cannot be applied.</source>
        <translation>
            <numerusform>Plan: %1 of %n partition would move. This source is read-only, so it cannot be applied.</numerusform>
            <numerusform>Plan: %1 of %n partitions would move. This source is read-only, so it cannot be applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plan: %1 of %n partition(s) move. Nothing has changed yet: Apply commits it (refused while the group has live members).</source>
        <translation>
            <numerusform>Plan: %1 of %n partition moves. Nothing has changed yet: Apply commits it (refused while the group has live members).</numerusform>
            <numerusform>Plan: %1 of %n partitions move. Nothing has changed yet: Apply commits it (refused while the group has live members).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Commit new offsets for %1 on %n partition(s)?</source>
        <translation>
            <numerusform>Commit new offsets for %1 on %n partition?</numerusform>
            <numerusform>Commit new offsets for %1 on %n partitions?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::SchemaHistoryDialog</name>
    <message numerus="yes">
        <source>%n writer schema(s)</source>
        <translation>
            <numerusform>%n writer schema</numerusform>
            <numerusform>%n writer schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · in %n partition(s)</source>
        <translation>
            <numerusform> · in %n partition</numerusform>
            <numerusform> · in %n partitions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::SourceWords</name>
    <message numerus="yes">
        <source>%Ln broker(s)</source>
        <translation>
            <numerusform>%Ln broker</numerusform>
            <numerusform>%Ln brokers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln aborted or open transaction(s) hidden</source>
        <translation>
            <numerusform> · %Ln aborted or open transaction hidden</numerusform>
            <numerusform> · %Ln aborted or open transactions hidden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::TimelineView</name>
    <message numerus="yes">
        <source> · %n topic(s) you may not read left out</source>
        <translation>
            <numerusform> · %n topic you may not read left out</numerusform>
            <numerusform> · %n topics you may not read left out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::TopicAdminDialog</name>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Create %1: %n partition(s), replication factor %2</source>
        <translation>
            <numerusform>Create %1: %n partition, replication factor %2</numerusform>
            <numerusform>Create %1: %n partitions, replication factor %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 and its %n partition(s), about %2 records. This cannot be undone.</source>
        <translation>
            <numerusform>Delete %1 and its %n partition, about %2 records. This cannot be undone.</numerusform>
            <numerusform>Delete %1 and its %n partitions, about %2 records. This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::TopicTreeModel</name>
    <message numerus="yes">
        <source>%n partition(s) offline</source>
        <translation>
            <numerusform>%n partition offline</numerusform>
            <numerusform>%n partitions offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) under-replicated</source>
        <translation>
            <numerusform>%n partition under-replicated</numerusform>
            <numerusform>%n partitions under-replicated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) below min.insync.replicas</source>
        <translation>
            <numerusform>%n partition below min.insync.replicas</numerusform>
            <numerusform>%n partitions below min.insync.replicas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::TraceView</name>
    <message numerus="yes">
        <source>No events in the scanned range (%Ln record(s) read).</source>
        <translation>
            <numerusform>No events in the scanned range (%Ln record read).</numerusform>
            <numerusform>No events in the scanned range (%Ln records read).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln record(s) read</source>
        <translation>
            <numerusform> · %Ln record read</numerusform>
            <numerusform> · %Ln records read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) across %1</source>
        <translation>
            <numerusform>%Ln record across %1</numerusform>
            <numerusform>%Ln records across %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rw::TraceWords</name>
    <message numerus="yes">
        <source>%Ln event(s) from %1 to %2 (%3 → %4); now: %5.</source>
        <translation>
            <numerusform>%Ln event from %1 to %2 (%3 → %4); now: %5.</numerusform>
            <numerusform>%Ln events from %1 to %2 (%3 → %4); now: %5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln redelivery(s) of the same event, not counted</source>
        <translation>
            <numerusform> · %Ln redelivery of the same event, not counted</numerusform>
            <numerusform> · %Ln redeliveries of the same event, not counted</numerusform>
        </translation>
    </message>
</context>
</TS>
