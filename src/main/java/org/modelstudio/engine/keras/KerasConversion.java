package org.modelstudio.engine.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.ImagePreprocessing;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.Shape;
import org.modelstudio.core.graph.ShapeInference;
import org.modelstudio.core.io.ModelReading;
import org.modelstudio.engine.InvalidNetworkException;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.export.KerasH5Export;
import org.modelstudio.engine.io.ModelFile;
import org.modelstudio.engine.train.BatchIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Opens a Keras .h5 file in this JVM: the architecture is read and mapped to studio blocks ({@link KerasMapping}), DL4J's
 * {@code KerasModelImport} reads the weights into its own network, they are moved into the network compiled from the
 * blocks, and both networks must then give the same outputs on random inputs. This runs native code on a file from
 * anywhere, so the studio, the CLI and the server call it only in a child process ({@link KerasImport}).
 */
final class KerasConversion {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest difference between the studio's network and DL4J's own import that still counts as the same. */
    static final double AGREEMENT = 1e-4;

    /** What came out: the model, how its input was read, the other readings that fit, and how closely it agrees. */
    record Converted(TrainedModel model, ModelReading reading, List<ModelReading> readings, String kerasVersion, String backend,
                     int kerasLayers, double maxDifference) {}

    private KerasConversion() {}

