package cairn.lab.codecbench;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Encodes I420 frames with libx264 into one MPEG-TS file through FFmpeg's C API, each frame at the
 * timestamp it is given, counted from {@link MpegTsDecoder#H264_ORIGIN_SECONDS} (90 kHz clock, so pts
 * in the file = (seconds given + origin) × 90000; B-frames' decode times then stay positive). The stream
 * tables (PAT/PMT/SDT) are repeated at each key frame rather than FFmpeg's default ten times a
 * second, as in HLS segments that each start with them. Call
 * {@link #finish} once after the last frame; {@link #close} frees everything, finished or not.
 * Not thread-safe.
 */
public final class X264TsWriter implements AutoCloseable {

    private static final int CLOCK_HZ = 90_000;

    private final Path file;
    private final int width;
    private final int height;
    private AVFormatContext muxer;
    private AVCodecContext encoder;
    private AVStream stream;
    private AVFrame picture;
    private AVPacket packet;
    private long lastPts = Long.MIN_VALUE;

    public X264TsWriter(Path file, int width, int height, double fps, X264Settings settings) throws IOException {
        this.file = file;
        this.width = width;
        this.height = height;
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IOException("libx264 with 4:2:0 needs an even size, got " + width + "x" + height);
        }
        try {
            openEncoder(fps, settings);
            openMuxer(settings.keyFrameSeconds());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void openEncoder(double fps, X264Settings settings) throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name("libx264");
        if (codec == null) {
            throw new IOException("this FFmpeg build has no libx264 encoder");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width);
        encoder.height(height);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(av_make_q(1, CLOCK_HZ));
        encoder.framerate(av_d2q(fps, 100_000));
        long bitsPerSecond = settings.kbps() * 1000L;
        if (settings.constantRate()) {
            encoder.bit_rate(bitsPerSecond);
        }
        encoder.rc_max_rate(bitsPerSecond);
        encoder.rc_buffer_size((int) Math.round(bitsPerSecond * settings.bufferSeconds()));
        encoder.gop_size(settings.gopFrames(fps));
        // B-frames as the preset sets them, like any live encoder that is not tuned for latency.
        encoder.max_b_frames(-1);
        encoder.thread_count(0);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "preset", settings.preset(), 0);
        if (!settings.constantRate()) {
            av_dict_set(options, "crf", Integer.toString(settings.crf()), 0);
        }
        if (!settings.tune().equals(X264Settings.NO_TUNE)) {
            av_dict_set(options, "tune", settings.tune(), 0);
        }
        int result = avcodec_open2(encoder, codec, options);
        av_dict_free(options);
        check(result, "open libx264 (preset " + settings.preset() + ", tune " + settings.tune() + ")");
        picture = av_frame_alloc();
        picture.format(AV_PIX_FMT_YUV420P);
        picture.width(width);
        picture.height(height);
        check(av_frame_get_buffer(picture, 0), "allocate a frame");
        packet = av_packet_alloc();
    }

    private void openMuxer(double tableSeconds) throws IOException {
        muxer = new AVFormatContext(null);
        check(avformat_alloc_output_context2(muxer, null, "mpegts", file.toString()), "set up MPEG-TS output");
        stream = avformat_new_stream(muxer, null);
        stream.time_base(av_make_q(1, CLOCK_HZ));
        check(avcodec_parameters_from_context(stream.codecpar(), encoder), "copy encoder parameters");
        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open " + file);
        muxer.pb(io);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "pat_period", Double.toString(tableSeconds), 0);
        av_dict_set(options, "sdt_period", Double.toString(tableSeconds), 0);
        int result = avformat_write_header(muxer, options);
        av_dict_free(options);
        check(result, "write the MPEG-TS header");
    }

    /** Encodes one frame shown at {@code seconds}; timestamps must increase (by at least 1/90000 s). */
    public void write(I420Image image, double seconds) throws IOException {
        if (image.width() != width || image.height() != height) {
            throw new IOException("frame is " + image.width() + "x" + image.height() + ", encoder is " + width + "x" + height);
        }
        long pts = Math.round((seconds + MpegTsDecoder.H264_ORIGIN_SECONDS) * CLOCK_HZ);
        if (pts <= lastPts) {
            throw new IOException("timestamp " + seconds + " s does not follow the previous frame's " + lastPts / (double) CLOCK_HZ + " s");
        }
        lastPts = pts;
        check(av_frame_make_writable(picture), "make the frame writable");
        copyPlane(image.data(), 0, width, height, 0);
        int cw = I420Image.chromaWidth(width);
        int ch = I420Image.chromaHeight(height);
        copyPlane(image.data(), image.uOffset(), cw, ch, 1);
        copyPlane(image.data(), image.vOffset(), cw, ch, 2);
        picture.pts(pts);
        check(avcodec_send_frame(encoder, picture), "encode a frame");
        writePackets();
    }

    private void copyPlane(byte[] source, int offset, int planeWidth, int planeHeight, int plane) {
        int stride = picture.linesize(plane);
        ByteBuffer target = picture.data(plane).capacity((long) stride * planeHeight).asBuffer();
        for (int row = 0; row < planeHeight; row++) {
            target.put(row * stride, source, offset + row * planeWidth, planeWidth);
        }
    }

    /** Flushes the encoder and writes the file's trailer. */
    public void finish() throws IOException {
        check(avcodec_send_frame(encoder, null), "flush the encoder");
        writePackets();
        check(av_write_trailer(muxer), "finish " + file);
    }

    private void writePackets() throws IOException {
        while (true) {
            int result = avcodec_receive_packet(encoder, packet);
            if (result == AVERROR_EAGAIN() || result == AVERROR_EOF()) {
                return;
            }
            check(result, "receive an encoded packet");
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            check(av_interleaved_write_frame(muxer, packet), "write to " + file);
        }
    }

    @Override
    public void close() {
        if (muxer != null) {
            if (muxer.pb() != null) {
                avio_closep(muxer.pb());
            }
            avformat_free_context(muxer);
            muxer = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
    }

    private static void check(int result, String action) throws IOException {
        if (result < 0) {
            byte[] message = new byte[256];
            av_strerror(result, message, message.length);
            String text = new String(message, java.nio.charset.StandardCharsets.US_ASCII).trim();
            throw new IOException("cannot " + action + ": " + text + " (FFmpeg error " + result + ")");
        }
    }
}
