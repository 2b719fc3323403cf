#pragma once
// One replay as both the window and `rewind-cli replay` run it: the job's consumer process started
// first (and fed every written record when it reads standard input), runReplay, on a Kafka
// sandbox optionally an observer group reading along (the window charts its lag) and the drain
// that lets it catch up, then the consumer's finish. What went wrong with the consumer is part of
// the report, for every front end alike.
// Thread contract: blocking; a worker thread (the window) or the CLI's main thread. The callbacks
// run on that thread.

#include "replay.h"

#include <functional>
#include <optional>

namespace rw {

struct ReplaySessionOptions {
    ReplayMode mode = ReplayMode::Run;
    ReplayControl* control = nullptr;
    // Every progress report of the replay, with the observer's figures when there is one, and
    // every 200 ms of the drain after it. Callers throttle what they show.
    std::function<void(const ReplayProgress&)> progress;
    // The consumer's standard output and error; empty: they go straight to ours.
    std::function<void(const QByteArray&)> consumerOutput;
    bool observe = false; // a Kafka sandbox gets an observer group, which may drain for up to drainMs
    int drainMs = 15000;
    ReplayContext context; // what the app holds: its connections, its open source
};

struct ReplaySessionReport {
    ReplayReport replay;
    bool hasConsumer = false;
    QString consumerStatus; // "exited with status 0", "was stopped after 30 s", …
    int consumerExit = 0;
    std::optional<Error> consumerError; // feeding it failed: it stopped reading or died
    bool consumerFailed() const { return hasConsumer && (consumerExit != 0 || consumerError.has_value()); }
    // The consumer's status with its error, as one line for a person.
    QString consumerSummary() const;
};

// Fails without writing when the consumer cannot start. A failed replay returns the replay's
// error, after the consumer was finished (its status is lost then, as the replay's error matters).
Result<ReplaySessionReport> runReplaySession(const ReplayJob& job, const ReplaySessionOptions& options);

} // namespace rw
