package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ModelVersion;
import org.modelstudio.ui.common.CurrentModel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The Serve window's state: which models to serve under which names, on which port, to whom and with which token; the
 * running server's address, client examples and versions; its request log and traffic; and publishing the model in use
 * as the next version of a served name. Starting, stopping, opening files and publishing run on the studio's executor;
 * everything here is read and changed on the FX thread; what the server answered is read by {@link ServedTraffic}'s
 * timer. It keeps serving while the window is closed; {@link #shutdown()} stops it with the studio.
 */
public final class ServeViewModel {
    public enum State { STOPPED, STARTING, SERVING, STOPPING }

    /** A copyable client program. */
    public record Example(String language, String code) {}

    static final int MAX_ROWS = ServedTraffic.MAX_ROWS;
    static final Duration GRACE = Duration.ofSeconds(10);

    private final CurrentModel currentModel;
    private final ObservableValue<TrainingResult> lastResult;
    private final ExecutorService executor;

    /** What to serve, under which names. */
    private final ServeList list;
    private final ObservableList<ServeEntry> entries;
    /** The port, who may call, and whether serving can start. */
    private final ServeForm form;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    private final ObservableList<String> servedNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper addresses = new ReadOnlyStringWrapper("");
    /** The selected served model's address, version and client examples. */
    private final ServedModelInfo info = new ServedModelInfo();

    private final ServedTraffic traffic = new ServedTraffic();

    private final Publishing publishing;

    private ModelServer server;
    private String servedToken;
    private Path exampleImage;
    private boolean closed;

    /** @param lastResult the last training run's result: a model in use that is its model was newly trained */
    public ServeViewModel(CurrentModel currentModel, ObservableValue<TrainingResult> lastResult, ExecutorService executor) {
        this.currentModel = currentModel;
        this.lastResult = lastResult;
        this.executor = executor;
        this.publishing = new Publishing(this, currentModel, executor);
        this.list = new ServeList(currentModel);
        this.entries = list.entries();
        this.form = new ServeForm(list, currentModel, () -> state.get() == State.STOPPED);
        currentModel.modelProperty().addListener((obs, old, m) -> modelChanged(old, m));
        selected.addListener(o -> refreshServing());
        check();
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<ServeEntry> entries() { return entries; }
    /** The port typed (0: any free one). */
    public StringProperty portProperty() { return form.portProperty(); }
    public ReadOnlyStringProperty portProblemProperty() { return form.portProblemProperty(); }
    /** Whether other computers may call the server (it then listens on every address and needs the token). */
    public BooleanProperty networkProperty() { return form.networkProperty(); }
    /** Whether requests need the token; always true while {@link #networkProperty()} is. */
    public BooleanProperty tokenRequiredProperty() { return form.tokenRequiredProperty(); }
    public ReadOnlyStringProperty tokenProperty() { return form.tokenProperty(); }
    /** Why serving cannot start yet (besides a name's or the port's own problem), or empty. */
    public ReadOnlyStringProperty startProblemProperty() { return form.startProblemProperty(); }
    public ReadOnlyBooleanProperty canStartProperty() { return form.canStartProperty(); }
    /** Whether the model in use can be put (back) in the list. */
    public ReadOnlyBooleanProperty canAddModelInUseProperty() { return form.canAddModelInUseProperty(); }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Whether {@link #messageProperty()} says something went wrong. */
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }
    /** A free port to offer after the chosen one was taken, or -1. */
    public ReadOnlyIntegerProperty freePortProperty() { return form.freePortProperty(); }
    /** For the main window while serving: "Serving fashion at http://127.0.0.1:8080/" (no full stop); else empty. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObservableList<String> servedNames() { return servedNames; }
    /** The served name whose address, version and examples are shown, and which Publish replaces. */
    public ObjectProperty<String> selectedProperty() { return selected; }
    /** The selected model's address: "http://127.0.0.1:8080/v2/models/fashion". */
    public ReadOnlyStringProperty urlProperty() { return info.urlProperty(); }
    /** How other computers reach the server, when they may. */
    public ReadOnlyStringProperty addressesProperty() { return addresses.getReadOnlyProperty(); }
    /** Which version of the selected model answers, and where it came from. */
    public ReadOnlyStringProperty versionProperty() { return info.versionProperty(); }
    public ObservableList<Example> examples() { return info.examples(); }
    /** Why there are no examples (a model that takes prepared tensors only), or empty. */
    public ReadOnlyStringProperty examplesNoteProperty() { return info.examplesNoteProperty(); }
    /** The newest requests first, at most {@value #MAX_ROWS}. */
    public ObservableList<RequestRow> requests() { return traffic.requests(); }
    /** Counts the traffic history's new points: the chart redraws when it changes. */
    public ReadOnlyLongProperty trafficRevisionProperty() { return traffic.revisionProperty(); }
    public ReadOnlyStringProperty trafficSummaryProperty() { return traffic.summaryProperty(); }
    TrafficHistory traffic() { return traffic.history(); }
    public Publishing publishing() { return publishing; }
    /** The running server, or null (for tests and the window's checks). */
    public ModelServer server() { return server; }

    // ------------------------------------------------------------------ the list of models

    /** Adds saved model files, each named after its file (made unique); they are opened when serving starts. */
    public void addFiles(List<Path> files) {
        if (state.get() == State.STOPPED) list.addFiles(files);
    }

    /** Puts the model in use back in the list (first). */
    public void addModelInUse() {
        if (state.get() == State.STOPPED) list.addModelInUse();
    }

    public void remove(ServeEntry entry) {
        if (state.get() == State.STOPPED) entries.remove(entry);
    }

    boolean hasModelInUseEntry() { return list.hasModelInUseEntry(); }

    /** A new random token (only while stopped: a running server keeps the one it started with). */
    public void newToken() {
        if (state.get() == State.STOPPED) form.newToken();
    }

    /** Takes the free port offered after the chosen one was taken. */
    public void useFreePort() {
        if (!form.useFreePort()) return;
        failed.set(false);
        message.set(Texts.get("ui.serve.port-free", form.portProperty().get()));
    }

    private void modelChanged(TrainedModel old, TrainedModel m) {
        if (state.get() == State.STOPPED) list.follow(old, m);
        check();
        publishing.refresh();
        TrainingResult r = lastResult.getValue();
        if (m != null && r != null && (r.last() == m || r.best() == m)) publishing.newlyTrained();
    }

    private void check() { form.check(); }

    // ------------------------------------------------------------------ starting and stopping

    /** Starts serving the listed models (off the FX thread); the outcome arrives in {@link #messageProperty()}. */
    public void start() {
        check();
        if (!form.canStartProperty().get()) return;
        TrainedModel inUse = currentModel.get();
        List<ServerLauncher.Source> sources = new ArrayList<>();
        for (ServeEntry e : entries) {
            sources.add(new ServerLauncher.Source(e.nameProperty().get().trim(), e.modelInUse() ? inUse : null, e.file(),
                    e.modelInUse() ? "the studio: " + currentModel.originProperty().get() : e.file().getFileName().toString()));
        }
        ServerLauncher.Request request = new ServerLauncher.Request(sources, ServeChecks.port(form.portProperty().get()),
                form.networkProperty().get(), form.requiredToken());
        state.set(State.STARTING);
        form.starting();
        failed.set(false);
        message.set(Texts.get("ui.serve.starting"));
        Task<ServerLauncher.Launched> task = new Task<>() {
            @Override protected ServerLauncher.Launched call() throws Exception { return ServerLauncher.launch(request); }
        };
        task.setOnSucceeded(e -> started(task.getValue(), request, inUse));
        task.setOnFailed(e -> {
            Throwable x = task.getException();
            state.set(State.STOPPED);
            failed.set(true);
            message.set(x instanceof ServerLauncher.Refused r ? r.getMessage() : Texts.get("ui.serve.not-started", x.getMessage()));
            if (x instanceof ServerLauncher.Refused r) form.offerPort(r.freePort());
            check();
        });
        executor.execute(task);
    }

    private void started(ServerLauncher.Launched launched, ServerLauncher.Request request, TrainedModel inUse) {
        if (closed) { // the studio closed while the server started
            executor.execute(() -> launched.server().stop(Duration.ofSeconds(2)));
            return;
        }
        server = launched.server();
        servedToken = request.token();
        exampleImage = launched.exampleImage();
        List<String> names = request.sources().stream().map(ServerLauncher.Source::name).toList();
        String first = request.sources().stream().filter(s -> s.model() == inUse && inUse != null).map(ServerLauncher.Source::name)
                .findFirst().orElse(names.get(0));
        state.set(State.SERVING);
        servedNames.setAll(names);
        selected.set(first);
        refreshServing();
        addresses.set(!request.network() ? ""
                : launched.addresses().isEmpty() ? Texts.get("ui.serve.addresses.unknown")
                : Texts.get("ui.serve.addresses", String.join(Texts.get("ui.serve.or"), launched.addresses())));
        String where = server.url().toString();
        message.set((names.size() == 1 ? Texts.get("ui.serve.serving-one", names.get(0), where) : Texts.get("ui.serve.serving-many", names.size(), where))
                + Texts.get(request.network() ? "ui.serve.who.network" : request.token() != null ? "ui.serve.who.local-token" : "ui.serve.who.local"));
        summary.set(Texts.get("ui.serve.summary", names.size() == 1 ? names.get(0) : String.join(", ", names), where));
        traffic.follow(server);
        publishing.refresh();
    }

    /** Stops serving (off the FX thread): no new connections, the requests in flight are answered first. */
    public void stop() {
        if (state.get() != State.SERVING || publishing.runningProperty().get()) return;
        ModelServer s = server;
        state.set(State.STOPPING);
        publishing.refresh();
        failed.set(false);
        message.set(Texts.get("ui.serve.stopping"));
        Task<Void> task = new Task<>() {
            @Override protected Void call() {
                s.stop(GRACE);
                return null;
            }
        };
        task.setOnSucceeded(e -> stopped(s, null));
        task.setOnFailed(e -> stopped(s, task.getException()));
        executor.execute(task);
    }

    private void stopped(ModelServer s, Throwable failure) {
        traffic.stop(s);
        server = null;
        state.set(State.STOPPED);
        servedNames.clear();
        info.clear();
        addresses.set("");
        summary.set("");
        failed.set(failure != null);
        message.set(failure != null ? Texts.get("ui.serve.stop-failed", failure.getMessage())
                : Texts.get("ui.serve.stopped", Texts.number(s.metrics().requests()), s.port()));
        publishing.refresh();
        check();
    }

    /** Stops the server with the studio (on the calling thread, briefly); nothing is started after this. */
    public void shutdown() {
        closed = true;
        traffic.stop(null);
        ModelServer s = server;
        server = null;
        if (s != null) s.stop(Duration.ofSeconds(3));
    }

    // ------------------------------------------------------------------ what the running server shows

    /** The selected name's address, version and client examples. */
    void refreshServing() {
        if (info.show(server, selected.get(), servedToken, exampleImage)) publishing.refresh();
    }

    /** After a version was published: show it, and say so. */
    void published(ModelVersion v, boolean automatic) {
        refreshServing();
        failed.set(false);
        message.set(Texts.get(automatic ? "ui.serve.published-auto" : "ui.serve.published", v.version(), v.name()));
    }

    void publishRefused(String sentence) {
        failed.set(true);
        message.set(sentence);
    }
}
