// Must not compile: the Kafka client is below the sources (tests/layering/check.sh).
#include "record_source.h"
