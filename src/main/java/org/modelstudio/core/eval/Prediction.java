package org.modelstudio.core.eval;

import org.modelstudio.core.i18n.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A model's answer for one input: every class with its probability, most likely first. */
public record Prediction(List<ClassScore> ranked) {

    public Prediction { ranked = List.copyOf(ranked); }

    public static Prediction of(List<String> labels, double[] probabilities) {
        List<ClassScore> scores = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            scores.add(new ClassScore(i < labels.size() ? labels.get(i) : "class " + i, i, probabilities[i]));
        }
        scores.sort(Comparator.comparingDouble(ClassScore::probability).reversed().thenComparingInt(ClassScore::classIndex));
        return new Prediction(scores);
    }

    public ClassScore best() { return ranked.get(0); }

    public List<ClassScore> top(int k) { return ranked.subList(0, Math.min(k, ranked.size())); }

    /** "Sneaker 97.1%, Sandal 2.3%, Ankle boot 0.4%". */
    public String describeTop(int k) {
        StringBuilder sb = new StringBuilder();
        for (ClassScore s : top(k)) {
            if (sb.length() > 0) sb.append(Texts.get("core.list.separator"));
            sb.append(s.label()).append(' ').append(Texts.percent(s.probability(), 1));
        }
        return sb.toString();
    }
}
