package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import java.text.Normalizer;
import org.modelstudio.core.i18n.Words;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches the class names of data (an evaluation folder's class folders, a table's labels) to a model's labels, loosely:
 * case, spaces, {@code -}, {@code _}, {@code /} and other punctuation do not count, and full-width forms are their
 * half-width ones, so the folder {@code t-shirt_top} is the label "T-shirt/top" (a folder cannot be named with a slash).
 * An exact name always wins. A name that loosely matches two labels, or two names that match one label, are
 * ambiguous: nothing is guessed, and the sentence names them.
 */
public final class ClassMatching {

    /**
     * @param map       for each data class, the index of its model label (-1 where {@link #problem} says why)
     * @param loose     the matches that were not exact, as "t-shirt_top → T-shirt/top"
     * @param problem   why the data cannot be matched (a class the model does not know, or an ambiguous one), or null
     * @param ambiguous for each data class whose name matches several labels, those labels (which a person can choose from)
     */
    public record Match(int[] map, List<String> loose, String problem, Map<String, List<String>> ambiguous) {
        public boolean matched() { return problem == null; }
    }

    private ClassMatching() {}

    /** The key two names must share to match loosely: letters and digits only, lower case, full-width folded. */
    public static String key(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }

    public static Match match(List<String> labels, List<String> classes) {
        return match(labels, classes, Map.of());
    }

    /** As {@link #match(List, List)}, with the person's answers for ambiguous classes ({@code chosen}: class → label). */
    public static Match match(List<String> labels, List<String> classes, Map<String, String> chosen) {
        int[] map = new int[classes.size()];
        List<String> loose = new ArrayList<>();
        Map<String, List<String>> ambiguous = new LinkedHashMap<>();
        String problem = null;
        for (int c = 0; c < classes.size(); c++) {
            String name = classes.get(c);
            int exact = labels.indexOf(name);
            if (exact >= 0) {
                map[c] = exact;
                continue;
            }
            String answer = chosen.get(name);
            if (answer != null && labels.contains(answer)) {
                map[c] = labels.indexOf(answer);
                loose.add(name + " → " + answer);
                continue;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int l = 0; l < labels.size(); l++) if (key(labels.get(l)).equals(key(name)) && !key(name).isEmpty()) candidates.add(l);
            if (candidates.size() == 1) {
                map[c] = candidates.get(0);
                loose.add(name + " → " + labels.get(candidates.get(0)));
            } else {
                map[c] = -1;
                if (candidates.isEmpty()) {
                    if (problem == null) {
                        problem = Texts.get("core.match.unknown", name, Words.list(labels));
                    }
                } else {
                    List<String> could = candidates.stream().map(labels::get).toList();
                    ambiguous.put(name, could);
                    if (problem == null) {
                        problem = Texts.get("core.match.ambiguous", name, String.join(Texts.get("core.match.or"), could));
                    }
                }
            }
        }
        // Two classes of the data on one label would merge them without saying so.
        for (int a = 0; a < map.length && problem == null; a++) {
            for (int b = a + 1; b < map.length; b++) {
                if (map[a] >= 0 && map[a] == map[b]) {
                    problem = Texts.get("core.match.merged", classes.get(a), classes.get(b), labels.get(map[a]));
                    break;
                }
            }
        }
        return new Match(map, loose, problem, ambiguous);
    }
}
