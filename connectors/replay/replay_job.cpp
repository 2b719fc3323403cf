#include "replay_job.h"

#include "mask_policy.h"

#include "header_codec.h"
#include "json.h"
#include "source_registry.h"
#include "time_parse.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>

namespace rw {

namespace {

Error bad(const QString& what)
{
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("replay job: %1").arg(what));
}

// One end of the job: where (a SourceSpec, source_spec.h) and the topic there.
Result<std::pair<SourceSpec, QString>> endpoint(const QJsonValue& v, const char* which)
{
    if (!v.isObject()) return bad(QStringLiteral("\"%1\" must be an object").arg(QLatin1String(which)));
    const QJsonObject o = v.toObject();
    static const QStringList known = {QStringLiteral("workspace"), QStringLiteral("profile"),
                                      QStringLiteral("bootstrap"), QStringLiteral("topic")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString())
            return bad(QStringLiteral("%1.%2 must be a string").arg(QLatin1String(which), it.key()));
        if (!known.contains(it.key()))
            return bad(QStringLiteral("unknown key %1.%2").arg(QLatin1String(which), it.key()));
    }
    auto spec = sourceSpecFromJson(o, QLatin1String(which));
    if (!spec) return bad(spec.error().message);
    const QString topic = o.value(QStringLiteral("topic")).toString();
    if (topic.isEmpty()) return bad(QStringLiteral("%1.topic is missing").arg(QLatin1String(which)));
    return std::pair{std::move(spec.value()), topic};
}

QJsonObject endpointJson(const SourceSpec& spec, const QString& topic)
{
    QJsonObject o = sourceSpecJson(spec);
    o[QStringLiteral("topic")] = topic;
    return o;
}

Result<TimestampMs> timeOf(const QJsonValue& v, const QString& key)
{
    if (v.isDouble()) return static_cast<TimestampMs>(v.toDouble());
    if (!v.isString()) return bad(QStringLiteral("%1 must be a time (ISO-8601 or epoch ms)").arg(key));
    auto t = parseTimePoint(v.toString(), currentTimeMs());
    if (!t) return bad(QStringLiteral("%1: %2").arg(key, t.error().message));
    return t.value();
}

Result<QStringList> stringList(const QJsonValue& v, const QString& key)
{
    if (!v.isArray()) return bad(QStringLiteral("%1 must be an array of strings").arg(key));
    QStringList out;
    for (const QJsonValue& x : v.toArray()) {
        if (!x.isString()) return bad(QStringLiteral("%1 must be an array of strings").arg(key));
        out << x.toString();
    }
    return out;
}

} // namespace

