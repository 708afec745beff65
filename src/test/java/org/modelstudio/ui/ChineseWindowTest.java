package org.modelstudio.ui;

import io.fair_acc.chartfx.Chart;
import io.fair_acc.chartfx.axes.Axis;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.ShippedExamples;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio in 简体中文 shows no English: after a short real training run, with the examples predicted and the
 * evaluation, Serve and compact-model windows open, every text a person reads in every window (labels, buttons,
 * tooltips, prompt texts, tabs, table columns, every menu item, chart titles and axis names, accessible texts) holds
 * no Latin word outside the names that stay as they are in Chinese software and the data's own names.
 */
@ExtendWith(ApplicationExtension.class)
class ChineseWindowTest {
    /**
     * Names that Chinese software keeps as they are: formats and protocols, the libraries and servers the studio talks
     * to, the network kinds and optimisers by their usual names, metrics' abbreviations, keys on the keyboard, number
     * formats of the weights, activation functions as Chinese textbooks name them (softmax, sigmoid, tanh, relu), the
     * initialisations named for their authors (He, Xavier), LSTM and Dropout as Chinese texts call those layers, the HTTP
     * header a token goes in, English in View ▸ Language (each language is named in its own), and the product's and the
     * sample data set's names.
     */
    static final Set<String> NAMES = Set.of(
            "ONNX", "Keras", "CSV", "TSV", "PNG", "JPEG", "BMP", "GIF", "JSON", "HTTP", "REST", "UTF", "HDF5", "h5", "hdf5",
            "txt", "csv", "tsv", "zip", "html", "py", "java", "Java", "Python", "DL4J", "Triton", "KServe", "Open", "Inference",
            "Protocol", "v2", "MLP", "CNN", "ReLU", "Adam", "SGD", "RMSProp", "Nesterov", "L2", "MAE", "RMSE", "F1",
            "Ctrl", "Alt", "Enter", "Esc", "Delete", "fp16", "int8", "float32", "Model", "Studio", "Fashion", "MNIST",
            "Authorization", "Bearer", "English", "softmax", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "He", "Xavier",
            "LSTM", "Dropout");
    private static final Pattern KERAS_CLASS = Pattern.compile("Keras 中的 [A-Za-z0-9]+");
    private static final Pattern WORD = Pattern.compile("(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*");

    private Studio studio;

    private Locale systemLocale;

