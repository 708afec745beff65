package org.modelstudio.ui.data;

import org.modelstudio.core.data.ExampleSource;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.io.ImageFolderSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The Data tab's table of classes, from images (a folder or the sample) or from a prepared table or texts. */
final class ClassRows {
    /** How many image files a class shows. */
    static final int PREVIEW = 8;

    private ClassRows() {}

    /** One row per class of images: its count, and up to {@value #PREVIEW} of its files (none for the sample). */
    static List<DataViewModel.ClassRow> ofImages(ExampleSource data, ImageFolderSource files) {
        int[] counts = data.classCounts();
        int max = 1;
        for (int n : counts) max = Math.max(max, n);
        List<DataViewModel.ClassRow> rows = new ArrayList<>();
        int[] firstOf = new int[counts.length];
        Arrays.fill(firstOf, -1);
        List<List<Path>> previews = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) previews.add(new ArrayList<>());
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            if (firstOf[c] < 0) firstOf[c] = i;
            if (files != null && previews.get(c).size() < PREVIEW) previews.get(c).add(files.file(i));
        }
        for (int c = 0; c < counts.length; c++) {
            rows.add(new DataViewModel.ClassRow(data.classes().get(c), counts[c], counts[c] / (double) max, List.copyOf(previews.get(c)), firstOf[c]));
        }
        return rows;
    }

    /**
     * One row per class with its count over all the parts; a regression has one row, the quantity it predicts, with
     * the range of its training values.
     */
    static List<DataViewModel.ClassRow> ofTable(PreparedData pd) {
        List<DataViewModel.ClassRow> rows = new ArrayList<>();
        int[] counts = new int[pd.train().classCount()];
        for (var part : new LabeledData[] {pd.train(), pd.validation(), pd.test()}) {
            if (part == null) continue;
            int[] c = part.classCounts();
            for (int i = 0; i < counts.length; i++) counts[i] += c[i];
        }
        int max = 1;
        for (int n : counts) max = Math.max(max, n);
        List<String> names = pd.train().classes();
        for (int c = 0; c < counts.length; c++) {
            String name = pd.regression() ? Texts.get("ui.data.class.regression", names.get(c), range(pd)) : names.get(c);
            rows.add(new DataViewModel.ClassRow(name, counts[c], counts[c] / (double) max, List.of(), -1));
        }
        return rows;
    }

    /** "from 25 to 346 in the training rows". */
    private static String range(PreparedData pd) {
        InputPreparation.Target target = ((InputPreparation.Table) pd.preparation()).target();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pd.train().size(); i++) {
            double v = target.toUnits(pd.train().target(i));
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Texts.get("ui.data.range", RegressionReport.number(lo), RegressionReport.number(hi));
    }
}
