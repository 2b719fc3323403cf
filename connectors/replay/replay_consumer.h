#pragma once
// Runs a replay job's consumer: the user's service under test. "stdin": started before the
// replay and fed each committed record as an NDJSON envelope line (offset = the record's
// position in the replay; provenance headers carry the source's); "kafka": started with
// REWIND_BOOTSTRAP, REWIND_TOPIC and REWIND_GROUP to read the sandbox topic itself. Its standard
// output and error go straight to ours (the console). After the replay its input is closed and
// it gets `wait_seconds` to finish before it is stopped; its exit status is reported.
// Thread contract: the thread that runs the replay (blocking calls, no event loop needed).

#include "replay_job.h"

#include <QProcess>

#include <functional>
#include <memory>

namespace rw {

class ReplayConsumerProcess {
public:
    // Starts the command; the error says why it could not start.
    // With `output`, its stdout and stderr come to the callback (polled on this thread) instead
    // of going straight to ours.
    static Result<std::unique_ptr<ReplayConsumerProcess>>
    start(const ReplayJob& job, const QString& bootstrap, std::function<void(const QByteArray&)> output = {});
    void pollOutput(); // hands what it printed so far to the output callback
    ~ReplayConsumerProcess();

    Result<void> feed(const ProducerRecord& written, qint64 seq); // stdin mode; no-op otherwise
    // Closes its input and waits; returns "exited with status N" / "was stopped after N s" etc.
    QString finish(int* exitCode = nullptr);

private:
    ReplayConsumerProcess() = default;
    QProcess m_process;
    ReplayJob m_job;
    QByteArray m_line;
    std::function<void(const QByteArray&)> m_output;
    bool m_broken = false;
};

} // namespace rw
