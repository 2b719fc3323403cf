#include "replay_consumer.h"

#include "envelope.h"

#include <QElapsedTimer>
#include <QProcessEnvironment>

namespace rw {

Result<std::unique_ptr<ReplayConsumerProcess>>
ReplayConsumerProcess::start(const ReplayJob& job, const QString& bootstrap,
                             std::function<void(const QByteArray&)> output)
{
    std::unique_ptr<ReplayConsumerProcess> c(new ReplayConsumerProcess);
    c->m_job = job;
    c->m_output = std::move(output);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REWIND_TOPIC"), job.targetTopic);
    if (job.consumer.input == ReplayConsumer::Kafka) {
        env.insert(QStringLiteral("REWIND_BOOTSTRAP"), bootstrap);
        env.insert(QStringLiteral("REWIND_GROUP"), job.consumer.group.isEmpty()
                                                       ? QStringLiteral("rewind-sandbox-") + job.targetTopic
                                                       : job.consumer.group);
    }
    c->m_process.setProcessEnvironment(env);
    c->m_process.setProcessChannelMode(c->m_output ? QProcess::MergedChannels : QProcess::ForwardedChannels);
    if (job.consumer.input == ReplayConsumer::Kafka)
        c->m_process.setStandardInputFile(QProcess::nullDevice());
    c->m_process.start(job.consumer.command.front(), job.consumer.command.mid(1));
    if (!c->m_process.waitForStarted(10000))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("the consumer '%1' did not start: %2")
                             .arg(job.consumer.command.join(QLatin1Char(' ')), c->m_process.errorString()));
    return c;
}

ReplayConsumerProcess::~ReplayConsumerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ReplayConsumerProcess::pollOutput()
{
    if (!m_output) return;
    m_process.waitForReadyRead(0);
    const QByteArray got = m_process.readAll();
    if (!got.isEmpty()) m_output(got);
}

Result<void> ReplayConsumerProcess::feed(const ProducerRecord& w, qint64 seq)
{
    pollOutput();
    if (m_job.consumer.input != ReplayConsumer::Stdin || m_broken) return {};
    auto stopped = [this] {
        m_broken = true;
        return makeError(ErrorCode::Io,
                         QStringLiteral("the consumer stopped before the replay ended (status %1)")
                             .arg(m_process.exitCode()));
    };
    if (m_process.state() != QProcess::Running) return stopped();
    Record r;
    r.topic = w.topic;
    r.partition = w.partition;
    r.offset = seq;
    r.timestamp = w.timestamp;
    r.key = w.key;
    r.value = w.value;
    r.headers = w.headers;
    m_line.clear();
    appendEnvelope(m_line, r);
    m_line += '\n';
    m_process.write(m_line);
    // Back-pressure: a slow consumer slows the replay instead of growing a buffer without end.
    while (m_process.bytesToWrite() > (1 << 20))
        if (!m_process.waitForBytesWritten(30000)) {
            // A consumer that ended while its input queued up stopped (the write fails at once,
            // maybe before its end is noticed); one still running after 30 s without taking a
            // byte does not read.
            if (m_process.state() == QProcess::Running) m_process.waitForFinished(1000);
            if (m_process.state() != QProcess::Running) return stopped();
            m_broken = true;
            return makeError(ErrorCode::Timeout, QStringLiteral("the consumer does not read its input"));
        }
    return {};
}

QString ReplayConsumerProcess::finish(int* exitCode)
{
    if (m_job.consumer.input == ReplayConsumer::Stdin) {
        while (m_process.state() == QProcess::Running && m_process.bytesToWrite() > 0 &&
               m_process.waitForBytesWritten(30000)) {
        }
        m_process.closeWriteChannel();
    }
    const int waitMs = std::max(0, m_job.consumer.waitSeconds) * 1000;
    // waitForFinished() says false for a process that had already ended: a consumer that quit
    // early was waited for the whole grace period and reported as stopped.
    auto ended = [&](int ms) {
        return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(ms);
    };
    bool finished = false;
    if (m_output) {
        QElapsedTimer t;
        t.start();
        while (!(finished = ended(100)) && t.elapsed() < waitMs)
            pollOutput();
        pollOutput();
    } else {
        finished = ended(waitMs);
    }
    if (!finished) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) m_process.kill();
        m_process.waitForFinished(5000);
        if (exitCode) *exitCode = -1;
        return QStringLiteral("the consumer was stopped after %1 s").arg(m_job.consumer.waitSeconds);
    }
    if (exitCode) *exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    return m_process.exitStatus() == QProcess::NormalExit
               ? QStringLiteral("the consumer exited with status %1").arg(m_process.exitCode())
               : QStringLiteral("the consumer crashed");
}

} // namespace rw
