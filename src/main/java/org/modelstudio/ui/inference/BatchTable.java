package org.modelstudio.ui.inference;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.modelstudio.core.eval.ClassScore;

import java.util.Locale;
import java.util.function.Function;

/**
 * The batch table's columns: input, predicted class and probability, second class and probability, time, and the
 * reason refused (or warnings). Every column sorts (numbers as numbers, an empty cell last); refused rows are marked.
 */
final class BatchTable {
    private BatchTable() {}

    static void configure(TableView<PredictionItem> table, SortedList<PredictionItem> items) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Drop several files or a folder (or a CSV of rows) to predict them all here."));
        table.getColumns().add(text("Input", "input", PredictionItem::name, 130));
        table.getColumns().add(text("Predicted", "predicted", i -> label(i.best()), 90));
        table.getColumns().add(number("Prob.", "probability", i -> i.best() == null ? null : i.best().probability(), "%.1f%%", 100, 60));
        table.getColumns().add(text("2nd", "second", i -> label(i.second()), 80));
        table.getColumns().add(number("Prob.", "second-probability", i -> i.second() == null ? null : i.second().probability(), "%.1f%%", 100, 60));
        table.getColumns().add(number("ms", "ms", i -> i.ok() ? i.millis() : null, "%.1f", 1, 50));
        table.getColumns().add(text("Refused / note", "note", PredictionItem::note, 160));
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(PredictionItem item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("refused"), !empty && item != null && !item.ok());
            }
        });
        items.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(items);
    }

    private static String label(ClassScore s) { return s == null ? "" : s.label(); }

    private static TableColumn<PredictionItem, String> text(String title, String id, Function<PredictionItem, String> value, double width) {
        TableColumn<PredictionItem, String> c = new TableColumn<>(title);
        c.setId("batch-" + id);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }

    /** A numeric column shown with {@code format} (after multiplying by {@code scale}); empty cells sort last. */
    private static TableColumn<PredictionItem, Double> number(String title, String id, Function<PredictionItem, Double> value,
                                                            String format, double scale, double width) {
        TableColumn<PredictionItem, Double> c = new TableColumn<>(title);
        c.setId("batch-" + id);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setComparator((a, b) -> a == null ? (b == null ? 0 : 1) : b == null ? -1 : Double.compare(a, b));
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format(Locale.ROOT, format, v * scale));
            }
        });
        c.getStyleClass().add("number-column");
        return c;
    }
}
