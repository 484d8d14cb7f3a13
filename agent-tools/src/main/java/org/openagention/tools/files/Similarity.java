// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.HashMap;
import java.util.Map;

/** How alike two strings are, from 0 (nothing shared) to 1 (equal): the Dice coefficient of character bigrams. */
final class Similarity {
    private Similarity() {}

    static double of(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.length() < 2 || b.length() < 2) {
            return a.isEmpty() || b.isEmpty() ? 0.0 : (a.charAt(0) == b.charAt(0) ? 0.5 : 0.0);
        }
        Map<Integer, Integer> bigrams = new HashMap<>();
        for (int i = 0; i + 1 < a.length(); i++) {
            bigrams.merge(bigram(a, i), 1, Integer::sum);
        }
        int shared = 0;
        for (int i = 0; i + 1 < b.length(); i++) {
            Integer left = bigrams.get(bigram(b, i));
            if (left != null && left > 0) {
                shared++;
                bigrams.put(bigram(b, i), left - 1);
            }
        }
        return 2.0 * shared / (a.length() - 1 + b.length() - 1);
    }

    private static int bigram(String s, int i) {
        return (s.charAt(i) << 16) | s.charAt(i + 1);
    }
}
