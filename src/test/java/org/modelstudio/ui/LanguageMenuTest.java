package org.modelstudio.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.i18n.Texts;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View ▸ Language names each language in its own, asks in the language chosen, and restarts the same command. */
class LanguageMenuTest {
    @AfterEach void english() { Texts.use(Locale.ENGLISH); }

    @Test void eachLanguageIsNamedInItselfWhateverTheStudioSpeaks() {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("English", LanguageMenu.nameOf(Locale.ENGLISH));
        assertEquals("简体中文", LanguageMenu.nameOf(Locale.SIMPLIFIED_CHINESE));
        Texts.use(Locale.ENGLISH);
        assertEquals("简体中文", LanguageMenu.nameOf(Locale.SIMPLIFIED_CHINESE));
    }

    @Test void theRestartQuestionIsAskedInTheLanguageChosen() {
        assertEquals("立即重新启动", LanguageMenu.in(Locale.SIMPLIFIED_CHINESE, "ui.language.restart-now"));
        assertEquals("Restart now", LanguageMenu.in(Locale.ENGLISH, "ui.language.restart-now"));
        assertEquals(Locale.ENGLISH, Texts.locale(), "asking does not switch the studio's language");
    }

    @Test void theStudioIsStartedAgainWithTheCommandThatStartedIt() {
        List<String> command = LanguageMenu.command().orElseThrow();
        assertEquals(ProcessHandle.current().info().command().orElseThrow(), command.get(0));
        assertTrue(command.size() > 1, "this JVM's options and main class come along: " + command);
    }
}
