package org.modelstudio.core.data;

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

    public String describe() {
        return "resize to " + height + "×" + width + ", " + (channels == 1 ? "greyscale" : "RGB") + ", pixels scaled to 0–1";
    }
}
