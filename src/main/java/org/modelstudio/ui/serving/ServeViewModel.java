package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.core.infer.ModelSignature;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.train.TrainingResult;
import org.modelstudio.server.ClientExamples;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ModelVersion;
import org.modelstudio.server.RequestLog;
import org.modelstudio.server.ServerOptions;
import org.modelstudio.ui.common.CurrentModel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The Serve window's state: which models to serve under which names, on which port, to whom and with which token; the
 * running server's address, client examples and versions; its request log and traffic; and publishing the model in use
 * as the next version of a served name. Starting, stopping, opening files and publishing run on the studio's executor;
 * everything here is read and changed on the FX thread. The server is polled by a timer on the FX thread every
 * {@value #POLL_MILLIS} ms (its log and counters), never told to push anything per request. It keeps serving while the
 * window is closed; {@link #shutdown()} stops it with the studio.
 */
public final class ServeViewModel {
    public enum State { STOPPED, STARTING, SERVING, STOPPING }

    /** A copyable client program. */
    public record Example(String language, String code) {}

    static final int MAX_ROWS = 500;
    static final long POLL_MILLIS = 300;
    static final Duration GRACE = Duration.ofSeconds(10);

    private final CurrentModel currentModel;
    private final ObservableValue<TrainingResult> lastResult;
    private final ExecutorService executor;

    private final ObservableList<ServeEntry> entries = FXCollections.observableArrayList(e -> new Observable[] {e.nameProperty()});
    private final StringProperty port = new SimpleStringProperty(Integer.toString(ServerOptions.DEFAULT_PORT));
    private final ReadOnlyStringWrapper portProblem = new ReadOnlyStringWrapper();
    private final BooleanProperty network = new SimpleBooleanProperty(false);
    private final BooleanProperty tokenRequired = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper(Tokens.generate());
    private final ReadOnlyStringWrapper startProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canAddModelInUse = new ReadOnlyBooleanWrapper();

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper freePort = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    private final ObservableList<String> servedNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper addresses = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ObservableList<Example> examples = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper examplesNote = new ReadOnlyStringWrapper("");

    private final ObservableList<RequestRow> requests = FXCollections.observableArrayList();
    private final TrafficHistory traffic = new TrafficHistory();
    private final ReadOnlyLongWrapper trafficRevision = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper trafficSummary = new ReadOnlyStringWrapper("");

    private final Publishing publishing;

    private ModelServer server;
    private String servedToken;
    private Path exampleImage;
    private Timeline poller;
    private long lastSeq = -1;
    private boolean closed;

    /** @param lastResult the last training run's result: a model in use that is its model was newly trained */
    public ServeViewModel(CurrentModel currentModel, ObservableValue<TrainingResult> lastResult, ExecutorService executor) {
        this.currentModel = currentModel;
        this.lastResult = lastResult;
        this.executor = executor;
        this.publishing = new Publishing(this, currentModel, executor);
        entries.addListener((Observable o) -> check());
        port.addListener(o -> check());
        network.addListener((obs, was, on) -> {
            if (on) tokenRequired.set(true);
        });
        tokenRequired.addListener((obs, was, on) -> {
            if (!on && network.get()) tokenRequired.set(true);
        });
        currentModel.modelProperty().addListener((obs, old, m) -> modelChanged(old, m));
        currentModel.originProperty().addListener(o -> entries.stream().filter(ServeEntry::modelInUse).forEach(e -> e.setSource(inUseSource())));
        selected.addListener(o -> refreshServing());
        if (currentModel.get() != null) entries.add(inUseEntry(currentModel.get()));
        check();
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<ServeEntry> entries() { return entries; }
    /** The port typed (0: any free one). */
    public StringProperty portProperty() { return port; }
    public ReadOnlyStringProperty portProblemProperty() { return portProblem.getReadOnlyProperty(); }
    /** Whether other computers may call the server (it then listens on every address and needs the token). */
    public BooleanProperty networkProperty() { return network; }
    /** Whether requests need the token; always true while {@link #networkProperty()} is. */
    public BooleanProperty tokenRequiredProperty() { return tokenRequired; }
    public ReadOnlyStringProperty tokenProperty() { return token.getReadOnlyProperty(); }
    /** Why serving cannot start yet (besides a name's or the port's own problem), or empty. */
    public ReadOnlyStringProperty startProblemProperty() { return startProblem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canStartProperty() { return canStart.getReadOnlyProperty(); }
    /** Whether the model in use can be put (back) in the list. */
    public ReadOnlyBooleanProperty canAddModelInUseProperty() { return canAddModelInUse.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Whether {@link #messageProperty()} says something went wrong. */
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }
    /** A free port to offer after the chosen one was taken, or -1. */
    public ReadOnlyIntegerProperty freePortProperty() { return freePort.getReadOnlyProperty(); }
    /** For the main window while serving: "Serving fashion at http://127.0.0.1:8080/" (no full stop); else empty. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ObservableList<String> servedNames() { return servedNames; }
    /** The served name whose address, version and examples are shown, and which Publish replaces. */
    public ObjectProperty<String> selectedProperty() { return selected; }
    /** The selected model's address: "http://127.0.0.1:8080/v2/models/fashion". */
    public ReadOnlyStringProperty urlProperty() { return url.getReadOnlyProperty(); }
    /** How other computers reach the server, when they may. */
    public ReadOnlyStringProperty addressesProperty() { return addresses.getReadOnlyProperty(); }
    /** Which version of the selected model answers, and where it came from. */
    public ReadOnlyStringProperty versionProperty() { return version.getReadOnlyProperty(); }
    public ObservableList<Example> examples() { return examples; }
    /** Why there are no examples (a model that takes prepared tensors only), or empty. */
    public ReadOnlyStringProperty examplesNoteProperty() { return examplesNote.getReadOnlyProperty(); }
    /** The newest requests first, at most {@value #MAX_ROWS}. */
    public ObservableList<RequestRow> requests() { return requests; }
    /** Counts the traffic history's new points: the chart redraws when it changes. */
    public ReadOnlyLongProperty trafficRevisionProperty() { return trafficRevision.getReadOnlyProperty(); }
    public ReadOnlyStringProperty trafficSummaryProperty() { return trafficSummary.getReadOnlyProperty(); }
    TrafficHistory traffic() { return traffic; }
    public Publishing publishing() { return publishing; }
    /** The running server, or null (for tests and the window's checks). */
    public ModelServer server() { return server; }

    // ------------------------------------------------------------------ the list of models

    /** Adds saved model files, each named after its file (made unique); they are opened when serving starts. */
    public void addFiles(List<Path> files) {
        if (state.get() != State.STOPPED) return;
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (entries.stream().anyMatch(e -> file.equals(e.file()))) continue;
            entries.add(new ServeEntry(file, unique(ModelNames.nameFor(file.getFileName().toString())),
                    Texts.get("ui.serve.entry.file", file.getFileName())));
        }
    }

    /** Puts the model in use back in the list (first). */
    public void addModelInUse() {
        TrainedModel m = currentModel.get();
        if (state.get() != State.STOPPED || m == null || entries.stream().anyMatch(ServeEntry::modelInUse)) return;
        entries.add(0, inUseEntry(m));
    }

    public void remove(ServeEntry entry) {
        if (state.get() == State.STOPPED) entries.remove(entry);
    }

    boolean hasModelInUseEntry() { return entries.stream().anyMatch(ServeEntry::modelInUse); }

    /** A new random token (only while stopped: a running server keeps the one it started with). */
    public void newToken() {
        if (state.get() == State.STOPPED) token.set(Tokens.generate());
    }

    /** Takes the free port offered after the chosen one was taken. */
    public void useFreePort() {
        if (freePort.get() <= 0) return;
        port.set(Integer.toString(freePort.get()));
        freePort.set(-1);
        failed.set(false);
        message.set(Texts.get("ui.serve.port-free", port.get()));
    }

    private ServeEntry inUseEntry(TrainedModel m) {
        return new ServeEntry(null, unique(defaultName(m)), inUseSource());
    }

    private String inUseSource() {
        return Texts.get("ui.serve.entry.in-use", currentModel.originProperty().get());
    }

    private static String defaultName(TrainedModel m) {
        return ModelNames.nameFor(m.spec().name());
    }

    private String unique(String name) {
        String n = name;
        for (int k = 2; entries.stream().anyMatch(e -> n.equals(e.nameProperty().get().trim())); k++) {
            String suffix = "-" + k;
            String candidate = (name.length() + suffix.length() > 64 ? name.substring(0, 64 - suffix.length()) : name) + suffix;
            if (entries.stream().noneMatch(e -> candidate.equals(e.nameProperty().get().trim()))) return candidate;
        }
        return n;
    }

    private void modelChanged(TrainedModel old, TrainedModel m) {
        if (state.get() == State.STOPPED && m != null) {
            ServeEntry inUse = entries.stream().filter(ServeEntry::modelInUse).findFirst().orElse(null);
            if (inUse == null && entries.isEmpty()) {
                entries.add(inUseEntry(m));
            } else if (inUse != null && old != null && inUse.nameProperty().get().equals(defaultName(old))) {
                inUse.nameProperty().set(defaultName(m)); // still the default name: follow the new model's
            }
        }
        check();
        publishing.refresh();
        TrainingResult r = lastResult.getValue();
        if (m != null && r != null && (r.last() == m || r.best() == m)) publishing.newlyTrained();
    }

    /** Checks every name, the port and whether there is something to serve. */
    private void check() {
        for (ServeEntry e : entries) {
            String n = e.nameProperty().get() == null ? "" : e.nameProperty().get().trim();
            long same = entries.stream().filter(o -> o != e && n.equals(o.nameProperty().get() == null ? "" : o.nameProperty().get().trim())).count();
            e.setProblem(ServeChecks.nameProblem(n, same));
        }
        portProblem.set(ServeChecks.portProblem(port.get()));
        String problem = "";
        if (entries.isEmpty()) problem = Texts.get("ui.serve.no-models");
        else if (hasModelInUseEntry() && currentModel.get() == null) {
            problem = Texts.get("ui.serve.no-model-in-use");
        }
        startProblem.set(problem);
        canAddModelInUse.set(state.get() == State.STOPPED && currentModel.get() != null && !hasModelInUseEntry());
        canStart.set(state.get() == State.STOPPED && problem.isEmpty() && portProblem.get() == null
                && entries.stream().allMatch(e -> e.problemProperty().get() == null));
    }

    // ------------------------------------------------------------------ starting and stopping

    /** Starts serving the listed models (off the FX thread); the outcome arrives in {@link #messageProperty()}. */
    public void start() {
        check();
        if (!canStart.get()) return;
        TrainedModel inUse = currentModel.get();
        List<ServerLauncher.Source> sources = new ArrayList<>();
        for (ServeEntry e : entries) {
            sources.add(new ServerLauncher.Source(e.nameProperty().get().trim(), e.modelInUse() ? inUse : null, e.file(),
                    e.modelInUse() ? "the studio: " + currentModel.originProperty().get() : e.file().getFileName().toString()));
        }
        boolean net = network.get();
        ServerLauncher.Request request = new ServerLauncher.Request(sources, ServeChecks.port(port.get()), net,
                net || tokenRequired.get() ? token.get() : null);
        state.set(State.STARTING);
        canStart.set(false);
        failed.set(false);
        freePort.set(-1);
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
            if (x instanceof ServerLauncher.Refused r) freePort.set(r.freePort());
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
        requests.clear();
        lastSeq = -1;
        traffic.reset(System.nanoTime(), server.metrics().requests(), server.metrics().latencySeconds());
        trafficRevision.set(trafficRevision.get() + 1);
        trafficSummary.set(Texts.get("ui.traffic.none"));
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
        poller = new Timeline(new KeyFrame(javafx.util.Duration.millis(POLL_MILLIS), e -> poll()));
        poller.setCycleCount(Animation.INDEFINITE);
        poller.play();
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
        poll(); // the last requests answered before the port closed
        if (poller != null) poller.stop();
        poller = null;
        server = null;
        state.set(State.STOPPED);
        servedNames.clear();
        url.set("");
        addresses.set("");
        version.set("");
        examples.clear();
        examplesNote.set("");
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
        if (poller != null) poller.stop();
        poller = null;
        ModelServer s = server;
        server = null;
        if (s != null) s.stop(Duration.ofSeconds(3));
    }

    // ------------------------------------------------------------------ what the running server shows

    /** Reads the server's new log entries and its counters; the window's timer calls this on the FX thread. */
    void poll() {
        ModelServer s = server;
        if (s == null) return;
        List<RequestLog.Entry> fresh = s.log().after(lastSeq);
        if (!fresh.isEmpty()) {
            lastSeq = fresh.get(fresh.size() - 1).seq();
            List<RequestRow> rows = new ArrayList<>(Math.min(fresh.size(), MAX_ROWS));
            for (int i = fresh.size() - 1; i >= Math.max(0, fresh.size() - MAX_ROWS); i--) rows.add(RequestRow.of(fresh.get(i)));
            requests.addAll(0, rows);
            if (requests.size() > MAX_ROWS) requests.remove(MAX_ROWS, requests.size());
        }
        if (traffic.sample(System.nanoTime(), s.metrics().requests(), s.metrics().latencySeconds())) {
            trafficRevision.set(trafficRevision.get() + 1);
            trafficSummary.set(traffic.summary(10) + Texts.get("ui.traffic.total", Texts.number(s.metrics().requests())));
        }
    }

    /** The selected name's address, version and client examples. */
    void refreshServing() {
        String name = selected.get();
        ModelServer s = server;
        if (s == null || name == null || s.models().get(name) == null) return;
        ModelVersion v = s.models().get(name).current();
        url.set(s.url(name).toString());
        List<String> loaded = s.models().get(name).versions();
        version.set(Texts.get("ui.serve.version", v.version(), name,
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(v.loaded()), v.source())
                + (loaded.size() > 1 ? Texts.get("ui.serve.versions-loaded", String.join(", ", loaded)) : ""));
        var sig = v.runtime().signature();
        if (sig.kind() == ModelSignature.Kind.PREPARED) {
            examples.clear();
            examplesNote.set(Texts.get("ui.serve.examples.prepared",
                    String.join(", ", sig.tensorShape().stream().map(String::valueOf).toList()), url.get()));
        } else {
            var client = new ClientExamples(s.url(name), sig, servedToken,
                    ExampleInputs.sample(sig, v.runtime().model(), exampleImage));
            List<Example> list = new ArrayList<>();
            for (var language : client.languages()) list.add(new Example(language.title(), client.example(language)));
            examples.setAll(list);
            examplesNote.set(sig.kind() == ModelSignature.Kind.IMAGE
                    ? Texts.get("ui.serve.examples.image", exampleImage == null ? Texts.get("ui.serve.examples.an-image") : exampleImage.getFileName())
                    : sig.kind() == ModelSignature.Kind.TABLE
                    ? Texts.get("ui.serve.examples.row", String.join(", ", sig.columns()))
                    : Texts.get("ui.serve.examples.text"));
        }
        publishing.refresh();
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
