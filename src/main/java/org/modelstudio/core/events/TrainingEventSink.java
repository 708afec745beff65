package org.modelstudio.core.events;

/** Receives training events on the training thread; keep it quick. */
@FunctionalInterface
public interface TrainingEventSink {
    void accept(TrainingEvent event);

    TrainingEventSink NONE = e -> { };
}
