// Must not compile: the Kafka client and the store are side by side (tests/layering/check.sh).
#include "workspace_store.h"
