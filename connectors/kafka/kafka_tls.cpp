#include "kafka_tls.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

namespace rw {
namespace {

constexpr qint64 kMaxPemBytes = 1 << 20; // a certificate or key file is a few kilobytes

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

Error tlsError(const QString& message)
{
    return makeError(ErrorCode::AuthenticationFailed, message);
}

Result<QByteArray> readPem(const QString& path, const QString& what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tlsError(QStringLiteral("The %1 %2 cannot be read: %3.").arg(what, path, f.errorString()));
    if (f.size() > kMaxPemBytes)
        return tlsError(QStringLiteral("The %1 %2 is too large for a PEM file (%3 bytes).")
                            .arg(what, path)
                            .arg(f.size()));
    return f.readAll();
}

BioPtr memBio(const QByteArray& bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
}

QDateTime asnTime(const ASN1_TIME* t)
{
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

QString dayOf(const QDateTime& t)
{
    return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                       : QStringLiteral("an unknown date");
}

QString nameEntry(const X509_NAME* name, int nid)
{
    if (!name) return {};
    const int i = X509_NAME_get_index_by_NID(name, nid, -1);
    if (i < 0) return {};
    const ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
    unsigned char* utf8 = nullptr;
    const int n = ASN1_STRING_to_UTF8(&utf8, s);
    if (n < 0) return {};
    QString out = QString::fromUtf8(reinterpret_cast<const char*>(utf8), n).left(200);
    OPENSSL_free(utf8);
    return out;
}

// The names a certificate is for: its subjectAltName DNS and IP entries, else its common name.
QStringList namesOf(X509* cert)
{
    QStringList names;
    auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (sans) {
        for (int i = 0; i < sk_GENERAL_NAME_num(sans) && names.size() < 20; ++i) {
            const GENERAL_NAME* g = sk_GENERAL_NAME_value(sans, i);
            if (g->type == GEN_DNS) {
                const ASN1_STRING* s = g->d.dNSName;
                names << QString::fromLatin1(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                             ASN1_STRING_length(s))
                             .left(200);
            } else if (g->type == GEN_IPADD) {
                const ASN1_OCTET_STRING* s = g->d.iPAddress;
                const unsigned char* b = ASN1_STRING_get0_data(s);
                if (ASN1_STRING_length(s) == 4) {
                    names << QStringLiteral("%1.%2.%3.%4").arg(b[0]).arg(b[1]).arg(b[2]).arg(b[3]);
                } else if (ASN1_STRING_length(s) == 16) {
                    QStringList groups;
                    for (int k = 0; k < 16; k += 2)
                        groups << QString::number((b[k] << 8) | b[k + 1], 16);
                    names << groups.join(QLatin1Char(':'));
                }
            }
        }
        GENERAL_NAMES_free(sans);
    }
    if (names.isEmpty()) {
        const QString cn = nameEntry(X509_get_subject_name(cert), NID_commonName);
        if (!cn.isEmpty()) names << cn;
    }
    return names;
}

QString issuerOf(X509* cert)
{
    const X509_NAME* issuer = X509_get_issuer_name(cert);
    QString cn = nameEntry(issuer, NID_commonName);
    if (cn.isEmpty()) cn = nameEntry(issuer, NID_organizationName);
    return cn.isEmpty() ? QStringLiteral("an unnamed issuer") : cn;
}

// "ssl://127.0.0.1:9093/1" or "sasl_ssl://host:9093/bootstrap" -> "127.0.0.1:9093"
QString brokerAddress(const QString& broker)
{
    QString b = broker;
    if (const qsizetype scheme = b.indexOf(QLatin1String("://")); scheme >= 0) b = b.mid(scheme + 3);
    if (const qsizetype slash = b.indexOf(QLatin1Char('/')); slash >= 0) b = b.left(slash);
    return b;
}

QString hostOf(const QString& address)
{
    if (address.startsWith(QLatin1Char('['))) return address.mid(1, address.indexOf(QLatin1Char(']')) - 1);
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    return colon > 0 ? address.left(colon) : address;
}

int passphraseCallback(char* buf, int size, int, void* userdata)
{
    const QByteArray* pass = static_cast<const QByteArray*>(userdata);
    if (!pass || pass->isEmpty() || pass->size() > size) return -1;
    std::copy(pass->begin(), pass->end(), buf);
    return static_cast<int>(pass->size());
}

Result<X509Ptr> loadCertificate(const QString& path, const QString& what)
{
    auto pem = readPem(path, what);
    if (!pem) return pem.error();
    BioPtr bio = memBio(pem.value());
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!cert) return tlsError(QStringLiteral("The %1 %2 holds no PEM certificate.").arg(what, path));
    return cert;
}

} // namespace

Result<void> checkTlsFiles(const KafkaProfile& profile)
{
    const QString proto = profile.securityProtocol.toLower();
    if (proto != QLatin1String("ssl") && proto != QLatin1String("sasl_ssl")) return {};
    if (!profile.caFile.isEmpty()) {
        auto ca = loadCertificate(profile.caFile, QStringLiteral("CA file"));
        if (!ca) return ca.error();
    }
    if (profile.certFile.isEmpty()) return {};
    auto cert = loadCertificate(profile.certFile, QStringLiteral("client certificate"));
    if (!cert) return cert.error();
    X509* c = cert.value().get();
    const QString who = namesOf(c).value(0, QFileInfo(profile.certFile).fileName());
    if (X509_cmp_current_time(X509_get0_notAfter(c)) < 0)
        return tlsError(
            QStringLiteral("The client certificate %1 (%2) expired on %3; the broker would refuse it. "
                           "Ask for a new one.")
                .arg(profile.certFile, who, dayOf(asnTime(X509_get0_notAfter(c)))));
    if (X509_cmp_current_time(X509_get0_notBefore(c)) > 0)
        return tlsError(QStringLiteral("The client certificate %1 (%2) is not valid before %3.")
                            .arg(profile.certFile, who, dayOf(asnTime(X509_get0_notBefore(c)))));
    if (profile.keyFile.isEmpty()) return {};
    auto pem = readPem(profile.keyFile, QStringLiteral("client key"));
    if (!pem) return pem.error();
    const bool encrypted = pem.value().contains("ENCRYPTED");
    QByteArray pass = profile.keyPassword.toUtf8();
    BioPtr bio = memBio(pem.value());
    KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &pass));
    ERR_clear_error();
    pass.fill('\0');
    if (!key) {
        if (encrypted && profile.keyPassword.isEmpty())
            return tlsError(
                QStringLiteral("The client key %1 is encrypted, and no passphrase was given for it.")
                    .arg(profile.keyFile));
        if (encrypted)
            return tlsError(
                QStringLiteral("The passphrase does not open the client key %1.").arg(profile.keyFile));
        return tlsError(QStringLiteral("The client key %1 holds no PEM private key.").arg(profile.keyFile));
    }
    if (X509_check_private_key(c, key.get()) != 1) {
        ERR_clear_error();
        return tlsError(QStringLiteral("The client key %1 does not belong to the client certificate %2.")
                            .arg(profile.keyFile, profile.certFile));
    }
    return {};
}

