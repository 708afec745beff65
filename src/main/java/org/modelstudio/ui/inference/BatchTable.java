package org.modelstudio.ui.inference;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.modelstudio.core.eval.ClassScore;

import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Function;

/**
 * The batch table's columns: input, predicted class and probability, second class and probability, time, and the
 * reason refused (or warnings). Every column sorts (numbers as numbers, an empty cell last); refused rows are marked.
 */
final class BatchTable {
    private BatchTable() {}

    static void configure(TableView<PredictionItem> table, SortedList<PredictionItem> items) {
        // The area is narrow: compact columns that keep their widths, the long refusal sentences last (scroll to read
        // them, or select the row to see it in full below).
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label(Texts.get("ui.batch.placeholder")));
        TableColumn<PredictionItem, String> input = text(Texts.get("ui.batch.column.input"), "input", PredictionItem::name, 130);
        input.setComparator(BatchTable::natural);
        input.getStyleClass().add("input-column");
        table.getColumns().add(input);
        table.getColumns().add(text(Texts.get("ui.batch.column.predicted"), "predicted", i -> i.estimate() != null ? i.verdict() : label(i.best()), 82));
        table.getColumns().add(number("%", "probability", i -> i.best() == null ? null : i.best().probability(), "%.1f", 100, 46));
        table.getColumns().add(text(Texts.get("ui.batch.column.second"), "second", i -> label(i.second()), 72));
        table.getColumns().add(number("%", "second-probability", i -> i.second() == null ? null : i.second().probability(), "%.1f", 100, 46));
        table.getColumns().add(number(Texts.get("ui.batch.column.ms"), "ms", i -> i.ok() ? i.millis() : null, "%.1f", 1, 42));
        table.getColumns().add(text(Texts.get("ui.batch.column.note"), "note", PredictionItem::note, 420));
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(PredictionItem item, boolean empty) {
                super.updateItem(item, empty);
                boolean refused = !empty && item != null && !item.ok();
                pseudoClassStateChanged(PseudoClass.getPseudoClass("refused"), refused);
                setTooltip(refused ? new Tooltip(item.problem()) : null);
            }
        });
        items.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(items);
    }

    /** Names with numbers in them in the order people expect: "line 9" before "line 10", "img-2" before "img-10". */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                int c = new BigInteger(a.substring(si, i)).compareTo(new BigInteger(b.substring(sj, j)));
                if (c != 0) return c;
            } else {
                int c = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
                if (c != 0) return c;
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
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
