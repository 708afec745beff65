package org.modelstudio.ui.common;

import javafx.animation.AnimationTimer;

/** Waiting for the window to draw what has just changed in it. */
public final class Frames {
    private Frames() {}

    /**
     * Runs {@code action} on the FX thread once the window has drawn the changes made before this call: a frame is
     * drawn by the renderer after its pulse, and the pulse after that waits for it, so the third pulse from now comes
     * after the drawing. A run starts this way: the window redraws much of itself when a run begins (the curves come to
     * the front, the buttons change), and drawing that while the run's first batches take both cores made the first
     * frames of a run come late.
     */
    public static void afterDrawn(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override public void handle(long now) {
                if (++pulses < 3) return;
                stop();
                action.run();
            }
        }.start();
    }
}