QString describeRefusedCertificate(int x509Error, int depth, const char* der, std::size_t size,
                                   const QString& broker, const QString& caFile)
{
    const QString address = brokerAddress(broker);
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der);
    X509Ptr cert(der && size > 0 && size < static_cast<std::size_t>(kMaxPemBytes)
                     ? d2i_X509(nullptr, &p, static_cast<long>(size))
                     : nullptr);
    ERR_clear_error();
    const QString names = cert ? namesOf(cert.get()).join(QStringLiteral(", ")) : QString();
    const QString trusted = caFile.isEmpty()
                                ? QStringLiteral("the system's CAs (set ssl_ca to the cluster's CA file)")
                                : QStringLiteral("the CA file %1").arg(caFile);
    switch (x509Error) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return QStringLiteral(
                   "The broker at %1 presented a TLS certificate for %2, not for %3: check the bootstrap "
                   "address, or ask for a certificate that names it.")
            .arg(address, names.isEmpty() ? QStringLiteral("no name") : names, hostOf(address));
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        if (depth > 0) // the chain reached a CA we do not trust: name that CA
            return QStringLiteral(
                       "The broker at %1 presented a TLS certificate signed by %2, a CA that is not in %3.")
                .arg(address, names.isEmpty() ? QStringLiteral("an unnamed CA") : names, trusted);
        return QStringLiteral("The broker at %1 presented a TLS certificate (%2, issued by %3) whose issuer "
                              "is not in %4.")
            .arg(address, names.isEmpty() ? QStringLiteral("no name") : names,
                 cert ? issuerOf(cert.get()) : QStringLiteral("an unknown issuer"), trusted);
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return QStringLiteral("The broker at %1 presented a TLS certificate (%2) that expired on %3.")
            .arg(address, names, cert ? dayOf(asnTime(X509_get0_notAfter(cert.get()))) : QStringLiteral("?"));
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return QStringLiteral(
                   "The broker at %1 presented a TLS certificate (%2) that is not valid before %3.")
            .arg(address, names,
                 cert ? dayOf(asnTime(X509_get0_notBefore(cert.get()))) : QStringLiteral("?"));
    default:
        return QStringLiteral(
                   "The broker at %1 presented a TLS certificate (%2) that could not be verified: %3.")
            .arg(address, names, QString::fromLatin1(X509_verify_cert_error_string(x509Error)));
    }
}

