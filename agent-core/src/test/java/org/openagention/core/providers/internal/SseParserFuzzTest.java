// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.openagention.core.model.ModelException;

/**
 * Fuzzes {@link SseParser} with arbitrary bodies. Its contract: any bytes split into events
 * without an exception; the events do not depend on how the body arrives (one read or one byte
 * at a time); a name or data never holds a line break the spec strips. Error events go through
 * {@link ProviderErrors#fromResponse}, as {@link StreamSink} sends them, which must make a typed
 * exception with a message of whatever the body says.
 *
 * <p>Regression seeds: {@code src/test/resources/org/openagention/core/providers/internal/
 * SseParserFuzzTestInputs/}. Fuzz with {@code JAZZER_FUZZ=1} (see agent-bench/README.md).
 */
class SseParserFuzzTest {

    @FuzzTest
    @Timeout(20)
    void splitsAnyBodyIntoTheSameEventsWhateverTheReadSizes(byte[] body) throws IOException {
        List<String[]> whole = events(new ByteArrayInputStream(body));
        List<String[]> trickled = events(new OneByteAtATime(body));

        assertThat(trickled).usingElementComparator((a, b) -> a[0].equals(b[0]) && a[1].equals(b[1]) ? 0 : 1)
                .containsExactlyElementsOf(whole);
        for (String[] event : whole) {
            assertThat(event[0]).isNotEmpty().doesNotContain("\n", "\r");
            assertThat(event[1]).doesNotContain("\r");
            if (event[0].equals("error") || event[1].startsWith("{\"error\"")) {
                ModelException error = ProviderErrors.fromResponse("fuzz", 0, null, event[1], null, Redactor.of());
                assertThat(error.getMessage()).startsWith("fuzz sent an error event");
            }
        }
    }

    private static List<String[]> events(InputStream in) throws IOException {
        List<String[]> events = new ArrayList<>();
        new SseParser(in).parse((name, data) -> {
            events.add(new String[] {name, data});
            return !data.equals("[DONE]");
        });
        return events;
    }

    /** A body that arrives one byte per read, as a slow network may deliver it. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
