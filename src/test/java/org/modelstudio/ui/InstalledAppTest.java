package org.modelstudio.ui;

import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.project.ProjectFile;
import org.modelstudio.ui.common.AppDirs;
import org.modelstudio.ui.common.Licences;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the installed studio adds: the About box with the licences, opening a double-clicked project, the samples folder. */
@ExtendWith(ApplicationExtension.class)
class InstalledAppTest {
    private Studio studio;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
    }

    @AfterEach void close() { studio.close(); }

    @Test void helpAboutShowsEveryLicenceText(FxRobot robot) {
        robot.clickOn("Help").clickOn("About Model Studio");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<Licences.Text> list = robot.lookup("#licenceList").queryAs(ListView.class);
        TextArea text = robot.lookup("#licenceText").queryAs(TextArea.class);
        assertEquals(Licences.ALL, list.getItems());
        assertTrue(text.getText().contains("The MIT License"), "the studio's own licence is shown first");
        robot.clickOn("Apache License 2.0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text.getText().contains("Apache License") && text.getText().contains("Version 2.0, January 2004"));
        robot.clickOn("Third-party software");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text.getText().contains("OpenJFX") && text.getText().contains("chart-fx") && text.getText().contains("ControlsFX"));
        robot.clickOn("Close");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#licenceList").tryQuery().isEmpty(), "the dialog closed");
    }

    @Test void aProjectFileHandedToTheStudioIsOpened(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> studio.model().openTemplate(SampleData.spec("lenet.json")));
        Path file = dir.resolve("letters" + ProjectFile.EXTENSION);
        ProjectFile.save(studio.document().project(), file);
        robot.interact(() -> studio.model().openTemplate(SampleData.spec("mlp.json")));
        assertFalse(studio.model().specProperty().get().name().contains("LeNet"));

        Optional<Path> argument = StudioApp.projectFile(new String[] {file.toString()});
        assertEquals(Optional.of(file), argument);
        robot.interact(() -> studio.mainView().openProjectFile(argument.get()));
        assertEquals(file, studio.document().fileProperty().get());
        assertTrue(studio.model().specProperty().get().name().contains("LeNet"), studio.model().specProperty().get().name());
    }

    @Test void onlyASingleProjectFileArgumentOpensTheStudio() {
        assertTrue(StudioApp.projectFile(new String[] {"/home/ann/Flowers.MSPROJ"}).isPresent());
        assertTrue(StudioApp.projectFile(new String[] {"train"}).isEmpty(), "a CLI command");
        assertTrue(StudioApp.projectFile(new String[] {"a.msproj", "b.msproj"}).isEmpty());
        assertTrue(StudioApp.projectFile(new String[0]).isEmpty());
    }

    @Test void everyLicenceFileNamedInTheNoticesIsShipped() {
        for (Licences.Text t : Licences.ALL) assertFalse(Licences.read(t).isBlank(), t.file());
        for (String notices : new String[] {"THIRD-PARTY.txt", "SAMPLE-DATA.txt", "MODEL-STUDIO-LICENSE.txt"}) {
            String text = Licences.read(new Licences.Text(notices, notices));
            // References to licence files are written in brackets or parentheses: [Apache-2.0.txt], (SAMPLE-DATA.txt).
            Matcher named = Pattern.compile("(?<=[\\[(, ])([A-Za-z0-9.-]+\\.txt)(?=[\\]),])").matcher(text);
            int found = 0;
            while (named.find()) {
                found++;
                String file = named.group(1);
                assertTrue(Licences.ALL.stream().anyMatch(t -> t.file().equals(file)), notices + " names " + file + ", which is not shipped");
            }
            assertTrue(found > 0, notices + " refers to the licence texts");
        }
    }

    @Test void theInstalledSamplesFolderIsFoundWhereTheLauncherSaysItIs(@TempDir Path dir) throws Exception {
        String before = System.getProperty("modelstudio.samples");
        try {
            Path samples = Files.createDirectories(dir.resolve("sample-models"));
            System.setProperty("modelstudio.samples", samples.toString());
            assertEquals(Optional.of(samples), AppDirs.samplesDir());
            System.setProperty("modelstudio.samples", dir.resolve("missing").toString());
            assertEquals(Optional.empty(), AppDirs.samplesDir());
        } finally {
            if (before == null) System.clearProperty("modelstudio.samples");
            else System.setProperty("modelstudio.samples", before);
        }
    }
}
