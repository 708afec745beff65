package org.modelstudio.ui.model;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.LearningRateSchedule;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.graph.TrainingConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The chosen network and its Keras-style summary: a row per layer, totals, problems. */
public final class ModelViewModel {
    private final ObservableList<NetworkSpec> networks;
    private final ObjectProperty<NetworkSpec> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<NetworkSummary> summary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LayerRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper trainingSettings = new ReadOnlyStringWrapper("");

    public ModelViewModel(List<NetworkSpec> available) {
        networks = FXCollections.observableArrayList(available);
        selected.addListener((obs, old, spec) -> refresh(spec));
        if (!available.isEmpty()) selected.set(available.get(0));
    }

    public ObservableList<NetworkSpec> networks() { return networks; }

    public ObjectProperty<NetworkSpec> selectedProperty() { return selected; }

    public ReadOnlyObjectProperty<NetworkSummary> summaryProperty() { return summary.getReadOnlyProperty(); }

    public ObservableList<LayerRow> rows() { return rows; }

    public ReadOnlyStringProperty totalsProperty() { return totals.getReadOnlyProperty(); }

    public ReadOnlyStringProperty problemsProperty() { return problems.getReadOnlyProperty(); }

    /** "Adam, learning rate 0.001 (×0.5 every 4 epochs), batch 32, 15 epochs". */
    public ReadOnlyStringProperty trainingSettingsProperty() { return trainingSettings.getReadOnlyProperty(); }

    private void refresh(NetworkSpec spec) {
        if (spec == null) {
            rows.clear();
            summary.set(null);
            totals.set("");
            problems.set("");
            trainingSettings.set("");
            return;
        }
        NetworkSummary s = ShapeInference.analyse(spec);
        List<LayerRow> newRows = new ArrayList<>();
        newRows.add(new LayerRow("0", "Input", "", String.valueOf(s.inputShape()), "0", "", false));
        for (LayerSummary l : s.layers()) {
            List<Issue> issues = s.issuesFor(l.index());
            newRows.add(new LayerRow(String.valueOf(l.index() + 1), l.layer().typeName(), l.layer().describe(),
                    l.outputShape() == null ? "?" : l.outputShape().toString(), String.format("%,d", l.parameters()),
                    issues.stream().map(Issue::message).collect(Collectors.joining(" ")),
                    issues.stream().anyMatch(Issue::isError)));
        }
        rows.setAll(newRows);
        summary.set(s);
        totals.set(String.format("%,d parameters · output %s", s.totalParameters(), s.outputShape() == null ? "?" : s.outputShape()));
        problems.set(s.issues().stream().map(Issue::toString).collect(Collectors.joining("\n")));
        TrainingConfig t = spec.training();
        String optimizer = switch (t.optimizer()) {
            case ADAM -> "Adam";
            case SGD -> "SGD";
            case NESTEROV -> "SGD with Nesterov momentum";
            case RMSPROP -> "RMSProp";
        };
        String schedule = t.schedule().kind() == LearningRateSchedule.Kind.CONSTANT ? "" : " (" + t.schedule().describe() + ")";
        trainingSettings.set(String.format(Locale.ROOT, "Trains with %s, learning rate %s%s, batches of %d, %d epochs.",
                optimizer, t.learningRate(), schedule, t.batchSize(), t.epochs()));
    }
}
