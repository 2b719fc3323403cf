// Must not compile: the schemas are below the store (tests/layering/check.sh).
#include "workspace_store.h"
