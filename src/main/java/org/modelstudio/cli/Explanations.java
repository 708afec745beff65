package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.Heatmap;
import org.modelstudio.core.eval.WordContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.explain.Explainer;
import org.modelstudio.engine.io.Thumbnails;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code predict --explain}: which words of a text, or which parts of an image, the predicted class rests on. */
final class Explanations {
    static final int WORDS_SHOWN = 5;
    /** Small inputs are drawn larger so the map can be seen: at least this many pixels on the longer side. */
    private static final int MIN_PICTURE_SIDE = 256;

    private Explanations() {}

    /** Prints the words whose leaving out changes the class's probability most, with the change in percentage points. */
    static void printWords(PrintStream out, TrainedModel model, String text, ClassScore best) {
        Map<String, Double> byWord = new LinkedHashMap<>();
        for (WordContribution w : Explainer.words(model, text, best.classIndex())) {
            if (w.contribution() != 0) byWord.putIfAbsent(w.word(), w.contribution());
        }
        if (byWord.isEmpty()) {
            out.println(Texts.get("cli.explain.no-words", best.label()));
            return;
        }
        out.println(Texts.get("cli.explain.words", best.label()));
        List<Map.Entry<String, Double>> top = byWord.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Math.abs(e.getValue())).reversed())
                .limit(WORDS_SHOWN).toList();
        int width = top.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
        for (Map.Entry<String, Double> e : top) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %+6.1f%n", e.getKey(), 100 * e.getValue());
        }
    }

    /** Writes the occlusion map for the class over the image as a PNG and returns a sentence saying so. */
    static String writeHeatmap(TrainedModel model, float[] image, ClassScore best, String file) throws IOException {
        Heatmap map = Explainer.occlusion(model, image, best.classIndex(), new CancelToken(), done -> { });
        int scale = Math.max(1, (int) Math.ceil((double) MIN_PICTURE_SIDE / Math.max(map.width(), map.height())));
        var shape = model.spec().input().shape();
        AtomicFiles.write(Path.of(file), Thumbnails.png(Thumbnails.overlay(image, shape, map, scale)));
        String size = map.width() + "×" + map.height();
        return scale > 1 ? Texts.get("cli.explain.wrote-map-scaled", file, best.label(), size, scale)
                : Texts.get("cli.explain.wrote-map", file, best.label(), size);
    }
}
