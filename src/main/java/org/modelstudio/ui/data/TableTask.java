package org.modelstudio.ui.data;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.modelstudio.core.data.TaskFit;
import org.modelstudio.core.data.TaskKind;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.Issue;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.project.DataSource;
import org.modelstudio.ui.model.ModelViewModel;
import org.modelstudio.ui.model.ProjectDocument;

import java.util.List;

/**
 * What a table asks of the network: whether its label is learnt as classes or predicted as a number
 * ({@link TaskKind#rule()}), whether the person may choose, why, and for a regression whether the network's Output
 * gives one number or the regression template is the way. The editor is told, and marks what the network lacks.
 */
final class TableTask {
    static final String REGRESSION_TEMPLATE = "Tabular regression";

    private final ModelViewModel network;
    private final ProjectDocument document;
    private final ReadOnlyObjectWrapper<TaskKind> task = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper choosable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper templateSuggested = new ReadOnlyBooleanWrapper(false);
    /** The rule's verdict on the table read last (null for other data). */
    private TaskKind.Decision decision;
    /** How many feature columns the table read last has (0 for other data): the regression template's input width. */
    private int tableFeatures;

    TableTask(ModelViewModel network, ProjectDocument document) {
        this.network = network;
        this.document = document;
    }

    ReadOnlyObjectProperty<TaskKind> taskProperty() { return task.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty choosableProperty() { return choosable.getReadOnlyProperty(); }
    ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty templateSuggestedProperty() { return templateSuggested.getReadOnlyProperty(); }

    void setTableFeatures(int features) { tableFeatures = features; }

    /** Learn the table's label as classes or predict it as a number (a choice saved with the project). */
    void choose(TaskKind kind) {
        if (document.dataSourceProperty().get() instanceof DataSource.TableFile t && kind != task.get()) {
            document.setDataSource(new DataSource.TableFile(t.path(), t.label(), kind));
        }
    }

    /** Opens the Tabular regression template with an input as wide as the table's features (an undoable edit). */
    void useRegressionTemplate() {
        NetworkSpec template = network.networks().stream().filter(n -> n.name().equals(REGRESSION_TEMPLATE)).findFirst().orElse(null);
        if (template == null) return;
        if (tableFeatures > 0) {
            template = new NetworkSpec(template.name(), template.description(), new InputSpec.VectorInput(tableFeatures), template.layers(),
                    template.training());
        }
        network.openTemplate(template);
    }

    /** Shows what the table asks for and tells the editor, which marks what the network lacks for it. */
    void show(TaskKind.Decision decided, TaskKind kind, String quantity) {
        decision = decided;
        task.set(decided == null && kind == null ? null : kind);
        choosable.set(decided != null && decided.choosable());
        network.setDataTask(task.get(), task.get() == TaskKind.REGRESSION ? quantity : "");
        showNote();
    }

    /** The label column's name from the preview's headings ("progression\nnumber · 0 missing"): the chosen or the last. */
    static String labelName(List<String> columns, DataSource source) {
        if (source instanceof DataSource.TableFile t && t.label() != null) return t.label();
        return columns.isEmpty() ? "" : columns.get(columns.size() - 1).split("\n")[0];
    }

    /** The rule's verdict on the table, and for a regression whether the network gives one number, in sentences. */
    void showNote() {
        TaskKind kind = task.get();
        templateSuggested.set(false);
        if (kind == null) {
            note.set("");
            return;
        }
        StringBuilder said = new StringBuilder();
        if (decision != null) {
            said.append(decision.kind() == kind ? decision.why()
                    : Texts.get("ui.data.task.chosen", taskName(kind), taskName(decision.kind())));
        }
        if (kind == TaskKind.REGRESSION) {
            boolean outputFits = TaskFit.issues(network.specProperty().get(), kind, "").stream()
                    .allMatch(i -> i.layerIndex() == Issue.NETWORK);
            templateSuggested.set(!outputFits);
            said.append(outputFits ? Texts.get("ui.data.task.fits")
                    : Texts.get("ui.data.task.needs-template", REGRESSION_TEMPLATE));
        }
        note.set(said.toString().trim());
    }

    private static String taskName(TaskKind kind) {
        return Texts.get(kind == TaskKind.REGRESSION ? "ui.data.task.name.regression" : "ui.data.task.name.classification");
    }
}
