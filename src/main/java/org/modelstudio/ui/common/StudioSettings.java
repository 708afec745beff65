package org.modelstudio.ui.common;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What the studio remembers between starts in its data folder: the language chosen in View ▸ Language, presentation
 * mode and high contrast. A small {@code key=value} file ({@value #FILE_NAME}), written atomically at every change; a
 * missing or unreadable file means nothing was chosen (the system's language, normal size, normal contrast).
 *
 * <p>Format, version 1: {@code language=en|zh-CN}, {@code presentation=true|false}, {@code highContrast=true|false}.
 * Unknown keys and values are ignored, so an older studio reads a newer file, and a newer one adds keys without a
 * migration.
 */
public final class StudioSettings {
    public static final String FILE_NAME = "settings.properties";
    /** {@code -Dmodelstudio.language=zh-CN|en}: the language for this start, whatever was saved (screenshots, tests). */
    public static final String LANGUAGE_PROPERTY = "modelstudio.language";
    private static final Logger LOG = LoggerFactory.getLogger(StudioSettings.class);

    private final Path file;
    private final Properties values = new Properties();

    /** The settings kept in {@code dataDir} (read now). */
    public StudioSettings(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        read(values);
    }

    private void read(Properties into) {
        if (!Files.isRegularFile(file)) return;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(r);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{} could not be read, the studio starts with its defaults: {}", file, e.getMessage());
        }
    }

    public Path file() { return file; }

    /** The language chosen in View ▸ Language, if one was. */
    public Optional<Locale> language() {
        String tag = values.getProperty("language", "").trim();
        if (tag.isEmpty()) return Optional.empty();
        Locale l = Locale.forLanguageTag(tag);
        return l.getLanguage().isEmpty() ? Optional.empty() : Optional.of(Texts.choose(l));
    }

    public void saveLanguage(Locale language) { set("language", Texts.choose(language).toLanguageTag()); }

    public boolean presentation() { return Boolean.parseBoolean(values.getProperty("presentation", "false")); }

    public void savePresentation(boolean on) { set("presentation", Boolean.toString(on)); }

    public boolean highContrast() { return Boolean.parseBoolean(values.getProperty("highContrast", "false")); }

    public void saveHighContrast(boolean on) { set("highContrast", Boolean.toString(on)); }

    /**
     * The language to speak at start: {@code -Dmodelstudio.language} when given, else the one saved, else the
     * system's ({@link Texts#choose}).
     */
    public Locale startLanguage(String override, Locale system) {
        if (override != null && !override.isBlank()) return Texts.choose(Locale.forLanguageTag(override.trim()));
        return language().orElse(Texts.choose(system));
    }

    /** Follows presentation mode and high contrast: applies what was saved, then saves every change. */
    public void follow(Presentation presentation) {
        presentation.presentationProperty().set(presentation());
        presentation.highContrastProperty().set(highContrast());
        presentation.presentationProperty().addListener((obs, was, on) -> savePresentation(on));
        presentation.highContrastProperty().addListener((obs, was, on) -> saveHighContrast(on));
    }

    /** Saves one setting, keeping the others as the file has them now (the language menu and the window each hold one of these). */
    private synchronized void set(String key, String value) {
        Properties now = new Properties();
        read(now);
        values.putAll(now);
        values.setProperty(key, value);
        StringBuilder text = new StringBuilder("# Model Studio settings, version 1 (see StudioSettings)\n");
        for (String k : new TreeSet<>(values.stringPropertyNames())) text.append(k).append('=').append(values.getProperty(k)).append('\n');
        try {
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException e) {
            // A folder that cannot be written only means the choice is forgotten at the next start.
            LOG.warn("Could not remember the setting {} in {}: {}", key, file, AtomicFiles.reason(e));
        }
    }
}
