// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadTailBufferTest {

    private static void write(HeadTailBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.write(bytes, 0, bytes.length);
    }

    @Test
    void whatFitsIsKeptWhole() {
        HeadTailBuffer buffer = new HeadTailBuffer(4, 4);
        write(buffer, "abc");
        write(buffer, "defgh");

        assertThat(buffer.truncated()).isFalse();
        assertThat(buffer.total()).isEqualTo(8);
        assertThat(buffer.text()).isEqualTo("abcdefgh");
    }

    @Test
    void aLongStreamKeepsHeadAndTailAcrossWritesAndStatesTheTotal() {
        HeadTailBuffer buffer = new HeadTailBuffer(6, 6);
        for (int i = 0; i < 10; i++) {
            write(buffer, "line" + i + "\n"); // 6 bytes each, 60 in all
        }

        assertThat(buffer.truncated()).isTrue();
        assertThat(buffer.total()).isEqualTo(60);
        assertThat(buffer.text()).isEqualTo("line0\n[... output truncated: 60 bytes in total; the first 6 and the last 6"
                + " bytes are shown, 48 bytes omitted ...]\nline9\n");
    }

    @Test
    void oneWriteLongerThanTheTailKeepsItsEnd() {
        HeadTailBuffer buffer = new HeadTailBuffer(2, 3);
        write(buffer, "ab-middle-xyz");

        assertThat(buffer.text()).startsWith("ab\n[... output truncated: 13 bytes in total").endsWith("omitted ...]\nxyz");
    }

    @Test
    void worksAsAnOutputStream() throws Exception {
        HeadTailBuffer buffer = new HeadTailBuffer(1, 1);
        buffer.asOutputStream().write("xyz".getBytes(StandardCharsets.UTF_8));
        buffer.asOutputStream().write('!');

        assertThat(buffer.total()).isEqualTo(4);
        assertThat(buffer.text()).startsWith("x\n").endsWith("\n!");
    }

    @Test
    void negativeLimitsAreRefused() {
        assertThatThrownBy(() -> new HeadTailBuffer(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
