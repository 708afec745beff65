package org.modelstudio.ui.serving;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.server.ClientExamples;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ModelVersion;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** One served model as the Serve window describes it: its address, the version that answers, and client programs to copy. */
final class ServedModelInfo {
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ObservableList<ServeViewModel.Example> examples = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper examplesNote = new ReadOnlyStringWrapper("");

    ReadOnlyStringProperty urlProperty() { return url.getReadOnlyProperty(); }
    ReadOnlyStringProperty versionProperty() { return version.getReadOnlyProperty(); }
    ObservableList<ServeViewModel.Example> examples() { return examples; }
    ReadOnlyStringProperty examplesNoteProperty() { return examplesNote.getReadOnlyProperty(); }

    /** Describes {@code name} as {@code server} serves it; false (nothing changed) when it serves no such name. */
    boolean show(ModelServer server, String name, String token, Path exampleImage) {
        if (server == null || name == null || server.models().get(name) == null) return false;
        ModelVersion v = server.models().get(name).current();
        url.set(server.url(name).toString());
        List<String> loaded = server.models().get(name).versions();
        version.set(Texts.get("ui.serve.version", v.version(), name,
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(v.loaded()), v.source())
                + (loaded.size() > 1 ? Texts.get("ui.serve.versions-loaded", String.join(", ", loaded)) : ""));
        var sig = v.runtime().signature();
        if (sig.kind() == ModelSignature.Kind.PREPARED) {
            examples.clear();
            examplesNote.set(Texts.get("ui.serve.examples.prepared",
                    String.join(", ", sig.tensorShape().stream().map(String::valueOf).toList()), url.get()));
        } else {
            var client = new ClientExamples(server.url(name), sig, token, ExampleInputs.sample(sig, v.runtime().model(), exampleImage));
            List<ServeViewModel.Example> list = new ArrayList<>();
            for (var language : client.languages()) list.add(new ServeViewModel.Example(language.title(), client.example(language)));
            examples.setAll(list);
            examplesNote.set(sig.kind() == ModelSignature.Kind.IMAGE
                    ? Texts.get("ui.serve.examples.image", exampleImage == null ? Texts.get("ui.serve.examples.an-image") : exampleImage.getFileName())
                    : sig.kind() == ModelSignature.Kind.TABLE
                    ? Texts.get("ui.serve.examples.row", String.join(", ", sig.columns()))
                    : Texts.get("ui.serve.examples.text"));
        }
        return true;
    }

    /** The server stopped: nothing to describe. */
    void clear() {
        url.set("");
        version.set("");
        examples.clear();
        examplesNote.set("");
    }
}
