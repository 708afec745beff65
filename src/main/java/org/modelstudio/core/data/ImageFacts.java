package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
/**
 * What the images of a folder are like, read from their headers: the size they all share ({@code height} and
 * {@code width} are 0 when they differ) and whether they are grey (1 channel), colour (3) or a mix (0).
 */
public record ImageFacts(int height, int width, int channels, int images) {

    /** Whether every image has the same size. */
    public boolean oneSize() { return height > 0 && width > 0; }

    /** "32×32 colour", "various sizes, grey", "various sizes, grey and colour". */
    public String describe() {
        String colour = Texts.get(channels == 1 ? "core.images.grey" : channels == 3 ? "core.images.colour" : "core.images.grey-and-colour");
        return oneSize() ? Texts.get("core.images.one-size", height + "×" + width, colour) : Texts.get("core.images.various-sizes", colour);
    }

    /** Facts gathered one image at a time. */
    public static final class Builder {
        private int height = -1;
        private int width = -1;
        private int channels = -1;
        private int images;

        public void add(int imageHeight, int imageWidth, int imageChannels) {
            int c = imageChannels >= 3 ? 3 : 1;
            if (images == 0) {
                height = imageHeight;
                width = imageWidth;
                channels = c;
            } else {
                if (imageHeight != height || imageWidth != width) {
                    height = 0;
                    width = 0;
                }
                if (c != channels) channels = 0;
            }
            images++;
        }

        public ImageFacts build() {
            return images == 0 ? new ImageFacts(0, 0, 0, 0) : new ImageFacts(height, width, channels, images);
        }
    }
}
