package org.modelstudio.server;

import org.modelstudio.core.infer.ModelNames;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.infer.ModelRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models a server answers for, by name. Names are identifiers (letters, digits, '-' and '_'), never paths. A new
 * model or version is warmed up (one forward pass) before it is swapped in, so the first request to it is not slow.
 */
public final class ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final ServerOptions options;
    private final Batcher.Listener listener;

    ModelRegistry(ServerOptions options, Batcher.Listener listener) {
        this.options = options;
        this.listener = listener;
    }

    /**
     * Serves {@code model} under {@code name}: as version 1 of a new name, or as the next version of a served one,
     * which then answers every request that names no version. Requests already given to the old version finish on it.
     *
     * @throws IllegalArgumentException when the name is not an identifier
     */
    public ModelVersion publish(String name, TrainedModel model, String source) {
        if (!ModelNames.isName(name)) {
            throw new IllegalArgumentException("\"" + name
                    + "\" cannot name a model: use letters, digits, '-' and '_' (at most 64), starting with a letter or digit");
        }
        ModelRuntime runtime = new ModelRuntime(model);
        warmUp(runtime);
        ServedModel served;
        synchronized (this) {
            served = models.computeIfAbsent(name, ServedModel::new);
        }
        List<ModelVersion> retired;
        ModelVersion version;
        synchronized (served) {
            String number = served.nextVersion();
            Batcher batcher = new Batcher(name + " v" + number, runtime, options.maxBatch(), options.maxQueue(), options.batchWait().toNanos(), listener);
            version = new ModelVersion(name, number, runtime, batcher, Instant.now(), source);
            retired = served.publish(version);
        }
        // A retired version's batcher answers what it was given, then stops.
        retired.forEach(v -> v.batcher().close());
        LOG.info("Serving {} version {} ({})", name, version.version(), source);
        return version;
    }

    /** The model served under {@code name}, or null. */
    public synchronized ServedModel get(String name) {
        return models.get(name);
    }

    /** Every served model, in the order they were added. */
    public synchronized List<ServedModel> all() {
        return List.copyOf(models.values());
    }

    /** Every loaded version of every model. */
    List<ModelVersion> versions() {
        List<ModelVersion> all = new ArrayList<>();
        for (ServedModel m : all()) all.addAll(m.all());
        return all;
    }

    /** Stops every batcher after it has answered what it was given. */
    void close() {
        versions().forEach(v -> v.batcher().close());
    }

    /** One forward pass of a neutral example, so that the native workspaces exist before the first real request. */
    private static void warmUp(ModelRuntime runtime) {
        ModelSignature sig = runtime.signature();
        try {
            runtime.outputs(new float[][] {new float[sig.tensorSize()]});
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model cannot run: " + e.getMessage(), e);
        }
    }
}
