package org.modelstudio.ui.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.catalogue.LayerCatalogue;
import org.modelstudio.core.data.TaskFit;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.i18n.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The network shown as Keras shows it in {@code summary()}: a row per layer with its output shape and parameters, the
 * totals, and each problem on the layer that causes it, including what the chosen data asks of the network (its
 * classes, its columns: {@link TaskFit}). Recomputed from each new version of the network; it edits nothing.
 */
final class LayerTable {
    private final LayerCatalogue catalogue;
    private final ReadOnlyObjectWrapper<NetworkSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fixedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper fixed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper trainingSettings = new ReadOnlyStringWrapper("");
    /** What the chosen data asks for (null while unknown) and the name of the number a regression predicts. */
    private TaskKind dataTask;
    private String dataQuantity = "";

    LayerTable(LayerCatalogue catalogue) { this.catalogue = catalogue; }

    ReadOnlyObjectProperty<NetworkSummary> summaryProperty() { return summary.getReadOnlyProperty(); }
    ObservableList<LayerRow> rows() { return rows; }
    ReadOnlyStringProperty totalsProperty() { return totals.getReadOnlyProperty(); }
    ReadOnlyStringProperty problemsProperty() { return problems.getReadOnlyProperty(); }
    /** Whether the network is fixed (opened from a Keras file with layers that have no block): shown, not edited. */
    ReadOnlyBooleanProperty fixedProperty() { return fixed.getReadOnlyProperty(); }
    /** What a fixed network is and what can still be done with it; empty for an ordinary network. */
    ReadOnlyStringProperty fixedNoteProperty() { return fixedNote.getReadOnlyProperty(); }
    ReadOnlyStringProperty trainingSettingsProperty() { return trainingSettings.getReadOnlyProperty(); }

    /**
     * What the chosen data asks the network for (null while unknown: images, texts, or a table not read yet), and
     * for a regression the name of the number it predicts. What the network lacks for it is shown on the layer to
     * change, like a shape problem. Returns whether it changed (then the table is to be shown again).
     */
    boolean setDataTask(TaskKind task, String quantity) {
        String q = quantity == null ? "" : quantity;
        if (task == dataTask && q.equals(dataQuantity)) return false;
        dataTask = task;
        dataQuantity = q;
        return true;
    }

    TaskKind dataTask() { return dataTask; }

    /** Shows {@code network}. */
    void show(NetworkSpec network) {
        NetworkSummary s = ShapeInference.analyse(network).withIssues(TaskFit.issues(network, dataTask, dataQuantity));
        List<LayerRow> newRows = new ArrayList<>();
        newRows.add(new LayerRow("0", Texts.get("ui.model.row.input"), inputDescription(network.input()), String.valueOf(s.inputShape()), "0", "",
                false, "input"));
        for (LayerSummary l : s.layers()) {
            List<Issue> issues = s.issuesFor(l.index());
            newRows.add(new LayerRow(String.valueOf(l.index() + 1), ShapeInference.name(l.layer()), l.layer().describe(),
                    l.outputShape() == null ? "?" : l.outputShape().toString(), Texts.number(l.parameters()),
                    issues.stream().map(Issue::message).collect(Collectors.joining(" ")),
                    issues.stream().anyMatch(Issue::isError), catalogue.typeOf(l.layer()).category()));
        }
        rows.setAll(newRows);
        summary.set(s);
        totals.set(Texts.get("ui.model.totals", Texts.number(s.totalParameters()), s.outputShape() == null ? "?" : s.outputShape()));
        problems.set(s.issues().stream().map(Issue::toString).collect(Collectors.joining("\n")));
        trainingSettings.set(TrainingSettings.describe(network.training()));
        fixed.set(network.fixed());
        fixedNote.set(fixedNote(network));
    }

    /** "Fixed network: …" for a network with layers that have no block, else empty. */
    static String fixedNote(NetworkSpec network) {
        long n = network.layers().stream().filter(l -> l instanceof LayerSpec.Fixed).count();
        if (n == 0) return "";
        return Texts.get(n == 1 ? "ui.model.fixed.note-one" : "ui.model.fixed.note-many", n);
    }

    /** What the Input block says it takes ("28×28 grey images"). */
    static String inputDescription(InputSpec input) {
        if (input instanceof InputSpec.ImageInput img) {
            return img.channels() == 1 ? Texts.get("ui.model.input.grey", img.height(), img.width())
                    : img.channels() == 3 ? Texts.get("ui.model.input.colour", img.height(), img.width())
                    : Texts.get("ui.model.input.channels", img.height(), img.width(), img.channels());
        }
        if (input instanceof InputSpec.VectorInput vec) return Texts.get(vec.features() == 1 ? "ui.model.input.feature" : "ui.model.input.features",
                vec.features());
        if (input instanceof InputSpec.SequenceInput seq) {
            return Texts.get("ui.model.input.text", seq.length(), Texts.number(seq.vocabulary()));
        }
        return "";
    }
}
