// Must not compile: the registry is below the transfers (tests/layering/check.sh).
#include "capture.h"
