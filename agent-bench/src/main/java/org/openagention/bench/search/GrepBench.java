// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.search.SearchTools;

/**
 * The {@code grep} tool on the JDK source tree against plain ripgrep, in one run: the running
 * JDK's {@code lib/src.zip} (about 15,000 files) is unpacked once into a temp directory, then
 * plain {@code rg -n}, the ripgrep-backed tool and the pure-Java tool run in alternation and the
 * median wall time of each is reported with the ratios.
 *
 * <p>Run on demand, never in CI:
 * <pre>
 * java -cp ... org.openagention.bench.search.GrepBench [rounds] [regex] [src.zip]
 * </pre>
 */
public final class GrepBench {
    /** A regex with 59 hits in the JDK 25 sources. */
    static final String DEFAULT_REGEX = "ArithmeticException\\(\"[A-Za-z]+ [a-z]+";

    private GrepBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        String regex = args.length > 1 ? args[1] : DEFAULT_REGEX;
        Path zip = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (!SearchTools.ripgrepAvailable()) {
            throw new IllegalStateException("rg is not on the PATH; this benchmark compares against ripgrep");
        }
        Path tree = unpackOnce(zip);
        Workspace ws = Workspace.local(tree);
        Tool rgTool = SearchTools.grep(ws, SearchTools.Backend.RIPGREP);
        Tool javaTool = SearchTools.grep(ws, SearchTools.Backend.JAVA);
        String json = "{\"pattern\":" + quote(regex) + ",\"head_limit\":5000}";

        System.out.printf("tree %s (%d files), regex %s, %d cores, JDK %s%n", tree, countFiles(tree), regex,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        int plainHits = plainRg(tree, regex);
        int rgHits = hits(rgTool, json);
        int javaHits = hits(javaTool, json);
        System.out.printf("hits: rg %d, ripgrep-backed tool %d, pure-Java tool %d%n", plainHits, rgHits, javaHits);
        if (plainHits != rgHits || rgHits != javaHits) {
            throw new IllegalStateException("the three disagree on the number of hits");
        }
        for (int i = 0; i < 3; i++) { // warm-up
            plainRg(tree, regex);
            hits(rgTool, json);
            hits(javaTool, json);
        }
        long[] plain = new long[rounds];
        long[] backed = new long[rounds];
        long[] java = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            plainRg(tree, regex);
            long t1 = System.nanoTime();
            hits(rgTool, json);
            long t2 = System.nanoTime();
            hits(javaTool, json);
            long t3 = System.nanoTime();
            plain[i] = t1 - t0;
            backed[i] = t2 - t1;
            java[i] = t3 - t2;
        }
        double p = median(plain);
        double b = median(backed);
        double j = median(java);
        System.out.printf("median of %d rounds: plain rg %.1f ms, ripgrep-backed grep %.1f ms (%.2fx), pure-Java grep %.1f ms (%.2fx)%n",
                rounds, p, b, b / p, j, j / p);
    }

    private static int plainRg(Path tree, String regex) throws IOException, InterruptedException {
        // No path argument and stdin from /dev/null: otherwise rg searches its (piped) stdin.
        Process rg = new ProcessBuilder("rg", "-n", "--", regex).directory(tree.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = rg.getInputStream()) {
            out = in.readAllBytes();
        }
        rg.waitFor();
        int lines = 0;
        for (byte b : out) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static int hits(Tool grep, String json) throws Exception {
        ToolResult r = grep.call(new ToolCall("b", "grep", json), ToolContext.standalone());
        if (r.isError()) {
            throw new IllegalStateException(r.text());
        }
        return (int) r.text().lines().filter(l -> l.matches("^[^:]+:\\d+:.*")).count();
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mid = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return mid / 1e6;
    }

    private static Path unpackOnce(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " does not exist: run with a JDK that ships lib/src.zip, or pass its path");
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "openagention-bench-jdk-src-" + Integer.toHexString((zip.toRealPath() + ":" + Files.size(zip)).hashCode()));
        Path done = dir.resolve(".unpacked");
        if (Files.exists(done)) {
            return dir.toRealPath();
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Files.writeString(done, "ok");
        return dir.toRealPath();
    }

    private static long countFiles(Path tree) throws IOException {
        try (var s = Files.walk(tree)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

}
