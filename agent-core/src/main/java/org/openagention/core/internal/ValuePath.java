// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

/**
 * Where a value sits, such as {@code $.files[2].path}: text only when an error names it, so a
 * valid value is checked without building a string per property. A key that is not a plain name
 * (a map key such as {@code "src/a b.txt"}) is written in brackets: {@code $.sizes['src/a b.txt']}.
 */
final class ValuePath {
    static final ValuePath ROOT = new ValuePath(null, "$", -1);
    private final ValuePath parent;
    private final String key;
    private final int index;

    private ValuePath(ValuePath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    ValuePath child(String name) {
        return new ValuePath(this, name, -1);
    }

    ValuePath index(int i) {
        return new ValuePath(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent == null) {
            sb.append(key);
            return;
        }
        parent.append(sb);
        if (key != null && isPlainName(key)) {
            sb.append('.').append(key);
        } else if (key != null) {
            sb.append("['").append(key.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        } else {
            sb.append('[').append(index).append(']');
        }
    }

    private static boolean isPlainName(String key) {
        if (key.isEmpty() || Character.isDigit(key.charAt(0))) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
