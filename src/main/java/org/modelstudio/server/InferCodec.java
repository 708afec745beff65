package org.modelstudio.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.modelstudio.core.infer.ModelAnswer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads Open Inference Protocol requests and writes responses with Jackson's streaming parser and generator: a tensor
 * of tens of thousands of numbers is read straight into a float array, never into a tree of nodes. Every problem is
 * refused with a sentence that names the field ({@code inputs[0].shape}).
 */
final class InferCodec {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Tensors are mostly numbers: the fast parser reads them about three times as fast as the JDK's.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(64 * 1024 * 1024).build())
            .build();
    private static final int MAX_DIMENSIONS = 8;
    /** 10^0 … 10^22, each exact as a double. */
    private static final double[] POWERS = new double[23];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) POWERS[i] = POWERS[i - 1] * 10;
    }

    private InferCodec() {}

    static JsonFactory json() { return JSON; }

    /** Reads an inference request; a body that is not a request is refused with the reason. */
    static InferRequest read(byte[] body) throws BadRequestException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new BadRequestException("The body must be a JSON object with \"inputs\".");
            String id = null;
            List<InferRequest.Tensor> inputs = null;
            List<String> outputs = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "id" -> {
                        if (t != JsonToken.VALUE_STRING) throw new BadRequestException("\"id\" must be a string.");
                        id = p.getText();
                    }
                    case "inputs" -> inputs = readInputs(p);
                    case "outputs" -> outputs = readOutputs(p);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) throw new BadRequestException("The body holds more than one JSON value.");
            if (inputs == null) throw new BadRequestException("The request has no \"inputs\".");
            if (inputs.isEmpty()) throw new BadRequestException("\"inputs\" is empty; give one input tensor.");
            return new InferRequest(id, inputs, outputs);
        } catch (JsonParseException e) {
            String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at [^)]*\\)\\)?", "").replaceAll("\\s+", " ").strip();
            throw new BadRequestException("The body is not valid JSON: " + reason
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new BadRequestException("The body could not be read as JSON: " + e.getMessage());
        }
    }

    private static List<InferRequest.Tensor> readInputs(JsonParser p) throws IOException, BadRequestException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw new BadRequestException("\"inputs\" must be an array of tensors.");
        List<InferRequest.Tensor> inputs = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) inputs.add(readTensor(p, "inputs[" + inputs.size() + "]"));
        return inputs;
    }

    private static List<String> readOutputs(JsonParser p) throws IOException, BadRequestException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw new BadRequestException("\"outputs\" must be an array of {\"name\": …} objects.");
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String at = "outputs[" + names.size() + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) throw new BadRequestException(at + " must be an object with a \"name\".");
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("name") && t == JsonToken.VALUE_STRING) name = p.getText(); else p.skipChildren();
            }
            if (name == null) throw new BadRequestException(at + " has no \"name\" string.");
            names.add(name);
        }
        return names;
    }

    private static InferRequest.Tensor readTensor(JsonParser p, String at) throws IOException, BadRequestException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new BadRequestException(at + " must be an object with name, shape, datatype and data.");
        String name = null;
        String datatype = null;
        long[] shape = null;
        Data data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "name" -> {
                    if (t != JsonToken.VALUE_STRING) throw new BadRequestException(at + ".name must be a string.");
                    name = p.getText();
                }
                case "datatype" -> {
                    if (t != JsonToken.VALUE_STRING) throw new BadRequestException(at + ".datatype must be a string such as \"FP32\" or \"BYTES\".");
                    datatype = p.getText().toUpperCase(Locale.ROOT);
                }
                case "shape" -> shape = readShape(p, at);
                case "data" -> {
                    data = new Data(at + ".data");
                    data.read(p);
                }
                default -> p.skipChildren();
            }
        }
        if (name == null) throw new BadRequestException(at + " has no \"name\".");
        if (datatype == null) throw new BadRequestException(at + " (\"" + name + "\") has no \"datatype\".");
        if (shape == null) throw new BadRequestException(at + " (\"" + name + "\") has no \"shape\".");
        if (data == null) throw new BadRequestException(at + " (\"" + name + "\") has no \"data\".");
        return data.tensor(name, datatype, shape);
    }

    private static long[] readShape(JsonParser p, String at) throws IOException, BadRequestException {
        if (p.currentToken() != JsonToken.START_ARRAY) throw new BadRequestException(at + ".shape must be an array of whole numbers.");
        long[] shape = new long[MAX_DIMENSIONS];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                throw new BadRequestException(at + ".shape must hold whole numbers of 0 or more, not " + p.getText() + ".");
            }
            if (n == MAX_DIMENSIONS) throw new BadRequestException(at + ".shape has more than " + MAX_DIMENSIONS + " dimensions.");
            shape[n++] = p.getLongValue();
        }
        if (n == 0) throw new BadRequestException(at + ".shape is empty; give at least the batch size.");
        return Arrays.copyOf(shape, n);
    }

    /** A tensor's "data": numbers or strings, nested to any depth, read flat. */
    private static final class Data {
        private final String at;
        private float[] numbers = new float[1024];
        private int count;
        private List<String> strings;

        Data(String at) { this.at = at; }

        void read(JsonParser p) throws IOException, BadRequestException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) read(p);
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                if (strings != null) throw mixed();
                double d = number(p);
                float v = (float) d;
                if (!Float.isFinite(v)) {
                    boolean huge = Double.isFinite(d);
                    throw new BadRequestException(at + "[" + count + "] is " + p.getText()
                            + (huge ? ", too large for FP32." : "; every value must be a finite number (NaN and infinity are not)."));
                }
                if (count == numbers.length) numbers = Arrays.copyOf(numbers, numbers.length * 2);
                numbers[count++] = v;
            } else if (t == JsonToken.VALUE_STRING) {
                if (count > 0) throw mixed();
                if (strings == null) strings = new ArrayList<>();
                strings.add(p.getText());
            } else {
                throw new BadRequestException(at + " holds " + describe(t) + "; it must hold numbers, or strings for BYTES.");
            }
        }

        /**
         * The current number token's value, read from the parser's own characters: most tensor values ("0", "0.2471")
         * take the exact fast path (at most 15 digits and a power of ten up to 22, so one correctly rounded
         * multiplication or division), without the String per number that Jackson's own reading makes.
         */
        private static double number(JsonParser p) throws IOException {
            char[] text = p.getTextCharacters();
            int at = p.getTextOffset();
            int end = at + p.getTextLength();
            boolean negative = at < end && text[at] == '-';
            if (negative) at++;
            long mantissa = 0;
            int digits = 0;
            int scale = 0;
            boolean dot = false;
            for (; at < end; at++) {
                char c = text[at];
                if (c >= '0' && c <= '9') {
                    if (mantissa == 0 && c == '0') {
                        if (dot) scale--;
                        continue;
                    }
                    if (++digits > 15) return p.getDoubleValue();
                    mantissa = mantissa * 10 + (c - '0');
                    if (dot) scale--;
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    return p.getDoubleValue();
                }
            }
            if (mantissa == 0) return negative ? -0.0 : 0.0;
            if (scale < -22) return p.getDoubleValue();
            double v = scale == 0 ? mantissa : mantissa / POWERS[-scale];
            return negative ? -v : v;
        }

        private BadRequestException mixed() {
            return new BadRequestException(at + " mixes numbers and strings.");
        }

        InferRequest.Tensor tensor(String name, String datatype, long[] shape) {
            return strings != null ? new InferRequest.Tensor(name, datatype, shape, null, List.copyOf(strings))
                    : new InferRequest.Tensor(name, datatype, shape, Arrays.copyOf(numbers, count), null);
        }

        private static String describe(JsonToken t) {
            return switch (t) {
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                default -> t.asString() == null ? t.name() : t.asString();
            };
        }
    }

    /** Which outputs a response carries, and for whom. */
    record Reply(String model, String version, String id, List<ModelAnswer> answers, List<String> outputs) {}

    /**
     * The response: {@code probabilities} (FP32 [N, classes]) and {@code label} (BYTES [N]) for a classifier, {@code value}
     * (FP32 [N, 1]) for a regression, as many as {@code outputs} asks for (all when empty); warnings in "parameters".
     */
    static byte[] write(Reply reply, int classes, boolean regression) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + reply.answers().size() * (classes * 12 + 24));
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            int n = reply.answers().size();
            g.writeStartObject();
            g.writeStringField("model_name", reply.model());
            g.writeStringField("model_version", reply.version());
            if (reply.id() != null) g.writeStringField("id", reply.id());
            List<String> warnings = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (String w : reply.answers().get(i).warnings()) warnings.add((n > 1 ? "[" + i + "] " : "") + w);
            }
            if (!warnings.isEmpty()) {
                g.writeObjectFieldStart("parameters");
                g.writeStringField("warnings", String.join("; ", warnings));
                g.writeEndObject();
            }
            g.writeArrayFieldStart("outputs");
            if (regression) {
                if (wanted(reply, "value")) {
                    startOutput(g, "value", "FP32", n, 1);
                    for (ModelAnswer a : reply.answers()) g.writeNumber((float) ((ModelAnswer.Estimated) a).estimate().value());
                    endOutput(g);
                }
            } else {
                if (wanted(reply, "probabilities")) {
                    startOutput(g, "probabilities", "FP32", n, classes);
                    for (ModelAnswer a : reply.answers()) {
                        for (double p : ((ModelAnswer.Classified) a).probabilities()) g.writeNumber((float) p);
                    }
                    endOutput(g);
                }
                if (wanted(reply, "label")) {
                    startOutput(g, "label", "BYTES", n, -1);
                    for (ModelAnswer a : reply.answers()) g.writeString(((ModelAnswer.Classified) a).prediction().best().label());
                    endOutput(g);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static boolean wanted(Reply reply, String output) {
        return reply.outputs().isEmpty() || reply.outputs().contains(output);
    }

    /** @param width the second dimension, or -1 for a one-dimensional output */
    private static void startOutput(JsonGenerator g, String name, String datatype, int n, int width) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("datatype", datatype);
        g.writeArrayFieldStart("shape");
        g.writeNumber(n);
        if (width >= 0) g.writeNumber(width);
        g.writeEndArray();
        g.writeArrayFieldStart("data");
    }

    private static void endOutput(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }
}
