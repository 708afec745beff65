package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Shape;

/** Whether examples fit a network's input, said in sentences a student can act on. */
public final class InputFit {

    private InputFit() {}

    /** A shape as messages about data name it: "28×28×1", "40 tokens from a vocabulary of 2000". */
    public static String describe(Shape shape) {
        if (shape instanceof Shape.Tokens t) return Texts.get("core.fit.tokens-shape", t.length(), t.vocabulary());
        return shape.toString();
    }

    /**
     * The first token id that an input of {@code tokens} cannot take, as a sentence naming the example (counting
     * from 0) and the position in it; null when every value is a whole number from 0 to vocabulary − 1.
     * DL4J would stop with an index error deep inside the Embedding layer instead.
     */
    public static String tokenProblem(Shape.Tokens tokens, float[][] examples) { return tokenProblem(tokens, examples, Texts::get); }

    /** As {@link #tokenProblem(Shape.Tokens, float[][])}, its words looked up with {@code say} (English for the model server). */
    public static String tokenProblem(Shape.Tokens tokens, float[][] examples, InputPreparation.Say say) {
        for (int e = 0; e < examples.length; e++) {
            String problem = tokenProblem(tokens, say.text("core.fit.example", e), examples[e], say);
            if (problem != null) return problem;
        }
        return null;
    }

    /**
     * As above, reading the examples of {@code source} one by one (each is read once); the example is named as
     * the source describes it.
     */
    public static String tokenProblem(Shape.Tokens tokens, ExampleSource source) {
        float[] x = new float[Math.toIntExact(source.exampleShape().size())];
        for (int e = 0; e < source.size(); e++) {
            source.read(e, x);
            String name = source.describe(e);
            String problem = tokenProblem(tokens, name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1), x, Texts::get);
            if (problem != null) return problem;
        }
        return null;
    }

    private static String tokenProblem(Shape.Tokens tokens, String example, float[] x, InputPreparation.Say say) {
        int vocabulary = tokens.vocabulary();
        for (int p = 0; p < x.length; p++) {
            float v = x[p];
            if (v >= 0 && v < vocabulary && v == Math.rint(v)) continue;
            if (v >= vocabulary && v == Math.rint(v)) {
                return say.text("core.fit.token-beyond-vocabulary", example, (long) v, p, vocabulary, vocabulary - 1, (long) v + 1);
            }
            return say.text("core.fit.not-a-token", example, show(v), p, vocabulary - 1);
        }
        return null;
    }

    private static String show(float v) {
        return v == Math.rint(v) && !Float.isInfinite(v) ? Long.toString((long) v) : Float.toString(v);
    }
}
