package org.modelstudio.ui.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.data.Augmentation;
import org.modelstudio.core.edit.EditHistory;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.SpecFormatException;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.core.project.Project;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.core.project.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The project as a document: its file, whether it has unsaved changes, and what it holds besides the network (where
 * its data comes from, how images are augmented, the runs trained so far). The network itself is edited in the
 * {@link ModelViewModel}, whose edit history this document shares: one change counter, {@link #revisionProperty()},
 * goes up with every edit of the network (undo and redo too) and every other change of the project.
 */
public final class ProjectDocument {
    private final ModelViewModel editor;
    private final EditHistory history;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    /** One wrapper, kept: listeners on a throwaway unmodifiable view would be collected with it. */
    private final ObservableList<RunRecord> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<DataSource> dataSource = new ReadOnlyObjectWrapper<>(DataSource.FASHION_MNIST);
    private final ReadOnlyObjectWrapper<Augmentation> augmentation = new ReadOnlyObjectWrapper<>(Augmentation.NONE);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(0);
    /** The network as last saved or opened (null: never saved); dirty is "differs from it", so undo back to it is clean. */
    private NetworkSpec saved;
    /** Whether the project changed outside the network since it was saved, and how often in all. */
    private boolean othersChanged;
    private long othersRevision;

    public ProjectDocument(ModelViewModel editor) {
        this.editor = editor;
        this.history = editor.history();
        saved = history.current();
        history.addListener(h -> update());
        update();
    }

    /** The network as edited now (what a save writes). */
    public NetworkSpec network() { return history.current(); }

    /** The project as it would be saved now. */
    public Project project() { return new Project(history.current(), dataSource.get(), List.copyOf(runs), augmentation.get()); }

    /** The project file this network was opened from or saved to; null for a network never saved. */
    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    /** True when the project has changes that are not in its file. */
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    /** Goes up with every change of the project: each edit of the network, undo and redo included, and each other change. */
    public ReadOnlyLongProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** How the project's training images are augmented (saved with it). */
    public ReadOnlyObjectProperty<Augmentation> augmentationProperty() { return augmentation.getReadOnlyProperty(); }

    public void setAugmentation(Augmentation a) {
        if (a.equals(augmentation.get())) return;
        augmentation.set(a);
        othersChanged();
    }

    /** Where the project's training data comes from (saved with it). Changing it is an unsaved change. */
    public ReadOnlyObjectProperty<DataSource> dataSourceProperty() { return dataSource.getReadOnlyProperty(); }

    public void setDataSource(DataSource source) {
        if (source.equals(dataSource.get())) return;
        dataSource.set(source);
        othersChanged();
    }

    /** The project's training runs, oldest first (read-only: runs are added by {@link #addRun}). */
    public ObservableList<RunRecord> runs() { return runsView; }

    /** Records a finished (or stopped, or failed) run in the project; it is saved with it. Not an undoable edit. */
    public void addRun(RunRecord run) {
        runs.add(run);
        othersChanged();
    }

    /** Starts an empty network (28×28 grey images in, nothing else): a new document with no history. */
    public void newNetwork() {
        runs.clear();
        dataSource.set(DataSource.FASHION_MNIST);
        augmentation.set(Augmentation.NONE);
        start(new NetworkSpec(Texts.get("ui.model.untitled"), "", new InputSpec.ImageInput(28, 28, 1), List.of(),
                history.current().training()), null, true);
    }

    public void open(Path path) throws SpecFormatException {
        Project p = ProjectFile.load(path);
        runs.setAll(p.runs());
        dataSource.set(p.data());
        augmentation.set(p.augmentation());
        start(p.network(), path, true);
    }

    /** Saves atomically to {@code path}, which becomes the document's file. */
    public void saveTo(Path path) throws IOException {
        ProjectFile.save(project(), path);
        file.set(path);
        saved = history.current();
        othersChanged = false;
        update();
    }

    /** Brings back autosaved work after a crash; it counts as unsaved until the user saves it. */
    public void restore(Project project, Path origin) {
        runs.setAll(project.runs());
        dataSource.set(project.data());
        augmentation.set(project.augmentation());
        start(project.network(), origin, false);
        othersChanged = !project.runs().isEmpty();
        update();
    }

    private void start(NetworkSpec network, Path path, boolean asSaved) {
        file.set(path);
        saved = asSaved ? network : null;
        othersChanged = false;
        editor.startOver(network);
        update();
    }

    /** The project changed outside the network: an unsaved change to autosave, while the network stays as it is. */
    private void othersChanged() {
        othersChanged = true;
        othersRevision++;
        update();
        dirty.set(true);
    }

    private void update() {
        revision.set(history.revision() + othersRevision);
        dirty.set(!history.current().equals(saved) || othersChanged);
    }
}
