package org.modelstudio.cli;

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
            out.println("No word of the text changes the probability of \"" + best.label() + "\" when left out (the model knows none of them, or none matters).");
            return;
        }
        out.println("Words behind \"" + best.label() + "\" (how much its probability falls without the word, in points):");
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
        return String.format(Locale.ROOT, "Wrote %s: where hiding part of the image lowers the probability of \"%s\" most "
                + "(yellow most, red less, grey not at all), %d×%d%s", file, best.label(), map.width(), map.height(),
                scale > 1 ? " drawn ×" + scale : "");
    }
}
