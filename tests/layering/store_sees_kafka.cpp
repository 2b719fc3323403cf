// Must not compile: the store and the Kafka client are side by side (tests/layering/check.sh).
#include "kafka_client.h"
