package org.modelstudio.ui.evaluation;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.ExampleOutcome;
import org.modelstudio.core.graph.Shape;

import java.util.List;

/**
 * One example in the evaluation gallery: what it is (a picture of the image the network saw, or the example's
 * description, e.g. its text), its true and predicted class, and how sure the model was.
 */
public record GalleryItem(ExampleOutcome outcome, String actual, String predicted, String description, Image picture) {

    static final int PICTURE_SIZE = 84;

    /** Reads example {@code o.index()} of {@code data} (off the FX thread: images are decoded here). */
    static GalleryItem of(ExampleOutcome o, ExampleSource data, List<String> classes) {
        Image picture = null;
        if (data.exampleShape() instanceof Shape.Image shape) {
            float[] values = new float[(int) shape.size()];
            data.read(o.index(), values);
            picture = picture(values, shape, Math.max(1, PICTURE_SIZE / Math.max(shape.width(), shape.height())));
        }
        return new GalleryItem(o, classes.get(o.actual()), classes.get(o.predicted()), data.describe(o.index()), picture);
    }

    /** Channel-major [0,1] values (grey or RGB) as an image, each pixel drawn {@code scale}×{@code scale}. */
    static Image picture(float[] values, Shape.Image shape, int scale) {
        int w = shape.width();
        int h = shape.height();
        int plane = w * h;
        WritableImage image = new WritableImage(w * scale, h * scale);
        PixelWriter px = image.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int r = level(values[i]);
                int g = shape.channels() >= 3 ? level(values[plane + i]) : r;
                int b = shape.channels() >= 3 ? level(values[2 * plane + i]) : r;
                int argb = 0xff000000 | r << 16 | g << 8 | b;
                for (int dy = 0; dy < scale; dy++) for (int dx = 0; dx < scale; dx++) px.setArgb(x * scale + dx, y * scale + dy, argb);
            }
        }
        return image;
    }

    private static int level(float v) { return Math.max(0, Math.min(255, Math.round(v * 255))); }

    public boolean correct() { return outcome.correct(); }
}
