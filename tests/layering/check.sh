#!/usr/bin/env bash
# The connectors' libraries link one way (connectors/CMakeLists.txt): each probe is a file of a
# lower library that includes a header of a higher one, and must fail to compile for exactly
# that reason. Usage: check.sh BUILD_DIR
set -u
build=$1
status=0
for probe in schema_sees_store:workspace_store.h source_sees_store:workspace_store.h \
             store_sees_kafka:kafka_client.h datadir_sees_store:workspace_store.h \
             kafka_sees_store:workspace_store.h decoding_sees_registry:source_registry.h \
             registry_sees_transfer:capture.h replay_sees_transfer:ndjson_io.h; do
  target=layering_${probe%%:*} header=${probe#*:}
  out=$(cmake --build "$build" --target "$target" 2>&1)
  if [ $? -eq 0 ]; then
    echo "FAIL $target compiled: an include points back up"; status=1
  elif ! grep -q "$header: No such file" <<<"$out"; then
    echo "FAIL $target failed for another reason:"; echo "$out" | tail -5; status=1
  else
    echo "ok   $target: $header is out of its reach"
  fi
done
exit $status
