#pragma once
// Deterministic demo data: a small shop's week of events (orders, payments, inventory) with a
// payment-gateway incident at 03:17 one night, a schema change mid-week, PII, duplicates.
// The same seed and event count always give the same records. Worker thread or CLI; not shared.

#include "record.h"

#include <QString>

#include <memory>
#include <vector>

namespace rw {

struct DemoOptions {
    std::uint64_t seed = 42;
    qint64 events = 200'000;
    TimestampMs weekStart = 1794787200000; // Monday 2026-11-16T00:00:00Z
};

struct DemoTopicSpec {
    QString name;
    int partitions = 1;
};

class DemoGenerator {
public:
    explicit DemoGenerator(const DemoOptions& options);
    ~DemoGenerator();
    DemoGenerator(const DemoGenerator&) = delete;
    DemoGenerator& operator=(const DemoGenerator&) = delete;

    static std::vector<DemoTopicSpec> topics();

    // Next record in time order; false when `events` records were produced.
    bool next(ProducerRecord& out);

    qint64 produced() const;
    TimestampMs incidentStart() const; // 03:17 UTC on the incident night
    TimestampMs incidentEnd() const;
    TimestampMs schemaChangeTime() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace rw
