// Must not compile: the decoding stage is below the registry (tests/layering/check.sh).
#include "source_registry.h"
