package org.modelstudio.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.modelstudio.core.data.CsvLine;
import org.modelstudio.core.infer.ModelAnswer;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.core.infer.ModelSignature;
import org.modelstudio.core.eval.ClassScore;
import org.modelstudio.core.eval.RegressionReport;
import org.modelstudio.engine.InputRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code infer} (the Open Inference Protocol) and {@code classify} (one raw image, text or CSV row, for curl). The body
 * is read on demand, so a slow client holds no thread; it is parsed and prepared on the server's threads, and only the
 * forward pass waits in the model's queue. The answer is written when the model has it: no thread waits for the model.
 */
final class InferenceEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceEndpoints.class);
    private static final List<String> CLASSIFIER_OUTPUTS = List.of("probabilities", "label");

    private final ServerContext context;

    InferenceEndpoints(ServerContext context) {
        this.context = context;
    }

    /** What a request body becomes: the examples prepared for the network, and how the log describes them. */
    private record Prepared(float[][] examples, List<List<String>> warnings, String input) {}

    void infer(Exchange ex, ModelVersion version) throws BadRequestException {
        ex.endpoint = "infer";
        String type = mediaType(ex.request);
        if (type != null && !type.equals("application/json") && !type.endsWith("+json") && !type.equals("text/json")) {
            throw new BadRequestException(415, "The body must be JSON (Content-Type: application/json), not " + type
                    + ". To send one raw image, text or CSV row, POST it to …/classify instead.");
        }
        run(ex, version, body -> {
            InferRequest request = InferCodec.read(body);
            ModelSignature sig = version.runtime().signature();
            List<String> available = sig.regression() ? List.of("value") : CLASSIFIER_OUTPUTS;
            for (String out : request.outputs()) {
                if (!available.contains(out)) {
                    throw new BadRequestException("This model has no output named \"" + out + "\"; it gives " + String.join(" and ", available) + ".");
                }
            }
            List<ModelInput> inputs = TensorBinding.bind(request, sig);
            Prepared prepared = prepare(version, inputs, "inputs[0].data", 400);
            return new Pending(prepared, answers -> InferCodec.write(
                    new InferCodec.Reply(version.name(), version.version(), request.id(), answers, request.outputs()), sig.labels().size(), sig.regression()));
        });
    }

    void classify(Exchange ex, ModelVersion version) throws BadRequestException {
        ex.endpoint = "classify";
        String type = mediaType(ex.request);
        ModelSignature sig = version.runtime().signature();
        int top = top(ex.request, sig);
        if (type == null || !(type.startsWith("image/") || type.equals("text/plain") || type.equals("text/csv"))) {
            throw new BadRequestException(415, "Send one image (Content-Type: image/png, image/jpeg, …), text (text/plain) or CSV row (text/csv)"
                    + (type == null ? "; the request has no Content-Type." : ", not " + type + ".") + " This model reads " + sig.kind().reads() + ".");
        }
        run(ex, version, body -> {
            ModelInput input = type.startsWith("image/") ? new ModelInput.EncodedImage("the image", body)
                    : type.equals("text/plain") ? new ModelInput.Text(utf8(body)) : row(utf8(body));
            Prepared prepared = prepare(version, List.of(input), "the body", 415);
            return new Pending(prepared, answers -> classified(version, answers.get(0), top));
        });
    }

    /** What to do once the body is prepared: the examples, and how to write their answers. */
    private record Pending(Prepared prepared, Encoder encoder) {}

    private interface Encoder {
        byte[] encode(List<ModelAnswer> answers) throws IOException;
    }

    private interface BodyHandler {
        Pending handle(byte[] body) throws BadRequestException, IOException;
    }

    /** What is done with a body once it is read whole. */
    private interface Then {
        void accept(byte[] body) throws BadRequestException, IOException;
    }

    /** Reads the body, prepares it, queues it for the model, and answers when the model has. */
    private void run(Exchange ex, ModelVersion version, BodyHandler handler) throws BadRequestException {
        long max = context.options().maxBodyBytes();
        long declared = ex.request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > max) throw tooLarge(declared, max);
        Batcher batcher = version.batcher();
        batcher.reading();
        ex.abandon = batcher::notComing;
        context.deadlines().awaitingBody(ex.connection(), () -> ex.error(408,
                "The request body did not arrive within " + context.options().requestTimeout().toSeconds() + " s; the connection is closed.", true));
        new BodyReader(ex, max, body -> {
            context.deadlines().arrived(ex.connection());
            Pending pending = handler.handle(body);
            Prepared p = pending.prepared();
            ex.input = p.input();
            if (ex.isAnswered()) return;
            ex.abandon = null;
            try {
                batcher.submit(p.examples(), p.warnings()).whenCompleteAsync((answers, failure) -> answer(ex, pending.encoder(), answers, failure),
                        context.executor());
            } catch (Batcher.QueueFullException e) {
                ex.response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                ex.error(503, e.getMessage());
            } catch (IllegalStateException e) {
                ex.response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                ex.error(503, "Version " + version.version() + " of " + version.name() + " was retired while the request arrived; send it again.");
            }
        }).run();
    }

    private void answer(Exchange ex, Encoder encoder, List<ModelAnswer> answers, Throwable failure) {
        if (failure != null) {
            LOG.error("{} v{} could not answer", ex.model, ex.version, failure);
            ex.error(500, "The model could not answer this request (the server's log has the details).");
            return;
        }
        try {
            ex.answer = describe(answers);
            ex.json(200, encoder.encode(answers));
        } catch (IOException | RuntimeException e) {
            LOG.error("The answer of {} v{} could not be written", ex.model, ex.version, e);
            ex.error(500, "The answer could not be written (the server's log has the details).");
        }
    }

    /** Each input prepared as the model file says; the first refusal refuses the request, naming the element. */
    private Prepared prepare(ModelVersion version, List<ModelInput> inputs, String at, int refusalStatus) throws BadRequestException {
        float[][] examples = new float[inputs.size()][];
        List<List<String>> warnings = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            List<String> w = new ArrayList<>();
            try {
                examples[i] = version.runtime().prepare(inputs.get(i), w);
            } catch (InputRejectedException e) {
                String where = at.equals("the body") ? "The upload" : at + "[" + i + "]";
                boolean kindMismatch = e.reason().startsWith("this model reads");
                boolean verb = e.reason().matches("(is|has|looks|was|cannot|does) .*");
                throw new BadRequestException(kindMismatch ? refusalStatus : 400, where + (verb ? " " : ": ") + e.reason() + ".");
            }
            warnings.add(w);
        }
        ModelInput first = inputs.get(0);
        String kind = first.kind();
        String input = inputs.size() + " " + (kind.equals("tensor") ? "tensor example" : kind) + (inputs.size() == 1 ? "" : "s");
        return new Prepared(examples, warnings, input);
    }

    private static String describe(List<ModelAnswer> answers) {
        ModelAnswer a = answers.get(0);
        String first = a instanceof ModelAnswer.Classified c ? c.prediction().best().label()
                : a instanceof ModelAnswer.Estimated e ? "≈ " + RegressionReport.number(e.estimate().value()) : "";
        return answers.size() == 1 ? first : first + " and " + (answers.size() - 1) + " more";
    }

    private static byte[] classified(ModelVersion version, ModelAnswer answer, int top) {
        ObjectNode n = Json.object().put("model_name", version.name()).put("model_version", version.version());
        if (answer instanceof ModelAnswer.Estimated e) {
            n.put("value", e.estimate().value()).put("quantity", e.estimate().quantity());
        } else {
            ModelAnswer.Classified c = (ModelAnswer.Classified) answer;
            n.put("label", c.prediction().best().label());
            ArrayNode list = n.putArray("top");
            for (ClassScore s : c.prediction().top(top)) list.addObject().put("label", s.label()).put("probability", (float) s.probability());
        }
        ArrayNode warnings = n.putArray("warnings");
        answer.warnings().forEach(warnings::add);
        return Json.bytes(n);
    }

    /** ?top=K: how many classes /classify lists (3 unless asked; at most all of them). */
    private static int top(Request request, ModelSignature sig) throws BadRequestException {
        String value = Request.extractQueryParameters(request).getValue("top");
        if (value == null) return Math.min(3, sig.labels().size());
        try {
            int k = Integer.parseInt(value.trim());
            if (k >= 1) return Math.min(k, sig.labels().size());
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequestException("?top= takes a whole number of 1 or more, not \"" + value + "\".");
    }

    /** One CSV row; with a header line first, its values are matched to the model's columns by name. */
    private static ModelInput row(String text) throws BadRequestException {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) throw new BadRequestException("The body is empty; send one CSV row.");
        if (lines.size() > 2) throw new BadRequestException("The body has " + lines.size()
                + " lines; /classify takes one CSV row (a header line may come first). Send several rows to /infer.");
        if (lines.size() == 1) return new ModelInput.Row(CsvLine.cells(lines.get(0)));
        List<String> names = CsvLine.cells(lines.get(0));
        List<String> values = CsvLine.cells(lines.get(1));
        if (names.size() != values.size()) {
            throw new BadRequestException("The CSV header names " + names.size() + " columns but the row has " + values.size() + " values.");
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) byName.put(names.get(i), values.get(i));
        return new ModelInput.NamedRow(byName);
    }

    private static String utf8(byte[] body) throws BadRequestException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The body is not UTF-8 text.");
        }
    }

    /** The Content-Type without parameters, lower case; null when absent. */
    static String mediaType(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || type.isBlank()) return null;
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static BadRequestException tooLarge(long size, long max) {
        return new BadRequestException(413, String.format(Locale.ROOT, "The body is %s; this server takes at most %s (--max-body).", bytes(size), bytes(max)));
    }

    private static String bytes(long n) {
        return n >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", n / 1048576.0) : String.format(Locale.ROOT, "%,d bytes", n);
    }

    /** Reads a body chunk by chunk as it arrives, up to a limit, then hands it on; never blocks a thread. */
    private final class BodyReader implements Runnable {
        private final Exchange ex;
        private final long max;
        private final Then then;
        private final ByteArrayOutputStream body;

        BodyReader(Exchange ex, long max, Then then) {
            this.ex = ex;
            this.max = max;
            this.then = then;
            long declared = ex.request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            this.body = new ByteArrayOutputStream((int) Math.max(256, Math.min(declared, 1 << 20)));
        }

        @Override public void run() {
            try {
                while (!ex.isAnswered()) {
                    Content.Chunk chunk = ex.request.read();
                    if (chunk == null) {
                        ex.request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        ex.error(400, "The body could not be read (" + chunk.getFailure().getMessage() + ").", true);
                        return;
                    }
                    ByteBuffer buffer = chunk.getByteBuffer();
                    if (body.size() + (long) buffer.remaining() > max) {
                        chunk.release();
                        ex.error(413, tooLarge(body.size() + (long) buffer.remaining(), max).getMessage().replace("The body is",
                                "The body is more than"), true);
                        return;
                    }
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    body.write(bytes, 0, bytes.length);
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (last) {
                        then.accept(body.toByteArray());
                        return;
                    }
                }
            } catch (BadRequestException e) {
                ex.error(e.status(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.error("A request to {} failed", ex.request.getHttpURI().getPath(), e);
                ex.error(500, "The server could not handle this request (its log has the details).");
            }
        }
    }
}