    /**
     * @param reading how to read the input, or null for the proposal
     * @param labels  class names (as many as outputs), or null for "class 0", "class 1", …
     */
    static Converted convert(Path file, ModelReading reading, List<String> labels) throws KerasImportException {
        String shown = file.getFileName().toString();
        checkSignature(file, shown);
        String modelConfig;
        String version;
        String backend;
        String studioDescription = null;
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            Hdf5Archive archive;
            try {
                archive = new Hdf5Archive(file.toString());
            } catch (RuntimeException e) {
                throw new KerasImportException(Texts.get("engine.keras.not-hdf5-readable", shown, e.getMessage()), e);
            }
            try {
                if (!archive.hasAttribute("model_config")) {
                    throw new KerasImportException(Texts.get("engine.keras.weights-only", shown));
                }
                modelConfig = archive.readAttributeAsJson("model_config");
                version = archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : "1";
                backend = archive.hasAttribute("backend") ? archive.readAttributeAsString("backend") : "";
                if (archive.hasAttribute(STUDIO_DESCRIPTION)) studioDescription = archive.readAttributeAsString(STUDIO_DESCRIPTION);
                if (archive.getGroups().stream().noneMatch("model_weights"::equals)) {
                    throw new KerasImportException(Texts.get("engine.keras.no-weights", shown));
                }
            } catch (UnsupportedKerasConfigurationException | RuntimeException e) {
                throw new KerasImportException(Texts.get("engine.keras.unreadable-model", shown, e.getMessage()), e);
            } finally {
                archive.close();
            }
        }
        version = version.trim();
        backend = backend.trim();
        KerasConfig k = KerasConfig.parse(shown, modelConfig, version, backend);
        ModelReading chosen = reading != null ? reading : KerasMapping.propose(k);
        String name = stem(shown);
        KerasMapping.Mapped m = KerasMapping.map(k, chosen, shown, name);
        if (m.unfit() != null) {
            throw new KerasImportException(Texts.get("engine.keras.cannot-open", shown, version, m.unfit()));
        }
        if (!m.unknown().isEmpty()) KerasFixed.checkOpenable(m, chosen, k, shown, version);
        Imported imported = dl4jImport(file, shown, modelConfig, version, backend);
        MultiLayerNetwork theirs = imported.network();
        if (!m.unknown().isEmpty()) return KerasFixed.open(m, imported, chosen, k, labels, shown, version, backend);
        MultiLayerNetwork ours;
        int[] dl4jLayerOf;
        try {
            NetworkCompiler.Compiled compiled = NetworkCompiler.compile(m.spec());
            ours = new MultiLayerNetwork(compiled.configuration());
            ours.init();
            dl4jLayerOf = compiled.dl4jLayerOf();
        } catch (InvalidNetworkException e) {
            throw new KerasImportException(Texts.get("engine.keras.blocks-do-not-fit", shown, e.getMessage()), e);
        }
        moveWeights(m, theirs, ours, dl4jLayerOf, shown);
        if (chosen.pixels255()) scaleForPixels255(m.spec(), ours, dl4jLayerOf, shown);
        double difference = agreement(m.spec(), chosen, k, theirs, ours);
        if (!(difference <= AGREEMENT)) {
            throw new KerasImportException(Texts.get("engine.keras.blocks-disagree", shown, difference));
        }
        ModelFile.Description written = studioDescription == null ? null : studioWritten(shown, studioDescription, m.spec());
        if (written != null && labels == null && reading == null) {
            // A file the studio exported: its labels, input preparation, name and training recipe come back with it.
            NetworkSpec spec = new NetworkSpec(written.spec().name(), m.spec().description(), m.spec().input(), m.spec().layers(),
                    written.spec().training().withLoss(m.spec().training().loss()));
            InputPreparation preparation = written.preparation();
            if (preparation instanceof InputPreparation.Table t && t.regression()) {
                // The file answers in the label's units already (its last Dense scales back), so no scaling is left to do.
                preparation = new InputPreparation.Table(t.columns(), t.labelColumn(), new InputPreparation.Target(0, 1));
            }
            TrainedModel model = TrainedModel.of(spec, written.labels(), preparation, ours);
            return new Converted(model, chosen, KerasMapping.readings(k), version, backend, k.layers.size(), difference);
        }
        List<String> names = classNames(labels, m.spec().outputUnits(), shown);
        TrainedModel model = TrainedModel.of(m.spec(), names, preparation(m.spec(), chosen, names), ours);
        return new Converted(model, chosen, KerasMapping.readings(k), version, backend, k.layers.size(), difference);
    }

    /** The class names given, or "class 0", "class 1", … */
    static List<String> classNames(List<String> labels, int outputs, String shown) throws KerasImportException {
        if (labels == null) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < outputs; i++) names.add("class " + i);
            return names;
        }
        if (labels.size() != outputs) {
            throw new KerasImportException(Texts.get("engine.keras.labels-count", labels.size(), shown, outputs));
        }
        return labels;
    }

    /** The root attribute in which the studio's Keras export keeps the model file's own description. */
    static final String STUDIO_DESCRIPTION = KerasH5Export.DESCRIPTION;

    /**
     * The description a studio-exported file carries, if it describes the network that was opened (the same input and
     * number of outputs); null otherwise, or if it cannot be read.
     */
    private static ModelFile.Description studioWritten(String shown, String json, NetworkSpec opened) {
        try {
            ModelFile.Description d = ModelFile.readManifest(shown, json);
            boolean same = d.spec().input().equals(opened.input()) && d.labels().size() == opened.outputUnits();
            return same ? d : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** HDF5 files start with an 8-byte signature at offset 0, 512, 1024, 2048, … (a user block may come first). */
    static void checkSignature(Path file, String shown) throws KerasImportException {
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size < 512) {
                throw new KerasImportException(Texts.get("engine.keras.too-short", shown, size));
            }
            byte[] head = in.readNBytes((int) Math.min(size, 8192));
            for (int offset = 0; offset + 8 <= head.length; offset = offset == 0 ? 512 : offset * 2) {
                if (Arrays.equals(Arrays.copyOfRange(head, offset, offset + 8), signature)) return;
            }
            throw new KerasImportException(Texts.get("engine.keras.not-hdf5", shown));
        } catch (IOException e) {
            throw new KerasImportException(Texts.get("engine.keras.unreadable", shown, e.getMessage()), e);
        }
    }

    /** DL4J's import of a file: its network, and the output type of each Keras layer by name. */
    record Imported(MultiLayerNetwork network, Map<String, InputType> outputTypes) {}

    /** DL4J's own import of the file, with the architecture cleaned of what crashes it (see {@link KerasConfig#withoutOrthogonal}). */
    private static Imported dl4jImport(Path file, String shown, String modelConfig, String version, String backend)
            throws KerasImportException {
        try {
            String sequential = KerasConfig.asSequential(modelConfig);
            // Tests switch the replacement off to see a real native crash end only the child process.
            if (!Boolean.getBoolean("modelstudio.keras.keepOrthogonal")) sequential = KerasConfig.withoutOrthogonal(sequential);
            ObjectNode config = (ObjectNode) JSON.readTree(sequential);
            config.put("keras_version", version);
            if (!backend.isEmpty()) config.put("backend", backend);
            KerasModelBuilder builder = new KerasModelBuilder(new KerasModelConfiguration())
                    .modelJson(JSON.writeValueAsString(config)).enforceTrainingConfig(false);
            synchronized (Hdf5Archive.LOCK_OBJECT) {
                builder.weightsHdf5Filename(file.toString());
            }
            var model = builder.buildSequential();
            return new Imported(model.getMultiLayerNetwork(), model.getOutputTypes());
        } catch (Exception e) {
            throw new KerasImportException(Texts.get("engine.keras.dl4j-failed", shown, version, e.getMessage()), e);
        }
    }

    /** Each studio layer's parameters from the DL4J layer of the same Keras name, adjusted where the two differ by a constant. */
    private static void moveWeights(KerasMapping.Mapped m, MultiLayerNetwork theirs, MultiLayerNetwork ours, int[] dl4jLayerOf,
                                    String shown) throws KerasImportException {
        Map<String, Layer> byName = new HashMap<>();
        for (Layer l : theirs.getLayers()) byName.put(l.conf().getLayer().getLayerName(), l);
        NetworkSpec spec = m.spec();
        boolean afterFlatten = false;
        Shape flattened = null;
        var shapes = ShapeInference.analyse(spec).layers();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            if (layer instanceof LayerSpec.Flatten) {
                if (!afterFlatten) flattened = i == 0 ? spec.input().shape() : shapes.get(i - 1).outputShape();
                afterFlatten = true;
                continue;
            }
            String kerasName = m.kerasNames().get(i);
            if (dl4jLayerOf[i] < 0 || kerasName == null) continue;
            Layer mine = ours.getLayer(dl4jLayerOf[i]);
            if (mine.numParams() == 0) continue;
            Layer source = byName.get(kerasName);
            if (source == null) throw new KerasImportException(Texts.get("engine.keras.dl4j-no-layer", shown, kerasName));
            boolean permute = afterFlatten && m.flattenedHwc() && flattened instanceof Shape.Image
                    && (layer instanceof LayerSpec.Dense || layer instanceof LayerSpec.Output);
            if (layer instanceof LayerSpec.Dense || layer instanceof LayerSpec.Output) afterFlatten = false;
            for (Map.Entry<String, INDArray> p : mine.paramTable().entrySet()) {
                String key = p.getKey();
                INDArray target = p.getValue();
                INDArray value = source.paramTable().get(key);
                if (layer instanceof LayerSpec.BatchNorm) {
                    value = batchNormParam(key, source, mine, m.epsilons()[i], target.length());
                } else if (value == null && key.equals("b")) {
                    value = Nd4j.zeros(target.dataType(), target.shape());
                }
                if (value == null || value.length() != target.length()) {
                    throw new KerasImportException(Texts.get("engine.keras.weight-shape", kerasName, shown, key,
                            value == null ? Texts.get("engine.keras.no-shape") : Arrays.toString(value.shape()), Arrays.toString(target.shape())));
                }
                value = value.castTo(target.dataType()).reshape(target.ordering(), target.shape());
                if (permute && key.equals("W")) {
                    var in = (Shape.Image) flattened;
                    value = hwcRowsToChw(value, in.height(), in.width(), in.channels());
                }
                target.assign(value);
            }
        }
    }

    /** Rows of a weight matrix that Keras ordered height, width, channel, reordered as channel, height, width. */
    private static INDArray hwcRowsToChw(INDArray w, int h, int wd, int c) {
        INDArray out = w.dup();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
                for (int ch = 0; ch < c; ch++) {
                    out.putRow((long) ch * h * wd + (long) y * wd + x, w.getRow(((long) y * wd + x) * c + ch));
                }
            }
        }
        return out;
    }

    /**
     * Batch normalisation: Keras divides by √(var + ε) with its own ε (0.001 by default), DL4J's block by √(var + 1e-5).
     * Adding the difference to the variance makes the two the same for predictions.
     */
    private static INDArray batchNormParam(String key, Layer source, Layer mine, double kerasEpsilon, long n) throws KerasImportException {
        BatchNormalization theirConf = (BatchNormalization) source.conf().getLayer();
        BatchNormalization myConf = (BatchNormalization) mine.conf().getLayer();
        Map<String, INDArray> p = source.paramTable();
        switch (key) {
            case BatchNormalizationParamInitializer.GAMMA:
                return p.containsKey(key) ? p.get(key) : Nd4j.valueArrayOf(new long[] {1, n}, theirConf.getGamma(), DataType.FLOAT);
            case BatchNormalizationParamInitializer.BETA:
                return p.containsKey(key) ? p.get(key) : Nd4j.valueArrayOf(new long[] {1, n}, theirConf.getBeta(), DataType.FLOAT);
            case BatchNormalizationParamInitializer.GLOBAL_MEAN:
                return p.get(key);
            default:
                INDArray variance = theirConf.isUseLogStd()
                        ? Nd4j.math().pow(Nd4j.math().pow(Nd4j.valueArrayOf(p.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).shape(), 10.0,
                                DataType.DOUBLE), p.get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).castTo(DataType.DOUBLE)), 2)
                        : p.get(BatchNormalizationParamInitializer.GLOBAL_VAR).castTo(DataType.DOUBLE);
                double eps = Double.isNaN(kerasEpsilon) ? theirConf.getEps() : kerasEpsilon;
                INDArray adjusted = variance.add(eps - myConf.getEps());
                if (adjusted.minNumber().doubleValue() <= 0) {
                    throw new KerasImportException(Texts.get("engine.keras.batchnorm-epsilon", source.conf().getLayer().getLayerName(), eps, myConf.getEps()));
                }
                if (key.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                    return Transforms.log(Nd4j.math().sqrt(adjusted), 10);
                }
                return adjusted;
        }
    }

    /**
     * A network that wants pixels 0..255 gets them as 0..1 (the studio's one image preparation) with its first weighted
     * layer's weights multiplied by 255, which computes the same. Only a Dense or Conv2D layer, reached through layers that
     * commute with a positive scale, can take the factor.
     */
    private static void scaleForPixels255(NetworkSpec spec, MultiLayerNetwork ours, int[] dl4jLayerOf, String shown) throws KerasImportException {
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            if (l instanceof LayerSpec.Dense || l instanceof LayerSpec.Conv2D || l instanceof LayerSpec.Output) {
                INDArray w = ours.getLayer(dl4jLayerOf[i]).getParam("W");
                w.muli(255);
                return;
            }
            if (!(l instanceof LayerSpec.Flatten || l instanceof LayerSpec.Dropout || l instanceof LayerSpec.MaxPool || l instanceof LayerSpec.AvgPool
                    || l instanceof LayerSpec.ZeroPadding)) {
                throw new KerasImportException(Texts.get("engine.keras.pixels255", shown, l.typeName()));
            }
        }
    }

    /** The largest output difference between DL4J's import and the studio's network on 16 random inputs. */
    static double agreement(NetworkSpec spec, ModelReading reading, KerasConfig k, MultiLayerNetwork theirs, MultiLayerNetwork ours) {
        Random random = new Random(7);
        int n = 16;
        long[] shape = BatchIterator.shapeOf(spec.input().shape(), n);
        INDArray x = Nd4j.create(DataType.FLOAT, shape);
        int vocabulary = spec.input() instanceof InputSpec.SequenceInput s ? s.vocabulary() : 0;
        float[] values = new float[(int) x.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vocabulary > 0 ? random.nextInt(vocabulary) : reading.kind() == ModelReading.Kind.IMAGE ? random.nextFloat()
                    : (float) random.nextGaussian();
        }
        x.assign(Nd4j.create(values, shape, 'c'));
        INDArray mine = ours.output(x, false);
        INDArray theirInput = reading.pixels255() ? x.mul(255) : x;
        if (spec.input() instanceof InputSpec.ImageInput && k.inputShape.length == 3 && !k.channelsFirst) {
            theirInput = theirInput.permute(0, 2, 3, 1).dup('c');
        } else if (spec.input() instanceof InputSpec.ImageInput && k.inputShape.length != 3) {
            theirInput = reading.channels() > 1 ? theirInput.permute(0, 2, 3, 1).dup('c').reshape(n, -1)
                    : theirInput.reshape(n, -1);
            if (k.inputShape.length == 2) theirInput = theirInput.reshape(n, k.inputShape[0], k.inputShape[1]);
        }
        INDArray their = theirs.output(theirInput, false);
        if (their.rank() != mine.rank() || their.length() != mine.length()) return Double.POSITIVE_INFINITY;
        INDArray diff = Nd4j.math().abs(their.reshape(mine.shape()).castTo(DataType.DOUBLE).sub(mine.castTo(DataType.DOUBLE)));
        return diff.maxNumber().doubleValue();
    }

    /** Images get the studio's image preparation; a row of numbers a table of columns x1…xN as they are; token ids none. */
    static InputPreparation preparation(NetworkSpec spec, ModelReading reading, List<String> labels) {
        return switch (reading.kind()) {
            case IMAGE -> new InputPreparation.Image(ImagePreprocessing.forInput((InputSpec.ImageInput) spec.input()));
            case FEATURES -> {
                List<InputPreparation.Column> columns = new ArrayList<>();
                for (int i = 1; i <= reading.width(); i++) {
                    columns.add(new InputPreparation.Column("x" + i, InputPreparation.Kind.NUMERIC, 0, 1, List.of()));
                }
                yield new InputPreparation.Table(columns, "label");
            }
            case TOKENS -> null;
        };
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
