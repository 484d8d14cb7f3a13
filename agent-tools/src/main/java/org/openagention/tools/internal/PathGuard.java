// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openagention.tools.WorkspaceException;

/**
 * The confinement rules behind {@link org.openagention.tools.Workspace}: lexical checks on the
 * text of a path, then a walk that resolves symbolic links without trusting the lexical form.
 *
 * <p>Stateless; every method checks the file system as it is at the time of the call.
 */
public final class PathGuard {
    /** Most file systems cap a name at 255 bytes. */
    static final int MAX_NAME_BYTES = 255;
    /** Linux's PATH_MAX. */
    static final int MAX_PATH_CHARS = 4096;
    /** How many symbolic links one resolution may follow before it is called a loop (as Linux does). */
    static final int MAX_LINK_HOPS = 40;

    private static final Pattern ENCODED = Pattern.compile("%(2e|2f|5c|00)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private PathGuard() {}

    /**
     * Checks the text of {@code path} and returns it as an absolute, normalized path under
     * {@code root}. Refuses what no tool should receive: NUL and control characters, backslashes,
     * drive letters and UNC prefixes, percent-encoded dots and slashes, {@code ~}, names and paths
     * that are too long, and {@code ..} or absolute paths that leave the root.
     */
    public static Path lexical(Path root, String path) {
        if (path.indexOf('\0') >= 0) {
            throw new WorkspaceException("path contains a NUL byte: refused");
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                throw new WorkspaceException("path '" + printable(path) + "' contains a control character: refused");
            }
        }
        if (path.isBlank()) {
            throw new WorkspaceException("path is empty");
        }
        if (path.length() > MAX_PATH_CHARS) {
            throw new WorkspaceException("path is " + path.length() + " characters long; the limit is " + MAX_PATH_CHARS);
        }
        if (path.indexOf('\\') >= 0) {
            throw new WorkspaceException("path '" + path + "' contains a backslash: use '/' to separate directories");
        }
        if (DRIVE.matcher(path).matches()) {
            throw new WorkspaceException("path '" + path + "' looks like a Windows drive path: give a path inside the workspace");
        }
        if (ENCODED.matcher(path).find()) {
            throw new WorkspaceException("path '" + path + "' contains a percent-encoded '.', '/', '\\' or NUL: paths are"
                    + " taken literally, never URL-decoded; write the plain path");
        }
        if (path.startsWith("~")) {
            throw WorkspaceException.denial("path '" + path + "' starts with '~': the home directory is not expanded and"
                    + " lies outside the workspace; give a path relative to the workspace root");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new WorkspaceException("path '" + path + "' is not a valid path: " + e.getReason());
        }
        for (Path name : p) {
            if (name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new WorkspaceException("path '" + abbreviate(path) + "' has a name longer than " + MAX_NAME_BYTES
                        + " bytes, which file systems refuse");
            }
        }
        Path absolute = (p.isAbsolute() ? p : root.resolve(p)).normalize();
        if (!absolute.startsWith(root)) {
            throw WorkspaceException.denial("path '" + abbreviate(shown(root, path)) + "' is outside the workspace;"
                    + " give a path relative to the workspace root");
        }
        return absolute;
    }

    /**
     * The real path of {@code absolute}: symbolic links of the longest existing prefix resolved,
     * the missing rest appended. A dangling link is followed to where a write would land.
     *
     * @throws WorkspaceException on a symbolic link loop (more than {@value #MAX_LINK_HOPS} hops)
     */
    public static Path realPathOfDeepestExisting(Path absolute, String shownAs) throws IOException {
        Path current = absolute;
        for (int hops = 0; ; hops++) {
            Path existing = current;
            Path rest = null;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                Path name = existing.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
            if (existing == null) {
                return current;
            }
            if (!(Files.isSymbolicLink(existing) && !Files.exists(existing))) {
                Path real = existing.toRealPath();
                return rest == null ? real : real.resolve(rest).normalize();
            }
            // A dangling link or a loop: follow one hop by hand and look again.
            if (hops >= MAX_LINK_HOPS) {
                throw new WorkspaceException("path '" + shownAs + "' runs into a symbolic link loop (more than "
                        + MAX_LINK_HOPS + " links followed at '" + existing.getFileName() + "'): refused");
            }
            Path link = Files.readSymbolicLink(existing);
            Path parent = existing.getParent().toRealPath();
            Path target = parent.resolve(link);
            current = rest == null ? target : target.resolve(rest);
        }
    }

