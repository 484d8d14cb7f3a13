// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<String> parse(String body) throws IOException {
        return parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> parse(InputStream in) throws IOException {
        List<String> events = new ArrayList<>();
        new SseParser(in).parse((name, data) -> {
            events.add(name + "|" + data);
            return !data.equals("[DONE]");
        });
        return events;
    }

    @Test
    void joinsMultiLineDataWithNewlines() throws IOException {
        assertThat(parse("data: first\ndata: second\ndata:third\n\n")).containsExactly("message|first\nsecond\nthird");
    }

    @Test
    void namesEventsAndResetsTheNameAfterEachEvent() throws IOException {
        assertThat(parse("event: ping\ndata: {}\n\ndata: x\n\n")).containsExactly("ping|{}", "message|x");
    }

    @Test
    void skipsCommentsAndIgnoresIdAndRetry() throws IOException {
        assertThat(parse(": keep-alive\nid: 7\nretry: 100\ndata: a\n: between\n\n")).containsExactly("message|a");
    }

    @Test
    void acceptsCrlfAndBareCrLineEndings() throws IOException {
        assertThat(parse("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r")).containsExactly("a|1", "b|2");
    }

    @Test
    void dropsOnlyOneSpaceAfterTheColon() throws IOException {
        assertThat(parse("data:   padded  \n\n")).containsExactly("message|  padded  ");
    }

    @Test
    void keepsWhitespaceInsideJsonData() throws IOException {
        assertThat(parse("event: content_block_delta\ndata: {\"type\": \"x\",  \"v\": 1}\n\n"))
                .containsExactly("content_block_delta|{\"type\": \"x\",  \"v\": 1}");
    }

    @Test
    void doesNotDispatchAnEventWithoutData() throws IOException {
        assertThat(parse("event: lonely\n\ndata: after\n\n")).containsExactly("message|after");
    }

    @Test
    void treatsAFieldWithoutColonAsEmptyValue() throws IOException {
        assertThat(parse("data\ndata\n\n")).containsExactly("message|\n");
    }

    @Test
    void dropsATrailingEventThatNeverGotItsBlankLine() throws IOException {
        assertThat(parse("data: complete\n\ndata: partial")).containsExactly("message|complete");
    }

    @Test
    void stopsWhenTheSinkSaysSo() throws IOException {
        assertThat(parse("data: a\n\ndata: [DONE]\n\ndata: never\n\n")).containsExactly("message|a", "message|[DONE]");
    }

    @Test
    void decodesUtf8SplitAcrossReads() throws IOException {
        byte[] bytes = "data: température °C\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        assertThat(parse(trickle)).containsExactly("message|température °C");
    }

    @Test
    void handlesLinesLongerThanTheReadBuffer() throws IOException {
        String big = "x".repeat(50_000);
        assertThat(parse("data: " + big + "\n\n")).containsExactly("message|" + big);
    }
}