QString describeOAuthFailure(const QString& text, const KafkaProfile& profile)
{
    if (!text.contains(QLatin1String("OAUTHBEARER")) && !text.contains(QLatin1String("OIDC"))) return {};
    const QString url = profile.oauthTokenUrl.trimmed();
    // librdkafka quotes the issuer's JSON answer: {"error":"invalid_client","error_description":"..."}
    const qsizetype open = text.indexOf(QLatin1Char('{')), close = text.lastIndexOf(QLatin1Char('}'));
    if (open >= 0 && close > open) {
        const QJsonObject o = QJsonDocument::fromJson(text.mid(open, close - open + 1).toUtf8()).object();
        const QString error = o.value(QStringLiteral("error")).toString().left(100);
        const QString description = o.value(QStringLiteral("error_description")).toString().left(200);
        if (!error.isEmpty())
            return QStringLiteral("The OIDC issuer at %1 refused the client credentials of %2: %3%4.")
                .arg(url, profile.oauthClientId, error,
                     description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description));
    }
    if (text.contains(QLatin1String("connect"), Qt::CaseInsensitive) ||
        text.contains(QLatin1String("resolve"), Qt::CaseInsensitive))
        return QStringLiteral("The OIDC issuer at %1 did not answer: check the token endpoint's URL.")
            .arg(url);
    return QStringLiteral("No OIDC token could be had from %1 for %2 (%3).")
        .arg(url, profile.oauthClientId, text.left(300));
}

QString describeHandshakeFailure(const QString& text, const KafkaProfile& profile)
{
    // TLS 1.3 may end the handshake after it seemed done: the alert then arrives on the first read.
    if (!text.contains(QLatin1String("SSL handshake failed")) &&
        !(text.contains(QLatin1String("SSL routines")) && text.contains(QLatin1String("alert"))))
        return {};
    // The broker's alert names why it ended the handshake.
    const bool refusedClient =
        text.contains(QLatin1String("alert")) &&
        (text.contains(QLatin1String("certificate")) || text.contains(QLatin1String("unknown ca")) ||
         text.contains(QLatin1String("handshake failure")));
    if (refusedClient)
        return profile.certFile.isEmpty()
                   ? QStringLiteral(
                         "The broker ended the TLS handshake: its listener needs a client certificate "
                         "(set ssl_cert and ssl_key).")
                   : QStringLiteral(
                         "The broker refused the client certificate %1: it is not signed by a CA the "
                         "broker trusts, or the broker does not accept it.")
                         .arg(profile.certFile);
    if (text.contains(QLatin1String("wrong version number")) || text.contains(QLatin1String("packet length")))
        return QStringLiteral(
            "The broker did not answer in TLS: the address may be a plaintext listener (check "
            "the security protocol and port).");
    return {};
}

} // namespace rw
