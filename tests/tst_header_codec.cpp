#include "header_codec.h"

#include <QTest>

using namespace rw;

class TstHeaderCodec : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsOrderRepeatsNullAndEmpty()
    {
        const Headers in = {{"trace_id", QByteArray("abc")},
                            {"dup", QByteArray("1")},
                            {"dup", QByteArray("2")},
                            {"null", std::nullopt},
                            {"empty", QByteArray("", 0)},
                            {"bin", QByteArray("\x00\xff\x01", 3)},
                            {QByteArray("", 0), QByteArray("no key")}};
        const QByteArray blob = encodeHeaders(in);
        auto out = decodeHeaders(blob);
        QVERIFY(out.ok());
        QCOMPARE(out.value().size(), in.size());
        for (size_t i = 0; i < in.size(); ++i) {
            QCOMPARE(out.value()[i].key, in[i].key);
            QCOMPARE(out.value()[i].value.has_value(), in[i].value.has_value());
            if (in[i].value) QCOMPARE(*out.value()[i].value, *in[i].value);
        }
        QVERIFY(!out.value()[3].value.has_value());
        QVERIFY(out.value()[4].value.has_value() && out.value()[4].value->isEmpty());
    }

    void emptyListEncodesToNothing()
    {
        QVERIFY(encodeHeaders({}).isEmpty());
        auto out = decodeHeaders(QByteArrayView());
        QVERIFY(out.ok());
        QVERIFY(out.value().empty());
    }

    void largeValueUsesMultiByteLengths()
    {
        const QByteArray big(300000, 'x');
        auto out = decodeHeaders(encodeHeaders({{"big", big}}));
        QVERIFY(out.ok());
        QCOMPARE(*out.value()[0].value, big);
    }

    void everyTruncationIsAnErrorNotACrash()
    {
        const QByteArray blob =
            encodeHeaders({{"a", QByteArray("value")}, {"bb", std::nullopt}, {"c", QByteArray(200, 'z')}});
        for (qsizetype n = 1; n < blob.size(); ++n) {
            auto out = decodeHeaders(QByteArrayView(blob).first(n));
            QVERIFY2(!out.ok(), qPrintable(QStringLiteral("prefix of %1 bytes decoded").arg(n)));
            QCOMPARE(out.error().code, ErrorCode::Corrupt);
        }
    }

    void hostileLengthsAreRejected()
    {
        // count claims 2^63, key length claims more than the blob holds, trailing bytes
        QVERIFY(!decodeHeaders(QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 9)).ok());
        QVERIFY(!decodeHeaders(QByteArray("\x01\x7f"
                                          "ab",
                                          4))
                     .ok());
        QVERIFY(!decodeHeaders(encodeHeaders({{"k", QByteArray("v")}}) + "x").ok());
        QVERIFY(!decodeHeaders(QByteArray("\x01\x01k\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 15)).ok());
    }
};

QTEST_APPLESS_MAIN(TstHeaderCodec)
#include "tst_header_codec.moc"
