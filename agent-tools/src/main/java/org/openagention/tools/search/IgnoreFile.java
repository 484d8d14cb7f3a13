// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one gitignore-style file, matched against paths relative to the directory the
 * file applies to.
 *
 * <p>Follows gitignore(5): blank lines and {@code #} comments are skipped, trailing spaces are
 * dropped unless escaped, {@code !} negates (re-includes), a trailing {@code /} matches
 * directories only, a pattern with a {@code /} at its start or middle is anchored to the file's
 * directory, any other pattern matches a name at any depth, and the last matching rule wins.
 * Also used, with the meaning inverted, for ripgrep-style {@code --glob} overrides.
 */
final class IgnoreFile {
    /** The verdict of a rule set on a path. */
    enum Match { NONE, IGNORE, WHITELIST }

    private record Rule(Pattern pattern, boolean negated, boolean dirOnly) {}

    private final List<Rule> rules;
    private final int whitelistCount;

    private IgnoreFile(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.whitelistCount = (int) rules.stream().filter(Rule::negated).count();
    }

    static IgnoreFile parse(String text) {
        return of(text.lines().toList(), false);
    }

    /** Compiles lines of gitignore patterns; {@code braces} enables {@code {a,b}} (ripgrep globs). */
    static IgnoreFile of(List<String> lines, boolean braces) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = trimTrailingSpaces(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = false;
            if (line.startsWith("!")) {
                negated = true;
                line = line.substring(1);
            } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean dirOnly = false;
            if (line.endsWith("/") && !line.endsWith("\\/")) {
                dirOnly = true;
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean anchored = line.indexOf('/') >= 0;
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            String glob = anchored || line.startsWith("**/") ? line : "**/" + line;
            rules.add(new Rule(GlobPattern.compile(glob, braces, false), negated, dirOnly));
        }
        return new IgnoreFile(rules);
    }

    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
            if (end >= 2 && line.charAt(end - 2) == '\\') {
                break;
            }
            end--;
        }
        String trimmed = line.substring(0, end);
        return trimmed.endsWith("\\ ") ? trimmed.substring(0, trimmed.length() - 2) + " " : trimmed;
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** How many rules are negated ({@code !}): for overrides, the "exclude" globs are the others. */
    int negatedCount() {
        return whitelistCount;
    }

    int size() {
        return rules.size();
    }

    /** The verdict of the last matching rule on {@code relPath} (relative to this file's directory). */
    Match match(String relPath, boolean isDir) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.dirOnly() && !isDir) {
                continue;
            }
            if (r.pattern().matcher(relPath).matches()) {
                return r.negated() ? Match.WHITELIST : Match.IGNORE;
            }
        }
        return Match.NONE;
    }
}
