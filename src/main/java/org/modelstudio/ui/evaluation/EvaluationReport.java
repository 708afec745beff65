package org.modelstudio.ui.evaluation;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.eval.DetailedEvaluation;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.eval.ReportExport;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.io.Thumbnails;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a saved evaluation report shows, taken on the FX thread so that the writing thread reads no property: a
 * classifier's evaluation or a regression's figures, the report's title, and the data (for thumbnails and names).
 */
record EvaluationReport(DetailedEvaluation evaluation, RegressionReport regression, String title, ExampleSource data) {

    /** Writes the report as CSV or, for any other extension, a self-contained HTML page (atomically). */
    void write(Path file) throws IOException {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (evaluation == null && regression != null) {
            AtomicFiles.writeString(file, name.endsWith(".csv") ? ReportExport.csv(regression, title, data::describe)
                    : ReportExport.html(regression, title, data::describe, 50));
            return;
        }
        if (evaluation == null) throw new IOException(Texts.get("ui.eval.nothing-to-export"));
        String text = name.endsWith(".csv") ? ReportExport.csv(evaluation, title)
                : ReportExport.html(evaluation, title, i -> Thumbnails.dataUri(data, i), data::describe);
        AtomicFiles.writeString(file, text);
    }
}
