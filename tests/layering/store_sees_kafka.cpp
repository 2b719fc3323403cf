// Must not compile: the store is below Kafka (tests/layering/check.sh).
#include "kafka_client.h"
