package pool.engine.internal.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Pool size over time, written as CSV and drawn as a small PNG line chart (no
 * dependencies: the PNG is encoded by hand with java.util.zip).
 */
final class SizeTimeline {

    record Sample(long millis, int total, int active, int idle, int pending, String phase) {
    }

    private final List<Sample> samples = new ArrayList<>();

    synchronized void add(Sample s) {
        samples.add(s);
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("millis,total,active,idle,pending,phase\n");
        for (Sample s : samples()) {
            sb.append(s.millis()).append(',').append(s.total()).append(',').append(s.active()).append(',')
                    .append(s.idle()).append(',').append(s.pending()).append(',').append(s.phase()).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Draws total (blue) and active (green) against maxSize (red) and the cap (grey). */
    void writePng(Path file, int maxSize, int cap) throws IOException {
        int w = 720;
        int h = 300;
        int left = 40;
        int bottom = 20;
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, 0xFFFFFF);
        List<Sample> ss = samples();
        long tMax = Math.max(1, ss.get(ss.size() - 1).millis());
        int yMax = cap + 2;
        java.util.function.LongToIntFunction x = t -> left + (int) ((w - left - 10) * t / tMax);
        java.util.function.IntUnaryOperator y = v -> h - bottom - (h - bottom - 10) * v / yMax;
        // phase bands
        String phase = null;
        for (Sample s : ss) {
            if (!s.phase().equals(phase)) {
                phase = s.phase();
                line(px, w, h, x.applyAsInt(s.millis()), 10, x.applyAsInt(s.millis()), h - bottom, 0xDDDDDD);
            }
        }
        for (int v = 0; v <= yMax; v++) {
            line(px, w, h, left - 4, y.applyAsInt(v), left, y.applyAsInt(v), 0x000000);
        }
        line(px, w, h, left, 10, left, h - bottom, 0x000000);
        line(px, w, h, left, h - bottom, w - 10, h - bottom, 0x000000);
        line(px, w, h, left, y.applyAsInt(maxSize), w - 10, y.applyAsInt(maxSize), 0xCC0000);
        line(px, w, h, left, y.applyAsInt(cap), w - 10, y.applyAsInt(cap), 0x888888);
        for (int i = 1; i < ss.size(); i++) {
            Sample a = ss.get(i - 1);
            Sample b = ss.get(i);
            line(px, w, h, x.applyAsInt(a.millis()), y.applyAsInt(a.active()), x.applyAsInt(b.millis()),
                    y.applyAsInt(b.active()), 0x22AA22);
        }
        for (int i = 1; i < ss.size(); i++) {
            Sample a = ss.get(i - 1);
            Sample b = ss.get(i);
            int ya = y.applyAsInt(a.total());
            int yb = y.applyAsInt(b.total());
            line(px, w, h, x.applyAsInt(a.millis()), ya, x.applyAsInt(b.millis()), ya, 0x0044DD);
            line(px, w, h, x.applyAsInt(b.millis()), ya, x.applyAsInt(b.millis()), yb, 0x0044DD);
            line(px, w, h, x.applyAsInt(a.millis()), ya + 1, x.applyAsInt(b.millis()), ya + 1, 0x0044DD);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, png(px, w, h));
    }

    private static void line(int[] px, int w, int h, int x0, int y0, int x1, int y1, int rgb) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            if (x0 >= 0 && x0 < w && y0 >= 0 && y0 < h) {
                px[y0 * w + x0] = rgb;
            }
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    private static byte[] png(int[] px, int w, int h) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(raw)) {
            for (int row = 0; row < h; row++) {
                z.write(0); // filter: none
                for (int col = 0; col < w; col++) {
                    int p = px[row * w + col];
                    z.write(p >> 16 & 0xFF);
                    z.write(p >> 8 & 0xFF);
                    z.write(p & 0xFF);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        writeInt(ihdr, w);
        writeInt(ihdr, h);
        ihdr.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", raw.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        writeInt(out, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16 & 0xFF);
        out.write(v >>> 8 & 0xFF);
        out.write(v & 0xFF);
    }
}
