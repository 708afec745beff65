package org.modelstudio.core.infer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a model may be called where programs ask for it by name: the studio's server, and the model folders it exports
 * for Triton and KServe. Names are identifiers (a letter or digit, then letters, digits, '-' and '_', at most 64),
 * never paths.
 */
public final class ModelNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private ModelNames() {}

    /** Whether {@code name} can name a model. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A model name made from a file name: "Fashion MLP.zip" → "fashion-mlp". */
    public static String nameFor(String fileName) {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]+$", "").toLowerCase(Locale.ROOT);
        String name = base.replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|-+$", "");
        if (name.length() > 64) name = name.substring(0, 64);
        return name.isEmpty() ? "model" : name;
    }
}
