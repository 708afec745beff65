package org.modelstudio.ui.training;

import org.modelstudio.core.i18n.Texts;

/** The status strip's cells, already formatted: epoch, batch, speed, elapsed time and time left. */
public record StatusStrip(String epoch, String batch, String speed, String elapsed, String eta) {

    /** The strip before a run: every cell with a dash (in the studio's language now). */
    public static StatusStrip idle() {
        return new StatusStrip(Texts.get("ui.strip.epoch-none"), Texts.get("ui.strip.batch-none"), Texts.get("ui.strip.speed", "–"),
                Texts.get("ui.strip.elapsed", "–"), Texts.get("ui.strip.left", "–"));
    }
}
