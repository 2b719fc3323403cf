// A small OpenID Connect token issuer for the test broker, on loopback only: the client-credentials
// grant at /token, its signing key as a JWKS at /jwks. The broker validates the tokens against the
// JWKS (OAuthBearerValidatorCallbackHandler); librdkafka fetches them with sasl.oauthbearer.method=oidc.
// JDK only (HttpServer, RSA, SHA256withRSA), so it builds with javac and needs no download.
//
//   java -cp DIR OidcIssuer --port N --audience kafka --client ID:SECRET [--client ID:SECRET ...]
//
// Tokens: RS256, kid "rewind-test", claims iss, sub (the client id), aud, iat, exp (1 hour), scope.
// A wrong or missing client secret gets 401 {"error":"invalid_client"}; another grant type 400.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

public final class OidcIssuer {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String KID = "rewind-test";

    private static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    // A BigInteger as the unsigned big-endian bytes a JWK wants (no sign byte).
    private static String unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            b = t;
        }
        return b64(b);
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        String audience = "kafka";
        Map<String, String> clients = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
            case "--port": port = Integer.parseInt(args[i + 1]); break;
            case "--audience": audience = args[i + 1]; break;
            case "--client": {
                String c = args[i + 1];
                int colon = c.indexOf(':');
                clients.put(c.substring(0, colon), c.substring(colon + 1));
                break;
            }
            default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KID +
                      "\",\"n\":\"" + unsigned(pub.getModulus()) + "\",\"e\":\"" +
                      unsigned(pub.getPublicExponent()) + "\"}]}";
        String issuer = "http://127.0.0.1:" + port;
        String aud = audience;

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/jwks", ex -> reply(ex, 200, jwks));
        server.createContext("/token", ex -> {
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, "{\"error\":\"invalid_request\",\"error_description\":\"POST only\"}");
                return;
            }
            Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String id = f.get("client_id"), secret = f.get("client_secret");
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
                }
            }
            if (!"client_credentials".equals(f.get("grant_type"))) {
                reply(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            if (id == null || secret == null || !secret.equals(clients.get(id))) {
                reply(ex, 401, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}");
                return;
            }
            long now = System.currentTimeMillis() / 1000;
            String scope = f.getOrDefault("scope", "kafka");
            String header = b64(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}").getBytes(StandardCharsets.UTF_8));
            String claims = b64(("{\"iss\":" + json(issuer) + ",\"sub\":" + json(id) + ",\"aud\":" + json(aud) +
                                 ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"scope\":" + json(scope) + "}")
                                    .getBytes(StandardCharsets.UTF_8));
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(keys.getPrivate());
                s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                String jwt = header + "." + claims + "." + b64(s.sign());
                reply(ex, 200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            } catch (Exception e) {
                reply(ex, 500, "{\"error\":\"server_error\"}");
            }
        });
        server.start();
        System.out.println("issuer " + issuer + " ready");
    }
}
