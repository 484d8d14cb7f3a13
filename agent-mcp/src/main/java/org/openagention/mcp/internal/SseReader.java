// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads one server-sent-events stream (the WHATWG event-stream format): hands each event's data
 * to a consumer, and remembers the last event id and the {@code retry} hint for reconnecting.
 */
final class SseReader {
    /**
     * How a stream ended.
     *
     * @param lastId the id of the last event seen, or null
     * @param retryMs the last {@code retry} hint, or -1
     * @param answered whether the response to the awaited request came
     */
    record Outcome(String lastId, long retryMs, boolean answered) {}

    private SseReader() {}

    /**
     * Reads until the stream ends or fails. {@code deliver} returns the id of a response it got,
     * compared with {@code awaited} (null: nothing awaited).
     */
    static Outcome read(InputStream in, Object awaited, Function<String, Object> deliver) {
        String lastId = null;
        long retry = -1;
        boolean answered = false;
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (hasData && !data.toString().isBlank()) {
                        Object id = deliver.apply(data.toString());
                        if (awaited != null && id != null && Objects.equals(String.valueOf(id), String.valueOf(awaited))) {
                            answered = true;
                        }
                    }
                    data.setLength(0);
                    hasData = false;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "data" -> {
                        if (hasData) {
                            data.append('\n');
                        }
                        data.append(value);
                        hasData = true;
                    }
                    case "id" -> {
                        if (!value.contains("\0")) {
                            lastId = value;
                        }
                    }
                    case "retry" -> {
                        if (value.matches("[0-9]+")) {
                            retry = Long.parseLong(value);
                        }
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            // The stream broke: treated as its end; the caller decides whether to resume.
        }
        return new Outcome(lastId, retry, answered);
    }
}
