// Must not compile: the replay and the transfers are side by side (tests/layering/check.sh).
#include "ndjson_io.h"
