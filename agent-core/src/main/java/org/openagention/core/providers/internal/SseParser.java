// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a text/event-stream body into events, following the WHATWG server-sent-events rules:
 * lines end with LF, CR or CRLF; a blank line dispatches the event; {@code data:} lines are
 * joined with {@code \n}; one space after the colon is dropped; lines starting with {@code :} are
 * comments; a field line without a colon is a field with an empty value; an event with no data
 * line is not dispatched. {@code id} and {@code retry} are read and ignored (no reconnection).
 * Not thread-safe; one parser per body.
 */
final class SseParser {
    /** What the parser hands each complete event to. */
    interface Sink {
        /** Returns false to stop reading (the {@code [DONE]} sentinel). */
        boolean event(String name, String data) throws IOException;
    }

    private static final String DEFAULT_EVENT = "message";

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;

    private String eventName;
    private StringBuilder data;
    private boolean hasData;

    SseParser(InputStream in) {
        this.in = in;
    }

    /** Reads events until the body ends or the sink returns false; true when the sink stopped it. */
    boolean parse(Sink sink) throws IOException {
        while (true) {
            int len = readLine();
            if (len < 0) {
                if (lineLength > 0) {
                    processLine(lineLength);
                }
                return false; // an event without its terminating blank line is dropped, per the spec
            }
            if (len == 0) {
                if (dispatch(sink)) {
                    return true;
                }
            } else {
                processLine(len);
            }
        }
    }

    private boolean dispatch(Sink sink) throws IOException {
        if (!hasData) {
            eventName = null;
            return false;
        }
        String name = eventName == null || eventName.isEmpty() ? DEFAULT_EVENT : eventName;
        String text = data.toString();
        eventName = null;
        data.setLength(0);
        hasData = false;
        return !sink.event(name, text);
    }

    private void processLine(int len) {
        byte[] l = line;
        if (l[0] == ':') {
            return;
        }
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (l[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? len : colon;
        int valueStart = colon < 0 ? len : colon + 1;
        if (valueStart < len && l[valueStart] == ' ') {
            valueStart++;
        }
        if (is(l, nameEnd, "data")) {
            if (data == null) {
                data = new StringBuilder(len);
            } else if (hasData) {
                data.append('\n');
            }
            data.append(new String(l, valueStart, len - valueStart, StandardCharsets.UTF_8));
            hasData = true;
        } else if (is(l, nameEnd, "event")) {
            eventName = new String(l, valueStart, len - valueStart, StandardCharsets.UTF_8);
        }
        // "id", "retry" and unknown fields are ignored
    }

    private static boolean is(byte[] l, int nameEnd, String field) {
        if (nameEnd != field.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (l[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads one line into {@code line}; returns its length, or -1 at the end of the body. */
    private int readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            byte b = buf[pos++];
            if (lastWasCr) {
                lastWasCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                return lineLength;
            }
            if (b == '\r') {
                lastWasCr = true;
                return lineLength;
            }
            if (lineLength == line.length) {
                byte[] bigger = new byte[line.length * 2];
                System.arraycopy(line, 0, bigger, 0, lineLength);
                line = bigger;
            }
            line[lineLength++] = b;
        }
    }
}
