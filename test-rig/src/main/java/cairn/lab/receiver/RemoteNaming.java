package cairn.lab.receiver;

/**
 * Where the uplink puts segment {@code sequence} of {@code camera} on the server: a path relative to the receiver's
 * root, without a leading slash. The uplink's naming is not fixed yet, so the checker takes it as a parameter.
 */
@FunctionalInterface
public interface RemoteNaming {

    /**
     * The assumed default: the spool's own layout, {@code <camera>/<sequence as 12 digits>.ts}, e.g.
     * {@code cam1/000000000042.ts}.
     */
    RemoteNaming SPOOL_LAYOUT = (camera, sequence) -> camera + "/" + String.format("%012d", sequence) + ".ts";

    String path(String camera, long sequence);
}