Result<ReplayJob> ReplayJob::fromJson(const QByteArray& json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return bad(QStringLiteral("not JSON (byte %1: %2)").arg(pe.offset + 1).arg(pe.errorString()));
    if (!doc.isObject()) return bad(QStringLiteral("the job must be a JSON object"));
    const QJsonObject o = doc.object();
    ReplayJob j;
    bool haveSource = false, haveTarget = false;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString k = it.key();
        const QJsonValue v = it.value();
        if (k == QLatin1String("name")) {
            j.name = v.toString();
        } else if (k == QLatin1String("source")) {
            auto e = endpoint(v, "source");
            if (!e) return e.error();
            std::tie(j.source, j.sourceTopic) = std::move(e.value());
            haveSource = true;
        } else if (k == QLatin1String("target")) {
            auto e = endpoint(v, "target");
            if (!e) return e.error();
            std::tie(j.target, j.targetTopic) = std::move(e.value());
            haveTarget = true;
        } else if (k == QLatin1String("partitions")) {
            if (!v.isArray()) return bad(QStringLiteral("partitions must be an array of numbers"));
            for (const QJsonValue& x : v.toArray()) {
                if (!x.isDouble() || x.toDouble() < 0)
                    return bad(QStringLiteral("partitions must be numbers ≥ 0"));
                j.partitions.push_back(static_cast<PartitionId>(x.toInt()));
            }
        } else if (k == QLatin1String("from_offset") || k == QLatin1String("to_offset")) {
            if (!v.isDouble() || v.toDouble() < 0)
                return bad(QStringLiteral("%1 must be an offset ≥ 0").arg(k));
            (k == QLatin1String("from_offset") ? j.fromOffset : j.toOffset) =
                static_cast<Offset>(v.toDouble());
        } else if (k == QLatin1String("from_time") || k == QLatin1String("to_time")) {
            auto t = timeOf(v, k);
            if (!t) return t.error();
            (k == QLatin1String("from_time") ? j.fromTime : j.toTime) = t.value();
        } else if (k == QLatin1String("filter")) {
            j.filter = v.toString();
        } else if (k == QLatin1String("partitioning")) {
            const QString s = v.toString();
            if (s != QLatin1String("keep") && s != QLatin1String("by_key"))
                return bad(QStringLiteral("partitioning is \"keep\" or \"by_key\""));
            j.keepPartition = s == QLatin1String("keep");
        } else if (k == QLatin1String("timestamps")) {
            const QString s = v.toString();
            if (s != QLatin1String("keep") && s != QLatin1String("now"))
                return bad(QStringLiteral("timestamps is \"keep\" or \"now\""));
            j.keepTimestamps = s == QLatin1String("keep");
        } else if (k == QLatin1String("provenance")) {
            if (!v.isBool()) return bad(QStringLiteral("provenance is true or false"));
            j.provenance = v.toBool();
        } else if (k == QLatin1String("strip_headers")) {
            auto l = stringList(v, k);
            if (!l) return l.error();
            for (const QString& h : l.value())
                j.headerRules.push_back({HeaderRule::Strip, h.toUtf8(), {}});
        } else if (k == QLatin1String("set_headers")) {
            if (!v.isObject()) return bad(QStringLiteral("set_headers is an object of name: value"));
            const QJsonObject h = v.toObject();
            for (auto hi = h.begin(); hi != h.end(); ++hi)
                j.headerRules.push_back({HeaderRule::Set, hi.key().toUtf8(), hi.value().toString().toUtf8()});
        } else if (k == QLatin1String("mask_policy")) {
            if (!v.isBool()) return bad(QStringLiteral("mask_policy is true or false"));
            j.applyMaskPolicy = v.toBool();
        } else if (k == QLatin1String("remove_fields") || k == QLatin1String("mask_fields")) {
            auto l = stringList(v, k);
            if (!l) return l.error();
            (k == QLatin1String("remove_fields") ? j.removeFields : j.maskFields) = l.value();
        } else if (k == QLatin1String("pacing")) {
            if (!v.isObject()) return bad(QStringLiteral("pacing is an object"));
            const QJsonObject p = v.toObject();
            const QString mode = p.value(QStringLiteral("mode")).toString(QStringLiteral("fast"));
            if (mode == QLatin1String("fast")) {
                j.pacing.kind = ReplayPacing::Fast;
            } else if (mode == QLatin1String("original")) {
                j.pacing.kind = ReplayPacing::Original;
                j.pacing.speed = p.value(QStringLiteral("speed")).toDouble(1.0);
                if (!(j.pacing.speed > 0 && j.pacing.speed <= 1e6))
                    return bad(QStringLiteral("pacing.speed must be above 0"));
            } else if (mode == QLatin1String("rate")) {
                j.pacing.kind = ReplayPacing::Rate;
                j.pacing.rate = p.value(QStringLiteral("records_per_second")).toDouble(0);
                if (!(j.pacing.rate > 0))
                    return bad(QStringLiteral("pacing.records_per_second must be above 0"));
            } else {
                return bad(QStringLiteral("pacing.mode is fast, original or rate"));
            }
        } else if (k == QLatin1String("consumer")) {
            if (!v.isObject()) return bad(QStringLiteral("consumer is an object"));
            const QJsonObject c = v.toObject();
            for (auto ci = c.begin(); ci != c.end(); ++ci) {
                const QString ck = ci.key();
                if (ck == QLatin1String("command")) {
                    auto l = stringList(ci.value(), QStringLiteral("consumer.command"));
                    if (!l) return l.error();
                    j.consumer.command = l.value();
                } else if (ck == QLatin1String("input")) {
                    const QString in = ci.value().toString();
                    if (in != QLatin1String("stdin") && in != QLatin1String("kafka"))
                        return bad(QStringLiteral("consumer.input is \"stdin\" or \"kafka\""));
                    j.consumer.input =
                        in == QLatin1String("stdin") ? ReplayConsumer::Stdin : ReplayConsumer::Kafka;
                } else if (ck == QLatin1String("group")) {
                    j.consumer.group = ci.value().toString();
                } else if (ck == QLatin1String("wait_seconds")) {
                    j.consumer.waitSeconds = ci.value().toInt(30);
                } else {
                    return bad(QStringLiteral("unknown key consumer.%1").arg(ck));
                }
            }
            if (j.consumer.command.isEmpty()) return bad(QStringLiteral("consumer.command is missing"));
        } else if (k == QLatin1String("sandbox_prefix")) {
            j.sandboxPrefix = v.toString();
        } else if (k == QLatin1String("unlock")) {
            j.unlock = v.toString();
        } else {
            return bad(QStringLiteral("unknown key \"%1\"").arg(k));
        }
    }
    if (!haveSource) return bad(QStringLiteral("\"source\" is missing"));
    if (!haveTarget) return bad(QStringLiteral("\"target\" is missing"));
    if (auto r = j.validate(); !r) return r.error();
    return j;
}

