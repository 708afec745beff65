package org.modelstudio.server;

import org.modelstudio.core.data.CsvLine;
import org.modelstudio.core.infer.ModelInput;
import org.modelstudio.core.infer.ModelSignature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a model's request tensors mean, and which it takes:
 * <ul>
 *   <li>{@code input}: the network's own input, the layout of its ONNX export: FP32 [N, C, H, W] for an image model
 *       (values 0 to 1), FP32 [N, features] for a table model (standardised, one-hot), INT64 [N, length] token ids for
 *       a text model;</li>
 *   <li>{@code image}: BYTES [N], encoded image files (PNG, JPEG, BMP, GIF) in base64, prepared as a dropped file is;</li>
 *   <li>{@code text}: BYTES [N], texts;</li>
 *   <li>{@code row}: BYTES [N, columns], a table row's raw values, or [N] rows written as CSV lines.</li>
 * </ul>
 */
final class TensorBinding {
    static final String TENSOR = "input";

    private TensorBinding() {}

    /** The raw input a model takes besides its tensor: "image", "text", "row", or null. */
    static String rawName(ModelSignature sig) {
        return switch (sig.kind()) {
            case IMAGE -> "image";
            case TEXT -> "text";
            case TABLE -> "row";
            case PREPARED -> null;
        };
    }

    /** The tensor input's datatype: INT64 for token ids, else FP32. */
    static String tensorType(ModelSignature sig) {
        return sig.tokenIds() ? "INT64" : "FP32";
    }

    /** The raw input's shape, with -1 for the batch. */
    static List<Long> rawShape(ModelSignature sig) {
        return sig.kind() == ModelSignature.Kind.TABLE ? List.of(-1L, (long) sig.columns().size()) : List.of(-1L);
    }

    /** "input (FP32 [-1, 1, 28, 28]) or image (BYTES [-1], base64 image files)". */
    static String accepted(ModelSignature sig) {
        String tensor = TENSOR + " (" + tensorType(sig) + " " + shape(-1, sig.tensorShape()) + ")";
        String raw = rawName(sig);
        if (raw == null) return tensor;
        String what = switch (sig.kind()) {
            case IMAGE -> "BYTES [-1], image files in base64";
            case TEXT -> "BYTES [-1], texts";
            default -> "BYTES [-1, " + sig.columns().size() + "], the values of " + String.join(", ", sig.columns()) + ", or [-1] CSV lines";
        };
        return tensor + " or " + raw + " (" + what + ")";
    }

    /** The request's one input as the model's inputs, one per example; a tensor that does not fit is refused. */
    static List<ModelInput> bind(InferRequest request, ModelSignature sig) throws BadRequestException {
        if (request.inputs().size() != 1) {
            throw new BadRequestException("This model takes one input, " + accepted(sig) + ", but the request has "
                    + request.inputs().size() + " (" + request.inputs().stream().map(InferRequest.Tensor::name).collect(Collectors.joining(", ")) + ").");
        }
        InferRequest.Tensor t = request.inputs().get(0);
        if (t.name().equals(TENSOR)) return tensor(t, sig);
        if (t.name().equals(rawName(sig))) return raw(t, sig);
        throw new BadRequestException("This model has no input named \"" + t.name() + "\"; it takes " + accepted(sig) + ".");
    }

