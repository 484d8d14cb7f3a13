// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** What the HTTP client transport asks about authorization. Implementations are thread-safe. */
public interface HttpAuthorizer {
    /** No authorization: 401 and 403 are errors. */
    HttpAuthorizer NONE = new HttpAuthorizer() {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }

        @Override
        public boolean unauthorized(HttpHeaders response) {
            return false;
        }

        @Override
        public boolean forbidden(HttpHeaders response) {
            return false;
        }
    };

    /** The {@code Authorization} header value to send, if any. */
    Optional<String> authorization();

    /** After a 401: obtains a token; true when the request should be sent again. */
    boolean unauthorized(HttpHeaders response);

    /** After a 403: obtains a token with more scope when the server asks for it; true to send again. */
    boolean forbidden(HttpHeaders response);
}
