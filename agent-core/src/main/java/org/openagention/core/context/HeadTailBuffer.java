// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the first {@code headBytes} and the last {@code tailBytes} bytes of a stream and counts
 * the rest, so a process that prints gigabytes costs a bounded amount of memory. {@link #text()}
 * gives everything when nothing was dropped, else the head, one line stating the total size and
 * what was omitted, and the tail: the same shape as {@link ToolOutputLimit}'s cut.
 *
 * <p>Memory grows with what is written, up to the two limits. Thread-safe: typically one reader
 * thread writes while the owner reads a snapshot when the stream ends.
 *
 * <pre>{@code
 * HeadTailBuffer out = new HeadTailBuffer(16 * 1024, 16 * 1024);
 * process.getInputStream().transferTo(out.asOutputStream());
 * String shown = out.text();   // "...head...\n[... output truncated: 1048576 bytes in total; ...]\n...tail..."
 * }</pre>
 */
public final class HeadTailBuffer {
    private final int headLimit;
    private final int tailLimit;
    private byte[] head = new byte[0];
    private byte[] tail = new byte[0];
    private int headSize;
    private int tailStart;
    private int tailSize;
    private long total;

    /**
     * @throws IllegalArgumentException when a limit is negative
     */
    public HeadTailBuffer(int headBytes, int tailBytes) {
        if (headBytes < 0 || tailBytes < 0) {
            throw new IllegalArgumentException("head and tail sizes must not be negative: " + headBytes + ", " + tailBytes);
        }
        this.headLimit = headBytes;
        this.tailLimit = tailBytes;
    }

    /** Appends {@code len} bytes of {@code buf} from {@code off}. */
    public synchronized void write(byte[] buf, int off, int len) {
        total += len;
        int toHead = Math.min(len, headLimit - headSize);
        if (toHead > 0) {
            head = grow(head, headSize + toHead, headLimit);
            System.arraycopy(buf, off, head, headSize, toHead);
            headSize += toHead;
            off += toHead;
            len -= toHead;
        }
        if (len == 0 || tailLimit == 0) {
            return;
        }
        if (tail.length < tailLimit) {
            tail = Arrays.copyOf(tail, tailLimit); // the head is full: the stream is long
        }
        if (len >= tailLimit) {
            System.arraycopy(buf, off + len - tailLimit, tail, 0, tailLimit);
            tailStart = 0;
            tailSize = tailLimit;
            return;
        }
        int end = (tailStart + tailSize) % tailLimit;
        int first = Math.min(len, tailLimit - end);
        System.arraycopy(buf, off, tail, end, first);
        System.arraycopy(buf, off + first, tail, 0, len - first);
        int overflow = tailSize + len - tailLimit;
        if (overflow > 0) {
            tailStart = (tailStart + overflow) % tailLimit;
            tailSize = tailLimit;
        } else {
            tailSize += len;
        }
    }

    /** This buffer as an {@link OutputStream} (closing it does nothing). */
    public OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                HeadTailBuffer.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                HeadTailBuffer.this.write(b, off, len);
            }
        };
    }

    /** How many bytes were written in all. */
    public synchronized long total() {
        return total;
    }

    /** Whether bytes were dropped between head and tail. */
    public synchronized boolean truncated() {
        return total > headSize + tailSize;
    }

    /**
     * The kept text, decoded as UTF-8: all of it when nothing was dropped, else head, a line
     * stating the total size and what was omitted, and tail.
     */
    public synchronized String text() {
        String headText = new String(head, 0, headSize, StandardCharsets.UTF_8);
        byte[] t = new byte[tailSize];
        int first = Math.min(tailSize, tail.length - tailStart);
        System.arraycopy(tail, tailStart, t, 0, first);
        System.arraycopy(tail, 0, t, first, tailSize - first);
        String tailText = new String(t, StandardCharsets.UTF_8);
        if (!truncated()) {
            return headText + tailText;
        }
        long omitted = total - headSize - tailSize;
        String marker = "[... output truncated: " + total + " bytes in total; the first " + headSize
                + " and the last " + tailSize + " bytes are shown, " + omitted + " bytes omitted ...]";
        String joined = headText + tailText;
        return new HeadTail(joined, headText.length(), headText.length()).join(marker);
    }

    private static byte[] grow(byte[] array, int needed, int limit) {
        if (needed <= array.length) {
            return array;
        }
        return Arrays.copyOf(array, (int) Math.min(limit, Math.max(needed, Math.max(256L, array.length * 2L))));
    }
}
