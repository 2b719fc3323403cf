// Must not compile: the shared words are below the store (tests/layering/check.sh).
#include "workspace_store.h"
