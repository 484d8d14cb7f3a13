// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openagention.tools.search.IgnoreFile.Match;

class IgnoreFileTest {
    @Test
    void unanchoredPatternMatchesAtAnyDepth() {
        IgnoreFile f = IgnoreFile.parse("*.log\n");
        assertThat(f.match("a.log", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("x/y/a.log", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("a.logx", false)).isEqualTo(Match.NONE);
    }

    @Test
    void slashAnchorsThePatternToTheFilesDirectory() {
        IgnoreFile f = IgnoreFile.parse("/root.txt\ndoc/*.tmp\n");
        assertThat(f.match("root.txt", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("sub/root.txt", false)).isEqualTo(Match.NONE);
        assertThat(f.match("doc/a.tmp", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("doc/sub/a.tmp", false)).isEqualTo(Match.NONE);
        assertThat(f.match("x/doc/a.tmp", false)).isEqualTo(Match.NONE);
    }

    @Test
    void trailingSlashMatchesDirectoriesOnly() {
        IgnoreFile f = IgnoreFile.parse("build/\n");
        assertThat(f.match("build", true)).isEqualTo(Match.IGNORE);
        assertThat(f.match("build", false)).isEqualTo(Match.NONE);
        assertThat(f.match("a/build", true)).isEqualTo(Match.IGNORE);
    }

    @Test
    void lastMatchingRuleWinsAndNegationReincludes() {
        IgnoreFile f = IgnoreFile.parse("*.log\n!keep.log\n");
        assertThat(f.match("keep.log", false)).isEqualTo(Match.WHITELIST);
        assertThat(f.match("drop.log", false)).isEqualTo(Match.IGNORE);
        IgnoreFile reversed = IgnoreFile.parse("!keep.log\n*.log\n");
        assertThat(reversed.match("keep.log", false)).isEqualTo(Match.IGNORE);
    }

    @Test
    void doubleStarSpansDirectories() {
        IgnoreFile f = IgnoreFile.parse("**/gen/**\na/**/z.txt\n");
        assertThat(f.match("x/gen/y/file", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("gen/file", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("a/z.txt", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("a/b/c/z.txt", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("b/z.txt", false)).isEqualTo(Match.NONE);
    }

    @Test
    void commentsBlanksEscapesAndTrailingSpaces() {
        IgnoreFile f = IgnoreFile.parse("# comment\n\n\\#hash\n\\!bang\nspaced   \nkeep\\ \n");
        assertThat(f.size()).isEqualTo(4);
        assertThat(f.match("#hash", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("!bang", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("spaced", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("keep ", false)).isEqualTo(Match.IGNORE);
    }

    @Test
    void characterClassesAndQuestionMarkStayInOneSegment() {
        IgnoreFile f = IgnoreFile.parse("file[0-9].txt\n[!a]x\nq?\n");
        assertThat(f.match("file7.txt", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("filex.txt", false)).isEqualTo(Match.NONE);
        assertThat(f.match("bx", false)).isEqualTo(Match.IGNORE);
        assertThat(f.match("ax", false)).isEqualTo(Match.NONE);
        assertThat(f.match("q/", false)).isEqualTo(Match.NONE);
        assertThat(f.match("qz", false)).isEqualTo(Match.IGNORE);
    }
}
