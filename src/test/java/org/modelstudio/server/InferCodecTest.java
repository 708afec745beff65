package org.modelstudio.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request reader takes numbers in every JSON form exactly as Java reads them, flat or nested. */
class InferCodecTest {

    @Test void everyNumberFormReadsAsTheJdkReadsIt() throws Exception {
        Random r = new Random(17);
        List<String> numbers = new ArrayList<>(List.of("0", "-0", "1", "-1", "0.5", "0.05", "100.25", "0.0039216", "1e-3", "2.5E+2", "-7.125e-5",
                "123456789012345", "1234567890123456789", "0.1234567890123456789", "3.4028235e38", "1.4e-45", "0.00000000000000000000000001",
                "9007199254740993", "0.30000000000000004"));
        for (int i = 0; i < 5000; i++) {
            String s = switch (i % 4) {
                case 0 -> String.format(Locale.ROOT, "%.4f", r.nextFloat());
                case 1 -> Float.toString((float) (r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6)));
                case 2 -> Double.toString(r.nextDouble() * 1000 - 500);
                default -> Integer.toString(r.nextInt(512) - 256);
            };
            numbers.add(s);
        }
        String body = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[" + numbers.size() + "],\"data\":[["
                + String.join(",", numbers) + "]]}]}";
        InferRequest request = InferCodec.read(body.getBytes(StandardCharsets.UTF_8));
        float[] read = request.inputs().get(0).numbers();
        float[] expected = new float[numbers.size()];
        for (int i = 0; i < expected.length; i++) expected[i] = (float) Double.parseDouble(numbers.get(i));
        assertArrayEquals(expected, read);
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(read[1]), "-0 keeps its sign");
    }

    @Test void nestedAndFlatDataAreTheSame() throws Exception {
        String nestedBody = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[[1,2],[3,4]]}]}";
        String flatBody = "{\"id\":\"a\",\"inputs\":[{\"data\":[1,2,3,4],\"shape\":[2,2],\"datatype\":\"fp32\",\"name\":\"input\"}]}";
        InferRequest nested = InferCodec.read(nestedBody.getBytes(StandardCharsets.UTF_8));
        InferRequest flat = InferCodec.read(flatBody.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(nested.inputs().get(0).numbers(), flat.inputs().get(0).numbers());
        assertEquals("FP32", flat.inputs().get(0).datatype());
        assertEquals("a", flat.id());
    }
}
