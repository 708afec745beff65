package org.modelstudio.engine.export;

import org.modelstudio.core.i18n.Texts;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5T_CSET_UTF8;
import static org.bytedeco.hdf5.global.hdf5.H5T_STR_NULLPAD;
import static org.bytedeco.hdf5.global.hdf5.H5T_VARIABLE;

/**
 * A new HDF5 file written through HDF5's C++ API (JavaCPP's preset), with the few kinds of object a Keras file holds,
 * each typed as h5py types what Keras gives it: a text attribute is a scalar variable-length string, a list of names a
 * fixed-length string array (NULLPAD, as numpy's {@code S} arrays), an empty list a float64 array of no elements, a
 * weight a float32 little-endian dataset. HDF5 is not thread-safe: every call holds DL4J's own HDF5 lock, which its
 * Keras importer holds too. Close it (try-with-resources) before the file is used; objects are released in reverse order.
 */
final class Hdf5Writer implements AutoCloseable {
    private final H5File file;
    private final List<H5Object> open = new ArrayList<>();

    private Hdf5Writer(H5File file) { this.file = file; }

    /** Creates (or truncates) {@code path}; the reason HDF5 gives is in the exception when it cannot. */
    static Hdf5Writer create(Path path) throws IOException {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try {
                org.bytedeco.hdf5.Exception.dontPrint(); // a failure reaches the caller as an exception, not as HDF5's stack on stderr
                return new Hdf5Writer(new H5File(path.toString(), H5F_ACC_TRUNC()));
            } catch (RuntimeException e) {
                throw new IOException(Texts.get("engine.export.hdf5-create", path, e.getMessage()), e);
            }
        }
    }

    /** An existing file opened to change it (tests use it to make damaged and hostile variants of an exported file). */
    static Hdf5Writer amend(Path path) throws IOException {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try {
                org.bytedeco.hdf5.Exception.dontPrint();
                return new Hdf5Writer(new H5File(path.toString(), org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDWR()));
            } catch (RuntimeException e) {
                throw new IOException(Texts.get("engine.export.hdf5-open", path, e.getMessage()), e);
            }
        }
    }

    /** The file's root group. */
    Group root() { return file; }

    /** A new group {@code name} in {@code parent}. */
    Group group(Group parent, String name) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            Group g = parent.createGroup(name);
            open.add(g);
            return g;
        }
    }

    /** A scalar variable-length UTF-8 string attribute, as h5py writes a Python str. */
    void text(H5Object owner, String name, String value) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            StrType type = new StrType(PredType.C_S1(), H5T_VARIABLE());
            type.setCset(H5T_CSET_UTF8);
            DataSpace scalar = new DataSpace();
            Attribute a = owner.createAttribute(name, type, scalar);
            BytePointer text = new BytePointer(value, StandardCharsets.UTF_8);
            a.write(type, text);
            a.deallocate();
            text.deallocate();
            scalar.deallocate();
            type.deallocate();
        }
    }

    /**
     * A list of names as a fixed-length string array (each padded with zero bytes to the longest), as Keras writes
     * {@code layer_names} and {@code weight_names}; an empty list as a float64 array of no elements, as h5py writes
     * {@code np.array([])} for a layer without weights.
     */
    void names(H5Object owner, String name, List<String> names) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            DataSpace space = new DataSpace(1, new long[] {names.size()});
            if (names.isEmpty()) {
                owner.createAttribute(name, PredType.IEEE_F64LE(), space).deallocate();
                space.deallocate();
                return;
            }
            List<byte[]> bytes = names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
            int width = Math.max(1, bytes.stream().mapToInt(b -> b.length).max().orElse(1));
            byte[] all = new byte[width * names.size()];
            for (int i = 0; i < bytes.size(); i++) System.arraycopy(bytes.get(i), 0, all, i * width, bytes.get(i).length);
            StrType type = new StrType(PredType.C_S1(), width);
            type.setStrpad(H5T_STR_NULLPAD);
            Attribute a = owner.createAttribute(name, type, space);
            BytePointer data = new BytePointer(all);
            a.write(type, (Pointer) data);
            a.deallocate();
            data.deallocate();
            type.deallocate();
            space.deallocate();
        }
    }

    /** A float32 dataset of shape {@code dims}, its values in row-major order. */
    void floats(Group owner, String name, long[] dims, float[] values) {
        long size = 1;
        for (long d : dims) size *= d;
        if (size != values.length) throw new IllegalArgumentException(name + ": " + values.length + " values for a shape of " + size);
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            DataSpace space = new DataSpace(dims.length, dims);
            DataSet set = owner.createDataSet(name, PredType.IEEE_F32LE(), space);
            FloatPointer data = new FloatPointer(values);
            set.write(data, PredType.NATIVE_FLOAT());
            data.deallocate();
            set.deallocate();
            space.deallocate();
        }
    }

    /** Releases the groups (last opened first), then closes the file, which writes it out. */
    @Override public void close() throws IOException {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try {
                for (int i = open.size() - 1; i >= 0; i--) open.get(i).deallocate();
                open.clear();
                file._close();
            } catch (RuntimeException e) {
                throw new IOException(Texts.get("engine.export.hdf5-finish", e.getMessage()), e);
            } finally {
                file.deallocate();
            }
        }
    }
}
