#pragma once
// A non-modal message strip shown above the content: what failed and what to do. Text is
// always plain (never rich text), whatever it contains. GUI thread only.

#include <QFrame>

class QLabel;
class QToolButton;

namespace rw {

class Banner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Error, Warning, Info };
    explicit Banner(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel* m_icon;
    QLabel* m_label;
    QToolButton* m_close;
    Kind m_kind = Kind::Info;
};

} // namespace rw
