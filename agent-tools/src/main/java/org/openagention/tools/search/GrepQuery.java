// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.nio.file.Path;
import java.util.List;

/**
 * One validated grep request, in terms both backends understand.
 *
 * @param regex the regular expression (matched line by line)
 * @param base the directory searched (inside the workspace)
 * @param globs ripgrep-style include globs, {@code !} to exclude, relative to {@code base}
 * @param typeGlobs the file-name globs of the chosen type, empty for no type filter
 */
record GrepQuery(String regex, Path base, List<String> globs, List<String> typeGlobs, boolean caseInsensitive,
        int before, int after, OutputMode mode) {
    GrepQuery {
        globs = List.copyOf(globs);
        typeGlobs = List.copyOf(typeGlobs);
    }
}
