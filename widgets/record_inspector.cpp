#include "record_inspector.h"

#include "envelope.h"
#include "header_codec.h"
#include "json.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace rw {

namespace {

// Colours JSON text by token; works on plain text, never interprets it.
class JsonHighlighter : public QSyntaxHighlighter {
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString& text) override
    {
        static const QRegularExpression key(QStringLiteral(R"("(?:[^"\\]|\\.)*"(?=\s*:))"));
        static const QRegularExpression str(QStringLiteral(R"("(?:[^"\\]|\\.)*")"));
        static const QRegularExpression num(QStringLiteral(R"((?<![\w"])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"));
        static const QRegularExpression lit(QStringLiteral(R"(\b(?:true|false|null)\b)"));
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        QTextCharFormat fStr, fKey, fNum, fLit;
        fKey.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x45, 0x8a));
        fStr.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
        fNum.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
        fLit.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
        for (auto [re, f] : {std::pair{&num, &fNum}, std::pair{&lit, &fLit}, std::pair{&str, &fStr},
                             std::pair{&key, &fKey}}) {
            auto it = re->globalMatch(text);
            while (it.hasNext()) {
                const auto m = it.next();
                setFormat(static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()), *f);
            }
        }
    }
};

QString hexDump(QByteArrayView b, qsizetype limit)
{
    QString out;
    const qsizetype n = std::min(b.size(), limit);
    for (qsizetype i = 0; i < n; i += 16) {
        QString hex, ascii;
        for (qsizetype j = i; j < i + 16; ++j) {
            if (j < n) {
                const auto c = static_cast<unsigned char>(b[j]);
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 0x20 && c < 0x7f ? QChar(c) : QLatin1Char('.');
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 %3\n").arg(i, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    if (n < b.size()) out += QStringLiteral("… %1 more bytes\n").arg(b.size() - n);
    return out;
}

QPlainTextEdit* textView(const char* name)
{
    auto* e = new QPlainTextEdit;
    e->setObjectName(QLatin1String(name));
    e->setReadOnly(true);
    e->setLineWrapMode(QPlainTextEdit::NoWrap);
    e->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return e;
}

} // namespace

RecordInspector::RecordInspector(QWidget* parent)
    : QWidget(parent), m_title(new QLabel), m_tabs(new QTabWidget), m_value(textView("inspectorValue")),
      m_key(textView("inspectorKey")), m_hex(textView("inspectorHex")), m_headers(new QTableWidget(0, 2)),
      m_showAll(new QPushButton(tr("Show all")))
{
    setObjectName(QStringLiteral("recordInspector"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setMinimumWidth(40);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headers->setObjectName(QStringLiteral("inspectorHeaders"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    new JsonHighlighter(m_value->document());
    m_tabs->addTab(m_value, tr("Value"));
    m_tabs->addTab(m_key, tr("Key"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_hex, tr("Hex"));
    m_copied = new QLabel;
    m_copied->setObjectName(QStringLiteral("inspectorCopied"));
    m_copied->setTextFormat(Qt::PlainText);
    auto* copyJson = new QPushButton(tr("Copy value"));
    auto* copyEnvelope = new QPushButton(tr("Copy as NDJSON"));
    auto* copyCommand = new QPushButton(tr("Copy command"));
    copyCommand->setToolTip(tr("The rewind-cli command that prints this record"));
    connect(copyJson, &QPushButton::clicked, this, &RecordInspector::copyJson);
    connect(copyEnvelope, &QPushButton::clicked, this, &RecordInspector::copyEnvelope);
    connect(copyCommand, &QPushButton::clicked, this, &RecordInspector::copyCommand);
    connect(m_showAll, &QPushButton::clicked, this, [this] { render(true); });
    auto* pin = new QPushButton(tr("Pin"));
    pin->setObjectName(QStringLiteral("inspectorPin"));
    pin->setToolTip(tr("Pin this record to the case, with a note in the Case tab (Ctrl+B)"));
    connect(pin, &QPushButton::clicked, this, [this] {
        if (m_has) emit pinRequested(m_record);
    });
    auto* pinKey = new QAction(this); // while the inspector (or a part of it) has the focus
    pinKey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    pinKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(pinKey, &QAction::triggered, pin, &QPushButton::click);
    addAction(pinKey);
    m_reveal = new QPushButton(tr("Reveal"));
    m_reveal->setObjectName(QStringLiteral("inspectorReveal"));
    m_reveal->setToolTip(
        tr("Show this record's personal data, which the masking policy hides (copies stay masked)"));
    m_reveal->hide();
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        m_revealed = !m_revealed;
        render(false);
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(pin);
    buttons->addWidget(copyJson);
    buttons->addWidget(copyEnvelope);
    buttons->addWidget(copyCommand);
    buttons->addWidget(m_copied);
    buttons->addStretch(1);
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_showAll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    m_schema = new QLabel;
    m_schema->setObjectName(QStringLiteral("inspectorSchema"));
    m_schema->setTextFormat(Qt::PlainText);
    m_schema->setWordWrap(true);
    m_schema->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_schema->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_schema->hide();
    m_schemaHistory = new QPushButton(tr("Schema history…"));
    m_schemaHistory->setObjectName(QStringLiteral("inspectorSchemaHistory"));
    m_schemaHistory->setToolTip(tr("When this topic's writer schema changed, and what changed"));
    m_schemaHistory->hide();
    connect(m_schemaHistory, &QPushButton::clicked, this, [this] {
        if (m_record.decoding) emit schemaHistoryRequested(m_record.topic, m_record.decoding->value.schemaId);
    });
    auto* schemaRow = new QHBoxLayout;
    schemaRow->addWidget(m_schema, 1);
    schemaRow->addWidget(m_schemaHistory, 0, Qt::AlignTop);
    layout->addLayout(schemaRow);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);
    clear();
}

void RecordInspector::clear()
{
    m_has = false;
    m_record = Record();
    m_title->setText(tr("Select a record to inspect it."));
    m_schema->hide();
    m_schemaHistory->hide();
    m_reveal->hide();
    m_value->clear();
    m_key->clear();
    m_hex->clear();
    m_headers->setRowCount(0);
    m_showAll->hide();
}

void RecordInspector::showRecord(const Record& record, const QString& sourceHint)
{
    m_record = record;
    m_source = sourceHint;
    m_has = true;
    m_revealed = false;
    setMasking(m_policy, m_hide);
}

void RecordInspector::setMasking(const MaskPolicy& policy, bool hide)
{
    m_policy = policy;
    m_hide = hide;
    m_masked = m_record;
    if (!m_policy.empty() && m_has) {
        Masker masker(m_policy);
        auto v = masker.value(m_record.value);
        m_masked.value =
            v ? v.value() : std::optional<QByteArray>(QByteArray(kMaskedText)); // not an object: all of it
        m_masked.headers = masker.headers(m_record.headers);
        if (m_masked.decoding) m_masked.decoding->rawValue.reset(); // the stored bytes hold it too
    }
    if (m_has) render(false);
}

void RecordInspector::render(bool all)
{
    m_showsMasked = !m_policy.empty() && m_hide && !m_revealed;
    m_reveal->setVisible(!m_policy.empty() && m_hide);
    m_reveal->setText(m_revealed ? tr("Hide personal data") : tr("Reveal"));
    const Record& r = m_showsMasked ? m_masked : m_record;
    // Bytes as stored: a decoded key or value counts its stored bytes, not its JSON.
    const auto storedSize = [](const std::optional<QByteArray>& shown, const std::optional<QByteArray>& raw) {
        return raw ? raw->size() : (shown ? shown->size() : 0);
    };
    const qint64 size = storedSize(r.key, r.decoding ? r.decoding->rawKey : std::nullopt) +
                        storedSize(r.value, r.decoding ? r.decoding->rawValue : std::nullopt) +
                        headersPayloadSize(r.headers);
    m_title->setText(
        tr("%1-%2 @ %3 · %4 (%5) · %6 bytes")
            .arg(r.topic)
            .arg(r.partition)
            .arg(r.offset)
            .arg(QDateTime::fromMSecsSinceEpoch(r.timestamp, Qt::UTC).toString(Qt::ISODateWithMs),
                 r.timestampType == TimestampType::CreateTime ? tr("create time") : tr("log-append time"))
            .arg(size));
    // Schema-encoded records: what decoded them (subject, version, id), or why not; the hex tab
    // shows the bytes as stored.
    QStringList schemaLines;
    if (r.decoding) {
        auto describe = [&](const SchemaUse& u, const QString& side) {
            if (u.decoded && u.schemaId < 0) // a schema file mapped to the topic
                schemaLines << tr("%1: %2, schema file %3").arg(side, u.format, u.subject);
            else if (u.decoded)
                schemaLines << (u.subject.isEmpty()
                                    ? tr("%1: %2, schema id %3").arg(side, u.format).arg(u.schemaId)
                                    : tr("%1: %2, schema id %3 · %4 version %5")
                                          .arg(side, u.format)
                                          .arg(u.schemaId)
                                          .arg(u.subject)
                                          .arg(u.version));
            else if (!u.error.isEmpty())
                schemaLines << tr("%1 not decoded, shown as stored: %2").arg(side, u.error.left(500));
        };
        describe(r.decoding->key, tr("Key"));
        describe(r.decoding->value, tr("Value"));
    }
    m_schema->setText(schemaLines.join(QLatin1Char('\n')));
    m_schema->setVisible(!schemaLines.isEmpty());
    m_schemaHistory->setVisible(r.decoding && r.decoding->value.schemaId >= 0);
    const QByteArray value = r.value.value_or(QByteArray());
    const bool big = value.size() > kShowLimit && !all;
    const QByteArrayView shown = big ? QByteArrayView(value).first(kShowLimit) : QByteArrayView(value);
    m_showAll->setVisible(big);
    if (big)
        m_showAll->setText(tr("Show all (%1 MB)").arg(static_cast<double>(value.size()) / 1e6, 0, 'f', 1));
    if (!r.value) {
        m_view = QStringLiteral("text");
        m_value->setPlainText(tr("∅ null value (tombstone)"));
    } else if (!big && json::isValidJson(value)) {
        m_view = QStringLiteral("json");
        m_value->setPlainText(QString::fromUtf8(json::pretty(value))); // members in the producer's order
    } else if (json::isValidUtf8(shown)) {
        m_view = QStringLiteral("text");
        m_value->setPlainText(QString::fromUtf8(shown) +
                              (big ? QStringLiteral("\n… (truncated)") : QString()));
    } else {
        m_view = QStringLiteral("hex");
        m_value->setPlainText(hexDump(shown, all ? shown.size() : 64 * 1024));
    }
    if (!r.key)
        m_key->setPlainText(tr("∅ null key"));
    else
        m_key->setPlainText(json::isValidUtf8(*r.key) ? QString::fromUtf8(*r.key)
                                                      : hexDump(*r.key, 64 * 1024));
    if (r.decoding && r.decoding->rawValue) {
        const QByteArray& stored = *r.decoding->rawValue;
        m_hex->setPlainText(hexDump(stored, all ? stored.size() : 64 * 1024));
    } else {
        m_hex->setPlainText(hexDump(shown, all ? shown.size() : 64 * 1024));
    }
    m_headers->setRowCount(static_cast<int>(r.headers.size()));
    for (int i = 0; i < static_cast<int>(r.headers.size()); ++i) {
        const Header& h = r.headers[static_cast<size_t>(i)];
        m_headers->setItem(i, 0, new QTableWidgetItem(QString::fromUtf8(h.key)));
        const QString v = !h.value ? QStringLiteral("∅ null")
                          : json::isValidUtf8(*h.value)
                              ? QString::fromUtf8(h.value->left(4096))
                              : QStringLiteral("binary ") + QString::fromLatin1(h.value->left(64).toHex(' '));
        m_headers->setItem(i, 1, new QTableWidgetItem(v));
    }
}

QString RecordInspector::valueText() const
{
    return m_value->toPlainText();
}

QString RecordInspector::currentView() const
{
    return m_view;
}

QString RecordInspector::copyFeedback() const
{
    return m_copied->text();
}

// Says what went to the clipboard, beside the buttons, for a few seconds.
void RecordInspector::copied(const QString& what, qsizetype chars)
{
    m_copied->setText(tr("✓ Copied %1 (%n character(s))", nullptr, static_cast<int>(chars)).arg(what));
    QTimer::singleShot(4000, m_copied, [label = m_copied, text = m_copied->text()] {
        if (label->text() == text) label->clear();
    });
}

void RecordInspector::copyJson()
{
    if (!m_has) {
        m_copied->setText(tr("Nothing to copy: no record is shown."));
        return;
    }
    const QString text = copySource().value ? QString::fromUtf8(*copySource().value) : QString();
    QApplication::clipboard()->setText(text);
    copied(tr("the value"), text.size());
}

void RecordInspector::copyEnvelope()
{
    if (!m_has) {
        m_copied->setText(tr("Nothing to copy: no record is shown."));
        return;
    }
    QByteArray line;
    appendEnvelope(line, copySource());
    const QString text = QString::fromUtf8(line);
    QApplication::clipboard()->setText(text);
    copied(tr("the record as NDJSON"), text.size());
}

void RecordInspector::copyCommand()
{
    if (!m_has) {
        m_copied->setText(tr("Nothing to copy: no record is shown."));
        return;
    }
    const QString text = QStringLiteral("rewind-cli consume '%1' -t '%2' -p %3 -o %4 -c 1 -J")
                             .arg(m_source, m_record.topic)
                             .arg(m_record.partition)
                             .arg(m_record.offset);
    QApplication::clipboard()->setText(text);
    copied(tr("the command"), text.size());
}

} // namespace rw
