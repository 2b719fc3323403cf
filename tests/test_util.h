#pragma once
// Helpers shared by the test suites.

#include "record.h"

#include <QCryptographicHash>
#include <QFile>
#include <QString>
#include <QTest>

// Fails the test where it stands, with the error's message, unless a Result is ok. Reading
// value() (or ->) of a failed Result throws, and QtTest answers an exception by aborting the whole
// suite: check first, then read.
#define RW_VERIFY_OK(result)                                                                                 \
    QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().message))

namespace rw::test {

inline QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

inline bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

inline ProducerRecord producerRecord(const QString& topic, PartitionId partition, TimestampMs ts,
                                     std::optional<QByteArray> key, std::optional<QByteArray> value,
                                     Headers headers = {})
{
    ProducerRecord r;
    r.topic = topic;
    r.partition = partition;
    r.timestamp = ts;
    r.key = std::move(key);
    r.value = std::move(value);
    r.headers = std::move(headers);
    return r;
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace rw::test
