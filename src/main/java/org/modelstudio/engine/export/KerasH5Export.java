package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.hdf5.Group;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.LayerSummary;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.NetworkSummary;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.io.AtomicFiles;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.io.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained model as a Keras 2 HDF5 file (.h5), laid out as Keras 2 saves a whole model, so that
 * {@code tf.keras.models.load_model} opens it: the root's attributes {@code keras_version}, {@code backend} and
 * {@code model_config} (a Sequential model as JSON, its first layer with the {@code batch_input_shape}), and the group
 * {@code model_weights} with {@code layer_names} and, per layer, {@code weight_names} and the datasets
 * {@code <layer>/<layer>/kernel:0} and so on. There is no {@code training_config}: Keras opens the model uncompiled.
 * <p>
 * The model takes what the studio's network takes, channels last: images float32 [N, height, width, channels] with
 * values 0 to 1, prepared table rows or bags of words [N, features], token ids [N, length]. It gives each class's
 * probability or, for a regression, the number in the label's units (a last Dense layer of one unit turns the network's
 * standardised value back, as the studio does). The root attribute {@value #DESCRIPTION} holds the model file's own
 * description (labels, input preparation, spec: {@code modelstudio.json}), which Keras leaves alone.
 * <p>
 * Each spec layer becomes Keras layers through one {@link KerasH5Layer} (a {@code LayerSpec.Visitor}), with the weights
 * of the trained DL4J layer it was compiled to, read by {@link TrainedLayer} as the ONNX export reads them. What a Keras
 * file cannot say exactly is refused ({@link ExportRefusedException}) and nothing is written.
 */
public final class KerasH5Export {
    /** The Keras version the file claims: a tf.keras 2.x one, whose layout and layer configs it follows. */
    public static final String KERAS_VERSION = "2.4.0";
    public static final String BACKEND = "tensorflow";
    /** The root attribute with the model file's own description (JSON). */
    public static final String DESCRIPTION = "model_studio";
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);

    private KerasH5Export() {}

    /** One Keras layer of the file, named. */
    private record Named(String name, KerasH5Layer.Entry entry) {}

    /**
     * Writes {@code model} to {@code target}: to a temporary file beside it, then moved into place, so never half-written;
     * refused, with the layer named, when a layer cannot be written exactly.
     */
    public static void write(TrainedModel model, Path target) throws IOException, ExportRefusedException {
        List<Named> layers = layers(model);
        String config = modelConfig(model.spec(), layers);
        String description = ModelFile.manifest(model);
        Path file = target.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (Hdf5Writer h5 = Hdf5Writer.create(tmp)) {
                Group root = h5.root();
                h5.text(root, "keras_version", KERAS_VERSION);
                h5.text(root, "backend", BACKEND);
                h5.text(root, "model_config", config);
                h5.text(root, DESCRIPTION, description);
                Group weights = h5.group(root, "model_weights");
                h5.names(weights, "layer_names", layers.stream().map(Named::name).toList());
                h5.text(weights, "keras_version", KERAS_VERSION);
                h5.text(weights, "backend", BACKEND);
                for (Named layer : layers) {
                    Group g = h5.group(weights, layer.name());
                    List<KerasH5Layer.Weight> ws = layer.entry().weights();
                    h5.names(g, "weight_names", ws.stream().map(w -> layer.name() + "/" + w.name() + ":0").toList());
                    if (ws.isEmpty()) continue;
                    Group inner = h5.group(g, layer.name());
                    for (KerasH5Layer.Weight w : ws) h5.floats(inner, w.name() + ":0", w.dims(), w.values());
                }
            }
            AtomicFiles.moveIntoPlace(tmp, file);
        } catch (RuntimeException e) {
            // HDF5's own failures (a full disk, say) come through JavaCPP as RuntimeExceptions.
            throw new IOException(Texts.get("engine.export.hdf5-write", file.getFileName(), e.getMessage()), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The model's Keras layers, named as Keras names them ("conv2d_1", "max_pooling2d_1", …). */
    private static List<Named> layers(TrainedModel model) throws ExportRefusedException {
        NetworkSpec spec = model.spec();
        NetworkSummary summary = ShapeInference.analyse(spec);
        int[] dl4jLayerOf = TrainedLayer.dl4jLayerOf(spec);
        MultiLayerNetwork network = model.network();
        double l2 = spec.training().l2() / 2;
        List<KerasH5Layer.Entry> entries = new ArrayList<>();
        Shape in = summary.inputShape();
        Layer feeding = null;
        int[] order = null;
        try {
            for (LayerSummary row : summary.layers()) {
                int d = dl4jLayerOf[row.index()];
                Layer layer = d < 0 ? null : network.getLayer(d);
                KerasH5Layer.Written written = row.layer().accept(new KerasH5Layer(new TrainedLayer(layer, feeding, in, row.label()), order, l2));
                entries.addAll(written.layers());
                order = written.order();
                in = row.outputShape();
                // At inference DL4J's dropout and activation layers hand on the array they were given (changed in place).
                if (layer != null && !(layer instanceof DropoutLayer)
                        && !(layer instanceof ActivationLayer)) {
                    feeding = layer;
                }
            }
        } catch (TrainedLayer.Refusal r) {
            throw new ExportRefusedException(Texts.get("engine.export.not-exactly", "Keras", r.getMessage()));
        }
        if (model.regression()) entries.add(toLabelUnits(model.target()));
        Map<String, Integer> counts = new HashMap<>();
        List<Named> named = new ArrayList<>();
        for (KerasH5Layer.Entry e : entries) {
            String base = snakeCase(e.className());
            named.add(new Named(base + "_" + counts.merge(base, 1, Integer::sum), e));
        }
        return named;
    }

    /**
     * A regression's network learnt the label standardised; a Dense layer of one unit, weight std and bias mean, gives
     * the label's units, as the studio answers.
     */
    private static KerasH5Layer.Entry toLabelUnits(InputPreparation.Target target) {
        Map<String, Object> c = KerasH5Layer.denseConfig(1, "linear", true, KerasH5Layer.initializer("Ones"), null);
        c.put("trainable", false);
        return new KerasH5Layer.Entry("Dense", c, List.of(new KerasH5Layer.Weight("kernel", new long[] {1, 1}, new float[] {(float) target.std()}),
                new KerasH5Layer.Weight("bias", new long[] {1}, new float[] {(float) target.mean()})));
    }

    /** The Sequential model as Keras 2 writes it in {@code model_config}; the first layer carries the input's shape. */
    private static String modelConfig(NetworkSpec spec, List<Named> layers) throws IOException {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", layers.get(i).name());
            if (i == 0) config.put("batch_input_shape", batchInputShape(ShapeInference.analyse(spec).inputShape()));
            config.putAll(layers.get(i).entry().config());
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("class_name", layers.get(i).entry().className());
            layer.put("config", config);
            list.add(layer);
        }
        Map<String, Object> sequential = new LinkedHashMap<>();
        sequential.put("name", KerasCodeExport.modelName(spec.name()));
        sequential.put("layers", list);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("class_name", "Sequential");
        model.put("config", sequential);
        return JSON.writeValueAsString(model);
    }

    /** The batch (any size, null) and the network's input channels last. */
    private static List<Integer> batchInputShape(Shape input) {
        List<Integer> shape = new ArrayList<>();
        shape.add(null);
        if (input instanceof Shape.Image img) shape.addAll(List.of(img.height(), img.width(), img.channels()));
        else if (input instanceof Shape.Tokens tokens) shape.add(tokens.length());
        else shape.add(Math.toIntExact(input.size()));
        return shape;
    }

    /** Keras' own default layer names: "MaxPooling2D" → "max_pooling2d", "LeakyReLU" → "leaky_re_lu". */
    static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
