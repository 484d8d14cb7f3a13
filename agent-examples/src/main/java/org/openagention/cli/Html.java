// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

/** Escaping for the report: text into HTML, and JSON into a script element. */
final class Html {
    private Html() {}

    /** {@code text} safe in HTML element content and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append((char) (0x2400 + c)); // a control character shown as its control picture
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * JSON text made safe inside {@code <script type="application/json">}: {@code <}, {@code >}
     * and {@code &} (which JSON only has inside strings) become unicode escapes, so that no
     * {@code </script>} or {@code <!--} in the data can end or change the element.
     */
    static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
