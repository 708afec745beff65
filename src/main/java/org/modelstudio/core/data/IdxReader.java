package org.modelstudio.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads the IDX format that MNIST and Fashion-MNIST ship in (optionally gzipped). */
public final class IdxReader {

    private IdxReader() {}

    /** Images as rows of values in [0,1]. */
    public static float[][] readImages(InputStream raw, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(gunzip(raw))) {
            int magic = in.readInt();
            if (magic != 0x00000803) throw new IOException(name + ": not an IDX image file (magic " + Integer.toHexString(magic) + ")");
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] buf = new byte[rows * cols];
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                float[] img = new float[buf.length];
                for (int p = 0; p < buf.length; p++) img[p] = (buf[p] & 0xff) / 255f;
                out[i] = img;
            }
            return out;
        }
    }

    public static int[] readLabels(InputStream raw, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(gunzip(raw))) {
            int magic = in.readInt();
            if (magic != 0x00000801) throw new IOException(name + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            int n = in.readInt();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = in.readUnsignedByte();
            return out;
        }
    }

    /** The stream's bytes, unpacked if it is gzipped. */
    static InputStream gunzip(InputStream raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        return (m1 == 0x1f && m2 == 0x8b) ? new GZIPInputStream(b, 1 << 16) : b;
    }
}
