#pragma once
// The audit log of write actions on Kafka (produce, offset reset, topic create/delete, replay
// writes): one NDJSON line per action, done or refused, in the user's data folder
// (~/.local/share/rewind/audit.ndjson, or $REWIND_AUDIT_FILE). Actions that involve a workspace
// are also recorded in that workspace's audit_log table. Any thread (appends are atomic lines).

#include "result.h"

#include <QString>

namespace rw {

QString auditFilePath();
// Never fails the action: a log that cannot be written is reported on stderr.
void auditWrite(const QString& action, const QString& cluster, const QString& target, const QString& detail,
                const Error* refusedOrFailed = nullptr);

} // namespace rw
