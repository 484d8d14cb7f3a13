// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Tells text from binary content and guesses what a binary file is, for read_file's descriptions. */
final class FileKinds {
    static final int SNIFF_BYTES = 8192;

    private FileKinds() {}

    /**
     * Whether {@code head} (the first bytes of a file; {@code complete} when it is the whole file)
     * looks binary: a NUL byte, or bytes that are not valid UTF-8.
     */
    static boolean looksBinary(byte[] head, int length, boolean complete) {
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        int end = length;
        if (!complete) {
            // Do not blame a multi-byte character cut in half by the sniff window.
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(head, 0, end));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    /** A short guess of what a binary file is, from its magic number or else its name. */
    static String guessType(byte[] head, int length, String fileName) {
        String magic = byMagic(head, length);
        if (magic != null) {
            return magic;
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        switch (ext) {
            case "jar": case "zip": return "ZIP archive";
            case "class": return "Java class file";
            case "so": case "dll": case "dylib": return "native library";
            case "exe": return "executable";
            case "ico": return "icon image";
            case "woff": case "woff2": case "ttf": case "otf": return "font";
            case "mp3": case "wav": case "ogg": case "flac": return "audio";
            case "mp4": case "mov": case "webm": case "avi": return "video";
            case "sqlite": case "db": return "database file";
            default: return "binary data";
        }
    }

    private static String byMagic(byte[] h, int n) {
        if (startsWith(h, n, 0x89, 'P', 'N', 'G')) return "PNG image";
        if (startsWith(h, n, 0xFF, 0xD8, 0xFF)) return "JPEG image";
        if (startsWith(h, n, 'G', 'I', 'F', '8')) return "GIF image";
        if (startsWith(h, n, '%', 'P', 'D', 'F')) return "PDF document";
        if (startsWith(h, n, 'P', 'K', 3, 4)) return "ZIP archive (also jar, docx, xlsx)";
        if (startsWith(h, n, 0x1F, 0x8B)) return "gzip archive";
        if (startsWith(h, n, 0x7F, 'E', 'L', 'F')) return "ELF executable or library";
        if (startsWith(h, n, 0xCA, 0xFE, 0xBA, 0xBE)) return "Java class file";
        if (startsWith(h, n, 'S', 'Q', 'L', 'i', 't', 'e')) return "SQLite database";
        if (startsWith(h, n, 'B', 'Z', 'h')) return "bzip2 archive";
        if (startsWith(h, n, 0xFD, '7', 'z', 'X', 'Z')) return "xz archive";
        if (startsWith(h, n, 'R', 'I', 'F', 'F')) return "RIFF media (WAV, AVI or WebP)";
        if (startsWith(h, n, 'M', 'Z')) return "Windows executable";
        return null;
    }

    private static boolean startsWith(byte[] h, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A size for people: bytes, KB, MB or GB with one decimal. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%d bytes)", value, units[unit], bytes);
    }
}
