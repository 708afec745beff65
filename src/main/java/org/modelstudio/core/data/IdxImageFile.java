package org.modelstudio.core.data;

import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.graph.Shape;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Grey images in an uncompressed IDX file (the format MNIST and Fashion-MNIST ship in, once gunzipped) with
 * their labels in an IDX label file, read one image at a time with positional reads: only the labels are
 * held in memory, so the file can be far larger than the heap. Pixel values are scaled to [0,1] as
 * {@link IdxReader} does. Reads are safe from several threads at once. Close it to release the file.
 */
public final class IdxImageFile implements ExampleSource, Closeable {
    static final int IMAGE_MAGIC = 0x00000803;
    static final int LABEL_MAGIC = 0x00000801;
    private static final long HEADER = 16;

    private final Path images;
    private final FileChannel channel;
    private final Shape.Image shape;
    private final int pixels;
    private final List<String> classes;
    private final byte[] labels;

    private IdxImageFile(Path images, FileChannel channel, int rows, int cols, List<String> classes, byte[] labels) {
        this.images = images;
        this.channel = channel;
        this.shape = new Shape.Image(rows, cols, 1);
        this.pixels = rows * cols;
        this.classes = List.copyOf(classes);
        this.labels = labels;
    }

    /**
     * Opens an image file and its label file. {@code classes} names the labels 0, 1, …; null names them by
     * number ("0" to the largest label). Refuses gzipped or damaged files, and labels outside the classes.
     */
    public static IdxImageFile open(Path images, Path labels, List<String> classes) throws IOException {
        byte[] y = readLabels(labels);
        FileChannel channel = FileChannel.open(images, StandardOpenOption.READ);
        try {
            ByteBuffer header = ByteBuffer.allocate((int) HEADER);
            readFully(channel, header, 0, images);
            header.flip();
            int magic = header.getInt();
            if (magic != IMAGE_MAGIC) {
                throw new IOException(images + ": not an uncompressed IDX image file (magic " + Integer.toHexString(magic)
                        + (magic >>> 16 == 0x1f8b ? ", gzipped: unpack it first" : "") + ")");
            }
            int n = header.getInt();
            int rows = header.getInt();
            int cols = header.getInt();
            if (n < 0 || rows <= 0 || cols <= 0) throw new IOException(images + ": bad IDX header (" + n + " images of " + rows + "×" + cols + ")");
            if (n != y.length) throw new IOException(images + " has " + n + " images but " + labels + " has " + y.length + " labels");
            long expected = HEADER + (long) n * rows * cols;
            if (channel.size() < expected) {
                throw new IOException(images + ": is " + channel.size() + " bytes, too short for " + n + " images of " + rows + "×" + cols
                        + " (" + expected + " bytes)");
            }
            int largest = -1;
            for (byte b : y) largest = Math.max(largest, b & 0xff);
            List<String> names = classes;
            if (names == null) {
                names = new ArrayList<>();
                for (int c = 0; c <= largest; c++) names.add(Integer.toString(c));
            } else if (largest >= names.size()) {
                throw new IOException(labels + ": has the label " + largest + " but only " + names.size() + " classes are named");
            }
            return new IdxImageFile(images, channel, rows, cols, names, y);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static byte[] readLabels(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(8);
            readFully(ch, header, 0, file);
            header.flip();
            int magic = header.getInt();
            if (magic != LABEL_MAGIC) {
                throw new IOException(file + ": not an uncompressed IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = header.getInt();
            if (n < 0) throw new IOException(file + ": bad IDX header (" + n + " labels)");
            ByteBuffer body = ByteBuffer.allocate(n);
            readFully(ch, body, 8, file);
            return body.array();
        }
    }

    /** Fills {@code buffer} from {@code position} on, or fails at the end of the file. */
    private static void readFully(FileChannel ch, ByteBuffer buffer, long position, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            int read = ch.read(buffer, position + buffer.position());
            if (read < 0) throw new EOFException(file + ": ends early, at byte " + (position + buffer.position()));
        }
    }

    /**
     * Writes labelled grey images (one channel) as an uncompressed IDX image file and label file. Values are
     * stored as bytes (value × 255, rounded), so images read back from the file are within 1/510 of these.
     */
    public static void write(ExampleSource source, Path images, Path labels) throws IOException {
        if (!(source.exampleShape() instanceof Shape.Image img) || img.channels() != 1) {
            throw new IllegalArgumentException("IDX image files hold grey images, not " + source.exampleShape());
        }
        if (source.classCount() > 256) throw new IllegalArgumentException("IDX label files hold at most 256 classes");
        int n = source.size();
        int size = img.height() * img.width();
        try (FileChannel out = FileChannel.open(images, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate((int) HEADER).putInt(IMAGE_MAGIC).putInt(n).putInt(img.height()).putInt(img.width());
            header.flip();
            while (header.hasRemaining()) out.write(header);
            float[] example = new float[size];
            ByteBuffer chunk = ByteBuffer.allocate(size * Math.max(1, Math.min(n, (1 << 20) / size)));
            for (int i = 0; i < n; i++) {
                source.read(i, example);
                for (float v : example) chunk.put((byte) Math.round(Math.max(0, Math.min(1, v)) * 255));
                if (!chunk.hasRemaining() || i == n - 1) {
                    chunk.flip();
                    while (chunk.hasRemaining()) out.write(chunk);
                    chunk.clear();
                }
            }
        }
        ByteBuffer y = ByteBuffer.allocate(8 + n).putInt(LABEL_MAGIC).putInt(n);
        for (int i = 0; i < n; i++) y.put((byte) source.label(i));
        Files.write(labels, y.array());
    }

    @Override public Shape exampleShape() { return shape; }

    @Override public List<String> classes() { return classes; }

    @Override public int size() { return labels.length; }

    @Override public int label(int i) { return labels[i] & 0xff; }

    @Override public void read(int i, float[] into) {
        if (i < 0 || i >= labels.length) throw new IndexOutOfBoundsException("image " + i + " of " + labels.length);
        ByteBuffer buffer = ByteBuffer.allocate(pixels);
        try {
            readFully(channel, buffer, HEADER + (long) i * pixels, images);
        } catch (IOException e) {
            throw new UncheckedIOException(images + ": cannot read image " + i + ": " + e.getMessage(), e);
        }
        byte[] b = buffer.array();
        for (int p = 0; p < pixels; p++) into[p] = (b[p] & 0xff) / 255f;
    }

    @Override public String describe(int i) {
        return Texts.get("core.example.idx-image", i, images.getFileName());
    }

    public Path imagesFile() { return images; }

    @Override public void close() throws IOException { channel.close(); }

    @Override public String toString() { return "IdxImageFile[" + images + ", " + size() + " images of " + shape + "]"; }
}
