package cairn.lab.codecbench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes the video stream of a file or byte stream frame by frame in presentation order, as I420
 * with the stream's own timestamps (microseconds, not shifted to start at zero). Not thread-safe.
 */
public final class VideoReader implements AutoCloseable {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** A decoded frame; {@code image} is null when the reader was asked for timestamps only. */
    public record Decoded(long timestampMicros, I420Image image) {}

    private final FFmpegFrameGrabber grabber;
    private final String name;

    private VideoReader(FFmpegFrameGrabber grabber, String name) throws IOException {
        this.grabber = grabber;
        this.name = name;
        grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot open video " + name + ": " + e.getMessage(), e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            close();
            throw new IOException("no video stream in " + name);
        }
    }

    public static VideoReader open(Path path) throws IOException {
        return new VideoReader(new FFmpegFrameGrabber(path.toFile()), path.toString());
    }

    /** Reads a non-seekable stream in the given container format (e.g. "mpegts"); closes it on close. */
    public static VideoReader open(InputStream stream, String format, String name) throws IOException {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(stream, 0);
        grabber.setFormat(format);
        return new VideoReader(grabber, name);
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    /** The container's nominal frame rate (average if known), or 0 when it states none. */
    public double fps() {
        double fps = grabber.getFrameRate();
        return Double.isFinite(fps) && fps > 0 ? fps : 0;
    }

    /** The next frame with its pixels, or null at the end of the stream. */
    public Decoded next() throws IOException {
        return grab(true);
    }

    /** The next frame's timestamp only (decoded but not converted), or null at the end. */
    public Decoded nextTimestampOnly() throws IOException {
        return grab(false);
    }

    private Decoded grab(boolean withPixels) throws IOException {
        try {
            while (true) {
                Frame frame = grabber.grabFrame(false, true, withPixels, false, false);
                if (frame == null) {
                    return null;
                }
                if (frame.image == null && withPixels) {
                    continue;
                }
                return new Decoded(frame.timestamp, withPixels ? I420Image.copyOf(frame) : null);
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot decode " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot close " + name + ": " + e.getMessage(), e);
        }
    }
}