Result<ReplayJob> ReplayJob::fromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > 1 << 20) return bad(QStringLiteral("%1 is larger than 1 MiB").arg(path));
    return fromJson(f.readAll());
}

QByteArray ReplayJob::toJson() const
{
    QJsonObject o;
    if (!name.isEmpty()) o[QStringLiteral("name")] = name;
    o[QStringLiteral("source")] = endpointJson(source, sourceTopic);
    o[QStringLiteral("target")] = endpointJson(target, targetTopic);
    if (!partitions.empty()) {
        QJsonArray a;
        for (PartitionId p : partitions)
            a.append(p);
        o[QStringLiteral("partitions")] = a;
    }
    if (fromOffset) o[QStringLiteral("from_offset")] = static_cast<qint64>(*fromOffset);
    if (toOffset) o[QStringLiteral("to_offset")] = static_cast<qint64>(*toOffset);
    auto iso = [](TimestampMs t) {
        return QDateTime::fromMSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    if (fromTime) o[QStringLiteral("from_time")] = iso(*fromTime);
    if (toTime) o[QStringLiteral("to_time")] = iso(*toTime);
    if (!filter.isEmpty()) o[QStringLiteral("filter")] = filter;
    o[QStringLiteral("partitioning")] = keepPartition ? QStringLiteral("keep") : QStringLiteral("by_key");
    o[QStringLiteral("timestamps")] = keepTimestamps ? QStringLiteral("keep") : QStringLiteral("now");
    o[QStringLiteral("provenance")] = provenance;
    QJsonArray strip;
    QJsonObject set;
    for (const HeaderRule& r : headerRules) {
        if (r.kind == HeaderRule::Strip)
            strip.append(QString::fromUtf8(r.name));
        else
            set[QString::fromUtf8(r.name)] = QString::fromUtf8(r.value);
    }
    if (!strip.isEmpty()) o[QStringLiteral("strip_headers")] = strip;
    if (!set.isEmpty()) o[QStringLiteral("set_headers")] = set;
    if (!removeFields.isEmpty())
        o[QStringLiteral("remove_fields")] = QJsonArray::fromStringList(removeFields);
    if (!maskFields.isEmpty()) o[QStringLiteral("mask_fields")] = QJsonArray::fromStringList(maskFields);
    if (!applyMaskPolicy) o[QStringLiteral("mask_policy")] = false; // the default is left out: ids stay
    QJsonObject p;
    p[QStringLiteral("mode")] = pacing.kind == ReplayPacing::Fast       ? QStringLiteral("fast")
                                : pacing.kind == ReplayPacing::Original ? QStringLiteral("original")
                                                                        : QStringLiteral("rate");
    if (pacing.kind == ReplayPacing::Original) p[QStringLiteral("speed")] = pacing.speed;
    if (pacing.kind == ReplayPacing::Rate) p[QStringLiteral("records_per_second")] = pacing.rate;
    o[QStringLiteral("pacing")] = p;
    if (!consumer.command.isEmpty()) {
        QJsonObject c;
        c[QStringLiteral("command")] = QJsonArray::fromStringList(consumer.command);
        c[QStringLiteral("input")] =
            consumer.input == ReplayConsumer::Stdin ? QStringLiteral("stdin") : QStringLiteral("kafka");
        if (!consumer.group.isEmpty()) c[QStringLiteral("group")] = consumer.group;
        c[QStringLiteral("wait_seconds")] = consumer.waitSeconds;
        o[QStringLiteral("consumer")] = c;
    }
    if (sandboxPrefix != QLatin1String("sandbox.")) o[QStringLiteral("sandbox_prefix")] = sandboxPrefix;
    if (!unlock.isEmpty()) o[QStringLiteral("unlock")] = unlock;
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<void> ReplayJob::validate() const
{
    // A cluster is shared: only its sandbox topics are written unless one is unlocked by name. A
    // workspace file is the user's own sandbox.
    const bool shared = isSharedSource(target);
    if (shared && !targetTopic.startsWith(sandboxPrefix) && unlock != targetTopic)
        return makeError(
            ErrorCode::Refused,
            QStringLiteral("refusing to write to Kafka topic '%1': replays go to topics starting with "
                           "'%2'. To write to it anyway, set \"unlock\" to the topic's exact name.")
                .arg(targetTopic, sandboxPrefix));
    if (sandboxPrefix.isEmpty() && shared && unlock != targetTopic)
        return makeError(ErrorCode::Refused, QStringLiteral("an empty sandbox prefix needs \"unlock\""));
    if (source.key() == target.key() && sourceTopic == targetTopic)
        return bad(QStringLiteral("the target is the source topic itself"));
    if (fromOffset && toOffset && *toOffset < *fromOffset)
        return bad(QStringLiteral("to_offset is before from_offset"));
    if (fromTime && toTime && *toTime < *fromTime) return bad(QStringLiteral("to_time is before from_time"));
    if (consumer.input == ReplayConsumer::Kafka && !consumer.command.isEmpty() && !shared)
        return bad(
            QStringLiteral("a consumer with \"input\": \"kafka\" needs a Kafka target; use \"stdin\""));
    for (const QString& f : removeFields + maskFields)
        if (f.isEmpty() || f.split(QLatin1Char('.')).contains(QString()))
            return bad(QStringLiteral("'%1' is not a field path (a.b.c)").arg(f));
    return {};
}

QString ReplayJob::defaultSandboxTopic(const QString& sourceTopic, TimestampMs now, const QString& prefix)
{
    return prefix + sourceTopic + QLatin1Char('.') +
           QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

MaskPolicy replayMaskPolicy(const ReplayJob& job)
{
    MaskPolicy p{job.maskFields, {}};
    return job.applyMaskPolicy ? p.merged(job.sourcePolicy) : p;
}

Result<std::optional<QByteArray>> transformValue(const ReplayJob& job, const std::optional<QByteArray>& value)
{
    const MaskPolicy policy = replayMaskPolicy(job);
    if (job.removeFields.isEmpty() && policy.fields.isEmpty()) return value;
    if (!value) return value; // a tombstone stays one
    if (!json::parseObject(*value))
        return makeError(
            ErrorCode::Parse,
            QStringLiteral("a value is not a JSON object, so its fields cannot be removed or masked; "
                           "the record was not written"));
    Masker masker(MaskPolicy{policy.fields, {}}, job.removeFields); // the one masking mechanism
    return masker.value(value);
}

Result<void> replayHeaderViews(const ReplayJob& job, const RecordView& source, QByteArrayView sourceTopic,
                               qint64 seq, ReplayHeaderScratch& scratch)
{
    std::vector<HeaderView>& out = scratch.out;
    out.clear();
    scratch.own.clear();
    if (auto r = decodeHeaderViews(source.headersBlob, scratch.own); !r) return r;
    for (const HeaderView& h : scratch.own) {
        bool keep = true;
        for (const HeaderRule& r : job.headerRules)
            if (r.name == h.key) keep = false; // stripped, or replaced by a Set below
        if (keep) out.push_back(h);
    }
    for (const HeaderRule& r : job.headerRules)
        if (r.kind == HeaderRule::Set) out.push_back({r.name, r.value, false});
    if (job.applyMaskPolicy && !job.sourcePolicy.headers.isEmpty()) // the policy's headers: "***"
        for (HeaderView& h : out)
            if (!h.valueNull && job.sourcePolicy.headers.contains(QString::fromUtf8(h.key)))
                h.value = kMaskedText;
    int slot = 0;
    auto number = [&](qint64 v) {
        char* buf = scratch.numbers[slot++];
        const auto end = std::to_chars(buf, buf + sizeof scratch.numbers[0], v).ptr;
        return QByteArrayView(buf, end - buf);
    };
    if (job.provenance) {
        out.push_back({"rewind.source.topic", sourceTopic, false});
        out.push_back({"rewind.source.partition", number(source.partition), false});
        out.push_back({"rewind.source.offset", number(source.offset), false});
        out.push_back({"rewind.source.timestamp", number(source.timestamp), false});
    }
    out.push_back({kSeqHeader, number(seq), false});
    return {};
}

Headers replayHeaders(const ReplayJob& job, const Record& source, qint64 seq)
{
    RecordView v;
    v.partition = source.partition;
    v.offset = source.offset;
    v.timestamp = source.timestamp;
    const QByteArray blob = encodeHeaders(source.headers);
    v.headersBlob = blob;
    const QByteArray topic = source.topic.toUtf8();
    ReplayHeaderScratch scratch;
    (void)replayHeaderViews(job, v, topic, seq, scratch); // our own encoding: never corrupt
    Headers out;
    out.reserve(scratch.out.size());
    for (const HeaderView& h : scratch.out)
        out.push_back({h.key.toByteArray(),
                       h.valueNull ? std::nullopt : std::optional<QByteArray>(h.value.toByteArray())});
    return out;
}

} // namespace rw
