package org.modelstudio.server;

import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.keras.KerasImport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves the next version of a model when its file is replaced on disk (for instance by {@code train … --out} on the
 * same path). Files are polled, which works alike on every system and file system; a change is taken once the file has
 * stayed the same for one more poll, so a file still being written is not read half-way. A file that cannot be opened
 * is reported and the version in service stays.
 */
public final class ModelFileWatcher implements AutoCloseable {
    private record Stamp(Object key, long modified, long size) {}

    private final ModelRegistry registry;
    private final Consumer<String> report;
    private final Map<Path, String> names = new ConcurrentHashMap<>();
    private final Map<Path, Stamp> served = new ConcurrentHashMap<>();
    private final Map<Path, Stamp> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model file watcher");
        t.setDaemon(true);
        return t;
    });

    /** @param report told each swap and each file that could not be opened, as a sentence */
    public ModelFileWatcher(ModelRegistry registry, Consumer<String> report) {
        this.registry = registry;
        this.report = report;
    }

    /** Watches {@code file}, served as {@code name} from the version on disk now. */
    public void watch(Path file, String name) {
        Path p = file.toAbsolutePath().normalize();
        names.put(p, name);
        Stamp now = stamp(p);
        served.put(p, now);
        seen.put(p, now);
    }

    public ModelFileWatcher start(long everyMillis) {
        timer.scheduleWithFixedDelay(this::poll, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Checks every file once (the timer does this; tests may call it). */
    void poll() {
        names.forEach((file, name) -> {
            Stamp now = stamp(file);
            Stamp before = seen.put(file, now);
            if (now == null || now.equals(served.get(file)) || !now.equals(before)) return;
            served.put(file, now);
            try {
                TrainedModel model = KerasImport.loadModel(file);
                ModelVersion v = registry.publish(name, model, file.getFileName() + " (changed on disk)");
                report.accept("Swapped in " + name + " version " + v.version() + " from " + file.getFileName() + ", changed on disk.");
            } catch (IOException | RuntimeException e) {
                ModelVersion current = registry.get(name) == null ? null : registry.get(name).current();
                report.accept("warning: " + file.getFileName() + " changed but cannot be served (" + e.getMessage() + "); "
                        + (current == null ? "nothing is served as " + name : "still serving " + name + " version " + current.version()) + ".");
            }
        });
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(Objects.requireNonNullElse(a.fileKey(), ""), a.lastModifiedTime().toMillis(), a.size());
        } catch (IOException e) {
            return null;
        }
    }

    @Override public void close() {
        timer.shutdownNow();
    }
}
