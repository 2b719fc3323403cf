// Must not compile: the data directory and the store are side by side (tests/layering/check.sh).
#include "workspace_store.h"
