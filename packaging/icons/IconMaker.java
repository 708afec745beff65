import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the studio's icon (a small feed-forward network: three inputs, four hidden units, two outputs, on a
 * rounded blue square) and writes it in the form each OS wants: PNG for Linux, ICO for Windows, ICNS for
 * macOS, plus the splash image. Every size is drawn from the vector description, not scaled down from a
 * large bitmap, so the small sizes stay crisp. ICO and ICNS are written here (PNG entries in both
 * containers), so no extra tool is needed.
 *
 * <p>Run from the repository root: {@code java packaging/icons/IconMaker.java packaging/icons}
 */
public final class IconMaker {
    private static final Color TOP = new Color(0x2d6cdf);
    private static final Color BOTTOM = new Color(0x1a3f8f);
    private static final Color EDGE = new Color(255, 255, 255, 150);
    private static final Color[] LAYER_FILL = {new Color(0xffffff), new Color(0x9fd8ff), new Color(0xffc46b)};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "packaging/icons");
        Files.createDirectories(dir);
        ImageIO.write(icon(256), "png", dir.resolve("model-studio.png").toFile());
        Files.write(dir.resolve("model-studio.ico"), ico(16, 24, 32, 48, 64, 128, 256));
        Map<String, Integer> icns = new LinkedHashMap<>();
        icns.put("icp4", 16);
        icns.put("icp5", 32);
        icns.put("icp6", 64);
        icns.put("ic07", 128);
        icns.put("ic08", 256);
        icns.put("ic09", 512);
        icns.put("ic10", 1024);
        icns.put("ic11", 32);
        icns.put("ic12", 64);
        icns.put("ic13", 256);
        icns.put("ic14", 512);
        Files.write(dir.resolve("model-studio.icns"), icns(icns));
        ImageIO.write(splash(), "png", dir.resolve("splash.png").toFile());
    }

    /** The icon at {@code size}×{@code size} pixels, transparent outside the rounded square. */
    static BufferedImage icon(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 100.0, size / 100.0);
        draw(g, size);
        g.dispose();
        return image;
    }

    /** Draws in a 100×100 box; below 32 px the network has fewer units so that it still reads as one. */
    private static void draw(Graphics2D g, int pixels) {
        double inset = pixels <= 16 ? 1 : 4;
        g.setPaint(new GradientPaint(0, 0, TOP, 0, 100, BOTTOM));
        g.fill(new RoundRectangle2D.Double(inset, inset, 100 - 2 * inset, 100 - 2 * inset, 22, 22));
        int[] units = pixels < 32 ? new int[] {2, 3, 2} : new int[] {3, 4, 2};
        double[] x = {24, 50, 76};
        double radius = pixels < 32 ? 9 : 7.5;
        double[][] y = new double[units.length][];
        for (int layer = 0; layer < units.length; layer++) {
            y[layer] = new double[units[layer]];
            double gap = 68.0 / Math.max(units[layer], 2);
            double first = 50 - gap * (units[layer] - 1) / 2;
            for (int u = 0; u < units[layer]; u++) y[layer][u] = first + u * gap;
        }
        g.setStroke(new BasicStroke(pixels < 32 ? 4.5f : 2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(EDGE);
        for (int layer = 0; layer + 1 < units.length; layer++) {
            for (double from : y[layer]) {
                for (double to : y[layer + 1]) g.draw(new Line2D.Double(x[layer], from, x[layer + 1], to));
            }
        }
        for (int layer = 0; layer < units.length; layer++) {
            for (double at : y[layer]) {
                g.setColor(LAYER_FILL[layer]);
                g.fill(new Ellipse2D.Double(x[layer] - radius, at - radius, 2 * radius, 2 * radius));
                g.setColor(BOTTOM);
                g.setStroke(new BasicStroke(pixels < 32 ? 2f : 1.4f));
                g.draw(new Ellipse2D.Double(x[layer] - radius, at - radius, 2 * radius, 2 * radius));
            }
        }
    }

    /**
     * The splash the launcher shows while the JVM starts: the icon and the name on white. It is a picture shown before
     * any of the studio's code runs, so it cannot follow View ▸ Language: it says "starting" in both of the studio's
     * languages (drawn with a CJK font present, e.g. fonts-noto-cjk, or the Chinese shows as boxes).
     */
    static BufferedImage splash() {
        BufferedImage image = new BufferedImage(480, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 480, 200);
        g.setColor(new Color(0xd0d7e2));
        g.drawRect(0, 0, 479, 199);
        g.drawImage(icon(128), 32, 36, null);
        g.setColor(new Color(0x1f2933));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
        g.drawString("Model Studio", 184, 100);
        g.setColor(new Color(0x52606d));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        g.drawString("Starting…  正在启动…", 186, 132);
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An ICO file with one PNG entry per size (Windows Vista and later read PNG entries). */
    static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) images[i] = png(icon(sizes[i]));
        int offset = 6 + 16 * sizes.length;
        int total = offset;
        for (byte[] image : images) total += image.length;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            out.put((byte) (sizes[i] >= 256 ? 0 : sizes[i])).put((byte) (sizes[i] >= 256 ? 0 : sizes[i]));
            out.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            out.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) out.put(image);
        return out.array();
    }

    /** An ICNS file: the 'icns' header, then one PNG element per type (OSType, length with header, data). */
    static byte[] icns(Map<String, Integer> types) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        for (Map.Entry<String, Integer> type : types.entrySet()) {
            byte[] image = png(icon(type.getValue()));
            data.writeBytes(type.getKey());
            data.writeInt(8 + image.length);
            data.write(image);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(file);
        out.writeBytes("icns");
        out.writeInt(8 + body.size());
        body.writeTo(out);
        return file.toByteArray();
    }
}
