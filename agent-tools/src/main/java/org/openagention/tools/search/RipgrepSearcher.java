// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.PatternSyntaxException;

/**
 * The ripgrep backend: runs {@code rg --json} as a process (never through a shell), with the
 * flags that make it walk exactly as {@link WalkFilter} does, and reads its JSON messages line by
 * line. The process is killed when the run is cancelled. A regex ripgrep rejects but
 * {@code java.util.regex} accepts (look-around, back-references) runs on the Java backend instead.
 */
final class RipgrepSearcher implements Searcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flags shared by every run: which ignore files count, binary and line-ending handling. */
    private static final List<String> COMMON = List.of("--no-config", "--no-require-git", "--no-ignore-global",
            "--no-ignore-exclude", "--no-ignore-dot", "--no-messages");

    private final Path executable;
    private final JavaSearcher fallback = new JavaSearcher();

    RipgrepSearcher(Path executable) {
        this.executable = executable;
    }

    @Override
    public String name() {
        return "ripgrep";
    }

    /** The argv for {@code query}, run with the query's base as working directory. */
    List<String> argv(GrepQuery query) {
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--json", "--crlf"));
        argv.addAll(COMMON);
        if (query.caseInsensitive()) {
            argv.add("--ignore-case");
        }
        if (query.mode() == OutputMode.FILES_WITH_MATCHES) {
            argv.add("--max-count=1");
        } else if (query.mode() == OutputMode.CONTENT) {
            argv.add("--before-context=" + query.before());
            argv.add("--after-context=" + query.after());
        }
        for (String glob : query.globs()) {
            argv.add("--glob=" + glob);
        }
        if (!query.typeGlobs().isEmpty()) {
            for (String glob : query.typeGlobs()) {
                argv.add("--type-add=oaselected:" + glob);
            }
            argv.add("--type=oaselected");
        }
        argv.add("--glob=!.git/"); // last, so no user glob re-includes it
        argv.add("--regexp=" + query.regex());
        return argv;
    }

    @Override
    public void grep(GrepQuery query, GrepCollector sink, BooleanSupplier cancelled) throws Exception {
        Process process = new ProcessBuilder(argv(query)).directory(query.base().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process), Walker.POOL);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                1 << 16)) {
            FileParser current = null;
            String line;
            while ((line = out.readLine()) != null) {
                if (cancelled.getAsBoolean()) {
                    process.destroyForcibly();
                    return;
                }
                JsonNode msg = JSON.readTree(line);
                String type = msg.path("type").asText();
                JsonNode data = msg.path("data");
                if (type.equals("begin")) {
                    current = new FileParser(text(data.path("path")));
                } else if ((type.equals("match") || type.equals("context")) && current != null) {
                    current.line(data.path("line_number").asInt(), text(data.path("lines")), type.equals("match"));
                } else if (type.equals("end") && current != null) {
                    FileMatches m = current.finish(query.mode());
                    if (m.matchCount() > 0) {
                        sink.add(m);
                    }
                    current = null;
                }
            }
        } finally {
            if (process.isAlive() && !process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        int exit = process.exitValue();
        if (exit == 2 && !sink.isEmpty()) {
            return; // partial errors (an unreadable file) with results: as --no-messages, keep them
        }
        if (exit == 2) {
            String error = stderr.get(10, TimeUnit.SECONDS).trim();
            if (error.contains("regex")) {
                try {
                    JavaSearcher.compile(query);
                } catch (PatternSyntaxException alsoBad) {
                    throw new PatternSyntaxException(alsoBad.getDescription() + " (ripgrep: " + firstLines(error) + ")",
                            alsoBad.getPattern(), alsoBad.getIndex());
                }
                fallback.grep(query, sink, cancelled);
            } else if (!error.isEmpty()) {
                throw new IOException("ripgrep failed: " + firstLines(error));
            }
        }
    }

    @Override
    public List<FoundFile> files(Path base, boolean includeHidden, BooleanSupplier cancelled) throws Exception {
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--files", "--null"));
        argv.addAll(COMMON);
        if (includeHidden) {
            argv.add("--hidden");
        }
        argv.add("--glob=!.git/");
        Process process = new ProcessBuilder(argv).directory(base.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<FoundFile> found = new ArrayList<>();
        try (var in = process.getInputStream()) {
            byte[] all = in.readAllBytes();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == 0) {
                    String rel = new String(all, start, i - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    if (cancelled.getAsBoolean()) {
                        process.destroyForcibly();
                        return found;
                    }
                    try {
                        long mtime = Files.getLastModifiedTime(base.resolve(rel), LinkOption.NOFOLLOW_LINKS).toMillis();
                        found.add(new FoundFile(rel, mtime));
                    } catch (IOException gone) {
                        // Deleted since rg listed it.
                    }
                }
            }
        } finally {
            if (process.isAlive() && !process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return found;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLines(String text) {
        return text.lines().limit(8).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** rg's "arbitrary data": {"text": ...} or {"bytes": base64} when not valid UTF-8. */
    private static String text(JsonNode data) {
        if (data.has("text")) {
            return data.get("text").asText();
        }
        return new String(Base64.getDecoder().decode(data.path("bytes").asText()), StandardCharsets.UTF_8);
    }

    /** Accumulates one file's messages. */
    private static final class FileParser {
        private final String path;
        private final List<FileMatches.Line> lines = new ArrayList<>();
        private int matches;

        FileParser(String path) {
            this.path = path;
        }

        void line(int number, String text, boolean match) {
            String stripped = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            stripped = stripped.endsWith("\r") ? stripped.substring(0, stripped.length() - 1) : stripped;
            if (match) {
                matches++;
            }
            lines.add(new FileMatches.Line(number, stripped, match));
        }

        FileMatches finish(OutputMode mode) {
            return new FileMatches(path, mode == OutputMode.CONTENT ? lines : List.of(), matches);
        }
    }
}
