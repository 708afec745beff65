package org.modelstudio.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Window;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.ui.common.StudioSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * View ▸ Language: English and 简体中文, each named in its own language. A choice is saved at once and takes effect at
 * the next start (every window is built in one language); the studio offers to restart now, asking in the language
 * chosen. "Restart now" closes the studio the usual way (which asks about unsaved work and a running training, and
 * cancelling there cancels the restart) and starts the same command again.
 */
final class LanguageMenu {
    private static final Logger LOG = LoggerFactory.getLogger(LanguageMenu.class);
    private final StudioSettings settings;
    private final Supplier<Window> owner;
    private final Restarter restarter;

    /** Closes the studio as File ▸ Quit does (true when it closed), having arranged for {@code then} to run at exit. */
    interface Restarter {
        boolean closeThen(Runnable then);
    }

    LanguageMenu(Menu menu, StudioSettings settings, Supplier<Window> owner, Restarter restarter) {
        this.settings = settings;
        this.owner = owner;
        this.restarter = restarter;
        ToggleGroup group = new ToggleGroup();
        for (Locale language : Texts.LANGUAGES) {
            RadioMenuItem item = new RadioMenuItem(nameOf(language));
            item.setId("language-" + language.toLanguageTag());
            item.setToggleGroup(group);
            item.setSelected(language.equals(Texts.locale()));
            item.setOnAction(e -> chosen(language));
            menu.getItems().add(item);
        }
    }

    /** A language's name in that language: "English", "简体中文". */
    static String nameOf(Locale language) { return in(language, "ui.language.name"); }

    /** A text of the ui bundle in {@code language}, whatever language the studio speaks now. */
    static String in(Locale language, String key) {
        return ResourceBundle.getBundle("org.modelstudio.i18n.ui", Texts.choose(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
    }

    private void chosen(Locale language) {
        settings.saveLanguage(language);
        if (language.equals(Texts.locale())) return;
        ButtonType now = new ButtonType(in(language, "ui.language.restart-now"), ButtonBar.ButtonData.YES);
        ButtonType later = new ButtonType(in(language, "ui.language.later"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Optional<List<String>> command = command();
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, in(language, command.isPresent() ? "ui.language.restart-text" : "ui.language.restart-by-hand"),
                command.isPresent() ? new ButtonType[] {now, later} : new ButtonType[] {later});
        ask.setTitle(in(language, "ui.language.title"));
        ask.setHeaderText(in(language, "ui.language.header"));
        ask.initOwner(owner.get());
        if (ask.showAndWait().orElse(later) != now) return;
        restarter.closeThen(() -> relaunch(command.get()));
    }

    /** The command line this studio was started with (the installed launcher or java with its options), if the system tells. */
    static Optional<List<String>> command() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (info.command().isEmpty()) return Optional.empty();
        List<String> cmd = new ArrayList<>();
        cmd.add(info.command().get());
        info.arguments().ifPresent(a -> cmd.addAll(List.of(a)));
        // Without the arguments (some systems do not give them) only an installed launcher starts the same studio.
        if (info.arguments().isEmpty() && info.command().get().matches(".*[/\\\\]java(w|\\.exe|w\\.exe)?$")) return Optional.empty();
        return Optional.of(cmd);
    }

    private static void relaunch(List<String> command) {
        try {
            new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            LOG.error("Could not start the studio again with {}", command, e);
        }
    }
}
