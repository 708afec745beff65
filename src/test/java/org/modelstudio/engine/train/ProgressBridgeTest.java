package org.modelstudio.engine.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.LabeledData;
import org.modelstudio.core.data.SampleData;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.engine.compile.NetworkCompiler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The running training accuracy, computed in Java from the Output layer's input, against the network's own outputs. */
class ProgressBridgeTest {

    @Test void theRunningAccuracyCountsWhatTheNetworkAnswers() throws Exception {
        for (String spec : List.of("mlp.json", "small-cnn.json")) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkCompiler.compile(SampleData.spec(spec)).configuration());
            net.init();
            LabeledData data = SampleData.fashionMnistTrain().first(96);
            DataSet all = BatchIterator.slice(data, 0, data.size());
            net.fit(all); // not a fresh network: some answers right, some wrong
            ProgressBridge bridge = new ProgressBridge(TrainingEventSink.NONE, new CancelToken(), Math.log(10), false, 1);
            bridge.startEpoch(1, 0.001);
            long right = 0;
            for (DataSet batch : all.batchBy(32)) {
                List<INDArray> activations = net.feedForward(batch.getFeatures(), false);
                net.setLabels(batch.getLabels());
                bridge.onForwardPass(net, activations.subList(0, activations.size() - 1));
                INDArray predicted = activations.get(activations.size() - 1).argMax(1);
                INDArray actual = batch.getLabels().argMax(1);
                for (int i = 0; i < predicted.length(); i++) if (predicted.getInt(i) == actual.getInt(i)) right++;
            }
            assertEquals((double) right / data.size(), bridge.accuracy(), 1e-9, spec);
        }
    }
}
