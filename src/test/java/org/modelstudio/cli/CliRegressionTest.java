package org.modelstudio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.graph.SpecJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelstudio.cli.CliTest.cli;

/** A table whose label is a number, on the command line: train, evaluate and predict a row, in the label's units. */
class CliRegressionTest {

    @Test void aRegressionTableTrainsEvaluatesAndPredictsARowInTheLabelsUnits(@TempDir Path dir) throws Exception {
        Path csv = TestData.linearTable(dir.resolve("linear.csv"), 300, 6);
        Path spec = dir.resolve("linear.json");
        Files.writeString(spec, SpecJson.write(TestData.regressionNetwork(5, 30)));
        Path model = dir.resolve("linear.zip");
        CliTest.Run train = cli("train", spec.toString(), "--data", csv.toString(), "--validation", "0.3", "--out", model.toString());
        assertEquals(Cli.OK, train.code(), train.toString());
        assertTrue(train.out().contains("a regression, predicting the number \"y\""), train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.startsWith("epoch 30  loss") && l.contains("val_mae") && l.contains("val_r2")
                && !l.contains("accuracy")), train.out());

        CliTest.Run evaluate = cli("evaluate", model.toString(), "--data", csv.toString());
        assertEquals(Cli.OK, evaluate.code(), evaluate.toString());
        assertTrue(evaluate.out().startsWith("Regression of \"y\" on 300 examples"), evaluate.out());
        Matcher r2 = Pattern.compile("R²\\s+(-?[0-9.]+)").matcher(evaluate.out());
        assertTrue(r2.find(), evaluate.out());
        assertTrue(Double.parseDouble(r2.group(1)) > 0.9, evaluate.out());
        assertTrue(evaluate.out().contains("MAE") && evaluate.out().contains("RMSE") && evaluate.out().contains("Actual"), evaluate.out());

        // y = 3·2 − 2·1 + 0 (green) = 4.
        CliTest.Run predict = cli("predict", model.toString(), "--row", "2,1,green");
        assertEquals(Cli.OK, predict.code(), predict.toString());
        Matcher value = Pattern.compile("^2,1,green: y ≈ (-?[0-9.]+) \\(in the units of the column \"y\"\\)$").matcher(predict.out().trim());
        assertTrue(value.matches(), predict.out());
        assertEquals(4, Double.parseDouble(value.group(1)), 0.8, predict.out());
        CliTest.Run bad = cli("predict", model.toString(), "--row", "2,x,green");
        assertEquals(Cli.BAD_INPUT, bad.code(), bad.toString());
        assertTrue(bad.err().contains("\"x2\" must be a number, not \"x\""), bad.err());
    }

    @Test void taskDecidesWhatTheLabelIsAndRefusesWhatCannotBe(@TempDir Path dir) throws Exception {
        // A grade of 1 to 3: classes by the rule (the table network fitted to its one column), a number on request.
        StringBuilder csv = new StringBuilder("x,grade\n");
        for (int i = 0; i < 60; i++) csv.append(String.format(Locale.ROOT, "%.2f,%d%n", i / 10.0, 1 + i / 20));
        Path grades = Files.writeString(dir.resolve("grades.csv"), csv);
        Path out = dir.resolve("m.zip");
        CliTest.Run classes = cli("train", "tabular-mlp", "--data", grades.toString(), "--epochs", "1", "--out", out.toString());
        assertEquals(Cli.OK, classes.code(), classes.toString());
        assertTrue(classes.out().contains("in 3 classes (1, 2, 3)"), classes.out());
        assertTrue(classes.out().contains("Fitted to the data: Input: 4 → 1 features, the table's columns as prepared."), classes.out());

        Path regression = dir.resolve("one.json");
        Files.writeString(regression, SpecJson.write(TestData.regressionNetwork(1, 2)));
        CliTest.Run number = cli("train", regression.toString(), "--data", grades.toString(), "--task", "regression", "--out", out.toString());
        assertEquals(Cli.OK, number.code(), number.toString());
        assertTrue(number.out().contains("a regression, predicting the number \"grade\""), number.out());

        CliTest.Run mismatch = cli("train", "tabular-mlp", "--data", grades.toString(), "--task", "regression", "--out", out.toString());
        assertEquals(Cli.BAD_INPUT, mismatch.code(), mismatch.toString());
        assertTrue(mismatch.err().contains("The network takes inputs of 4 but the data has examples of 1")
                || mismatch.err().contains("Set its Classes (units) to 1"), mismatch.err());

        Path prices = Files.writeString(dir.resolve("prices.csv"), "x,price\n1,2.5\n2,3.5\n3,4.25\n4,5\n");
        CliTest.Run asClasses = cli("train", regression.toString(), "--data", prices.toString(), "--validation", "0", "--task", "classification",
                "--out", out.toString());
        assertEquals(Cli.BAD_INPUT, asClasses.code(), asClasses.toString());
        assertTrue(asClasses.err().contains("prices.csv, line 2: the label column \"price\" holds numbers with fractions (here 2.5)"), asClasses.err());
        CliTest.Run odd = cli("train", regression.toString(), "--data", prices.toString(), "--task", "numbers", "--out", out.toString());
        assertEquals(Cli.USAGE, odd.code(), odd.toString());
        assertTrue(odd.err().contains("--task takes classification or regression, not \"numbers\""), odd.err());
    }
}
