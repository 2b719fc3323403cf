#include "kafka_source.h"

#include "job_runner.h"

#include <QMetaObject>

namespace rw {

Result<QString> testKafkaConnection(const KafkaProfile& profile)
{
    auto client = KafkaClient::connect(profile);
    if (!client) return client.error();
    auto cluster = client.value()->cluster(false, false);
    if (!cluster) return cluster.error();
    return QObject::tr("Connected: %n broker(s), ", nullptr, static_cast<int>(cluster->brokers.size())) +
           QObject::tr("%n topic(s)", nullptr, static_cast<int>(cluster->topics.size())) +
           (profile.readOnly ? QObject::tr(" · read-only profile") : QString());
}

KafkaJobs::KafkaJobs(QObject* parent) : QObject(parent), m_tests(new JobRunner(this))
{
    qRegisterMetaType<Error>();
}

int KafkaJobs::testConnection(const KafkaProfile& profile)
{
    const int job = m_tests->nextJob();
    return m_tests->start<QString>([profile](const CancelToken&) { return testKafkaConnection(profile); },
                                   [this, job](Result<QString> r) {
                                       emit connectionTested(job, r.ok(), r ? r.value() : r.error().message,
                                                             r ? Error{} : r.error());
                                   });
}

} // namespace rw
