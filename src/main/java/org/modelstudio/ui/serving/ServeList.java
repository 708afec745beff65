package org.modelstudio.ui.serving;

import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.ui.common.CurrentModel;

import java.nio.file.Path;
import java.util.List;

/**
 * The models to serve and the name each is served under: saved model files, and the model in use (listed first, named
 * after its network until someone renames it). Names are made unique when added and checked as they are typed.
 */
final class ServeList {
    private final CurrentModel currentModel;
    private final ObservableList<ServeEntry> entries = FXCollections.observableArrayList(e -> new Observable[] {e.nameProperty()});

    ServeList(CurrentModel currentModel) {
        this.currentModel = currentModel;
        currentModel.originProperty().addListener(o -> entries.stream().filter(ServeEntry::modelInUse).forEach(e -> e.setSource(inUseSource())));
        if (currentModel.get() != null) entries.add(inUseEntry(currentModel.get()));
    }

    ObservableList<ServeEntry> entries() { return entries; }

    /** Adds saved model files, each named after its file (made unique); they are opened when serving starts. */
    void addFiles(List<Path> files) {
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (entries.stream().anyMatch(e -> file.equals(e.file()))) continue;
            entries.add(new ServeEntry(file, unique(ModelNames.nameFor(file.getFileName().toString())),
                    Texts.get("ui.serve.entry.file", file.getFileName())));
        }
    }

    /** Puts the model in use back in the list (first). */
    void addModelInUse() {
        TrainedModel m = currentModel.get();
        if (m == null || hasModelInUseEntry()) return;
        entries.add(0, inUseEntry(m));
    }

    boolean hasModelInUseEntry() { return entries.stream().anyMatch(ServeEntry::modelInUse); }

    /** Another model is in use: listed if the list was empty, and renamed if it still had the old one's default name. */
    void follow(TrainedModel old, TrainedModel m) {
        if (m == null) return;
        ServeEntry inUse = entries.stream().filter(ServeEntry::modelInUse).findFirst().orElse(null);
        if (inUse == null && entries.isEmpty()) {
            entries.add(inUseEntry(m));
        } else if (inUse != null && old != null && inUse.nameProperty().get().equals(defaultName(old))) {
            inUse.nameProperty().set(defaultName(m)); // still the default name: follow the new model's
        }
    }

    /** Checks every name (each entry shows its own problem); true when all are good. */
    boolean checkNames() {
        for (ServeEntry e : entries) {
            String n = e.nameProperty().get() == null ? "" : e.nameProperty().get().trim();
            long same = entries.stream().filter(o -> o != e && n.equals(o.nameProperty().get() == null ? "" : o.nameProperty().get().trim())).count();
            e.setProblem(ServeChecks.nameProblem(n, same));
        }
        return entries.stream().allMatch(e -> e.problemProperty().get() == null);
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
}
