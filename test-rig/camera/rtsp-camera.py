#!/usr/bin/python3
"""An IP camera on loopback: serves a video file in an endless loop, or a live test pattern, as H.264 over RTSP.

Run with Debian's /usr/bin/python3 (it sees python3-gi). Prints `READY rtsp://127.0.0.1:PORT/PATH` once it
listens, exits 0 on SIGTERM or SIGINT, and exits 1 with a line on stderr when it cannot start or its
pipeline fails.

The camera runs from start to exit whether or not anyone watches: a producer pipeline plays the source in
real time into an appsink, and every decoded frame is handed to the appsrc of each RTSP media (one media,
shared by all clients), which stamps it with its own running time on arrival. So clients see every frame
exactly once, with timestamps that only go forward, and never an EOS.

A file loops by a flushing seek to its start on EOS: the sink has shown the last frame for its full duration
by then. (Non-flushing segment seeks were tried: qtdemux with an edit list accumulates the segment base one
frame short, so the last frame of each loop was lost. intervideosink/intervideosrc were tried as the link:
intervideosrc samples on its own clock and duplicated or dropped about one frame in fifteen.)
"""

import argparse
import os
import signal
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstPbutils", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstPbutils, GstRtspServer  # noqa: E402

START_TIMEOUT_S = 10
FRAMES_SINK = "appsink name=frames sync=true max-buffers=1 drop=true emit-signals=true"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8554, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--path", default="/cam", help="mount path, e.g. /cam")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", help="video file to serve in a loop")
    source.add_argument("--testsrc", action="store_true", help="live moving test pattern")
    parser.add_argument("--width", type=int, help="frame width (testsrc default 640; file: scale to it)")
    parser.add_argument("--height", type=int, help="frame height (testsrc default 480; file: scale to it)")
    parser.add_argument("--fps", type=int, help="frame rate (testsrc default 10; file: resample to it)")
    parser.add_argument("--kbps", type=int, default=2000, help="H.264 bitrate in kbit/s")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin closes (so a crashed parent leaves no camera behind)")
    args = parser.parse_args()
    if not args.path.startswith("/"):
        args.path = "/" + args.path
    for key in ("width", "height", "fps", "kbps"):
        value = getattr(args, key)
        if value is not None and value <= 0:
            parser.error(f"--{key} must be positive, got {value}")
    return args


