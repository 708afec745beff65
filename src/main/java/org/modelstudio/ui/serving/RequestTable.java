package org.modelstudio.ui.serving;

import org.modelstudio.core.i18n.Texts;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.function.Function;

/** The Serve window's request log: one row per answered request, newest first, refusals and failures in red. */
final class RequestTable {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private RequestTable() {}

    static void configure(TableView<RequestRow> table, ObservableList<RequestRow> rows) {
        table.setItems(rows);
        table.setPlaceholder(new Label(Texts.get("ui.requests.placeholder")));
        table.getColumns().add(column(Texts.get("ui.requests.column.time"), RequestRow::time, 72));
        table.getColumns().add(column(Texts.get("ui.requests.column.client"), RequestRow::client, 80));
        table.getColumns().add(column(Texts.get("ui.requests.column.model"), RequestRow::model, 150));
        table.getColumns().add(column(Texts.get("ui.requests.column.input"), RequestRow::input, 110));
        table.getColumns().add(column(Texts.get("ui.requests.column.status"), r -> Integer.toString(r.status()), 64));
        table.getColumns().add(column(Texts.get("ui.requests.column.ms"), RequestRow::millis, 52));
        table.getColumns().add(column(Texts.get("ui.requests.column.answer"), RequestRow::answer, 200));
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(RequestRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(ERROR, !empty && row != null && row.error());
                // The whole request and answer, for a row whose cells are cut short.
                setTooltip(empty || row == null ? null : new Tooltip(row.method() + " " + row.path() + " \u2192 " + row.status()
                        + (row.answer().isEmpty() ? "" : ": " + row.answer())));
            }
        });
    }

    private static TableColumn<RequestRow, String> column(String title, Function<RequestRow, String> value, double width) {
        TableColumn<RequestRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