    @Start void start(Stage stage) throws Exception {
        // As StudioApp does for a studio speaking Chinese: JavaFX's own words (a table's "no columns", a tab's close
        // button) follow the default locale.
        systemLocale = Locale.getDefault();
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() {
        studio.close();
        Texts.use(Locale.ENGLISH);
        Locale.setDefault(systemLocale);
    }

    @Test void noWindowShowsEnglishOutsideNamesAndData(FxRobot robot) throws Exception {
        assertEquals("文件(_F)", ((MenuBar) robot.lookup("#menuBar").query()).getMenus().get(0).getText());
        robot.interact(() -> studio.training().epochsProperty().set(1));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 10);
        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> studio.document().runs().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#examplesButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.prediction().batch().size() == ShippedExamples.IMAGES.size());
        robot.interact(() -> studio.model().selectedLayerProperty().set(1));
        robot.interact(() -> studio.mainView().openEvaluation());
        robot.clickOn("#evaluateButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> studio.evaluation().evaluationProperty().get() != null);
        robot.interact(() -> {
            studio.evaluation().showCell(0, 6);
            studio.mainView().openServe();
            studio.mainView().openCompact();
        });
        WaitForAsyncUtils.waitForFxEvents();

        Set<String> data = new LinkedHashSet<>(SampleData.FASHION_CLASSES);
        data.add(studio.model().specProperty().get().name());
        ShippedExamples.IMAGES.forEach(n -> data.add(Path.of(n).getFileName().toString()));
        studio.serving().entries().forEach(e -> data.add(e.nameProperty().get()));
        // Names a file or an address must use as they are: the columns a text file is read by, the server's paths.
        data.addAll(List.of("\"text\"", "\"label\"", "\"topic\"", "/v2/models/", "/versions/N/infer", "/infer"));
        List<String> english = new ArrayList<>();
        List<Window> windows = List.copyOf(Window.getWindows());
        assertTrue(windows.size() >= 4, "the main, evaluation, Serve and compact-model windows: " + windows);
        for (Window w : windows) {
            Scene scene = w.getScene();
            if (scene == null) continue;
            if (w instanceof Stage s) check(english, "window title", s.getTitle(), data);
            walk(english, scene.getRoot(), title(w), data);
        }
        assertEquals(List.of(), english, "texts in English in the 简体中文 window (text ← where):\n" + String.join("\n", english));
    }

    @Test void theCheckFindsAnEnglishWordAndLetsNamesAndDataBe() {
        List<String> found = new ArrayList<>();
        check(found, "here", "训练 ONNX 模型 (fp16)：Ctrl+T", Set.of());
        check(found, "there", "T-shirt/top 被预测为 Shirt", Set.of("T-shirt/top", "Shirt"));
        assertEquals(List.of(), found);
        check(found, "here", "开始 training", Set.of());
        assertEquals(List.of("开始 training ← here"), found);
    }

    private static String title(Window w) {
        return w instanceof Stage s ? "«" + s.getTitle() + "»" : w.getClass().getSimpleName();
    }

    /** Every text of {@code node} and below; tabs' contents and table placeholders too, shown or not. */
    private static void walk(List<String> english, Node node, String path, Set<String> data) {
        if (node == null) return;
        String here = path + " > " + node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
        check(english, here + " (accessible text)", node.getAccessibleText(), data);
        if (node instanceof Labeled l) check(english, here, l.getText(), data);
        if (node instanceof TextInputControl t) check(english, here + " (prompt)", t.getPromptText(), data);
        if (node instanceof ComboBoxBase<?> c) check(english, here + " (prompt)", c.getPromptText(), data);
        if (node instanceof TitledPane t) check(english, here, t.getText(), data);
        if (node instanceof Control c) {
            tooltip(english, here, c.getTooltip(), data);
            if (c.getContextMenu() != null) for (MenuItem i : c.getContextMenu().getItems()) menu(english, here + " (context menu)", i, data);
        }
        if (node instanceof MenuBar bar) for (Menu m : bar.getMenus()) menu(english, here, m, data);
        if (node instanceof TabPane tabs) {
            for (Tab t : tabs.getTabs()) {
                check(english, here + " > tab", t.getText(), data);
                tooltip(english, here + " > tab", t.getTooltip(), data);
                walk(english, t.getContent(), here + " > tab " + t.getText(), data);
            }
        }
        if (node instanceof TableView<?> table) {
            for (TableColumnBase<?, ?> c : table.getColumns()) column(english, here, c, data);
            walk(english, table.getPlaceholder(), here + " (placeholder)", data);
        }
        if (node instanceof ListView<?> list) walk(english, list.getPlaceholder(), here + " (placeholder)", data);
        if (node instanceof Chart chart) {
            check(english, here + " (title)", chart.getTitle(), data);
            for (Axis a : chart.getAxes()) check(english, here + " (axis)", a.getName(), data);
        }
        Object tip = node.getProperties().get("javafx.scene.control.Tooltip");
        if (tip instanceof Tooltip t) tooltip(english, here, t, data);
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) walk(english, child, here, data);
    }

    private static void column(List<String> english, String path, TableColumnBase<?, ?> c, Set<String> data) {
        check(english, path + " > column", c.getText(), data);
        for (TableColumnBase<?, ?> child : c.getColumns()) column(english, path, child, data);
    }

    private static void menu(List<String> english, String path, MenuItem item, Set<String> data) {
        check(english, path + " > menu item " + item.getId(), item.getText(), data);
        if (item instanceof Menu m) for (MenuItem child : m.getItems()) menu(english, path + " > " + m.getText(), child, data);
    }

    private static void tooltip(List<String> english, String path, Tooltip t, Set<String> data) {
        if (t != null) check(english, path + " (tooltip)", t.getText(), data);
    }

    /** Adds {@code text} with where it is shown when, with the data's names taken out, a Latin word is left that is no name. */
    static void check(List<String> english, String where, String text, Set<String> data) {
        if (text == null || text.isBlank()) return;
        String rest = text;
        for (String d : data) if (!d.isBlank()) rest = rest.replace(d, " ");
        // A layer's help names its Keras class, for those who will meet it there: "（Keras 中的 MaxPooling2D）".
        rest = KERAS_CLASS.matcher(rest).replaceAll("Keras");
        Matcher m = WORD.matcher(rest);
        while (m.find()) {
            String word = m.group();
            if (word.chars().filter(Character::isLetter).count() < 2 || NAMES.contains(word)) continue;
            String entry = text.replace("\n", "⏎") + " ← " + where;
            if (!english.contains(entry)) english.add(entry);
            return;
        }
    }
}
