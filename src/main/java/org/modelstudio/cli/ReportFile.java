package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.TextPreparation.LabeledText;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.ReportExport;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.io.Thumbnails;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/** {@code evaluate --report FILE}: the evaluation written as an HTML page or a CSV table, chosen by the file's ending. */
final class ReportFile {

    private ReportFile() {}

    /** Refuses, before any work is done, a report file whose ending says neither HTML nor CSV. */
    static void check(String file) throws UsageException {
        if (!isHtml(file) && !isCsv(file)) {
            throw new UsageException(Texts.get("cli.report.kind", file));
        }
    }

    /**
     * Writes the report atomically and returns a sentence saying what was written where.
     *
     * @param describe how an example is named in the HTML page's list of mistakes
     */
    static String write(String file, DetailedEvaluation evaluation, String title, ExampleSource data, IntFunction<String> describe)
            throws IOException {
        Path target = Path.of(file);
        if (isCsv(file)) {
            AtomicFiles.writeString(target, ReportExport.csv(evaluation, title));
            return Texts.get("cli.report.wrote-csv", file);
        }
        AtomicFiles.writeString(target, ReportExport.html(evaluation, title, i -> Thumbnails.dataUri(data, i), describe));
        int shown = Math.min(ReportExport.MISTAKES_SHOWN, evaluation.mistakes());
        return Texts.get(shown == 1 ? "cli.report.wrote-html-one" : "cli.report.wrote-html", file, shown);
    }

    /**
     * Names the encoded texts by where they came from and how they begin. The encoded data keep the texts that have
     * words, in file order (as {@link org.modelstudio.core.data.TextPreparation#encode} does); when the counts do not
     * agree, {@code fallback} names them.
     */
    static IntFunction<String> textDescriptions(List<LabeledText> read, ExampleSource data, InputPreparation.Text prep) {
        List<LabeledText> kept = read.stream().filter(t -> !prep.tokens(t.text()).isEmpty()).toList();
        if (kept.size() != data.size()) return data::describe;
        return i -> kept.get(i).where() + ": " + abbreviate(kept.get(i).text().strip(), 300);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static boolean isHtml(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".html") || f.endsWith(".htm");
    }

    private static boolean isCsv(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".csv");
    }
}
