package org.openagention.tools.shell;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code headLimit} and the last {@code tailLimit} bytes of a stream and counts
 * the rest, so a command that prints gigabytes costs a fixed amount of memory.
 *
 * <p>Written by one reader thread, read by the caller after the reader has finished or been
 * stopped; all methods are synchronized so a read while the reader is still running sees a
 * consistent snapshot.
 */
final class OutputCapture {
    private final byte[] head;
    private final byte[] tail;
    private int headSize;
    private int tailStart;
    private int tailSize;
    private long total;

    OutputCapture(int headLimit, int tailLimit) {
        this.head = new byte[headLimit];
        this.tail = new byte[tailLimit];
    }

    synchronized void write(byte[] buf, int off, int len) {
        total += len;
        int toHead = Math.min(len, head.length - headSize);
        System.arraycopy(buf, off, head, headSize, toHead);
        headSize += toHead;
        off += toHead;
        len -= toHead;
        if (len == 0 || tail.length == 0) {
            return;
        }
        if (len >= tail.length) {
            System.arraycopy(buf, off + len - tail.length, tail, 0, tail.length);
            tailStart = 0;
            tailSize = tail.length;
            return;
        }
        int end = (tailStart + tailSize) % tail.length;
        int first = Math.min(len, tail.length - end);
        System.arraycopy(buf, off, tail, end, first);
        System.arraycopy(buf, off + first, tail, 0, len - first);
        int overflow = tailSize + len - tail.length;
        if (overflow > 0) {
            tailStart = (tailStart + overflow) % tail.length;
            tailSize = tail.length;
        } else {
            tailSize += len;
        }
    }

    /** How many bytes were written in all. */
    synchronized long total() {
        return total;
    }

    /** Whether bytes were dropped between head and tail. */
    synchronized boolean truncated() {
        return total > headSize + tailSize;
    }

    /**
     * The captured text: all of it when nothing was dropped, else head, a line stating the total
     * size and what was omitted, and tail.
     */
    synchronized String text() {
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
        return headText + "\n\n[... output truncated: " + total + " bytes in total; the first " + headSize
                + " and the last " + tailSize + " bytes are shown, " + omitted + " bytes omitted ...]\n\n" + tailText;
    }
}
