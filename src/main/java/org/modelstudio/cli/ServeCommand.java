package org.modelstudio.cli;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.engine.NativeThreads;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.keras.KerasImport;
import org.modelstudio.server.ModelFileWatcher;
import org.modelstudio.server.ModelServer;
import org.modelstudio.server.ServerOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve MODEL.zip… [--name NAME] [--port P] [--bind ADDR] [--token T | --token-file F] [--max-body BYTES]
 * [--max-batch N] [--max-queue N] [--allow-origin ORIGIN]}: serves the models until stopped (Ctrl+C), swapping in a
 * model file that is replaced on disk as the next version. On a stop the requests in flight are answered first.
 */
final class ServeCommand {
    static final Set<String> VALUED = Set.of("--name", "--port", "--bind", "--token", "--token-file", "--max-body", "--max-batch", "--max-queue",
            "--allow-origin", "--request-timeout", "--batch-wait");

    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Serves until {@code stop} is counted down, then finishes what is in flight.
     *
     * @param serving run once the server listens (the CLI then lets Ctrl+C count {@code stop} down)
     */
    int run(Args a, CountDownLatch stop, Runnable serving) throws UsageException, IOException {
        if (a.positional.isEmpty()) throw new UsageException(Texts.get("cli.serve.usage"));
        if (a.has("--name") && a.positional.size() > 1) {
            throw new UsageException(Texts.get("cli.serve.one-name"));
        }
        if (a.has("--token") && a.has("--token-file")) throw new UsageException(Texts.get("cli.serve.token-twice"));
        ServerOptions options = options(a);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String f : a.positional) {
            Path p = Path.of(f);
            String name = a.has("--name") ? a.get("--name") : ModelNames.nameFor(p.getFileName().toString());
            if (!ModelNames.isName(name)) {
                throw new UsageException(Texts.get("cli.serve.name", name));
            }
            if (files.put(name, p) != null) throw new UsageException(Texts.get("cli.serve.same-name", name));
        }
        ModelServer server;
        try {
            server = new ModelServer(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        NativeThreads.useDefault();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            TrainedModel model = KerasImport.loadModel(e.getValue());
            server.models().publish(e.getKey(), model, e.getValue().getFileName().toString());
        }
        server.start();
        serving.run();
        for (String name : files.keySet()) out.println(Texts.get("cli.serve.serving", name, server.url()));
        if (options.token() != null) out.println(Texts.get("cli.serve.token"));
        String first = files.keySet().iterator().next();
        out.println(Texts.get("cli.serve.try", "curl " + (options.token() != null ? "-H 'Authorization: Bearer …' " : "") + server.url(first),
                server.url().resolve("openapi.json")));
        out.flush();
        try (ModelFileWatcher watcher = new ModelFileWatcher(server.models(), line -> {
            (line.startsWith("warning:") ? err : out).println(line);
        })) {
            files.forEach((name, file) -> watcher.watch(file, name));
            watcher.start(1000);
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println(Texts.get("cli.serve.stopping"));
        server.stop(Duration.ofSeconds(10));
        out.println(Texts.get("cli.serve.stopped", Texts.number(server.metrics().requests())));
        return Cli.OK;
    }

    private static ServerOptions options(Args a) throws UsageException, IOException {
        ServerOptions o = ServerOptions.defaults();
        try {
            if (a.has("--bind")) o = o.withBind(a.get("--bind"));
            o = o.withPort(a.intOption("--port", ServerOptions.DEFAULT_PORT, 0));
            if (a.has("--token")) o = o.withToken(a.get("--token"));
            if (a.has("--token-file")) o = o.withToken(tokenFile(a.get("--token-file")));
            if (a.has("--max-body")) o = o.withMaxBody(bytes(a.get("--max-body")));
            o = o.withMaxBatch(a.intOption("--max-batch", o.maxBatch(), 1)).withMaxQueue(a.intOption("--max-queue", o.maxQueue(), 1));
            if (a.has("--allow-origin")) o = o.withAllowOrigin(a.get("--allow-origin"));
            if (a.has("--request-timeout")) o = o.withRequestTimeout(Duration.ofMillis((long) (1000 * a.doubleOption("--request-timeout", 10, 0.1, 3600))));
            if (a.has("--batch-wait")) o = o.withBatchWait(Duration.ofNanos((long) (1e6 * a.doubleOption("--batch-wait", 1, 0, 100))));
            o.checkSafe();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return o;
    }

    private static String tokenFile(String file) throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) throw new IOException(file + ": " + (Files.exists(p) ? "is not a file" : "does not exist"));
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        String token = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (token.isEmpty()) throw new IOException(file + ": is empty; put the token on its first line");
        return token;
    }

    /** "8388608", "8MB", "512k". */
    static long bytes(String value) throws UsageException {
        String v = value.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        long unit = v.endsWith("K") ? 1024 : v.endsWith("M") ? 1024 * 1024 : v.endsWith("G") ? 1024L * 1024 * 1024 : 1;
        if (unit > 1) v = v.substring(0, v.length() - 1);
        try {
            double n = Double.parseDouble(v.trim());
            if (n < 1) throw new NumberFormatException();
            return (long) (n * unit);
        } catch (NumberFormatException e) {
            throw new UsageException(Texts.get("cli.serve.max-body", value));
        }
    }
}
