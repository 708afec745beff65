package org.modelstudio.ui.common;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.i18n.Texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the studio remembers between starts: the language (and what decides it), presentation mode, high contrast. */
class StudioSettingsTest {
    @AfterEach void english() { Texts.use(Locale.ENGLISH); }

    @Test void aChosenLanguageIsSavedAndReadBackAtTheNextStart(@TempDir Path dir) throws Exception {
        new StudioSettings(dir).saveLanguage(Locale.SIMPLIFIED_CHINESE);
        assertTrue(Files.readString(dir.resolve(StudioSettings.FILE_NAME)).contains("language=zh-CN"));
        StudioSettings next = new StudioSettings(dir);
        assertEquals(Optional.of(Locale.SIMPLIFIED_CHINESE), next.language());
        assertEquals(Locale.SIMPLIFIED_CHINESE, next.startLanguage(null, Locale.US), "the saved choice, not the system's");
        next.saveLanguage(Locale.ENGLISH);
        assertEquals(Locale.ENGLISH, new StudioSettings(dir).startLanguage(null, Locale.CHINA));
    }

    @Test void withNothingSavedTheSystemDecides(@TempDir Path dir) {
        StudioSettings none = new StudioSettings(dir);
        assertEquals(Optional.empty(), none.language());
        assertEquals(Locale.SIMPLIFIED_CHINESE, none.startLanguage(null, Locale.CHINA));
        assertEquals(Locale.SIMPLIFIED_CHINESE, none.startLanguage("", Locale.TAIWAN));
        assertEquals(Locale.ENGLISH, none.startLanguage(null, Locale.GERMANY));
    }

    @Test void theOverridePropertyWinsOverTheSavedChoiceAndTheSystem(@TempDir Path dir) {
        StudioSettings s = new StudioSettings(dir);
        s.saveLanguage(Locale.SIMPLIFIED_CHINESE);
        assertEquals(Locale.ENGLISH, s.startLanguage("en", Locale.CHINA));
        s.saveLanguage(Locale.ENGLISH);
        assertEquals(Locale.SIMPLIFIED_CHINESE, s.startLanguage("zh-CN", Locale.US));
    }

    @Test void presentationModeAndHighContrastAreRememberedAsTheyChange(@TempDir Path dir) {
        Presentation first = new Presentation(1);
        new StudioSettings(dir).follow(first);
        assertFalse(first.presentationProperty().get(), "nothing saved: normal size");
        first.presentationProperty().set(true);
        first.highContrastProperty().set(true);
        Presentation second = new Presentation(1);
        new StudioSettings(dir).follow(second);
        assertTrue(second.presentationProperty().get());
        assertTrue(second.highContrastProperty().get());
        second.highContrastProperty().set(false);
        StudioSettings third = new StudioSettings(dir);
        assertTrue(third.presentation());
        assertFalse(third.highContrast());
    }

    @Test void twoHoldersOfTheSettingsDoNotUndoEachOthersChanges(@TempDir Path dir) {
        StudioSettings window = new StudioSettings(dir);
        StudioSettings languageMenu = new StudioSettings(dir);
        window.savePresentation(true);
        languageMenu.saveLanguage(Locale.SIMPLIFIED_CHINESE);
        window.saveHighContrast(true);
        StudioSettings next = new StudioSettings(dir);
        assertTrue(next.presentation());
        assertTrue(next.highContrast());
        assertEquals(Optional.of(Locale.SIMPLIFIED_CHINESE), next.language());
    }

    @Test void aDamagedFileOrAnUnknownLanguageMeansNothingWasChosen(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StudioSettings.FILE_NAME), "language=\npresentation=maybe\n\\u00zz=broken\n");
        StudioSettings s = new StudioSettings(dir);
        assertEquals(Optional.empty(), s.language());
        assertFalse(s.presentation());
        assertEquals(Locale.ENGLISH, s.startLanguage(null, Locale.FRANCE));
        Files.writeString(dir.resolve(StudioSettings.FILE_NAME), "language=fr\n");
        assertEquals(Locale.ENGLISH, new StudioSettings(dir).startLanguage(null, Locale.CHINA), "French is not offered: English");
    }
}
