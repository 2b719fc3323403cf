#pragma once
// A profile (kafka_profile.h, plain data below every source) made into librdkafka's configuration.
// Any thread.

#include "kafka_profile.h"

typedef struct rd_kafka_conf_s rd_kafka_conf_t;

namespace rw {

// A new librdkafka configuration for this profile (validated first). Caller owns it.
Result<rd_kafka_conf_t*> makeConf(const KafkaProfile& profile);
// Sets one property on a librdkafka configuration; the error never contains the value.
Result<void> setConf(rd_kafka_conf_t* conf, const char* key, const QByteArray& value);

} // namespace rw
