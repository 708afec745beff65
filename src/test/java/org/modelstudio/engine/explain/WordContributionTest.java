package org.modelstudio.engine.explain;

import org.modelstudio.core.events.RunOutcome;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.data.InputPreparation;
import org.modelstudio.core.data.PreparedData;
import org.modelstudio.core.data.TextPreparation;
import org.modelstudio.core.data.TextPreparation.LabeledText;
import org.modelstudio.core.eval.WordContribution;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.PauseGate;
import org.modelstudio.core.graph.Activation;
import org.modelstudio.core.graph.InputSpec;
import org.modelstudio.core.graph.LayerSpec;
import org.modelstudio.core.graph.NetworkSpec;
import org.modelstudio.core.graph.TrainingConfig;
import org.modelstudio.engine.TrainedModel;
import org.modelstudio.engine.evaluate.Evaluator;
import org.modelstudio.engine.train.Trainer;
import org.modelstudio.engine.train.TrainingResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leave-one-out word contributions from real text models trained on sentences whose topic is told by one keyword
 * among filler words every topic shares: the keyword must come out as the word that supports the topic most.
 */
class WordContributionTest {
    static final String[][] KEYWORDS = {{"goal", "match", "team"}, {"rain", "wind", "cloud"}, {"bake", "oven", "soup"}};
    static final List<String> TOPICS = List.of("cooking", "sport", "weather");
    static final int[] TOPIC_OF_ROW = {1, 2, 0};
    static final String[] FILLER = {"today", "we", "talked", "about", "the", "a", "with", "friends", "and", "it", "was", "nice", "again",
            "very", "this", "morning", "all", "of", "us", "saw"};

    static List<LabeledText> sentences(int n, long seed) {
        Random r = new Random(seed);
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int row = i % 3;
            List<String> words = new ArrayList<>();
            for (int k = 0; k < 6; k++) words.add(FILLER[r.nextInt(FILLER.length)]);
            words.add(r.nextInt(words.size() + 1), KEYWORDS[row][r.nextInt(3)]);
            out.add(new LabeledText(String.join(" ", words), TOPICS.get(TOPIC_OF_ROW[row]), "line " + (i + 1)));
        }
        return out;
    }

    static TrainedModel train(InputSpec input, List<LayerSpec> layers, int epochs) throws Exception {
        PreparedData data = TextPreparation.prepare("sentences", sentences(300, 1), input, 0.2, 1);
        NetworkSpec spec = new NetworkSpec("topics", "", input, layers,
                TrainingConfig.defaults().withEpochs(epochs).withBatchSize(16).withLearningRate(0.02).withSeed(3));
        TrainingResult r = Trainer.train(spec, data.train(), data.validation(), data.preparation(), e -> { }, new CancelToken(), new PauseGate());
        assertEquals(RunOutcome.FINISHED, r.outcome(), r.failure());
        assertTrue(Evaluator.evaluate(r.last(), data.validation()).accuracy() >= 0.9, "the keywords are easy to learn");
        return r.last();
    }

    @Test void inABagOfWordsTheKeywordSupportsItsTopicMostAndItsOffsetsFindItInTheText() throws Exception {
        TrainedModel model = train(new InputSpec.VectorInput(40),
                List.of(new LayerSpec.Dense(16, Activation.RELU), new LayerSpec.Output(3)), 15);
        assertEquals(InputPreparation.TextMode.BAG_OF_WORDS, ((InputPreparation.Text) model.preparation()).mode());
        String text = "This morning, all of us saw the GOAL — yesterday's wonder!";
        List<WordContribution> words = Explainer.words(model, text, TOPICS.indexOf("sport"));
        assertEquals(List.of("this", "morning", "all", "of", "us", "saw", "the", "goal", "yesterday's", "wonder"),
                words.stream().map(WordContribution::word).toList(), "one entry per word, in order");
        WordContribution top = words.stream().max(Comparator.comparingDouble(WordContribution::contribution)).orElseThrow();
        assertEquals("goal", top.word());
        assertEquals("GOAL", text.substring(top.start(), top.end()), "the offsets point at the word as written");
        assertTrue(top.contribution() > 0.2, "hiding the keyword costs the topic much of its probability: " + top.contribution());
        for (WordContribution w : words) {
            assertEquals(w.word(), text.substring(w.start(), w.end()).toLowerCase(Locale.ROOT));
            if (!w.word().equals("goal")) assertTrue(w.contribution() < top.contribution() / 2, w + " is filler");
        }
        WordContribution unknown = words.stream().filter(w -> w.word().equals("yesterday's")).findFirst().orElseThrow();
        assertEquals(0.0, unknown.contribution(), "a word outside the vocabulary cannot matter");
        assertEquals("yesterday's", text.substring(unknown.start(), unknown.end()));

        // For another topic the keyword counts against it.
        double forWeather = Explainer.words(model, text, TOPICS.indexOf("weather")).get(7).contribution();
        assertTrue(forWeather < 0, "goal speaks against weather: " + forWeather);
        assertEquals(List.of(), Explainer.words(model, " ?! ", 0));
        var refused = assertThrows(IllegalArgumentException.class, () -> Explainer.words(model.withPreparation(null), text, 0));
        assertTrue(refused.getMessage().contains("this model was not trained on texts"), refused.getMessage());
    }

    @Test void aTokenSequenceModelFindsTheKeywordToo() throws Exception {
        TrainedModel model = train(new InputSpec.SequenceInput(10, 40), List.of(new LayerSpec.Embedding(8),
                new LayerSpec.GlobalPooling(LayerSpec.GlobalPooling.Pooling.MAX), new LayerSpec.Dense(16, Activation.RELU), new LayerSpec.Output(3)), 10);
        assertEquals(InputPreparation.TextMode.SEQUENCE, ((InputPreparation.Text) model.preparation()).mode());
        String text = "We talked about the oven with friends, and zebra.";
        List<WordContribution> words = Explainer.words(model, text, TOPICS.indexOf("cooking"));
        WordContribution top = words.stream().max(Comparator.comparingDouble(WordContribution::contribution)).orElseThrow();
        assertEquals("oven", top.word());
        assertEquals("oven", text.substring(top.start(), top.end()));
        assertEquals(0.0, words.get(words.size() - 1).contribution(), "zebra is unknown");
    }
}