    private static List<ModelInput> tensor(InferRequest.Tensor t, ModelSignature sig) throws BadRequestException {
        String type = tensorType(sig);
        boolean ok = t.datatype().equals(type) || sig.tokenIds() && t.datatype().equals("INT32");
        if (!ok) {
            throw new BadRequestException("inputs[0] (\"input\") must be " + type + (sig.tokenIds() ? " token ids" : "") + ", not " + t.datatype() + ".");
        }
        long[] expected = new long[sig.tensorShape().size() + 1];
        expected[0] = t.shape()[0];
        for (int i = 0; i < sig.tensorShape().size(); i++) expected[i + 1] = sig.tensorShape().get(i);
        if (!Arrays.equals(t.shape(), expected)) {
            throw new BadRequestException("inputs[0].shape is " + Arrays.toString(t.shape()) + ", but this model takes " + shape(-1, sig.tensorShape())
                    + " (the batch size first)" + (sig.kind() == ModelSignature.Kind.IMAGE ? ": channels, height, width" : "") + ".");
        }
        long n = t.shape()[0];
        if (n < 1) throw new BadRequestException("inputs[0].shape says a batch of 0 examples; send at least one.");
        if (t.numbers() == null) throw new BadRequestException("inputs[0].data must hold numbers for " + t.datatype() + ", not strings.");
        if (t.count() != t.elements()) {
            throw new BadRequestException("inputs[0].shape " + Arrays.toString(t.shape()) + " means " + t.elements() + " values, but data holds "
                    + t.count() + ".");
        }
        int size = sig.tensorSize();
        List<ModelInput> inputs = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) inputs.add(new ModelInput.Tensor(Arrays.copyOfRange(t.numbers(), i * size, (i + 1) * size)));
        return inputs;
    }

    private static List<ModelInput> raw(InferRequest.Tensor t, ModelSignature sig) throws BadRequestException {
        String at = "inputs[0] (\"" + t.name() + "\")";
        if (!t.datatype().equals("BYTES")) throw new BadRequestException(at + " must be BYTES, not " + t.datatype() + ".");
        if (t.strings() == null) throw new BadRequestException(at + ".data must hold strings for BYTES, not numbers.");
        long n = t.shape()[0];
        boolean rowCells = sig.kind() == ModelSignature.Kind.TABLE && t.shape().length == 2;
        boolean flat = t.shape().length == 1;
        if (!flat && !rowCells || rowCells && t.shape()[1] != sig.columns().size()) {
            throw new BadRequestException(at + ".shape is " + Arrays.toString(t.shape()) + ", but this input takes "
                    + (sig.kind() == ModelSignature.Kind.TABLE ? "[-1, " + sig.columns().size() + "] (" + String.join(", ", sig.columns())
                            + ") or [-1] CSV lines" : "[-1]") + ".");
        }
        if (n < 1) throw new BadRequestException(at + ".shape says a batch of 0 examples; send at least one.");
        if (t.count() != t.elements()) {
            throw new BadRequestException(at + ".shape " + Arrays.toString(t.shape()) + " means " + t.elements() + " elements, but data holds "
                    + t.count() + ".");
        }
        List<ModelInput> inputs = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            switch (sig.kind()) {
                case IMAGE -> inputs.add(new ModelInput.EncodedImage("image[" + i + "]", base64(t.strings().get(i), at + ".data[" + i + "]")));
                case TEXT -> inputs.add(new ModelInput.Text(t.strings().get(i)));
                default -> inputs.add(new ModelInput.Row(rowCells
                        ? t.strings().subList(i * sig.columns().size(), (i + 1) * sig.columns().size())
                        : CsvLine.cells(t.strings().get(i))));
            }
        }
        return inputs;
    }

    /** Base64 (standard or URL-safe, line breaks allowed), or a data: URL. */
    static byte[] base64(String text, String at) throws BadRequestException {
        String s = text.strip();
        if (s.startsWith("data:")) {
            int comma = s.indexOf(',');
            if (comma < 0 || !s.substring(0, comma).endsWith(";base64")) throw new BadRequestException(at + " is a data: URL but not a base64 one.");
            s = s.substring(comma + 1);
        }
        s = s.replace('-', '+').replace('_', '/').replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(at + " is not base64-encoded (" + e.getMessage() + "); send each image file's bytes in base64.");
        }
    }

    /** "[-1, 1, 28, 28]". */
    static String shape(long batch, List<Integer> dims) {
        StringBuilder sb = new StringBuilder("[").append(batch);
        for (int d : dims) sb.append(", ").append(d);
        return sb.append(']').toString();
    }
}
