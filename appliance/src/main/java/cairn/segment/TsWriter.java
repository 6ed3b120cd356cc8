package cairn.segment;

import static cairn.encode.FfmpegErrors.check;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import cairn.encode.EncodedPacket;
import java.io.IOException;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Packs one segment as an MPEG-TS file in memory with FFmpeg's muxer, so that the spool knows its
 * exact size before it touches the disk, and the disk is written by Java, whose errors say what
 * went wrong ({@code No space left on device}). Each file starts with its own PAT and PMT, as HLS
 * requires, and repeats them nowhere else: FFmpeg's default of every 0.1 s is for broadcast
 * receivers tuning in mid-stream, and costs about 30 kbit/s, the whole budget of a still scene.
 * The SDT (DVB service names) FFmpeg always writes is taken out: no HLS player reads it, and it is
 * a third of what a segment's tables cost on a metered link.
 * Timestamps are the absolute ones the encoder gave, so segments play as one stream when a player
 * appends them.
 */
public final class TsWriter {
  /** Longer than any segment: the tables go out once, at its start. */
  private static final String TABLES_ONCE_S = "86400";
  private static final int SDT_PID = 0x11;

  private TsWriter() {}

  public static byte[] mux(List<EncodedPacket> packets, int width, int height) throws IOException {
    AVFormatContext oc = new AVFormatContext(null);
    check(avformat_alloc_output_context2(oc, null, "mpegts", (String) null), "creating an MPEG-TS muxer");
    AVPacket pkt = av_packet_alloc();
    AVIOContext pb = new AVIOContext(null);
    boolean opened = false;
    try {
      AVStream st = avformat_new_stream(oc, null);
      st.codecpar().codec_type(AVMEDIA_TYPE_VIDEO);
      st.codecpar().codec_id(AV_CODEC_ID_H264);
      st.codecpar().width(width);
      st.codecpar().height(height);
      st.time_base(av_make_q(1, 90_000));
      check(avio_open_dyn_buf(pb), "opening a memory buffer");
      oc.pb(pb);
      opened = true;
      AVDictionary options = new AVDictionary(null);
      av_dict_set(options, "pat_period", TABLES_ONCE_S, 0);
      av_dict_set(options, "sdt_period", TABLES_ONCE_S, 0);
      int header = avformat_write_header(oc, options);
      av_dict_free(options);
      check(header, "writing the TS header");
      for (EncodedPacket p : packets) {
        check(av_new_packet(pkt, p.data().length), "allocating a packet");
        pkt.data().put(p.data());
        pkt.pts(av_rescale_q(p.pts90k(), av_make_q(1, 90_000), st.time_base()));
        pkt.dts(av_rescale_q(p.dts90k(), av_make_q(1, 90_000), st.time_base()));
        pkt.stream_index(0);
        pkt.flags(p.key() ? AV_PKT_FLAG_KEY : 0);
        int ret = av_write_frame(oc, pkt);
        av_packet_unref(pkt);
        check(ret, "writing a packet");
      }
      check(av_write_trailer(oc), "finishing the segment");
      opened = false;
      return TsPackets.withoutPid(closeBuffer(oc), SDT_PID);
    } finally {
      av_packet_free(pkt);
      if (opened) {
        closeBuffer(oc);
      }
      avformat_free_context(oc);
    }
  }

  /** Takes the bytes out of the context's memory buffer and frees the buffer. */
  private static byte[] closeBuffer(AVFormatContext oc) {
    BytePointer buffer = new BytePointer((Pointer) null);
    int size = avio_close_dyn_buf(oc.pb(), buffer);
    oc.pb(null);
    try {
      byte[] out = new byte[Math.max(0, size)];
      buffer.capacity(out.length).get(out);
      return out;
    } finally {
      av_free(buffer);
    }
  }
}
