package org.modelstudio.engine.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelstudio.core.catalogue.CatalogueNetworks;
import java.util.Locale;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.modelstudio.engine.InvalidNetworkException;
import org.nd4j.common.config.ND4JSystemProperties;
import org.nd4j.linalg.learning.config.Adam;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported Java compiles, and builds exactly the configuration the studio trains. */
class JavaCodeExportTest {

    @Test void shippedSpecsAndEveryLayerTypeCompileToTheSameConfiguration(@TempDir Path dir) throws Exception {
        List<NetworkSpec> specs = new ArrayList<>(SampleData.specs());
        specs.addAll(CatalogueNetworks.oneOfEachType());
        specs.add(CatalogueNetworks.imageLayers());
        specs.add(CatalogueNetworks.globalPooling());
        specs.add(CatalogueNetworks.sequence());
        specs.add(CatalogueNetworks.sequencePooling());
        specs.add(CatalogueNetworks.regularized());
        for (NetworkSpec spec : specs) {
            String name = JavaCodeExport.className(spec.name());
            MultiLayerConfiguration exported = compileAndBuild(JavaCodeExport.export(spec, name), name, dir.resolve(name));
            MultiLayerConfiguration ours = NetworkCompiler.compile(spec).configuration();
            assertEquals(ours.toJson(), exported.toJson(), spec.name());
            MultiLayerNetwork net = new MultiLayerNetwork(exported);
            net.init();
            assertEquals(new MultiLayerNetwork(ours).numParams(), net.numParams());
        }
    }

    @Test void theCodesCommentsAreEnglishWhateverTheStudioSpeaks() throws Exception {
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        try {
            String code = JavaCodeExport.export(CatalogueNetworks.regularized(), "Regularized");
            assertTrue(code.contains("Reduce on plateau (×0.5 after 2 epochs without improvement)"), code);
            assertTrue(code.contains("Early stopping (validation loss, patience 3)"), code);
        } finally {
            Texts.use(Locale.ENGLISH);
        }
    }

    @Test void theEmbeddingKeepsTheVocabularyAsItsNIn(@TempDir Path dir) throws Exception {
        NetworkSpec spec = CatalogueNetworks.sequence();
        String code = JavaCodeExport.export(spec, "Sequence");
        assertTrue(code.contains("new EmbeddingSequenceLayer.Builder().nIn(50).nOut(8).inputLength(12).build()"), code);
        assertTrue(code.contains(".overrideNinUponBuild(false)"), code);
        assertTrue(code.contains("new LastTimeStep(new LSTM.Builder().nOut(10).activation(Activation.TANH).build())"), code);
        MultiLayerConfiguration exported = compileAndBuild(code, "Sequence", dir);
        var embedding = (EmbeddingSequenceLayer) exported.getConf(0).getLayer();
        assertEquals(50, embedding.getNIn(), "the vocabulary, not the sequence length (12)");
        assertFalse(JavaCodeExport.export(SampleData.spec("small-cnn.json"), "SmallCnn").contains("overrideNinUponBuild"),
                "only networks with an Embedding need it");
    }

    @Test void l2AndTheSettingsDl4jCannotHoldAreSaidInTheCode(@TempDir Path dir) throws Exception {
        NetworkSpec spec = CatalogueNetworks.regularized();
        String code = JavaCodeExport.export(spec, "Regularized");
        assertTrue(code.contains(".l2(0.002)"), code);
        assertTrue(code.contains("// Reduce on plateau (×0.5 after 2 epochs without improvement)"), code);
        assertTrue(code.contains("net.setLearningRate"), code);
        assertTrue(code.contains("// Early stopping (validation loss, patience 3) is applied by Model Studio"), code);
        var layer = (BaseLayer) compileAndBuild(code, "Regularized", dir).getConf(0).getLayer();
        assertEquals("[L2Regularization(l2=FixedSchedule(value=0.002))]", layer.getRegularization().toString());
        assertFalse(JavaCodeExport.export(SampleData.spec("mlp.json"), "Mlp").contains(".l2("), "no penalty, no l2() call");
    }

    @Test void classNamesAreValidJava() {
        assertEquals("SmallCnn", JavaCodeExport.className("Small CNN"));
        assertEquals("MlpKerasClassic", JavaCodeExport.className("MLP (Keras classic)"));
        assertEquals("Lenet5StyleCnn", JavaCodeExport.className("LeNet-5 style CNN"));
        assertEquals("Network3Layers", JavaCodeExport.className("3 layers"));
    }

    @Test void aBrokenNetworkIsNotExported() {
        NetworkSpec mlp = SampleData.spec("mlp.json");
        NetworkSpec broken = mlp.withLayers(mlp.layers().subList(1, 4)); // no Flatten before Dense
        var e = assertThrows(InvalidNetworkException.class, () -> JavaCodeExport.export(broken, "Broken"));
        assertTrue(e.getMessage().contains("Add a Flatten layer before it"), e.getMessage());
    }

    private static MultiLayerConfiguration compileAndBuild(String source, String className, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, "-classpath", classPath(), "-d", dir.toString(), file.toString());
        assertEquals(0, code, "generated code compiles:\n" + errors.toString(StandardCharsets.UTF_8) + "\n" + source);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, JavaCodeExportTest.class.getClassLoader())) {
            return (MultiLayerConfiguration) loader.loadClass(className).getMethod("configuration").invoke(null);
        }
    }

    /** The jars the generated code uses, found from classes in them (surefire's own class path is a manifest jar). */
    private static String classPath() throws Exception {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {NeuralNetConfiguration.class, Adam.class, ND4JSystemProperties.class,
                JsonProperty.class, org.nd4j.shade.jackson.annotation.JsonProperty.class}) {
            jars.add(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
        }
        return String.join(File.pathSeparator, jars);
    }
}
