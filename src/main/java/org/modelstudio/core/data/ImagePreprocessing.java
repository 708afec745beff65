package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.InputSpec;

/**
 * How a raw image becomes a network input: resized to height × width, converted to grey (1 channel) or
 * RGB (3 channels), pixel values scaled to [0,1]. Saved with a trained model so that a dropped file is
 * treated exactly as the training images were.
 */
public record ImagePreprocessing(int height, int width, int channels) {

    public ImagePreprocessing {
        if (height < 1 || width < 1) throw new IllegalArgumentException("image size must be positive: " + height + "×" + width);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (grey) or 3 (RGB) channels, not " + channels);
        }
    }

    public static ImagePreprocessing forInput(InputSpec.ImageInput input) {
        return new ImagePreprocessing(input.height(), input.width(), input.channels());
    }

    /** "resize to 28×28, greyscale, pixels scaled to 0–1", in the studio's language. */
    public String describe() { return describe(Texts::get); }

    /** The same, its words looked up with {@code say}. */
    public String describe(InputPreparation.Say say) {
        return say.text(channels == 1 ? "core.prep.image-grey" : "core.prep.image-rgb", height + "×" + width);
    }
}
