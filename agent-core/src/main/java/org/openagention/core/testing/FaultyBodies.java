// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.openagention.core.internal.Json;

/** Small helpers for the bodies a {@link FaultyProvider} sends. */
final class FaultyBodies {
    private FaultyBodies() {}

    /** The model a request named, echoed in the answer as providers do; {@code faulty} if none. */
    static String model(String requestBody) {
        try {
            JsonNode model = Json.parse(requestBody).get("model");
            return model != null && model.isTextual() ? model.asText() : "faulty";
        } catch (Exception notJson) {
            return "faulty";
        }
    }

    /** {@code size} characters of readable ASCII text. */
    static String huge(int size) {
        String line = "All work and no play makes a huge response body. ";
        StringBuilder b = new StringBuilder(size);
        while (b.length() < size) {
            b.append(line, 0, Math.min(line.length(), size - b.length()));
        }
        return b.toString();
    }
}
