package org.modelstudio.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both languages hold the same keys, with the same placeholders, and every key the code asks for exists. */
class TextsBundleTest {
    private static final Path BUNDLES = Path.of("src/main/resources/org/modelstudio/i18n");
    /** A key written literally in the code or an FXML file: Texts.get("area.x"), %area.x in FXML. */
    private static final Pattern IN_JAVA = Pattern.compile("Texts\\.(?:get|has)\\(\\s*\"([a-z]+\\.[^\"]+)\"");
    private static final Pattern IN_FXML = Pattern.compile("\"%([a-z]+\\.[^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

    @AfterEach
    void english() { Texts.use(Locale.ENGLISH); }

    @Test
    void everyAreaHasBothLanguagesWithTheSameKeysAndPlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String area : Texts.AREAS) {
            Path english = BUNDLES.resolve(area + ".properties");
            Path chinese = BUNDLES.resolve(area + "_zh_CN.properties");
            if (!Files.exists(english) && !Files.exists(chinese)) continue;
            Properties en = read(english);
            Properties zh = read(chinese);
            for (String key : en.stringPropertyNames()) {
                if (!key.startsWith(area + ".")) problems.add(english.getFileName() + ": " + key + " is not in the " + area + " area");
                if (!zh.containsKey(key)) problems.add(chinese.getFileName() + " lacks " + key);
                else if (!placeholders(en.getProperty(key)).equals(placeholders(zh.getProperty(key))))
                    problems.add(key + ": the placeholders differ between the languages");
                else if (zh.getProperty(key).isBlank() != en.getProperty(key).isBlank()) problems.add(key + " is empty in one language");
            }
            for (String key : zh.stringPropertyNames()) {
                if (!en.containsKey(key)) problems.add(english.getFileName() + " lacks " + key);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noBundleFileIsOutsideTheAreas() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            files.map(p -> p.getFileName().toString()).forEach(name -> assertTrue(
                    Texts.AREAS.contains(name.replaceFirst("(_zh_CN)?\\.properties$", "")), name + " is not an area Texts reads"));
        }
    }

    @Test
    void everyKeyTheCodeAndTheWindowsAskForExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("fxml")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Pattern pattern = name.endsWith(".java") ? IN_JAVA : name.endsWith(".fxml") ? IN_FXML : null;
                if (pattern == null) continue;
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    if (!Texts.has(m.group(1))) missing.add(m.group(1) + " (" + name + ")");
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void chineseIsSpokenWhereTheSystemIsChineseAndEnglishElsewhere() {
        assertEquals(Locale.SIMPLIFIED_CHINESE, Texts.choose(Locale.TRADITIONAL_CHINESE));
        assertEquals(Locale.SIMPLIFIED_CHINESE, Texts.choose(Locale.forLanguageTag("zh-Hans-CN")));
        assertEquals(Locale.ENGLISH, Texts.choose(Locale.GERMANY));
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("87.5%", Texts.percent(0.875, 1));
        assertEquals("‹core.no-such-text›", Texts.get("core.no-such-text"));
    }

    @Test
    void whatProgramsReadIsEnglishOnItsThreadWhateverTheWindowSpeaks() throws Exception {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("关闭", Texts.get("core.stopping.off"));
        assertEquals("off", Texts.english("core.stopping.off"));
        assertEquals("×0.5 after 2 epochs without improvement", Texts.inEnglish(() -> Texts.get("core.schedule.plateau", "0.5", 2)));
        assertEquals("关闭", Texts.get("core.stopping.off"), "the window's language again after the English work");
        Thread other = new Thread(() -> Texts.inEnglish(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        other.start();
        Thread.sleep(10);
        assertEquals("关闭", Texts.get("core.stopping.off"), "another thread's English work does not change this one's");
        other.join();
    }

    @Test
    void placeholdersAreFilledAsGivenAndApostrophesStay() {
        assertEquals("the network's 3 outputs, not {5}", Texts.fill("the network's {0} outputs, not {5}", 3));
        assertEquals("b a", Texts.fill("{1} {0}", "a", "b"));
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) found.add(m.group());
        return found;
    }
}
