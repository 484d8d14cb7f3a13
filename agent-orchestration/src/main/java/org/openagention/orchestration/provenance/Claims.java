// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The claim-checking rule of {@link Support} and the splitting of reports into cited sentences. */
final class Claims {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CITATION = Pattern.compile("\\[\\s*(S\\d+(?:\\s*[,;]\\s*S\\d+)*)\\s*]");
    private static final Pattern LEADING_CITATIONS = Pattern.compile("^(?:\\s*" + CITATION.pattern() + ")+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
    private static final Set<String> STOP = Set.of("the", "and", "for", "are", "was", "were", "has", "have", "had",
            "with", "that", "this", "these", "those", "from", "into", "not", "but", "its", "their", "there", "which",
            "who", "can", "may", "will", "would", "should", "could", "been", "being", "also", "all", "any", "one",
            "two", "our", "out", "than", "then", "they", "them", "you", "your", "does", "did", "use", "uses", "used");

    record Cited(String text, List<String> sourceIds) {}

    private Claims() {}

    static ClaimCheck check(String id, String text, List<String> cited, List<Source> sources) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(cited));
        List<Source> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String sid : ids) {
            sources.stream().filter(s -> s.id().equals(sid)).findFirst().ifPresentOrElse(found::add, () -> missing.add(sid));
        }
        if (ids.isEmpty()) {
            return new ClaimCheck(id, text, ids, Support.UNSUPPORTED, "cites no source");
        }
        if (found.isEmpty()) {
            return new ClaimCheck(id, text, ids, Support.UNSUPPORTED, "cites " + String.join(", ", missing)
                    + ", which " + (missing.size() == 1 ? "does" : "do") + " not exist");
        }
        Set<String> terms = keyTerms(text);
        Set<String> words = new HashSet<>();
        found.forEach(s -> words.addAll(words(s.content())));
        List<String> matched = terms.stream().filter(t -> matches(t, words)).toList();
        String missingNote = missing.isEmpty() ? "" : "; " + String.join(", ", missing) + " cited but not recorded";
        if (terms.isEmpty()) {
            return new ClaimCheck(id, text, ids, Support.INFERRED, "has no key terms to find in the sources" + missingNote);
        }
        String counted = matched.size() + " of " + terms.size() + " key terms found in the cited sources"
                + (matched.isEmpty() ? "" : " (" + String.join(", ", matched) + ")");
        boolean enough = matched.size() * 2 >= terms.size();
        Support support = enough && missing.isEmpty() ? Support.SUPPORTED : Support.INFERRED;
        return new ClaimCheck(id, text, ids, support, counted + missingNote);
    }

    static Set<String> keyTerms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String w : words(text)) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                terms.add(w);
            }
        }
        return terms;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static boolean matches(String term, Set<String> words) {
        if (words.contains(term)) {
            return true;
        }
        for (String w : words) {
            int shorter = Math.min(w.length(), term.length());
            int common = 0;
            while (common < shorter && w.charAt(common) == term.charAt(common)) {
                common++;
            }
            if (common >= Math.max(4, shorter - 2)) {
                return true;
            }
        }
        return false;
    }

    /** The report's sentences with the source ids each cites; citations that open a sentence belong to the one before it. */
    static List<Cited> split(String report) {
        List<Cited> out = new ArrayList<>();
        for (String rawLine : report.split("\\R")) {
            String line = LIST_MARKER.matcher(rawLine).replaceFirst("").strip();
            if (line.isEmpty() || line.startsWith("#") || line.endsWith(":")) {
                continue;
            }
            for (String sentence : SENTENCE_END.split(line)) {
                Matcher lead = LEADING_CITATIONS.matcher(sentence);
                if (lead.find() && !out.isEmpty()) {
                    Cited prev = out.remove(out.size() - 1);
                    List<String> merged = new ArrayList<>(prev.sourceIds());
                    merged.addAll(citedIds(lead.group()));
                    out.add(new Cited(prev.text(), merged));
                    sentence = sentence.substring(lead.end());
                }
                String text = CITATION.matcher(sentence).replaceAll("").replaceAll("\\s+([.!?,;:])", "$1")
                        .replaceAll("\\s{2,}", " ").strip();
                if (WORD.matcher(text).find()) {
                    out.add(new Cited(text, citedIds(sentence)));
                }
            }
        }
        return out;
    }

    private static List<String> citedIds(String text) {
        List<String> ids = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            for (String sid : m.group(1).split("[,;]")) {
                ids.add(sid.strip());
            }
        }
        return ids;
    }

    /** The {@code path} (or {@code file_path}) argument of a tool call's JSON arguments. */
    static Optional<String> pathArgument(String argumentsJson) {
        try {
            JsonNode node = JSON.readTree(argumentsJson);
            for (String key : List.of("path", "file_path", "file")) {
                JsonNode v = node == null ? null : node.get(key);
                if (v != null && v.isTextual()) {
                    return Optional.of(v.asText());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
