// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A signed JWT that proves a client's identity at the token endpoint ({@code private_key_jwt},
 * RFC 7523): issuer and subject the client id, audience the authorization server's issuer, valid
 * for five minutes, with a unique {@code jti}. ES256 signatures are in the JWS (IEEE P1363) form.
 */
final class ClientAssertion {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {}

    static String sign(String clientId, String audience, String privateKeyPem, String algorithm) {
        ObjectNode header = McpJson.MAPPER.createObjectNode().put("alg", algorithm).put("typ", "JWT");
        long now = System.currentTimeMillis() / 1000;
        ObjectNode claims = McpJson.MAPPER.createObjectNode().put("iss", clientId).put("sub", clientId).put("aud", audience)
                .put("iat", now).put("exp", now + 300).put("jti", UUID.randomUUID().toString());
        String signingInput = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            boolean ec = algorithm.equals("ES256");
            PrivateKey key = KeyFactory.getInstance(ec ? "EC" : "RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem)));
            Signature signature = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot sign the client assertion with the configured " + algorithm + " key: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
