package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.i18n.Words;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a network to the data chosen for a fresh run, where the change is obvious, and says what it changed: the
 * Output layer's units to the data's classes ("Output #4: 10 → 3 units for the classes cooking, football, weather"),
 * and a table network's input to the table's prepared columns ("Input: 4 → 7 features, the table's columns as
 * prepared"). Images are decoded to the network's size and channels and texts to its length and vocabulary when they
 * are read, so their shape always fits. What is not obvious (a regression on a classifier's Output, for instance) is left
 * to {@link TaskFit}, which says what to change.
 */
public final class DataFit {

    /** The network to train and the sentences that say what was changed in it (none when it fitted as it was). */
    public record Fitted(NetworkSpec spec, List<String> changes) {
        public Fitted { changes = List.copyOf(changes); }

        public boolean changed() { return !changes.isEmpty(); }
    }

    private DataFit() {}

    /** {@code spec} fitted to data of {@code exampleShape} with {@code classes} (a regression has one, its quantity). */
    public static Fitted fit(NetworkSpec spec, Shape exampleShape, List<String> classes, boolean regression) {
        List<String> changes = new ArrayList<>();
        NetworkSpec fitted = spec;
        if (spec.input() instanceof InputSpec.VectorInput vec && exampleShape instanceof Shape.Vector v && v.length() != vec.features()) {
            fitted = new NetworkSpec(fitted.name(), fitted.description(), new InputSpec.VectorInput(v.length()), fitted.layers(), fitted.training());
            changes.add(Texts.get("core.fit.input-features", vec.features(), v.length()));
        }
        List<LayerSpec> layers = fitted.layers();
        int last = layers.size() - 1;
        if (!regression && classes.size() >= 2 && last >= 0 && layers.get(last) instanceof LayerSpec.Output out
                && out.units() != classes.size()) {
            fitted = fitted.withLayer(last, new LayerSpec.Output(classes.size(), out.activation(), out.init()));
            changes.add(Texts.get("core.fit.output-units", ShapeInference.label(out, last), out.units(), classes.size(),
                    Words.firstOf(classes, 8)));
        }
        return new Fitted(fitted, changes);
    }

    /** The largest side of images whose size an image network takes as they are; larger ones are resized to the network. */
    public static final int LARGEST_FITTED_SIDE = 64;

    /**
     * {@code spec} fitted to a folder of images. Small images that all share one size (MNIST's 28×28, CIFAR's 32×32 colour)
     * become the network's input size and channels, when its layers still fit together; larger or mixed images are
     * resized and converted to the network's input, which is said, not changed.
     */
    public static Fitted fitImages(NetworkSpec spec, ImageFacts facts) {
        if (!(spec.input() instanceof InputSpec.ImageInput in) || facts.images() == 0) return new Fitted(spec, List.of());
        int channels = facts.channels() == 0 ? in.channels() : facts.channels();
        if (facts.oneSize() && Math.max(facts.height(), facts.width()) <= LARGEST_FITTED_SIDE) {
            InputSpec.ImageInput fitted = new InputSpec.ImageInput(facts.height(), facts.width(), channels);
            if (fitted.equals(in)) return new Fitted(spec, List.of());
            NetworkSpec candidate = new NetworkSpec(spec.name(), spec.description(), fitted, spec.layers(), spec.training());
            if (!ShapeInference.analyse(candidate).hasErrors()) {
                return new Fitted(candidate, List.of(Texts.get("core.fit.input-images", shape(in), shape(fitted))));
            }
        }
        boolean sameSize = facts.oneSize() && facts.height() == in.height() && facts.width() == in.width();
        boolean sameColour = facts.channels() == in.channels();
        if (sameSize && sameColour) return new Fitted(spec, List.of());
        return new Fitted(spec, List.of(Texts.get(in.channels() == 1 ? "core.fit.images-grey" : "core.fit.images-colour",
                facts.describe(), in.height() + "×" + in.width())));
    }

    /** The most tokens a fitted sequence input takes; longer texts are cut there. */
    public static final int LONGEST_FITTED_SEQUENCE = 256;

    /**
     * {@code spec} fitted to texts of {@code tokenCounts} tokens each: a sequence input shorter than 95 % of them grows to
     * read them whole (rounded up to a multiple of 8, at most {@value #LONGEST_FITTED_SEQUENCE}); its layers are unchanged.
     */
    public static Fitted fitTexts(NetworkSpec spec, int[] tokenCounts) {
        if (!(spec.input() instanceof InputSpec.SequenceInput seq) || tokenCounts.length == 0) return new Fitted(spec, List.of());
        int[] sorted = tokenCounts.clone();
        Arrays.sort(sorted);
        int p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.95 * sorted.length) - 1)];
        int wanted = Math.min(LONGEST_FITTED_SEQUENCE, (p95 + 7) / 8 * 8);
        if (wanted <= seq.length()) return new Fitted(spec, List.of());
        NetworkSpec candidate = new NetworkSpec(spec.name(), spec.description(), new InputSpec.SequenceInput(wanted, seq.vocabulary()),
                spec.layers(), spec.training());
        if (ShapeInference.analyse(candidate).hasErrors()) return new Fitted(spec, List.of());
        return new Fitted(candidate, List.of(Texts.get("core.fit.input-tokens", seq.length(), wanted)));
    }

    private static String shape(InputSpec.ImageInput i) { return i.height() + "×" + i.width() + "×" + i.channels(); }
}
