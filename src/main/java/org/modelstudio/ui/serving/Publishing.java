package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ModelVersion;
import org.modelstudio.ui.common.CurrentModel;

import java.util.concurrent.ExecutorService;

/**
 * Publishing the model in use as the next version of the selected served name, by hand or after each training run: allowed
 * when the model in use is not already that name's current version and its input and outputs fit the name's (see
 * {@link SignatureFit}); otherwise {@link #noteProperty()} says why not. The swap runs on the executor (the new version
 * is warmed up first); requests in flight finish on the version they were given to. FX thread only.
 */
public final class Publishing {
    private final ServeViewModel serve;
    private final CurrentModel currentModel;
    private final ExecutorService executor;
    private final ReadOnlyBooleanWrapper allowed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper action = new ReadOnlyStringWrapper(Texts.get("ui.publish.action"));
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final BooleanProperty automatic = new SimpleBooleanProperty(false);
    private TrainedModel signed;
    private ModelSignature signature;

    Publishing(ServeViewModel serve, CurrentModel currentModel, ExecutorService executor) {
        this.serve = serve;
        this.currentModel = currentModel;
        this.executor = executor;
    }

    public ReadOnlyBooleanProperty allowedProperty() { return allowed.getReadOnlyProperty(); }
    /** Whether a version is being published. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** The button's words: "Publish the model in use as version 3 of fashion". */
    public ReadOnlyStringProperty actionProperty() { return action.getReadOnlyProperty(); }
    /** Why publishing is not possible now, or what it will do. */
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    /** Whether each newly trained model in use is published at once (when it fits). */
    public BooleanProperty automaticProperty() { return automatic; }

    void refresh() {
        ModelServer s = serve.server();
        String name = serve.selectedProperty().get();
        if (serve.stateProperty().get() != ServeViewModel.State.SERVING || s == null || name == null || s.models().get(name) == null) {
            allowed.set(false);
            action.set(Texts.get("ui.publish.action"));
            note.set("");
            return;
        }
        ModelVersion current = s.models().get(name).current();
        String next = next(current.version());
        action.set(Texts.get("ui.publish.action-version", next, name));
        TrainedModel m = currentModel.get();
        String why;
        if (running.get()) why = Texts.get("ui.publish.running", next);
        else if (m == null) why = Texts.get("ui.publish.no-model");
        else if (current.runtime().model() == m) {
            why = Texts.get("ui.publish.same", current.version(), name, next);
        } else why = SignatureFit.misfit(current.runtime().signature(), signatureOf(m), name);
        allowed.set(why == null);
        note.set(why != null ? why : Texts.get("ui.publish.fits", name, current.version(), next));
    }

    /** Publishes the model in use as the selected name's next version, off the FX thread. */
    public void publish() { publish(false); }

    /** The model in use was just trained: published when asked to and it fits, else the reason is shown. */
    void newlyTrained() {
        if (automatic.get() && serve.stateProperty().get() == ServeViewModel.State.SERVING) publish(true);
    }

    private void publish(boolean auto) {
        refresh();
        if (!allowed.get()) {
            if (auto && !note.get().isEmpty()) serve.publishRefused(Texts.get("ui.publish.auto-refused", note.get()));
            return;
        }
        ModelServer s = serve.server();
        String name = serve.selectedProperty().get();
        TrainedModel m = currentModel.get();
        String source = "the studio: " + currentModel.originProperty().get();
        running.set(true);
        refresh();
        Task<ModelVersion> task = new Task<>() {
            @Override protected ModelVersion call() {
                if (!s.isRunning()) throw new IllegalStateException("the server was stopped");
                return s.models().publish(name, m, source);
            }
        };
        task.setOnSucceeded(e -> {
            running.set(false);
            serve.published(task.getValue(), auto);
        });
        task.setOnFailed(e -> {
            running.set(false);
            refresh();
            serve.publishRefused(Texts.get("ui.publish.failed", task.getException().getMessage()));
        });
        executor.execute(task);
    }

    private ModelSignature signatureOf(TrainedModel m) {
        if (m != signed) {
            signature = new ModelRuntime(m).signature();
            signed = m;
        }
        return signature;
    }

    /** "3" after "2"; versions are whole numbers counted from 1. */
    private static String next(String version) {
        try {
            return Long.toString(Long.parseLong(version) + 1);
        } catch (NumberFormatException e) {
            return "next";
        }
    }
}
