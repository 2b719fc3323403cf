#include "banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace rw {

Banner::Banner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_label(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void Banner::showMessage(Kind kind, const QString& text)
{
    m_kind = kind;
    const auto icon = kind == Kind::Error     ? QStyle::SP_MessageBoxCritical
                      : kind == Kind::Warning ? QStyle::SP_MessageBoxWarning
                                              : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_label->setText(text);
    QPalette pal = palette();
    const QColor base = kind == Kind::Error     ? QColor(0xd3, 0x2f, 0x2f)
                        : kind == Kind::Warning ? QColor(0xf5, 0x9e, 0x0b)
                                                : QColor(0x25, 0x63, 0xeb);
    // A tint of the kind's colour over the current palette, so light and dark themes both work.
    const QColor window = pal.color(QPalette::Window);
    pal.setColor(QPalette::Window, QColor::fromRgbF(window.redF() * 0.8f + base.redF() * 0.2f,
                                                    window.greenF() * 0.8f + base.greenF() * 0.2f,
                                                    window.blueF() * 0.8f + base.blueF() * 0.2f));
    setPalette(pal);
    show();
}

QString Banner::text() const
{
    return isVisible() ? m_label->text() : QString();
}

} // namespace rw
