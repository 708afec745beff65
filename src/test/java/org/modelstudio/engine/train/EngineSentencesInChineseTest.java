package org.modelstudio.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.events.CancelToken;
import org.modelstudio.core.events.TrainingEventSink;
import org.modelstudio.core.graph.EarlyStopping;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.io.ImageDecoder;

/** What the engine explains, in both languages: divergence, early stopping's reason, why an image cannot be read. */
class EngineSentencesInChineseTest {

    @AfterEach
    void english() { Texts.use(Locale.ENGLISH); }

    private static String nanExplained() {
        ProgressBridge bridge = new ProgressBridge(TrainingEventSink.NONE, new CancelToken(), Math.log(10), false, 1);
        bridge.startEpoch(2, 0.5);
        return bridge.diverged(Texts.get("engine.diverged.nan", 2, 17));
    }

    @Test void aDivergenceExplanation() {
        assertEquals("The loss became NaN (not a number) in epoch 2, batch 17: training diverged. The learning rate (0.5) is probably "
                + "too high; try one ten times smaller (0.001 suits Adam), or add BatchNorm layers.", nanExplained());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("损失在第 2 轮第 17 批变成了 NaN（不是数字）：训练发散了。学习率（0.5）很可能太高；请试试小十倍的学习率（Adam 适合 0.001），"
                + "或加入批归一化层。", nanExplained());
    }

    private static String stopped() {
        Trainer.Improvement watched = new Trainer.Improvement(false, 0);
        watched.offer(1, 0.5);
        watched.offer(2, 0.6);
        watched.offer(3, 0.7);
        return Trainer.stopReason(EarlyStopping.on(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0), watched, 1, false);
    }

    @Test void earlyStoppingsReason() {
        assertEquals("Validation loss has not improved for 2 epochs; the best model is from epoch 1.", stopped());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("验证损失已经 2 轮没有改进；最好的模型来自第 1 轮。", stopped());
    }

    private static String emptyImage() {
        try {
            ImageDecoder.decode("photo.png", new byte[0], null);
            return "decoded";
        } catch (InputRejectedException e) {
            return e.getMessage();
        }
    }

    @Test void whyAnImageCannotBeRead() {
        assertEquals("photo.png: is empty (0 bytes)", emptyImage());
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertEquals("photo.png: 是空文件（0 字节）", emptyImage());
    }
}
