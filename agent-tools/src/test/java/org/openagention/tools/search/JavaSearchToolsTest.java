// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

/** The search contract on the pure-Java backend. */
class JavaSearchToolsTest extends SearchToolsContract {
    @Override
    SearchTools.Backend backend() {
        return SearchTools.Backend.JAVA;
    }
}
