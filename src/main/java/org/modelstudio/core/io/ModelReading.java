package org.modelstudio.core.io;

import org.modelstudio.core.i18n.Texts;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the inputs of a network made elsewhere are read, which its file does not say: whether its 784 inputs are a
 * flattened 28×28 image or a row of 784 numbers, and the range its pixels were scaled to. The studio proposes one
 * ({@code import} prints it, the Open Keras model dialog shows it), the person confirms or changes it once, and the
 * model file keeps it as the model's input and preparation.
 *
 * @param kind      an image, a row of numbers, or a sequence of token ids
 * @param height    image height (1 for the others)
 * @param width     image width, or the number of features or tokens
 * @param channels  1 (grey) or 3 (RGB) for an image, else 1
 * @param pixels255 whether the network expects pixel values 0..255 rather than 0..1 (images only)
 */
public record ModelReading(Kind kind, int height, int width, int channels, boolean pixels255) {

    public enum Kind { IMAGE, FEATURES, TOKENS }

    private static final Pattern IMAGE = Pattern.compile("image:(\\d+)x(\\d+)x([13])");
    private static final Pattern COUNT = Pattern.compile("(features|tokens):(\\d+)");

    public ModelReading {
        if (kind == null) throw new IllegalArgumentException("an input reading needs a kind");
        if (height < 1 || width < 1) throw new IllegalArgumentException("an input needs a positive size, not " + height + "×" + width);
        if (kind == Kind.IMAGE && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image has 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if (kind != Kind.IMAGE && (height != 1 || channels != 1 || pixels255)) {
            throw new IllegalArgumentException("only an image has a height, channels and a pixel range");
        }
    }

    public static ModelReading image(int height, int width, int channels, boolean pixels255) {
        return new ModelReading(Kind.IMAGE, height, width, channels, pixels255);
    }

    public static ModelReading features(int count) { return new ModelReading(Kind.FEATURES, 1, count, 1, false); }

    public static ModelReading tokens(int length) { return new ModelReading(Kind.TOKENS, 1, length, 1, false); }

    /** How many numbers one example has once read. */
    public int size() { return height * width * channels; }

    /** This reading with another pixel range (images only; the others have none). */
    public ModelReading withPixels255(boolean in255) {
        return kind == Kind.IMAGE ? new ModelReading(kind, height, width, channels, in255) : this;
    }

    /**
     * Parses {@code image:HxWxC}, {@code features:N} or {@code tokens:N} (the CLI's {@code --input}) and a pixel range
     * {@code 0..1} or {@code 0..255} ({@code --pixels}, null for the default 0..1).
     *
     * @throws IllegalArgumentException with a sentence that names what is wrong
     */
    public static ModelReading parse(String input, String pixels) {
        boolean in255;
        if (pixels == null || pixels.equals("0..1")) in255 = false;
        else if (pixels.equals("0..255")) in255 = true;
        else throw new IllegalArgumentException("--pixels is 0..1 or 0..255, not \"" + pixels + "\"");
        String s = input.trim().toLowerCase(Locale.ROOT);
        Matcher m = IMAGE.matcher(s);
        if (m.matches()) {
            return image(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), in255);
        }
        m = COUNT.matcher(s);
        if (m.matches()) {
            if (in255) throw new IllegalArgumentException("--pixels applies to an image input, not to " + s);
            int n = Integer.parseInt(m.group(2));
            return m.group(1).equals("features") ? features(n) : tokens(n);
        }
        throw new IllegalArgumentException("--input is image:HxWxC (C is 1 or 3), features:N or tokens:N, not \"" + input + "\"");
    }

    /** The form {@link #parse} reads: {@code image:28x28x1}, {@code features:4}, {@code tokens:20}. */
    public String id() {
        return switch (kind) {
            case IMAGE -> "image:" + height + "x" + width + "x" + channels;
            case FEATURES -> "features:" + width;
            case TOKENS -> "tokens:" + width;
        };
    }

    /** For people: "a 28×28 greyscale image, pixels 0–255", "a row of 4 numbers", "a sequence of 20 token ids". */
    public String describe() {
        return switch (kind) {
            case IMAGE -> Texts.get(channels == 1 ? "core.reading.image-grey" : "core.reading.image-rgb", height + "×" + width,
                    pixels255 ? "0–255" : "0–1");
            case FEATURES -> Texts.get(width == 1 ? "core.reading.number" : "core.reading.numbers", width);
            case TOKENS -> Texts.get("core.reading.tokens", width);
        };
    }
}
