package org.modelstudio;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-way package arrows: ui → engine → core, cli → engine → core, and the server a peer of ui and cli over the
 * engine (ui and cli may start one; it knows neither); DL4J (and the ONNX classes it ships) only in engine, Jetty only in
 * server.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.modelstudio");
    }

    @Test void coreIsPlainJava() {
        noClasses().that().resideInAPackage("org.modelstudio.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.deeplearning4j..", "org.nd4j..",
                        "org.datavec..", "org.bytedeco..", "org.modelstudio.engine..", "org.modelstudio.ui..", "org.modelstudio.cli..",
                        "org.modelstudio.server..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test void onlyEngineSeesDl4j() {
        noClasses().that().resideOutsideOfPackage("org.modelstudio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.datavec..", "org.bytedeco..", "onnx..")
                .check(classes);
    }

    /** ONNX Runtime judges the ONNX export in the tests; it is a test dependency and must not be needed to run the studio. */
    @Test void onnxRuntimeIsForTestsOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..").check(classes);
    }

    @Test void engineKnowsNoUiOrCli() {
        noClasses().that().resideInAPackage("org.modelstudio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.modelstudio.ui..", "org.modelstudio.cli..",
                        "org.modelstudio.server..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test void theServerIsAPeerOfUiAndCliOverTheEngine() {
        noClasses().that().resideInAPackage("org.modelstudio.server..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.modelstudio.ui..", "org.modelstudio.cli..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.modelstudio.server..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                .check(classes);
    }

    @Test void uiAndCliDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.modelstudio.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.modelstudio.cli..").check(classes);
        noClasses().that().resideInAPackage("org.modelstudio.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.modelstudio.ui..", "javafx..").check(classes);
    }

    /** The benchmarks measure the product from outside: only the launcher, which hands them their commands, knows them. */
    @Test void benchmarksLiveApartFromTheProduct() {
        noClasses().that().resideOutsideOfPackage("org.modelstudio.bench..").and().doNotHaveFullyQualifiedName("org.modelstudio.Launcher")
                .should().dependOnClassesThat().resideInAPackage("org.modelstudio.bench..")
                .check(classes);
    }

    /** The window's feature packages (model, training, data, inference, evaluation, serving, …) do not depend in a circle. */
    @Test void uiFeaturePackagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("org.modelstudio.ui.(*)..")
                .should().beFreeOfCycles().check(classes);
    }

    /** A view model holds the state a view shows, not the view: no scene graph or window types in it. */
    @Test void viewModelsUseNoSceneOrStageTypes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }

    /** A window area is a pair, {@code X.fxml} and its controller {@code XView}, and where it has a view model, {@code XViewModel}. */
    @Test void eachFxmlIsNamedAfterItsView() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("fxml"))) {
            files = list.filter(f -> f.toString().endsWith(".fxml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        Pattern controller = Pattern.compile("fx:controller=\"([\\w.]+)\"");
        Pattern load = Pattern.compile("\"(\\w+)\\.fxml\"");
        for (Path file : files) {
            String area = file.getFileName().toString().replace(".fxml", "");
            Matcher m = controller.matcher(Files.readString(file));
            String view;
            if (m.find()) {
                view = m.group(1);
            } else { // a secondary window: its view loads it by name
                view = classes.stream().filter(c -> c.getSimpleName().equals(area + "View")).map(JavaClass::getName).findFirst()
                        .orElseThrow(() -> new AssertionError(file + " has no view named " + area + "View"));
                assertTrue(sourceOf(view).contains("\"" + area + ".fxml\""), view + " does not load " + file);
            }
            assertTrue(view.endsWith("." + area + "View"), file + " is controlled by " + view + ", not by " + area + "View");
            String viewModel = view + "Model";
            if (classes.contain(viewModel)) assertTrue(classes.get(viewModel).getPackageName().equals(classes.get(view).getPackageName()));
        }
        // and no view loads an FXML file of another name
        for (JavaClass c : classes) {
            if (!c.getSimpleName().endsWith("View") || c.getEnclosingClass().isPresent()) continue;
            Matcher m = load.matcher(sourceOf(c.getName()));
            while (m.find()) assertTrue(Files.exists(Path.of("fxml", m.group(1) + ".fxml")), c.getName() + " loads a missing " + m.group(1) + ".fxml");
        }
    }

    private static String sourceOf(String className) throws IOException {
        return Files.readString(Path.of("src/main/java", className.replace('.', '/') + ".java"));
    }
}
