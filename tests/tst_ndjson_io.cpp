#include "ndjson_io.h"
#include "record_export.h"
#include "record_source.h"
#include "source_registry.h"
#include "test_util.h"
#include "workspace_store.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace rw;

namespace {

std::unique_ptr<WorkspaceStore> fresh(const QString& path)
{
    auto s = WorkspaceStore::create(path);
    if (!s) qFatal("%s", qPrintable(s.error().message));
    return std::move(s.value());
}

Result<ImportReport> importText(WorkspaceStore& s, const QByteArray& text, ImportOptions o = {})
{
    QBuffer b;
    b.setData(text);
    b.open(QIODevice::ReadOnly);
    return importNdjson(s, b, o);
}

// The CLI's export: the range form of the one exporter, partition by partition.
QByteArray exportAll(WorkspaceStore& s, RecordSet sel = {})
{
    RecordExport job;
    job.records = std::move(sel);
    job.records.byFilter = true;
    job.records.timeOrder = false;
    QBuffer b;
    b.open(QIODevice::WriteOnly);
    auto n = exportRecords(*workspaceSourceOver(s), job, b);
    if (!n) qFatal("%s", qPrintable(n.error().message));
    return b.data();
}

} // namespace

class TstNdjsonIo : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void importsEnvelopesAndKcatLines()
    {
        auto s = fresh(m_dir.filePath(QStringLiteral("a.rewind")));
        const QByteArray text =
            R"({"topic":"orders","partition":1,"timestamp":1000,"key":"o-1","value":{"a":1},"headers":[{"key":"h","value":"v"}]})"
            "\n"
            "\n" // blank lines are fine
            R"({"topic":"orders","partition":0,"timestamp":"2026-11-19T03:17:00Z","key":null,"value":"text"})"
            "\r\n"
            R"({"topic":"kc","partition":2,"offset":9,"tstype":"create","ts":5,"broker":1,"headers":["a","b"],"key":"k","payload":"p"})"
            "\n"
            R"({"topic":"orders","key":"o-9","value":"no partition: murmur2 of the key"})";
        auto r = importText(*s, text);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->imported, qint64(4));
        QCOMPARE(r->lines, qint64(4));
        QCOMPARE(r->createdTopics, (std::vector<QString>{QStringLiteral("orders"), QStringLiteral("kc")}));
        auto orders = s->topic(QStringLiteral("orders"));
        QCOMPARE(orders->partitions.size(), size_t(2));
        QCOMPARE(orders->count(), qint64(3));
        auto kc = s->topic(QStringLiteral("kc"));
        QCOMPARE(kc->partitions.size(), size_t(3));
        auto rec = s->read(QStringLiteral("kc"), 2, 0, 1);
        QCOMPARE(rec->at(0).offset, Offset(0)); // offsets assigned densely by default
        QCOMPARE(*rec->at(0).value, QByteArray("p"));
        QCOMPARE(rec->at(0).headers.at(0).key, QByteArray("a"));
        auto p0 = s->read(QStringLiteral("orders"), 0, 0, 10);
        QVERIFY(!p0->at(0).key);
        QCOMPARE(p0->at(0).timestamp, qint64(1795058220000));
    }

    void badLineAbortsAndLeavesWorkspaceAsItWas()
    {
        const QString path = m_dir.filePath(QStringLiteral("abort.rewind"));
        auto s = fresh(path);
        QVERIFY(importText(*s, R"({"topic":"t","value":"before"})"
                               "\n")
                    .ok());
        QByteArray text;
        for (int i = 0; i < 25000; ++i) // crosses several batches before the bad line
            text += R"({"topic":"t","value":"x"})"
                    "\n";
        text += R"({"topic":"new-topic","value":"y"})"
                "\n";
        text += "{\"topic\":\"t\",\"value\": oops}\n";
        auto r = importText(*s, text);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.startsWith(QStringLiteral("line 25002:")), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QStringLiteral("column")));
        QCOMPARE(s->topic(QStringLiteral("t"))->count(), qint64(1));
        QCOMPARE(s->topics()->size(), size_t(1)); // the topic the import created is gone too
        // Still usable afterwards.
        QVERIFY(importText(*s, R"({"topic":"t","value":"after"})").ok());
        QCOMPARE(s->topic(QStringLiteral("t"))->count(), qint64(2));
    }

    void skipBadReportsLineNumbers()
    {
        auto s = fresh(m_dir.filePath(QStringLiteral("skip.rewind")));
        ImportOptions o;
        o.skipBad = true;
        const QByteArray text = "{\"topic\":\"t\",\"value\":1}\nnot json\n{\"topic\":\"t\",\"value\":2}\n"
                                "{\"topic\":\"t\",\"value\":\"x\",\"value_encoding\":\"base64\"}\n";
        auto r = importText(*s, text, o);
        QVERIFY(r.ok());
        QCOMPARE(r->imported, qint64(2));
        QCOMPARE(r->skipped, qint64(2));
        QCOMPARE(r->errors.size(), size_t(2));
        QCOMPARE(r->errors[0].line, qint64(2));
        QCOMPARE(r->errors[1].line, qint64(4));
    }

    // The import parses blocks of lines on several threads and writes them in input order: cut
    // into blocks of 7 lines or taken whole, the same input gives the same workspace and the same
    // report (round-robin and key-hashed partitions, topics and partitions created midway, bad
    // lines in order), and a fatal line is named exactly.
    void blocksOfLinesGiveTheSameResultAsOneBlock()
    {
        QByteArray text;
        for (int i = 1; i <= 3000; ++i) {
            if (i % 97 == 0) {
                text += "not json " + QByteArray::number(i) + "\n";
            } else if (i % 5 == 0) {
                text += "{\"timestamp\":1000,\"topic\":\"nokey\",\"value\":{\"n\":" + QByteArray::number(i) +
                        "}}\n";
            } else if (i == 1501) { // a partition beyond the topic's: the topic grows
                text +=
                    "{\"timestamp\":1000,\"topic\":\"keyed\",\"partition\":5,\"key\":\"k\",\"value\":1}\n";
            } else if (i > 2000 && i % 3 == 0) { // a topic that first appears late
                text += "{\"timestamp\":1000,\"topic\":\"late\",\"key\":\"k-" + QByteArray::number(i) +
                        "\",\"value\":\"v\"}\n";
            } else {
                text += "{\"timestamp\":1000,\"topic\":\"keyed\",\"key\":\"k-" + QByteArray::number(i % 40) +
                        "\",\"value\":\"x\"}\n";
            }
            if (i % 250 == 0) text += "\n"; // blank lines count as lines, not as records
        }
        ImportOptions small;
        small.skipBad = true;
        small.newTopicPartitions = 3;
        small.batchSize = 7;
        ImportOptions whole = small;
        whole.batchSize = 1'000'000;
        auto a = fresh(m_dir.filePath(QStringLiteral("blocks-small.rewind")));
        auto b = fresh(m_dir.filePath(QStringLiteral("blocks-whole.rewind")));
        auto ra = importText(*a, text, small);
        auto rb = importText(*b, text, whole);
        QVERIFY(ra.ok());
        QVERIFY(rb.ok());
        QCOMPARE(ra->imported, rb->imported);
        QCOMPARE(ra->lines, rb->lines);
        QCOMPARE(ra->skipped, qint64(3000 / 97));
        QCOMPARE(ra->errors.size(), size_t(3000 / 97));
        for (size_t i = 0; i < ra->errors.size(); ++i) {
            QCOMPARE(ra->errors[i].line, rb->errors[i].line);
            QCOMPARE(ra->errors[i].message, rb->errors[i].message);
        }
        QCOMPARE(ra->errors[0].line, qint64(97));
        QCOMPARE(ra->createdTopics, (std::vector<QString>{QStringLiteral("keyed"), QStringLiteral("nokey"),
                                                          QStringLiteral("late")}));
        QCOMPARE(a->topic(QStringLiteral("keyed"))->partitions.size(), size_t(6));
        QCOMPARE(a->topic(QStringLiteral("nokey"))->partitions.size(), size_t(3));
        // Round-robin spread the keyless records evenly.
        const auto nokey = a->topic(QStringLiteral("nokey"));
        QVERIFY(nokey.ok());
        for (const PartitionInfo& p : nokey->partitions)
            QVERIFY2(p.count >= 190 && p.count <= 200, qPrintable(QString::number(p.count)));
        QCOMPARE(exportAll(*a), exportAll(*b));

        // Without skipping, the first bad line ends it, named by its number, and nothing lands.
        auto c = fresh(m_dir.filePath(QStringLiteral("blocks-fatal.rewind")));
        ImportOptions strict = small;
        strict.skipBad = false;
        auto rc = importText(*c, text, strict);
        QVERIFY(!rc.ok());
        QVERIFY2(rc.error().message.startsWith(QStringLiteral("line 97: ")), qPrintable(rc.error().message));
        QVERIFY(c->topics()->empty());
    }

    void overlongLineIsAnError()
    {
        auto s = fresh(m_dir.filePath(QStringLiteral("long.rewind")));
        ImportOptions o;
        o.maxLineBytes = 1 << 20;
        o.skipBad = true;
        const QByteArray text = "{\"topic\":\"t\",\"value\":\"" + QByteArray(3 << 20, 'x') +
                                "\"}\n{\"topic\":\"t\",\"value\":1}\n";
        auto r = importText(*s, text, o);
        QVERIFY(r.ok());
        QCOMPARE(r->imported, qint64(1));
        QCOMPARE(r->errors.at(0).line, qint64(1));
        QVERIFY(r->errors.at(0).message.contains(QStringLiteral("longer than")));
    }

    void exportThenImportRoundTripsEveryField()
    {
        auto src = fresh(m_dir.filePath(QStringLiteral("src.rewind")));
        QVERIFY(src->createTopic(QStringLiteral("mixed"), 3).ok());
        std::vector<ProducerRecord> batch;
        const std::vector<std::optional<QByteArray>> payloads = {std::nullopt,
                                                                 QByteArray("", 0),
                                                                 QByteArray("text"),
                                                                 QByteArray(R"({"json":[1,2]})"),
                                                                 QByteArray("{\n \"pretty\": true\n}"),
                                                                 QByteArray("\x00\xff\x80 binary", 10),
                                                                 QByteArray("caf\xe9"),
                                                                 QByteArray("\"a json string\""),
                                                                 QByteArray(100000, 'L')};
        for (size_t i = 0; i < payloads.size() * 3; ++i) {
            ProducerRecord r;
            r.topic = QStringLiteral("mixed");
            r.partition = static_cast<PartitionId>(i % 3);
            r.timestamp = 1795058220000 + static_cast<qint64>(i);
            r.timestampType = i % 2 ? TimestampType::LogAppendTime : TimestampType::CreateTime;
            r.key = payloads[(i + 1) % payloads.size()];
            r.value = payloads[i % payloads.size()];
            r.headers = {{"h", payloads[(i + 2) % payloads.size()]}, {"h", QByteArray("again")}};
            batch.push_back(r);
        }
        QVERIFY(src->append(batch).ok());
        QVERIFY(src->createTopic(QStringLiteral("empty-topic"), 2).ok());
        const QByteArray dump = exportAll(*src);
        QCOMPARE(dump.count('\n'), qsizetype(batch.size()));

        auto dst = fresh(m_dir.filePath(QStringLiteral("dst.rewind")));
        auto r = importText(*dst, dump);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        for (PartitionId p = 0; p < 3; ++p) {
            auto a = src->read(QStringLiteral("mixed"), p, 0, 1000);
            auto b = dst->read(QStringLiteral("mixed"), p, 0, 1000);
            QCOMPARE(b->size(), a->size());
            QCOMPARE(b.value(), a.value()); // topic, partition, offset, timestamps, key, value, headers
        }
        QCOMPARE(exportAll(*dst), dump);
    }

    void keepOffsetsPreservesARange()
    {
        auto src = fresh(m_dir.filePath(QStringLiteral("range-src.rewind")));
        QByteArray text;
        for (int i = 0; i < 100; ++i)
            text += "{\"topic\":\"t\",\"partition\":0,\"value\":" + QByteArray::number(i) + "}\n";
        QVERIFY(importText(*src, text).ok());
        RecordSet sel;
        sel.topic = QStringLiteral("t");
        sel.fromOffset = 40;
        sel.toOffset = 50;
        const QByteArray part = exportAll(*src, sel);
        QCOMPARE(part.count('\n'), qsizetype(10));
        auto dst = fresh(m_dir.filePath(QStringLiteral("range-dst.rewind")));
        ImportOptions o;
        o.keepOffsets = true;
        QVERIFY(importText(*dst, part, o).ok());
        auto t = dst->topic(QStringLiteral("t"));
        QCOMPARE(t->partitions[0].low, Offset(40));
        QCOMPARE(t->partitions[0].high, Offset(50));
        QCOMPARE(*dst->read(QStringLiteral("t"), 0, 45, 1)->at(0).value, QByteArray("45"));
        // Importing the same range again cannot go backwards: refused, nothing written.
        auto again = importText(*dst, part, o);
        QVERIFY(!again.ok());
        QCOMPARE(dst->topic(QStringLiteral("t"))->count(), qint64(10));
    }

    void exportByTime()
    {
        auto s = fresh(m_dir.filePath(QStringLiteral("time.rewind")));
        QByteArray text;
        for (int i = 0; i < 50; ++i)
            text += "{\"topic\":\"t\",\"partition\":" + QByteArray::number(i % 2) +
                    ",\"timestamp\":" + QByteArray::number(1000 + i * 10) +
                    ",\"value\":" + QByteArray::number(i) + "}\n";
        QVERIFY(importText(*s, text).ok());
        RecordSet sel;
        sel.startTime = 1100;
        sel.stopTime = 1200;
        const QByteArray out = exportAll(*s, sel);
        QCOMPARE(out.count('\n'), qsizetype(10)); // timestamps 1100..1190
    }
};

QTEST_GUILESS_MAIN(TstNdjsonIo)
#include "tst_ndjson_io.moc"
