package org.modelstudio.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.engine.InputRejectedException;
import org.modelstudio.engine.io.ImageDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** While the studio speaks 简体中文, the programs calling its model server still read English: the engine's refusals included. */
class ServerAnswersInEnglishTest {
    private static ModelServer server;
    private static Http http;

    @BeforeAll static void serve() throws Exception {
        server = new ModelServer(ServingFixture.options());
        server.models().publish("bars", ServingFixture.bars(), "test");
        server.start();
        http = new Http(server);
        Texts.use(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterAll static void stop() {
        Texts.use(Locale.ENGLISH);
        server.stop(Duration.ofSeconds(2));
    }

    @Test void anImageTheEngineCannotReadIsRefusedInEnglish() throws Exception {
        byte[] notAnImage = "not a picture at all".getBytes(StandardCharsets.UTF_8);
        InputRejectedException inTheStudio = assertThrows(InputRejectedException.class, () -> ImageDecoder.decode("a.png", notAnImage, null));
        assertEquals("不是 Model Studio 能读取的图像（看起来是文本）；它能读取 PNG、JPEG、BMP 和 GIF 文件", inTheStudio.reason(), "the studio says it in Chinese");

        Http.Reply reply = http.post("/v2/models/bars/classify", "image/png", notAnImage);
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("The upload is not an image Model Studio can read (it looks like text); it reads PNG, JPEG, BMP and GIF files.", reply.error());
    }
}