    /**
     * Whether {@code name} is, or would be on a case-insensitive or Windows file system, the
     * name {@code .git}: {@code .GIT}, {@code .git.}, {@code .git } (trailing dots and spaces are
     * dropped by Windows), {@code .git::$INDEX_ALLOCATION} (an NTFS stream) and {@code GIT~1}
     * (its 8.3 short name).
     */
    public static boolean isGitName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int colon = n.indexOf(':');
        if (colon >= 0) {
            n = n.substring(0, colon);
        }
        int end = n.length();
        while (end > 0 && (n.charAt(end - 1) == '.' || n.charAt(end - 1) == ' ')) {
            end--;
        }
        n = n.substring(0, end);
        return n.equals(".git") || n.equals("git~1");
    }

    /** Refuses a write whose path, lexical or real, goes through a {@code .git} name. */
    public static void refuseGitWrite(Path root, Path absolute, Path real, String shownAs) {
        for (Path p : new Path[] {absolute, real}) {
            for (Path part : root.relativize(p)) {
                if (isGitName(part.toString())) {
                    throw WorkspaceException.denial("path '" + shownAs + "' is inside .git (as '" + part
                            + "'): writes there are refused, since they could rewrite the repository's history,"
                            + " hooks or configuration");
                }
            }
        }
    }

    /**
     * Refuses a write to an existing regular file with more than one hard link: writing it would
     * change the other names too, and they may lie outside the workspace.
     */
    public static void refuseHardLinkedWrite(Path real, String shownAs) {
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Object links = Files.getAttribute(real, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer n && n > 1) {
                throw WorkspaceException.denial("path '" + shownAs + "' is a file with " + n + " hard links: writing it"
                        + " would also change the other names, which may lie outside the workspace; refused");
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // No unix view (Windows): nothing to check.
        }
    }

    /**
     * {@code path} as the caller gave it, except that a leading {@code root} (the workspace's
     * location on the host) is made relative: {@code /home/me/ws/../x} is shown as {@code ../x}.
     */
    public static String shown(Path root, String path) {
        String r = root.toString();
        if (path.equals(r)) {
            return ".";
        }
        return path.startsWith(r + "/") ? path.substring(r.length() + 1) : path;
    }

    /**
     * {@code text} with every mention of {@code root} made relative: {@code root/a/b} becomes
     * {@code a/b} and {@code root} alone becomes {@code .}. A longer name that merely starts with
     * the root ({@code root2/x}) is left alone.
     */
    public static String withoutRoot(Path root, String text) {
        String r = root.toString();
        if (r.equals("/") || text.indexOf(r) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf(r); at >= 0; at = text.indexOf(r, from)) {
            int end = at + r.length();
            out.append(text, from, at);
            if (end < text.length() && text.charAt(end) == '/') {
                from = end + 1;
            } else if (end == text.length() || !isNameChar(text.charAt(end))) {
                out.append('.');
                from = end;
            } else {
                out.append(r);
                from = end;
            }
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '~' || c == '+';
    }

    static String abbreviate(String path) {
        return path.length() <= 120 ? path : path.substring(0, 60) + "..." + path.substring(path.length() - 40);
    }

    private static String printable(String path) {
        StringBuilder b = new StringBuilder();
        for (char c : abbreviate(path).toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
