#pragma once
// TLS and OIDC problems said in one plain sentence: the profile's TLS files checked before
// librdkafka connects, and a broker certificate that librdkafka's verification refused described
// by its names, issuer and dates. Nothing here ever contains a passphrase or a secret.
// Any thread (no shared state).

#include "kafka_profile.h"

#include <QString>

#include <cstddef>

namespace rw {

// The profile's TLS files (ssl_ca, ssl_cert, ssl_key) checked, when its protocol uses TLS:
// readable PEM, the client certificate within its dates, the key opened by its passphrase and
// belonging to the certificate. AuthenticationFailed names the file and the cause.
Result<void> checkTlsFiles(const KafkaProfile& profile);

// One sentence for a broker certificate that verification refused: `x509Error` is OpenSSL's
// X509_V_ERR_* code, `der` the certificate at that depth of the chain, `broker` librdkafka's name
// for the broker ("ssl://host:port/id"), `caFile` the profile's ssl_ca (empty: the system's CAs).
QString describeRefusedCertificate(int x509Error, int depth, const char* der, std::size_t size,
                                   const QString& broker, const QString& caFile);

// One sentence for a failure librdkafka reported while fetching an OIDC token (its error text),
// or an empty string when the text is not about the token.
QString describeOAuthFailure(const QString& librdkafkaText, const KafkaProfile& profile);

// One sentence for a TLS handshake the broker ended (its alert in librdkafka's error text), or an
// empty string when the text is not about a handshake.
QString describeHandshakeFailure(const QString& librdkafkaText, const KafkaProfile& profile);

} // namespace rw
