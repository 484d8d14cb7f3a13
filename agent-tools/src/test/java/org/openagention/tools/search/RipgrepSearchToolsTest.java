// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The search contract on the ripgrep backend; skipped where rg is not installed. */
class RipgrepSearchToolsTest extends SearchToolsContract {
    @Override
    SearchTools.Backend backend() {
        assumeTrue(SearchTools.ripgrepAvailable(), "ripgrep (rg) is not on the PATH: ripgrep backend tests skipped");
        return SearchTools.Backend.RIPGREP;
    }
}
