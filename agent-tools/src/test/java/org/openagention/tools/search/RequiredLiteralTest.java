// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {
    @Test
    void takesTheLongestLiteralRunOutsideGroupsAndClasses() {
        assertThat(RequiredLiteral.of("ArithmeticException\\(\"[A-Za-z]+ [a-z]+")).contains("ArithmeticException(\"");
        assertThat(RequiredLiteral.of("foo(bar|baz)quux")).contains("quux");
        assertThat(RequiredLiteral.of("ab+cdef")).contains("cdef");
    }

    @Test
    void dropsCharactersMadeOptionalByAQuantifier() {
        assertThat(RequiredLiteral.of("colou?r")).contains("colo");
        assertThat(RequiredLiteral.of("abc*d")).contains("ab");
        assertThat(RequiredLiteral.of("xy{0,3}")).isEmpty();
    }

    @Test
    void givesUpOnTopLevelAlternationFlagsAndArgumentEscapes() {
        assertThat(RequiredLiteral.of("foo|bar")).isEmpty();
        assertThat(RequiredLiteral.of("(?i)hello")).isEmpty();
        assertThat(RequiredLiteral.of("\\x41BCD")).isEmpty();
        assertThat(RequiredLiteral.of("\\p{L}word")).isEmpty();
        assertThat(RequiredLiteral.of("a.b")).isEmpty();
    }

    @Test
    void everyLiteralFoundIsContainedInEveryMatch() {
        String[][] cases = {
            {"colou?r", "color"}, {"ab+cdef", "abbbcdef"}, {"foo(bar|baz)quux", "foobazquux"},
            {"x\\.y+z", "x.yyz"}, {"[a-c]+hello\\s", "bhello "},
        };
        for (String[] c : cases) {
            assertThat(Pattern.compile(c[0]).matcher(c[1]).find()).as(c[0]).isTrue();
            RequiredLiteral.of(c[0]).ifPresent(lit -> assertThat(c[1]).as(c[0]).contains(lit));
        }
    }
}
