package org.modelstudio.ui;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.TestData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.ui.serving.RequestRow;
import org.modelstudio.ui.serving.ServeViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Serve window on a model the studio has just trained, with real HTTP: it serves on a free port, the address and
 * token it shows answer a program, the log shows each request with the version that answered it, a newly trained model
 * is published as the next version (by hand, then automatically after a run), a model that does not fit is refused with
 * the reason, and Stop frees the port.
 */
@ExtendWith(ApplicationExtension.class)
class ServeWindowTest {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Studio studio;
    private Stage main;

    @Start void start(Stage stage) throws Exception {
        studio = new Studio();
        studio.show(stage);
        main = stage;
    }

    @AfterEach void close() { studio.close(); }

    @Test void servesTheModelInUseOverHttpLogsEachRequestPublishesNewVersionsAndStops(FxRobot robot) throws Exception {
        ServeViewModel serve = studio.serving();
        trainInTheStudio(robot, 1);
        robot.interact(() -> studio.mainView().openServe());
        Stage window = studio.mainView().serveStage();
        assertTrue(window.isShowing());
        assertEquals(1, serve.entries().size(), "the model in use is offered");
        String name = serve.entries().get(0).nameProperty().get();
        assertEquals("mlp-keras-classic", name);

        // A name that cannot be one is refused inline, with the reason, and Start waits for a good one.
        TextField nameField = in(robot, window, ".entry-name").queryAs(TextField.class);
        robot.interact(() -> nameField.setText("my model"));
        assertTrue(in(robot, window, ".serve-entry .problem").queryAs(Label.class).getText().startsWith("\u201cmy model\u201d cannot name a model"));
        assertTrue(button(robot, window, "#startServingButton").isDisabled());
        robot.interact(() -> nameField.setText(name));
        robot.interact(() -> in(robot, window, "#portField").queryAs(TextField.class).setText("0"));
        assertTrue(serve.tokenRequiredProperty().get(), "a token is made and required by default");
        robot.clickOn(button(robot, window, "#startServingButton"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> serve.stateProperty().get() == ServeViewModel.State.SERVING);
        WaitForAsyncUtils.waitForFxEvents();

        String url = in(robot, window, "#urlField").queryAs(TextField.class).getText();
        String token = in(robot, window, "#tokenField").queryAs(TextField.class).getText();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/v2/models/mlp-keras-classic"), url);
        assertTrue(token.length() >= 24, token);
        assertEquals(4, serve.examples().size(), "curl, Python, JavaScript and Java");
        assertTrue(serve.examples().get(0).code().contains("Authorization: Bearer " + token) && serve.examples().get(0).code().contains(url + "/classify"),
                serve.examples().get(0).code());
        String status = robot.from(main.getScene().getRoot()).lookup("#serveStatus").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Serving mlp-keras-classic at http://127.0.0.1:") && status.endsWith("(View \u25b8 Serve\u2026)"), status);

        HttpResponse<String> first = classify(url, token);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"model_version\":\"1\""), first.body());
        RequestRow row = awaitRow(robot, window, r -> r.status() == 200 && r.model().equals("mlp-keras-classic v1"));
        assertEquals("1 image", row.input());
        assertFalse(row.answer().isEmpty(), "the answer's label is shown");

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url + "/classify"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(image())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), "no token, no answer");
        RequestRow unauthorised = awaitRow(robot, window, r -> r.status() == 401);
        assertTrue(unauthorised.answer().startsWith("This server needs a token"), unauthorised.answer());
        assertTrue(shownRow(robot, window, unauthorised).getPseudoClassStates().contains(ERROR), "the 401 row is shown as an error");

        // The model in use is version 1 already: nothing to publish. A model of another input is refused with the reason.
        assertTrue(button(robot, window, "#publishButton").isDisabled());
        TrainedModel bars = Trainer.train(TestData.barCnn(1), TestData.bars(90, 3), null, TrainingEventSink.NONE, new CancelToken()).last();
        robot.interact(() -> studio.currentModel().set(bars, "Trained in the test"));
        assertTrue(button(robot, window, "#publishButton").isDisabled());
        assertTrue(serve.publishing().noteProperty().get().startsWith("The model in use takes inputs of shape 1×8×8, but mlp-keras-classic takes 1×28×28"),
                serve.publishing().noteProperty().get());

        // A newly trained model of the same kind is published by hand as version 2, and answers from then on.
        trainInTheStudio(robot, 2);
        Button publish = button(robot, window, "#publishButton");
        assertFalse(publish.isDisabled(), serve.publishing().noteProperty().get());
        assertEquals("Publish the model in use as version 2 of mlp-keras-classic", publish.getText());
        robot.clickOn(publish);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> serve.versionProperty().get().startsWith("Version 2 of mlp-keras-classic answers"));
        HttpResponse<String> second = classify(url, token);
        assertEquals(200, second.statusCode(), second.body());
        assertTrue(second.body().contains("\"model_version\":\"2\""), second.body());
        awaitRow(robot, window, r -> r.status() == 200 && r.model().equals("mlp-keras-classic v2"));

        // Closing the window keeps the server running; after the next run the model is published on its own.
        robot.interact(window::close);
        robot.interact(() -> serve.publishing().automaticProperty().set(true));
        trainInTheStudio(robot, 3);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> serve.versionProperty().get().startsWith("Version 3 of mlp-keras-classic answers"));
        HttpResponse<String> third = classify(url, token);
        assertTrue(third.body().contains("\"model_version\":\"3\""), third.body());
        robot.interact(() -> studio.mainView().openServe());
        assertTrue(window.isShowing(), "the same window shows again");
        awaitRow(robot, window, r -> r.status() == 200 && r.model().equals("mlp-keras-classic v3"));

        // Stop: the port no longer answers, and the studio no longer says it serves.
        robot.clickOn(button(robot, window, "#stopServingButton"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> serve.stateProperty().get() == ServeViewModel.State.STOPPED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThrows(ConnectException.class, () -> classify(url, token));
        assertTrue(serve.summaryProperty().get().isEmpty());
        assertTrue(serve.messageProperty().get().startsWith("Stopped after "), serve.messageProperty().get());
    }

    @Test void aTakenPortIsRefusedWithTheReasonAFreeOneIsOfferedAndSavedModelsAreServedBesideTheModelInUse(FxRobot robot, @TempDir Path dir)
            throws Exception {
        ServeViewModel serve = studio.serving();
        TrainedModel bars = Trainer.train(TestData.barCnn(2), TestData.bars(150, 5), null, TrainingEventSink.NONE, new CancelToken()).last();
        Path saved = dir.resolve("Bars Model.zip");
        ModelFile.save(bars, saved);
        robot.interact(() -> studio.currentModel().set(bars, "Trained in the test"));
        robot.interact(() -> studio.mainView().openServe());
        Stage window = studio.mainView().serveStage();
        robot.interact(() -> serve.addFiles(List.of(saved)));
        assertEquals(List.of("bar-cnn", "bars-model"), serve.entries().stream().map(e -> e.nameProperty().get()).toList());

        // Other computers may call it only with the token.
        CheckBox tokenBox = in(robot, window, "#tokenBox").queryAs(CheckBox.class);
        robot.interact(() -> tokenBox.setSelected(false));
        assertFalse(serve.tokenRequiredProperty().get(), "on this computer only, the token may be turned off");
        robot.clickOn(in(robot, window, "#networkBox").queryAs(CheckBox.class));
        assertTrue(serve.networkProperty().get());
        assertTrue(tokenBox.isSelected() && tokenBox.isDisabled(), "other computers: the token is required");

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            robot.interact(() -> in(robot, window, "#portField").queryAs(TextField.class).setText(Integer.toString(taken.getLocalPort())));
            robot.clickOn(button(robot, window, "#startServingButton"));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> serve.failedProperty().get());
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(ServeViewModel.State.STOPPED, serve.stateProperty().get());
            String said = in(robot, window, "#serveMessage").queryAs(Label.class).getText();
            assertTrue(said.startsWith("The server could not start: cannot listen on 0.0.0.0:" + taken.getLocalPort()
                    + ": the port is in use by another program."), said);
            assertTrue(serve.freePortProperty().get() > taken.getLocalPort(), said);
            Button useFree = button(robot, window, "#freePortButton");
            assertTrue(useFree.isVisible());
            assertEquals("Use port " + serve.freePortProperty().get(), useFree.getText());
            robot.clickOn(useFree);
        }
        robot.clickOn(button(robot, window, "#startServingButton"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> serve.stateProperty().get() == ServeViewModel.State.SERVING);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0.0.0.0", serve.server().options().bind());
        assertEquals(List.of("bar-cnn", "bars-model"), serve.servedNames());
        assertTrue(serve.addressesProperty().get().startsWith("Other computers call it at"), serve.addressesProperty().get());

        // The shown programs run as they are, against the saved model's name: curl first.
        robot.interact(() -> serve.selectedProperty().set("bars-model"));
        String url = in(robot, window, "#urlField").queryAs(TextField.class).getText();
        assertTrue(url.endsWith("/v2/models/bars-model"), url);
        String curl = serve.examples().get(0).code();
        assertTrue(curl.contains("sample-models/fashion-mnist/examples/ankle-boot-1.png") || curl.contains("examples/ankle-boot-1.png"), curl);
        Process p = new ProcessBuilder("sh", "-c", curl).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("\"model_name\":\"bars-model\"") && out.contains("\"label\":"), out);
        awaitRow(robot, window, r -> r.status() == 200 && r.model().equals("bars-model v1"));

        // So do the Java program (single-file source launch) and, where their runtimes are installed, Python and JavaScript.
        String java = ProcessHandle.current().info().command().orElse("java");
        String fromJava = run(dir, "Classify.java", serve.examples().get(3).code(), java, "Classify.java").strip();
        assertTrue(fromJava.startsWith("200 {\"model_name\":\"bars-model\""), fromJava);
        if (works("python3", "-c", "import requests")) {
            String label = run(dir, "classify.py", serve.examples().get(1).code(), "python3", "classify.py").strip();
            assertTrue(TestData.BAR_CLASSES.contains(label), label);
        }
        if (works("node", "-e", "if (typeof fetch !== 'function') process.exit(1)")) {
            String label = run(dir, "classify.mjs", serve.examples().get(2).code(), "node", "classify.mjs").strip();
            assertTrue(TestData.BAR_CLASSES.contains(label), label);
        }
        robot.clickOn(button(robot, window, "#stopServingButton"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> serve.stateProperty().get() == ServeViewModel.State.STOPPED);
    }

    /** Writes {@code code} to {@code file} in {@code dir}, runs the command there and returns what it printed; it must succeed. */
    private static String run(Path dir, String file, String code, String... command) throws Exception {
        Files.writeString(dir.resolve(file), code);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), file + " did not finish");
        assertEquals(0, p.exitValue(), file + ": " + out);
        return out;
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Trains the shipped MLP for one epoch in the studio and waits until it is the model in use. */
    private void trainInTheStudio(FxRobot robot, int runs) throws Exception {
        robot.interact(() -> studio.training().epochsProperty().set(1));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> studio.data().classes().size() == 10);
        robot.interact(() -> studio.training().start());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> studio.document().runs().size() == runs);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(studio.currentModel().get());
    }

    private HttpResponse<String> classify(String url, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/classify")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] image() throws IOException {
        try (InputStream in = SampleData.exampleImage("bag-1.png")) {
            return in.readAllBytes();
        }
    }

    private static NodeQuery in(FxRobot robot, Stage window, String selector) {
        return robot.from(window.getScene().getRoot()).lookup(selector);
    }

    private static Button button(FxRobot robot, Stage window, String selector) {
        return in(robot, window, selector).queryAs(Button.class);
    }

    /** Waits (polling is the window's: every few hundred ms) until the log table shows a row that matches. */
    @SuppressWarnings("unchecked")
    private RequestRow awaitRow(FxRobot robot, Stage window, Predicate<RequestRow> match) throws Exception {
        TableView<RequestRow> table = in(robot, window, "#requestTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> table.getItems().stream().anyMatch(match));
        WaitForAsyncUtils.waitForFxEvents();
        return table.getItems().stream().filter(match).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static TableRow<RequestRow> shownRow(FxRobot robot, Stage window, RequestRow row) {
        for (Node n : in(robot, window, ".request-log .table-row-cell").queryAll()) {
            TableRow<RequestRow> r = (TableRow<RequestRow>) n;
            if (row.equals(r.getItem())) return r;
        }
        throw new AssertionError("the row " + row + " is not drawn");
    }
}
