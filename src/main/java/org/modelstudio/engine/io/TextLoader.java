package org.modelstudio.engine.io;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.DataFileException;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.RawTable;
import org.modelstudio.core.data.TextPreparation;
import org.modelstudio.core.data.TextPreparation.LabeledText;
import org.modelstudio.core.graph.InputSpec;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads labelled texts and prepares them with {@link TextPreparation}. Two forms: a CSV file with a text column and a
 * label column (by default the columns named {@code text} and {@code label}, {@code topic} or {@code class}; without a
 * header the first and the last column), or a folder with one subfolder per class holding {@code .txt} files, one text
 * per file. Files must be UTF-8; anything else is refused naming the file and line.
 */
public final class TextLoader {

    private static final List<String> LABEL_NAMES = List.of("label", "topic", "class", "category");

    private TextLoader() {}

    /** Reads and prepares texts for training a network whose input is {@code input}. */
    public static PreparedData prepare(Path data, String textColumn, String labelColumn, InputSpec input, double validation, long seed)
            throws IOException {
        return prepare(data, textColumn, labelColumn, input, validation, 0, seed);
    }

    /** As above, also holding back a test part ({@code test} of all texts). */
    public static PreparedData prepare(Path data, String textColumn, String labelColumn, InputSpec input, double validation, double test,
                                       long seed) throws IOException {
        return TextPreparation.prepare(data.getFileName().toString(), read(data, textColumn, labelColumn), input, validation, test, seed);
    }

    /** Reads texts and encodes them as a model prepared them (to evaluate the model on them). */
    public static PreparedData encode(Path data, String textColumn, String labelColumn, InputPreparation.Text prep, List<String> classes,
                                      InputSpec input) throws IOException {
        return TextPreparation.encode(data.getFileName().toString(), read(data, textColumn, labelColumn), prep, classes, input);
    }

    /** The labelled texts of a CSV file, a class folder, or a file of lines "label TAB text" (.tsv or .txt). */
    public static List<LabeledText> read(Path data, String textColumn, String labelColumn) throws IOException {
        if (Files.isDirectory(data)) return readFolder(data);
        String lower = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tsv") || lower.endsWith(".txt")) return readLines(data);
        List<String> expected = new ArrayList<>();
        expected.add(textColumn == null ? "text" : textColumn);
        if (labelColumn != null) expected.add(labelColumn); else expected.addAll(LABEL_NAMES);
        RawTable table = TableLoader.read(data, expected);
        String file = table.file();
        if (table.names().size() < 2) throw new DataFileException(file, 0, Texts.get("engine.texts.one-column"));
        int text;
        if (textColumn != null) {
            text = table.requireColumn(textColumn, "text");
        } else {
            text = table.column("text");
            if (text < 0) text = 0;
        }
        int label = -1;
        if (labelColumn != null) {
            label = table.requireColumn(labelColumn, "label");
        } else {
            for (String n : LABEL_NAMES) if (label < 0) label = table.column(n);
            if (label < 0) label = text == table.names().size() - 1 ? 0 : table.names().size() - 1;
        }
        if (label == text) throw new DataFileException(file, 0, Texts.get("engine.texts.same-column", table.names().get(text)));
        List<LabeledText> out = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            String[] row = table.rows().get(r);
            String l = row[label].trim();
            if (l.isEmpty()) throw new DataFileException(file, table.lines()[r], Texts.get("engine.texts.no-label", table.names().get(label)));
            out.add(new LabeledText(row[text], l, Texts.get("engine.texts.where", file, table.lines()[r])));
        }
        return out;
    }

    /** One example per line: the label, a tab, then the text. Blank lines are skipped; others without a tab are refused. */
    private static List<LabeledText> readLines(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new DataFileException(name, 0, Texts.get("engine.file.not-utf8"));
        }
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank()) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(0, tab).isBlank()) {
                throw new DataFileException(name, i + 1, Texts.get("engine.texts.no-tab"));
            }
            out.add(new LabeledText(line.substring(tab + 1), line.substring(0, tab).trim(), Texts.get("engine.texts.where", name, i + 1)));
        }
        if (out.isEmpty()) throw new DataFileException(name, 0, Texts.get("engine.texts.no-lines"));
        return out;
    }

    private static List<LabeledText> readFolder(Path dir) throws IOException {
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new DataFileException(dir.getFileName().toString(), 0, Texts.get("engine.texts.no-class-folders"));
        }
        List<LabeledText> out = new ArrayList<>();
        for (Path c : classDirs) {
            List<Path> files;
            try (Stream<Path> s = Files.list(c)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")).sorted().toList();
            }
            String label = c.getFileName().toString();
            for (Path f : files) {
                String where = label + "/" + f.getFileName();
                List<String> lines;
                try {
                    lines = TableLoader.utf8Lines(f);
                } catch (DataFileException e) {
                    throw new DataFileException(where, e.line(), e.reason());
                }
                out.add(new LabeledText(String.join("\n", lines), label, where));
            }
        }
        if (out.isEmpty()) throw new DataFileException(dir.getFileName().toString(), 0, Texts.get("engine.texts.no-txt-files"));
        return out;
    }
}