def fail(message):
    print(f"rtsp-camera: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def file_format(path):
    """Width, height and whole-number fps of the file's first video stream."""
    try:
        info = GstPbutils.Discoverer.new(5 * Gst.SECOND).discover_uri(Gst.filename_to_uri(path))
    except GLib.Error as error:
        fail(f"cannot read video file {path}: {error.message}")
    streams = info.get_video_streams()
    if not streams:
        fail(f"no video stream in {path}")
    video = streams[0]
    num, den = video.get_framerate_num(), video.get_framerate_denom()
    fps = round(num / den) if num > 0 and den > 0 else 10
    return video.get_width(), video.get_height(), max(fps, 1)


def raw_caps(width, height, fps=None):
    rate = f",framerate={fps}/1" if fps else ""
    return f"video/x-raw,format=I420,width={width},height={height}{rate},pixel-aspect-ratio=1/1"


class FrameFanout:
    """Hands each frame of the producer to the appsrc of every playing RTSP media.

    Frames arrive on the producer's streaming thread; medias come and go on the RTSP server's threads.
    Each frame is stamped from the media's clock, but never less than one frame after the previous one:
    like a real camera's frame clock, and steady even when a loaded machine delivers frames in bursts.
    """

    def __init__(self, fps):
        self.lock = threading.Lock()
        self.sources = []
        self.frame_ns = Gst.SECOND // (fps or 25)
        self.last_pts = {}

    def attach(self, appsink):
        appsink.connect("new-sample", self.on_sample)

    def on_sample(self, appsink):
        buffer = appsink.emit("pull-sample").get_buffer()
        with self.lock:
            sources = list(self.sources)
        for source in sources:
            if source.current_state != Gst.State.PLAYING:
                continue
            clock = source.get_clock()
            if clock is None:
                continue
            now = clock.get_time() - source.get_base_time()
            last = self.last_pts.get(source)
            pts = now if last is None else max(now, last + self.frame_ns)
            self.last_pts[source] = pts
            frame = buffer.copy()
            frame.pts = frame.dts = pts
            frame.duration = self.frame_ns
            source.emit("push-buffer", frame)
        return Gst.FlowReturn.OK

    def on_media(self, _factory, media):
        source = media.get_element().get_by_name("frames")
        with self.lock:
            self.sources.append(source)
        media.connect("unprepared", lambda _media: self.forget(source))

    def forget(self, source):
        with self.lock:
            if source in self.sources:
                self.sources.remove(source)
            self.last_pts.pop(source, None)


class Producer:
    """Plays a pipeline into the fan-out; restarts it at EOS when `loops`, calls `on_error(text)` on an error.

    All calls on the GLib main thread.
    """

    def __init__(self, pipeline, loops, on_error):
        self.pipeline = pipeline
        self.loops = loops
        self.on_error = on_error
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message", self.on_message)

    def start(self, fanout):
        fanout.attach(self.pipeline.get_by_name("frames"))
        self.pipeline.set_state(Gst.State.PLAYING)
        wait_for_state(self.pipeline)

    def on_message(self, _bus, message):
        if message.type == Gst.MessageType.EOS and self.loops:
            flags = Gst.SeekFlags.FLUSH
            if not self.pipeline.seek(1.0, Gst.Format.TIME, flags, Gst.SeekType.SET, 0, Gst.SeekType.NONE, -1):
                self.on_error("seeking back to the start of the file failed")
        elif message.type == Gst.MessageType.EOS:
            self.on_error("the source ended")
        elif message.type == Gst.MessageType.ERROR:
            error, _debug = message.parse_error()
            self.on_error(f"the camera pipeline failed: {error.message}")

    def stop(self):
        self.pipeline.set_state(Gst.State.NULL)


def looping_file(path, caps, resample, on_error):
    rate = "videorate ! " if resample else ""
    pipeline = Gst.parse_launch(
        f"filesrc name=file ! decodebin ! videoconvert ! videoscale ! {rate}{caps} ! {FRAMES_SINK}")
    pipeline.get_by_name("file").set_property("location", path)
    return Producer(pipeline, True, on_error)


def test_pattern(caps, on_error):
    pipeline = Gst.parse_launch(
        f"videotestsrc is-live=true pattern=smpte horizontal-speed=4 ! {caps} "
        f"! timeoverlay font-desc=\"Sans 24\" ! {FRAMES_SINK}")
    return Producer(pipeline, False, on_error)


def wait_for_state(pipeline):
    result, _state, _pending = pipeline.get_state(START_TIMEOUT_S * Gst.SECOND)
    if result == Gst.StateChangeReturn.FAILURE or result == Gst.StateChangeReturn.ASYNC:
        fail(f"camera pipeline did not start within {START_TIMEOUT_S} s ({result.value_nick})")


def rtsp_server(args, caps, fps, fanout):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        f"( appsrc name=frames is-live=true format=time max-buffers=4 leaky-type=downstream "
        f"caps=\"{caps}\" ! x264enc tune=zerolatency threads=1 speed-preset=veryfast bitrate={args.kbps} "
        f"key-int-max={2 * fps} ! video/x-h264,profile=main ! rtph264pay name=pay0 pt=96 config-interval=-1 )")
    factory.set_shared(True)
    factory.connect("media-configure", fanout.on_media)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    server.get_mount_points().add_factory(args.path, factory)
    try:
        server.create_source(None).attach(None)
    except GLib.Error as error:
        fail(f"cannot listen on 127.0.0.1:{args.port}: {error.message}")
    return server


def main():
    args = parse_args()
    Gst.init(None)
    loop = GLib.MainLoop()
    exit_code = 0

    def on_error(text):
        nonlocal exit_code
        print(f"rtsp-camera: {text}", file=sys.stderr, flush=True)
        exit_code = 1
        loop.quit()

    if args.file:
        width, height, fps = file_format(args.file)
        width, height, fps = args.width or width, args.height or height, args.fps or fps
        camera = looping_file(args.file, raw_caps(width, height, args.fps), args.fps is not None, on_error)
    else:
        width, height, fps = args.width or 640, args.height or 480, args.fps or 10
        camera = test_pattern(raw_caps(width, height, fps), on_error)
    fanout = FrameFanout(fps)
    camera.start(fanout)
    server = rtsp_server(args, raw_caps(width, height, fps), fps, fanout)

    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, lambda *_: loop.quit() or GLib.SOURCE_REMOVE)
    if args.exit_with_stdin:
        GLib.unix_fd_add_full(GLib.PRIORITY_DEFAULT, sys.stdin.fileno(),
                              GLib.IOCondition.IN | GLib.IOCondition.HUP | GLib.IOCondition.ERR,
                              lambda fd, _condition: stdin_closed(fd, loop))
    print(f"READY rtsp://127.0.0.1:{server.get_bound_port()}{args.path}", flush=True)
    loop.run()
    camera.stop()
    sys.exit(exit_code)


def stdin_closed(fd, loop):
    """Quits at end of input; anything written to stdin is read and ignored."""
    if not os.read(fd, 4096):
        loop.quit()
        return GLib.SOURCE_REMOVE
    return GLib.SOURCE_CONTINUE


if __name__ == "__main__":
    main()
