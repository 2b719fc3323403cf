// Must not compile: a data directory is read below the sources (tests/layering/check.sh).
#include "record_source.h"
