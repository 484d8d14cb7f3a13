// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure-Java backend: a parallel {@link Walker} and {@link java.util.regex} matched line by
 * line. Files with a NUL byte in their first 8 KiB are binary and skipped. When the regex has a
 * {@linkplain RequiredLiteral required literal}, a file is first searched for it as bytes (through
 * the vectorised {@code String.indexOf} on a Latin-1 view) and only candidate lines run the regex.
 * Regexes compile with {@code UNIX_LINES} and {@code UNICODE_CHARACTER_CLASS}, close to ripgrep's
 * line and Unicode semantics.
 */
final class JavaSearcher implements Searcher {
    static final int BINARY_PROBE = 8 * 1024;

    @Override
    public String name() {
        return "java";
    }

    static Pattern compile(GrepQuery query) {
        int flags = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
        if (query.caseInsensitive()) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        return Pattern.compile(query.regex(), flags);
    }

    @Override
    public void grep(GrepQuery query, GrepCollector sink, BooleanSupplier cancelled) {
        Pattern pattern = compile(query);
        Optional<String> literal = query.caseInsensitive() ? Optional.empty() : RequiredLiteral.of(query.regex());
        String latin1Literal = literal.map(l -> new String(l.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .orElse(null);
        WalkFilter filter = new WalkFilter(query.globs(), query.typeGlobs(), false);
        new Walker(query.base(), filter, cancelled).walk((file, rel, attrs) -> {
            FileMatches m = searchFile(file, rel, pattern, literal.orElse(null), latin1Literal, query);
            if (m != null) {
                sink.add(m);
            }
        });
    }

    /** Searches one file named explicitly: no walk rules apply (as ripgrep does for a file argument). */
    static void searchOne(Path file, GrepQuery query, GrepCollector sink) {
        Pattern pattern = compile(query);
        String literal = query.caseInsensitive() ? null : RequiredLiteral.of(query.regex()).orElse(null);
        String latin1 = literal == null ? null
                : new String(literal.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        FileMatches m = searchFile(file, file.getFileName().toString(), pattern, literal, latin1, query);
        if (m != null) {
            sink.add(m);
        }
    }

    private static FileMatches searchFile(Path file, String rel, Pattern pattern, String literal, String latin1Literal,
            GrepQuery query) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError unreadable) {
            return null;
        }
        int probe = Math.min(bytes.length, BINARY_PROBE);
        for (int i = 0; i < probe; i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        if (latin1Literal != null && new String(bytes, StandardCharsets.ISO_8859_1).indexOf(latin1Literal) < 0) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = splitLines(text);
        boolean[] matched = new boolean[lines.size()];
        int count = 0;
        Matcher matcher = pattern.matcher("");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (literal != null && !line.contains(literal)) {
                continue;
            }
            if (matcher.reset(line).find()) {
                matched[i] = true;
                count++;
                if (query.mode() == OutputMode.FILES_WITH_MATCHES) {
                    break;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        if (query.mode() != OutputMode.CONTENT) {
            return new FileMatches(rel, List.of(), count);
        }
        String[] all = lines.toArray(new String[0]);
        return new FileMatches(rel, GrepCollector.withContext(all, all.length, matched, query.before(), query.after()), count);
    }

    /** Lines split on \n, each without its \n or a \r before it; no empty last line after a final \n. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int stripped = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, stripped));
            start = nl < 0 ? n : nl + 1;
        }
        return lines;
    }

    @Override
    public List<FoundFile> files(Path base, boolean includeHidden, BooleanSupplier cancelled) {
        List<FoundFile> found = Collections.synchronizedList(new ArrayList<>());
        new Walker(base, new WalkFilter(List.of(), List.of(), includeHidden), cancelled)
                .walk((file, rel, attrs) -> found.add(new FoundFile(rel, attrs.lastModifiedTime().toMillis())));
        return new ArrayList<>(found);
    }
}
